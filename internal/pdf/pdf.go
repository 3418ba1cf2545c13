// Package pdf prints pages of a built site to PDF files with a headless
// Chromium, driven through the DevTools protocol (github.com/chromedp/chromedp).
//
// It serves the in-memory site (output.Files) on a loopback HTTP server under
// the base path of the published site, so the page loads its stylesheets,
// fonts and images exactly as a reader's browser would, and prints it in
// print media on A4 (or the size its @page rule sets) as a tagged PDF with an
// outline made from the headings. Links that leave the page point at the
// published site, not at the loopback server.
//
// Chromium writes the time and a random file identifier into every PDF. Print
// replaces them in place (same length, so the cross-reference table stays
// valid) with a date the caller chooses and a hash of the content: the same
// site always gives the same bytes, so a deploy uploads a PDF only when it
// really changed.
//
// Without a Chromium, Print returns a *NoChromiumError saying why; callers
// skip the PDFs and carry on.
package pdf

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/output"
)

// EnvChromium names the environment variable that chooses the browser
// program, before the usual names are looked up in PATH.
const EnvChromium = "ALMANAC_CHROMIUM"

// browserNames are the programs FindChromium looks for in PATH, in order.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome"}

// DefaultTimeout limits the printing of one PDF.
const DefaultTimeout = 90 * time.Second

// startTimeout limits the start of the browser.
const startTimeout = 60 * time.Second

// A4 is the paper size used when the page's stylesheet sets none, in inches.
const a4Width, a4Height = 8.27, 11.69

// ChromiumOptions are the flags almanac runs Chromium with: headless, with
// no sandbox (CI runs as root), and quiet on the network apart from the
// pages it is sent to — no updates, sync or background requests, which a
// closed network would refuse many times a second.
func ChromiumOptions(execPath string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("force-color-profile", "srgb"),
	}
}

// NoChromiumError says that no browser could be found, and why.
type NoChromiumError struct{ Reason string }

func (e *NoChromiumError) Error() string { return e.Reason }

// FindChromium returns the path of the browser to print with: the program
// named by $ALMANAC_CHROMIUM, or else the first of chromium, chromium-browser
// and google-chrome found in PATH. It returns a *NoChromiumError when there
// is none.
func FindChromium() (string, error) {
	if name := os.Getenv(EnvChromium); name != "" {
		p, err := exec.LookPath(name)
		if err != nil {
			return "", &NoChromiumError{Reason: fmt.Sprintf("%s=%s is not a program that can be run (%v)", EnvChromium, name, unwrapExec(err))}
		}
		return p, nil
	}
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", &NoChromiumError{Reason: "no Chromium found (install the chromium package)"}
}

func unwrapExec(err error) error {
	var e *exec.Error
	if errors.As(err, &e) {
		return e.Err
	}
	return err
}

// Job is one PDF to print.
type Job struct {
	Page string    // the output file of the page to print: "zh/2019/print/index.html"
	Out  string    // the output file of the PDF: "zh/2019/report-2019-zh.pdf"
	Date time.Time // written as the PDF's creation and modification date
}

// Options configure Print.
type Options struct {
	// Chromium is the browser program; "" finds one with FindChromium.
	Chromium string
	// BaseURL is the address the site is published at
	// ("https://mzj.xm.gov.cn/report/"). Its path is the prefix of the
	// pages' root-relative links, so the loopback server serves the files
	// under it; links in the PDF that lead out of the page point at it.
	BaseURL string
	// Timeout limits each PDF; 0 means DefaultTimeout.
	Timeout time.Duration
}

// File is a printed PDF.
type File struct {
	Out   string // the output file, as in the Job
	Data  []byte
	Pages int
}

// Print prints every job's page from files with one headless browser and
// returns the PDFs in the order of jobs. It does not change files.
//
// It returns a *NoChromiumError when there is no browser to print with; any
// other error (the browser does not start, crashes, a page is missing or
// fails to load, a timeout) means the PDFs could not be made.
func Print(ctx context.Context, files output.Files, jobs []Job, opt Options) ([]*File, error) {
	if len(jobs) == 0 {
		return nil, nil
	}
	browser := opt.Chromium
	if browser == "" {
		var err error
		if browser, err = FindChromium(); err != nil {
			return nil, err
		}
	}
	timeout := opt.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	base, err := url.Parse(opt.BaseURL)
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("pdf: base URL %q is not an absolute address", opt.BaseURL)
	}
	basePath := base.Path
	if !strings.HasSuffix(basePath, "/") {
		basePath += "/"
	}
	for _, j := range jobs {
		if _, ok := files[j.Page]; !ok {
			return nil, fmt.Errorf("cannot print %s to PDF: the page was not built", j.Page)
		}
	}

	srv, err := serve(files, basePath)
	if err != nil {
		return nil, err
	}
	defer srv.close()

	var browserLog tailBuffer
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, append(ChromiumOptions(browser),
		chromedp.CombinedOutput(&browserLog),
		// No user-data-dir: the allocator makes a fresh temporary one and
		// removes it when the browser stops.
	)...)
	defer cancelAlloc()
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx)
	defer cancelBrowser()
	if err := withTimeout(startTimeout, cancelBrowser, func() error { return chromedp.Do(browserCtx) }); err != nil {
		return nil, fmt.Errorf("cannot start %s to print the PDFs: %v%s", browser, err, browserLog.tail())
	}

	out := make([]*File, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4) // tabs at a time
	for i, j := range jobs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i], errs[i] = printOne(browserCtx, srv.url(basePath+strings.TrimSuffix(j.Page, "index.html")), j, opt.BaseURL, basePath, timeout)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		if ctx.Err() == nil && browserCtx.Err() != nil {
			err = fmt.Errorf("%w%s", err, browserLog.tail())
		}
		return nil, err
	}
	if missing := srv.notFound(); len(missing) > 0 {
		return nil, fmt.Errorf("cannot print the PDFs: the pages use files that were not built: %s", strings.Join(missing, ", "))
	}
	return out, nil
}

// withTimeout runs f, calling cancel when it takes longer than d, and then
// reports the timeout rather than the cancellation f returns.
func withTimeout(d time.Duration, cancel func(), f func() error) error {
	var timedOut atomic.Bool
	t := time.AfterFunc(d, func() { timedOut.Store(true); cancel() })
	err := f()
	t.Stop()
	if err != nil && timedOut.Load() {
		return fmt.Errorf("timed out after %v", d)
	}
	return err
}

// printOne prints one page in a tab of its own.
func printOne(browserCtx context.Context, pageURL string, j Job, baseURL, basePath string, timeout time.Duration) (*File, error) {
	tabCtx, cancel := chromedp.NewContext(browserCtx)
	defer cancel()
	var data []byte
	var headings []string
	err := withTimeout(timeout, cancel, func() error {
		if _, err := chromedp.Call(tabCtx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			return err
		}
		resp, err := chromedp.Run(tabCtx, chromedp.NavigateResponse(pageURL))
		if err != nil {
			return err
		}
		if resp.Status != http.StatusOK {
			return fmt.Errorf("the page answered %d %s", resp.Status, resp.StatusText)
		}
		// Wait for images and web fonts: printing before they load would
		// leave images out and embed a fallback font.
		if _, err := chromedp.Run(tabCtx, chromedp.Evaluate[int](settle, chromedp.EvalAwaitPromise)); err != nil {
			return fmt.Errorf("waiting for images and fonts: %w", err)
		}
		if _, err := chromedp.Run(tabCtx, chromedp.Evaluate[int](rewriteLinks(baseURL, basePath))); err != nil {
			return fmt.Errorf("pointing links at %s: %w", baseURL, err)
		}
		if headings, err = chromedp.Run(tabCtx, chromedp.Evaluate[[]string](headingsScript)); err != nil {
			return fmt.Errorf("reading the headings: %w", err)
		}
		data, err = chromedp.Run(tabCtx, chromedp.PrintToPDF(
			chromedp.PDFPaper(chromedp.PaperSize{Width: a4Width, Height: a4Height}),
			chromedp.PDFPreferCSSPageSize(),
			chromedp.PDFPrintBackground(),
			chromedp.PDFOutlineAndTagged(),
			chromedp.PDFStream(),
		))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("printing %s to PDF: %w", j.Page, err)
	}
	data = fixOutline(data, headings)
	Normalize(data, j.Date)
	n, err := PageCount(data)
	if err != nil {
		return nil, fmt.Errorf("printing %s to PDF: %w", j.Page, err)
	}
	return &File{Out: j.Out, Data: data, Pages: n}, nil
}

// settle is a script that loads every image now, lazy or not, and waits for
// the images and fonts.
const settle = `(async () => {
  const imgs = [...document.images];
  for (const img of imgs) if (img.loading === 'lazy') img.loading = 'eager';
  await Promise.all(imgs.map(img => img.complete ? null :
    new Promise(done => { img.addEventListener('load', done, {once: true}); img.addEventListener('error', done, {once: true}); })));
  await document.fonts.ready;
  return imgs.length;
})()`

// rewriteLinks is a script that points every link leaving the page at the
// published site: the loopback server's address would otherwise end up in
// the PDF. Links within the page stay, and become links within the PDF.
func rewriteLinks(baseURL, basePath string) string {
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	return fmt.Sprintf(`(() => {
  const base = %s, basePath = %s;
  const here = location.href.split('#')[0];
  let n = 0;
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    const u = new URL(a.getAttribute('href'), location.href);
    if (u.origin !== location.origin || u.href.split('#')[0] === here) continue;
    const rest = u.pathname.startsWith(basePath) ? u.pathname.slice(basePath.length) : u.pathname.replace(/^\//, '');
    a.setAttribute('href', base + rest + u.search + u.hash);
    n++;
  }
  return n;
})()`, jsString(baseURL), jsString(basePath))
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// tailBuffer keeps the end of the browser's output for error messages.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
}

const tailMax = 2048

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > 2*tailMax {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-tailMax:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) tail() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := strings.TrimSpace(string(t.buf))
	if len(s) > tailMax {
		s = s[len(s)-tailMax:]
	}
	if s == "" {
		return ""
	}
	return "\nthe browser said:\n" + s
}
