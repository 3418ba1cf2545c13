package browsertest

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestLanguageSwitchKeepsPlace: a reader at a heading of a section who
// switches language lands on the same heading of the same section in the
// other language, in both directions.
func TestLanguageSwitchKeepsPlace(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 800)
	for _, tt := range []struct{ from, to, hash string }{
		{"zh/2019/highlights/", "en/2019/highlights/", "#child-welfare"},
		{"en/2019/three-social-linkage/", "zh/2019/three-social-linkage/", "#social-work-talent"},
		{"zh/2019/print/", "en/2019/print/", "#highlights"},
		{"zh/2019/", "en/2019/", ""},
	} {
		open(t, ctx, tt.from+tt.hash)
		lang := strings.SplitN(tt.to, "/", 2)[0]
		clickAndWait(t, ctx, `.language-switch a[hreflang^="`+lang+`"]`)
		noErrors(t, ctx, tt.to)
		href := eval[string](t, ctx, `location.href`)
		if want := s.URL(tt.to) + tt.hash; href != want {
			t.Errorf("switching language on %s%s: landed on %s, want %s", tt.from, tt.hash, href, want)
			continue
		}
		if tt.hash == "" {
			continue
		}
		top := eval[float64](t, ctx, `document.getElementById(`+jsQuote(tt.hash[1:])+`).getBoundingClientRect().top`)
		if top < -1 || top > 200 {
			t.Errorf("%s%s: the heading is %.0f px from the top of the window, want it at the top", tt.to, tt.hash, top)
		}
	}
}

// TestLanguageSwitchKeepsScrolledPlace: most readers scroll rather than
// arrive by a link to a heading; the switch keeps the heading, chart or
// print-edition section they stopped at to read, although reaching the
// switch in the header scrolls them back to the top.
func TestLanguageSwitchKeepsScrolledPlace(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 800)
	for _, tt := range []struct{ from, to, id string }{
		{"zh/2019/highlights/", "en/2019/highlights/", "community-governance"},
		{"en/2019/three-social-linkage/", "zh/2019/three-social-linkage/", "chart-work-subsidies-by-grade"},
		{"zh/2019/print/", "en/2019/print/", "highlights-title"},
	} {
		open(t, ctx, tt.from)
		// The place sits just below the top of the window, as when reading it.
		eval[float64](t, ctx, `(() => { const top = document.getElementById(`+jsQuote(tt.id)+`).getBoundingClientRect().top; window.scrollTo({top: scrollY + top - 10, behavior: "instant"}); return scrollY })()`)
		time.Sleep(time.Second) // reading it
		lang := strings.SplitN(tt.to, "/", 2)[0]
		clickAndWait(t, ctx, `.language-switch a[hreflang^="`+lang+`"]`)
		noErrors(t, ctx, tt.to)
		if href, want := eval[string](t, ctx, `location.href`), s.URL(tt.to)+"#"+tt.id; href != want {
			t.Errorf("switching language scrolled to #%s on %s: landed on %s, want %s", tt.id, tt.from, href, want)
		}
	}
	// A reader who has not scrolled has no place to keep.
	open(t, ctx, "zh/2019/highlights/")
	clickAndWait(t, ctx, `.language-switch a[hreflang^="en"]`)
	if href, want := eval[string](t, ctx, `location.href`), s.URL("en/2019/highlights/"); href != want {
		t.Errorf("switching language at the top of the page: landed on %s, want %s", href, want)
	}
}

func jsQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// fontSize is the computed font size, in px, of the first element sel.
func fontSize(t *testing.T, ctx context.Context, sel string) float64 {
	t.Helper()
	return eval[float64](t, ctx, `parseFloat(getComputedStyle(document.querySelector(`+jsQuote(sel)+`)).fontSize)`)
}

func pressed(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `[...document.querySelectorAll("button[data-text-size]")].filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.dataset.textSize).join(",")`)
}

// TestTextSize: 大 enlarges the body text, the choice holds on the next page
// (in the other language too), works by keyboard, and 中 returns to the
// default and forgets the choice.
func TestTextSize(t *testing.T) {
	ctx := tab(t, 1280, 800)
	open(t, ctx, "zh/2019/highlights/")
	labels := eval[string](t, ctx, `[...document.querySelectorAll(".text-size button")].map((b) => b.textContent.trim()).join("")`)
	if labels != "大中小" {
		t.Errorf("Chinese text size buttons read %q, want 大中小", labels)
	}
	if !eval[bool](t, ctx, `getComputedStyle(document.querySelector(".page-tools")).display !== "none"`) {
		t.Fatal("the reading tools are hidden although JavaScript runs")
	}
	if got := pressed(t, ctx); got != "default" {
		t.Errorf("pressed button %q on a first visit, want default", got)
	}
	base := fontSize(t, ctx, ".prose p")
	if base < 16 {
		t.Errorf("default body text is %.1f px, want at least 16", base)
	}

	do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-text-size="large"]`), chromedp.NodeVisible))
	large := fontSize(t, ctx, ".prose p")
	if math.Abs(large/base-4.0/3) > 0.02 {
		t.Errorf("大: body text %.1f px, %.2f× the default; want 150%% of the browser default, 1.33× the default", large, large/base)
	}
	if got := pressed(t, ctx); got != "large" {
		t.Errorf("after 大 the pressed button is %q", got)
	}

	// The choice holds across pages, in both languages, before site.js runs.
	for _, p := range []string{"zh/2019/three-social-linkage/", "en/2019/"} {
		open(t, ctx, p)
		if got := fontSize(t, ctx, ".prose p"); math.Abs(got-large) > 0.5 {
			t.Errorf("%s: body text %.1f px after choosing 大 on another page, want %.1f", p, got, large)
		}
		if got := pressed(t, ctx); got != "large" {
			t.Errorf("%s: pressed button %q, want large", p, got)
		}
	}
	labels = eval[string](t, ctx, `[...document.querySelectorAll(".text-size button")].map((b) => b.textContent.trim()).join("/")`)
	if labels != "Larger/Default/Smaller" {
		t.Errorf("English text size buttons read %q", labels)
	}

	// By keyboard: focus Smaller, press Enter; then Default with Space.
	do(t, ctx, chromedp.Focus(chromedp.CSS(`button[data-text-size="small"]`)), chromedp.KeyEvent(kb.Enter))
	if got := pressed(t, ctx); got != "small" {
		t.Errorf("Enter on Smaller: pressed %q", got)
	}
	small := fontSize(t, ctx, ".prose p")
	do(t, ctx, chromedp.Focus(chromedp.CSS(`button[data-text-size="default"]`)), chromedp.KeyEvent(" "))
	if got := pressed(t, ctx); got != "default" {
		t.Errorf("Space on Default: pressed %q", got)
	}
	def := fontSize(t, ctx, ".prose p")
	if !(small < def && def < large) {
		t.Errorf("sizes small %.1f, default %.1f, large %.1f px: want increasing", small, def, large)
	}
	if stored := eval[*string](t, ctx, `localStorage.getItem("almanac-text-size")`); stored != nil {
		t.Errorf("Default should forget the choice, localStorage holds %q", *stored)
	}
}

// TestTextSizeBeforeFirstPaint: the stored size is applied by the small
// script in <head>, not by the deferred site.js, so the page never paints
// at one size and jumps to another. With site.js blocked, the size holds.
func TestTextSizeBeforeFirstPaint(t *testing.T) {
	ctx := tab(t, 1280, 800)
	open(t, ctx, "zh/")
	eval[any](t, ctx, setTextSize("large"))
	do(t, ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, network.SetBlockedURLs, network.SetBlockedURLsParams{
			URLPatterns: []*network.BlockPattern{{URLPattern: shared.server.URL("js/site.js"), Block: true}}})
		return err
	}))
	do(t, ctx, chromedp.Navigate(shared.server.URL("zh/2019/")))
	if got := eval[string](t, ctx, `document.documentElement.getAttribute("data-text-size") + " " + document.documentElement.className.trim()`); got != "large js" {
		t.Errorf("with site.js blocked, <html> has data-text-size and class %q, want \"large js\"", got)
	}
}

// TestWithoutJavaScript: the pages work without scripts; the buttons that
// need them are not shown.
func TestWithoutJavaScript(t *testing.T) {
	ctx := tab(t, 1280, 800)
	do(t, ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	do(t, ctx, chromedp.Navigate(shared.server.URL("zh/2019/highlights/")))
	got := eval[map[string]bool](t, ctx, `({
		tools: getComputedStyle(document.querySelector(".page-tools")).display !== "none",
		text: document.querySelector(".prose p").getBoundingClientRect().height > 0,
		chart: document.querySelector(".chart-svg").getBoundingClientRect().height > 0,
	})`)
	if got["tools"] {
		t.Error("the text size and print buttons show without JavaScript, where they cannot work")
	}
	if !got["text"] || !got["chart"] {
		t.Errorf("content missing without JavaScript: %v", got)
	}
}

// TestPrint: the print button prints; in print the navigation, buttons and
// screen-only parts are gone, the charts' data tables and the QR code of the
// page's address are shown; beforeprint opens closed <details>.
func TestPrint(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 800)

	open(t, ctx, "zh/2019/highlights/")
	eval[any](t, ctx, `window.print = () => { window.__printed = (window.__printed || 0) + 1; }`)
	if label := eval[string](t, ctx, `document.querySelector("button[data-print]").textContent.trim()`); label != "打印" {
		t.Errorf("print button reads %q, want 打印", label)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS("button[data-print]"), chromedp.NodeVisible))
	if n := eval[int](t, ctx, `window.__printed || 0`); n != 1 {
		t.Errorf("the print button called window.print %d times, want once", n)
	}

	// beforeprint opens closed <details>, afterprint closes them again.
	states := eval[[]int](t, ctx, `(() => {
		const open = () => document.querySelectorAll("details[open]").length;
		const before = open();
		window.dispatchEvent(new Event("beforeprint"));
		const during = open();
		window.dispatchEvent(new Event("afterprint"));
		return [before, during, open(), document.querySelectorAll("details").length];
	})()`)
	if states[0] != 0 || states[1] != states[3] || states[2] != 0 {
		t.Errorf("open <details> before, during and after printing: %v of %d, want 0, all, 0", states[:3], states[3])
	}

	hidden := []string{".skip-link", ".language-switch", ".breadcrumbs", ".page-tools", "button[data-print]", ".toc", ".prev-next", ".back-to-top", ".chart-download", ".chart-data summary", ".qr-panel summary"}
	shown := []string{"h1", ".prose p", ".chart-svg", ".chart-data table", ".qr", ".qr-url"}
	for _, p := range []string{"zh/2019/highlights/", "en/2019/three-social-linkage/", "zh/2019/"} {
		do(t, ctx, emulateMedia("print"))
		open(t, ctx, p)
		for _, sel := range hidden {
			if eval[bool](t, ctx, `[...document.querySelectorAll(`+jsQuote(sel)+`)].some((e) => e.getClientRects().length > 0)`) {
				t.Errorf("%s: %s shows in print", p, sel)
			}
		}
		for _, sel := range shown {
			if !eval[bool](t, ctx, `(() => { const e = document.querySelector(`+jsQuote(sel)+`); return !!e && e.checkVisibility() && e.getBoundingClientRect().height > 0; })()`) {
				if sel == ".chart-svg" || sel == ".chart-data table" {
					if !eval[bool](t, ctx, `!!document.querySelector(".chart")`) {
						continue // a page without charts
					}
				}
				t.Errorf("%s: %s does not show in print", p, sel)
			}
		}
		qr := eval[map[string]string](t, ctx, `({url: document.querySelector(".qr-url").textContent.trim(), canonical: document.querySelector("link[rel=canonical]").href, title: document.querySelector("svg.qr title").textContent})`)
		if qr["url"] != qr["canonical"] || qr["url"] != s.URL(p) {
			t.Errorf("%s: the printed QR code's address is %q, want the canonical %q", p, qr["url"], qr["canonical"])
		}
		if want := map[bool]string{true: "扫一扫在手机端打开当前页", false: "Scan to open this page on your phone"}[strings.HasPrefix(p, "zh/")]; qr["title"] != want {
			t.Errorf("%s: QR code titled %q, want %q", p, qr["title"], want)
		}
		// External addresses are printed after their links; the site's own are not.
		after := eval[[]string](t, ctx, `(() => {
			const prose = document.querySelector(".prose");
			prose.insertAdjacentHTML("beforeend", '<p><a id="ext" href="https://www.mca.gov.cn/">x</a> <a id="rel" href="`+shared.server.Result.Config.BasePath()+`zh/">z</a></p>');
			return ["ext", "rel"].map((id) => getComputedStyle(document.getElementById(id), "::after").content);
		})()`)
		if !strings.Contains(after[0], "https://www.mca.gov.cn/") || after[1] != "none" {
			t.Errorf("%s: printed after an external link %s, after an internal one %s; want the address, then nothing", p, after[0], after[1])
		}
		do(t, ctx, emulateMedia(""))
		open(t, ctx, p)
		if eval[bool](t, ctx, `document.querySelector(".qr").checkVisibility()`) {
			t.Errorf("%s: the QR code shows on screen before the reader asks for it", p)
		}
	}
}

// TestPrintEdition: the print edition of each language holds a cover with
// the key figures, the contents, every section in order with all of its
// charts and their data tables, and a QR code of the online edition.
func TestPrintEdition(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 800)
	do(t, ctx, emulateMedia("print"))
	for _, r := range s.Result.Site.Reports {
		for lang, pr := range r.Prints {
			open(t, ctx, pr.Path)
			got := eval[map[string]any](t, ctx, `({
				sections: [...document.querySelectorAll(".print-section > h2")].map((h) => h.textContent.trim()),
				contents: [...document.querySelectorAll(".print-contents li a")].map((a) => a.getAttribute("href")),
				keyFigures: document.querySelectorAll(".print-cover .key-figure").length,
				charts: document.querySelectorAll(".print-section .chart").length,
				tablesShown: [...document.querySelectorAll(".chart-data table")].filter((t) => t.checkVisibility() && t.getBoundingClientRect().height > 0).length,
				qr: document.querySelector(".edition-qr .qr-url").textContent,
				qrShown: document.querySelector(".edition-qr svg").checkVisibility(),
				breaks: [...document.querySelectorAll(".print-section")].every((e) => getComputedStyle(e).breakBefore === "page"),
			})`)
			var want []any
			charts := 0
			for _, sp := range r.SectionPages(lang) {
				want = append(want, sp.Title)
				charts += len(sp.Doc.Charts)
			}
			if jsonString(got["sections"]) != jsonString(want) {
				t.Errorf("%s: sections %v, want %v", pr.Path, got["sections"], want)
			}
			if n := len(got["contents"].([]any)); n != len(want) {
				t.Errorf("%s: %d contents entries, want %d", pr.Path, n, len(want))
			}
			if n := int(got["keyFigures"].(float64)); n != len(r.Covers[lang].KeyFigures) {
				t.Errorf("%s: %d key figures on the cover, want %d", pr.Path, n, len(r.Covers[lang].KeyFigures))
			}
			if n := int(got["charts"].(float64)); n != charts || int(got["tablesShown"].(float64)) != charts {
				t.Errorf("%s: %v charts with %v data tables printed, want %d", pr.Path, got["charts"], got["tablesShown"], charts)
			}
			if !strings.HasSuffix(got["qr"].(string), s.URL(r.Covers[lang].Path)) || got["qrShown"] != true {
				t.Errorf("%s: QR code %q (shown %v), want the online edition %s", pr.Path, got["qr"], got["qrShown"], s.URL(r.Covers[lang].Path))
			}
			if got["breaks"] != true {
				t.Errorf("%s: every section should start on a new page", pr.Path)
			}
		}
	}
}

// TestNoHorizontalScroll: at 320 px and the largest text size, with every
// data table open, no page scrolls sideways and nothing sticks out.
func TestNoHorizontalScroll(t *testing.T) {
	ctx := tab(t, 320, 640)
	open(t, ctx, "")
	eval[any](t, ctx, setTextSize("large"))
	for _, p := range allPages(t) {
		open(t, ctx, p.path)
		eval[any](t, ctx, openAllDetails)
		got := eval[map[string]any](t, ctx, `(() => {
			const w = document.documentElement.clientWidth;
			const wide = [...document.querySelectorAll("body *")].filter((e) => {
				const r = e.getBoundingClientRect();
				return r.width > 0 && (r.right > w + 1 || r.left < -1) && !e.closest(".skip-link");
			}).slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.split(" ").join(".") : "") + " " + Math.round(e.getBoundingClientRect().right) + "px");
			return {scroll: document.documentElement.scrollWidth, width: w, size: document.documentElement.dataset.textSize, wide};
		})()`)
		if got["size"] != "large" {
			t.Fatalf("%s: text size %v, want large", p.path, got["size"])
		}
		if got["scroll"].(float64) > got["width"].(float64) || len(got["wide"].([]any)) > 0 {
			t.Errorf("%s at 320 px, 大: page %v px wide in a %v px window; too wide: %v", p.path, got["scroll"], got["width"], got["wide"])
		}
	}
}
