package browsertest

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/site"
)

// One site build, one server and one browser serve every test; each test
// gets its own tabs in its own browser context (its own localStorage).
var shared struct {
	once    sync.Once
	skip    string // why the tests cannot run, "" when they can
	err     error
	tmp     string
	server  *Server
	browser context.Context
	stop    context.CancelFunc
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.stop != nil {
		shared.stop()
	}
	if shared.server != nil {
		shared.server.Close()
	}
	if shared.tmp != "" {
		os.RemoveAll(shared.tmp)
	}
	os.Exit(code)
}

// env builds and serves the site and starts the browser, once. Without a
// Chromium the test is skipped, or fails under CI=true, where a skip would
// let CI pass without testing anything.
func env(t *testing.T) *Server {
	t.Helper()
	shared.once.Do(func() {
		exe, err := FindChromium()
		if err != nil {
			shared.skip = err.Error()
			return
		}
		shared.tmp, shared.err = os.MkdirTemp("", "almanac-browsertest-")
		if shared.err != nil {
			return
		}
		shared.server, shared.err = Serve(filepath.Join("..", ".."), filepath.Join(shared.tmp, "public"))
		if shared.err != nil {
			return
		}
		shared.browser, shared.stop, shared.err = NewBrowser(exe, filepath.Join(shared.tmp, "profile"))
	})
	if shared.skip != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s (CI=true: failing instead of skipping)", shared.skip)
		}
		t.Skip("browser tests skipped: " + shared.skip)
	}
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.server
}

// probe records, in every page the tab loads, what the console would show:
// Content-Security-Policy violations, script errors and failed loads.
const probe = `(() => {
  const errs = window.__almanacErrors = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    errs.push("Content-Security-Policy blocked " + e.violatedDirective + " " + e.blockedURI + " (" + e.sourceFile + ":" + e.lineNumber + ")"));
  window.addEventListener("error", (e) => {
    if (e.target && e.target !== window) errs.push("failed to load " + (e.target.src || e.target.href || e.target.tagName));
    else errs.push("script error: " + e.message + " (" + e.filename + ":" + e.lineno + ")");
  }, true);
})();`

// tab opens a tab in a new browser context with a viewport of width×height.
func tab(t *testing.T, width, height int64) context.Context {
	t.Helper()
	env(t)
	ctx, cancel := chromedp.NewContext(shared.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, height),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probe})
			return err
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	return ctx
}

// open loads the site path p in the tab and fails the test on any CSP
// violation, script error or failed load.
func open(t *testing.T, ctx context.Context, p string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(shared.server.URL(p))); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	// Deferred scripts have run by the load event; give the error events a tick.
	noErrors(t, ctx, p)
}

func noErrors(t *testing.T, ctx context.Context, p string) {
	t.Helper()
	errs := eval[[]string](t, ctx, `window.__almanacErrors || []`)
	for _, e := range errs {
		t.Errorf("%s: %s", p, e)
	}
}

// eval evaluates a JavaScript expression in the tab and returns its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluating %.80s…: %v", js, err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// emulateMedia switches the tab to "print" or back to "" (screen).
func emulateMedia(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

// clickAndWait clicks the element sel and waits for the page it loads.
func clickAndWait(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)))
	if err != nil {
		t.Fatalf("clicking %s: %v", sel, err)
	}
}

// pageCase is a page of the built site, named for subtests.
type pageCase struct {
	name string // "zh/section/highlights"
	path string // "zh/2019/highlights/"
	kind site.Kind
	lang string // "" for the bilingual pages
}

// allPages lists every HTML page of the built site: every kind of page in
// every language.
func allPages(t *testing.T) []pageCase {
	s := env(t)
	var out []pageCase
	for _, p := range s.Result.Site.Pages {
		name := string(p.Kind)
		if p.Section != nil {
			name += "/" + p.Section.Slug
		}
		lang := p.LangKey()
		if lang == "" {
			name = "root/" + name
		} else {
			name = lang + "/" + name
		}
		out = append(out, pageCase{name: name, path: p.Path, kind: p.Kind, lang: lang})
	}
	return out
}

// openAllDetails opens every <details> (the charts' data tables, the QR
// panel), so what they hide is checked too.
const openAllDetails = `document.querySelectorAll("details").forEach((d) => { d.open = true; })`

// setTextSize stores a text size as the buttons do, for the next page load.
func setTextSize(size string) string {
	return fmt.Sprintf(`localStorage.setItem("almanac-text-size", %q)`, size)
}

func jsonString(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func short(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
