// Package browsertest checks the built site in a real browser: Debian's
// Chromium, driven over the DevTools protocol with chromedp.
//
// The helpers here build the repository's site into a temporary folder,
// serve it on 127.0.0.1 with the production Content-Security-Policy and
// start one headless Chromium with a fresh profile. The tests (in the
// _test.go files) audit every kind of page in both languages with axe-core
// and check the reading tools: the language switch, the text size, elder
// mode, read aloud (with speechSynthesis stubbed, as a test machine has no
// voices), print and narrow screens.
//
// Chromium is found as $ALMANAC_CHROMIUM, or chromium, chromium-browser,
// google-chrome on the PATH. Without one the tests skip, saying so, except
// under CI=true, where they fail.
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/pdf"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/publish"
)

// Server is a built copy of a site, served over HTTP on 127.0.0.1.
type Server struct {
	// Base is the site's base URL on this server
	// ("http://127.0.0.1:40123/report/"): canonical URLs and QR codes in the
	// built pages point here.
	Base string
	// Dir is the folder the site was built into.
	Dir string
	// Result is the build, for tests that want the site model.
	Result *build.Result

	srv *http.Server
	ln  net.Listener
}

// Serve builds the site in siteDir into outDir and serves it at the path of
// the site's base URL, with the headers _headers gives pages in production
// (publish.SecurityHeaders: a Content-Security-Policy without inline
// scripts or styles), so the browser enforces what the CDN will.
func Serve(siteDir, outDir string) (*Server, error) {
	fsys := os.DirFS(siteDir)
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	basePath := cfg.BasePath()
	base := "http://" + ln.Addr().String() + basePath
	res, err := build.Run(fsys, build.Options{BaseURL: base, Dev: true})
	if err != nil {
		ln.Close()
		return nil, err
	}
	for name, b := range res.Files {
		p := filepath.Join(outDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			ln.Close()
			return nil, err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			ln.Close()
			return nil, err
		}
	}
	files := http.StripPrefix(strings.TrimSuffix(basePath, "/"), http.FileServer(http.Dir(outDir)))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range publish.SecurityHeaders {
			w.Header().Set(h[0], h[1])
		}
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	})
	s := &Server{Base: base, Dir: outDir, Result: res, ln: ln,
		srv: &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}}
	go s.srv.Serve(ln)
	return s, nil
}

// URL is the address of a site path ("zh/2019/") on the server.
func (s *Server) URL(path string) string {
	return s.Base + strings.TrimPrefix(path, "/")
}

// Path is the site path of an address on the server, "" when it is elsewhere.
func (s *Server) Path(address string) string {
	u, err := url.Parse(address)
	if err != nil {
		return ""
	}
	u.Fragment, u.RawFragment = "", ""
	rest, ok := strings.CutPrefix(u.String(), s.Base)
	if !ok {
		return ""
	}
	return rest
}

// Close stops the server.
func (s *Server) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.srv.Shutdown(ctx)
}

// ErrNoChromium is returned by FindChromium when no browser is installed.
var ErrNoChromium = errors.New("no Chromium found: install Debian's chromium (apt-get install chromium) or set ALMANAC_CHROMIUM to a Chromium or Chrome binary")

// FindChromium returns the browser the PDF printer would use
// ($ALMANAC_CHROMIUM, or chromium, chromium-browser, google-chrome on the PATH).
func FindChromium() (string, error) {
	p, err := pdf.FindChromium()
	var none *pdf.NoChromiumError
	if errors.As(err, &none) {
		return "", fmt.Errorf("%w (%s)", ErrNoChromium, none.Reason)
	}
	return p, err
}

// NewBrowser starts a headless Chromium at execPath with a fresh profile in
// userDataDir and returns a context for it: chromedp.NewContext on it opens a
// tab. Cancel stops the browser. The flags keep it quiet and offline apart
// from the pages it is sent to.
func NewBrowser(execPath, userDataDir string) (context.Context, context.CancelFunc, error) {
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(pdf.ChromiumOptions(execPath),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.UserDataDir(userDataDir),
		chromedp.WindowSize(1280, 900),
	)...)
	ctx, cancelBrowser := chromedp.NewContext(alloc)
	// The first Do starts the browser; it must not have a timeout (that
	// would stop the browser when it expires), so a watchdog cancels it
	// instead if it hangs.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	cancel := func() { cancelBrowser(); cancelAlloc() }
	select {
	case err := <-started:
		if err != nil {
			cancel()
			return nil, nil, fmt.Errorf("starting %s: %w", execPath, err)
		}
	case <-time.After(60 * time.Second):
		cancel()
		return nil, nil, fmt.Errorf("starting %s: no answer in 60s", execPath)
	}
	return ctx, cancel, nil
}
