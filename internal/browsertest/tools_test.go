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
		{"zh/2019/highlights/", "zh-hant/2019/highlights/", "#child-welfare"},
		{"zh-hant/2019/three-social-linkage/", "en/2019/three-social-linkage/", "#social-work-talent"},
		{"en/2019/print/", "zh-hant/2019/print/", "#highlights"},
	} {
		open(t, ctx, tt.from+tt.hash)
		clickAndWait(t, ctx, switchTo(tt.to))
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
		{"zh-hant/2019/highlights/", "zh/2019/highlights/", "community-governance"},
		{"zh/2019/three-social-linkage/", "zh-hant/2019/three-social-linkage/", "chart-work-subsidies-by-grade"},
	} {
		open(t, ctx, tt.from)
		// The place sits just below the top of the window, as when reading it.
		eval[float64](t, ctx, `(() => { const top = document.getElementById(`+jsQuote(tt.id)+`).getBoundingClientRect().top; window.scrollTo({top: scrollY + top - 10, behavior: "instant"}); return scrollY })()`)
		time.Sleep(time.Second) // reading it
		clickAndWait(t, ctx, switchTo(tt.to))
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

// switchTo selects the language switch's link to the edition of path.
func switchTo(path string) string {
	locale := map[string]string{"zh": "zh-Hans", "en": "en", "zh-hant": "zh-Hant"}[strings.SplitN(path, "/", 2)[0]]
	return `.language-switch a[hreflang="` + locale + `"]`
}

// TestTraditionalFonts: the 繁體中文 edition is set in the Traditional cuts
// of the fonts, the Simplified edition in the Simplified ones, and a
// language switch link in its own script's.
func TestTraditionalFonts(t *testing.T) {
	ctx := tab(t, 1280, 800)
	for _, tt := range []struct{ page, sel, first string }{
		{"zh-hant/2019/highlights/", "body", `"PingFang TC"`},
		{"zh-hant/2019/highlights/", `.language-switch a[hreflang="zh-Hans"]`, `"PingFang SC"`},
		{"zh/2019/highlights/", "body", `"PingFang SC"`},
		{"zh/2019/highlights/", `.language-switch a[hreflang="zh-Hant"]`, `"PingFang TC"`},
		{"zh-hant/2019/three-social-linkage/", ".chart-svg", `"PingFang TC"`},
	} {
		open(t, ctx, tt.page)
		family := eval[string](t, ctx, `getComputedStyle(document.querySelector(`+jsQuote(tt.sel)+`)).fontFamily`)
		if !strings.HasPrefix(family, tt.first) {
			t.Errorf("%s %s: font-family %s, want it to start with %s", tt.page, tt.sel, family, tt.first)
		}
	}
	do(t, ctx, emulateMedia("print"))
	open(t, ctx, "zh-hant/2019/print/")
	if family := eval[string](t, ctx, `getComputedStyle(document.body).fontFamily`); !strings.Contains(family, `"Noto Sans CJK TC"`) || strings.Contains(family, " SC") {
		t.Errorf("zh-hant print edition on paper: font-family %s", family)
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
		qr := eval[map[string]string](t, ctx, `({url: document.querySelector(".qr-url").textContent.trim(), canonical: document.querySelector("link[rel=canonical]").href, title: document.querySelector("svg.qr title").textContent, caption: document.querySelector(".qr-figure figcaption").textContent})`)
		if qr["url"] != qr["canonical"] || qr["url"] != s.URL(p) {
			t.Errorf("%s: the printed QR code's address is %q, want the canonical %q", p, qr["url"], qr["canonical"])
		}
		// The image says what it is; its caption, what it does.
		if want := map[bool]string{true: "二维码", false: "QR code"}[strings.HasPrefix(p, "zh/")]; qr["title"] != want {
			t.Errorf("%s: QR code titled %q, want %q", p, qr["title"], want)
		}
		if want := map[bool]string{true: "扫一扫在手机端打开当前页", false: "Scan to open this page on your phone"}[strings.HasPrefix(p, "zh/")]; !strings.HasPrefix(qr["caption"], want) {
			t.Errorf("%s: QR code captioned %q, want %q", p, qr["caption"], want)
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

// TestNoHorizontalScroll: at 320 px, at the default and the largest text
// size, with every data table open, no page scrolls sideways and nothing
// sticks out.
func TestNoHorizontalScroll(t *testing.T) {
	for _, size := range []string{"default", "large"} {
		t.Run(size, func(t *testing.T) { noHorizontalScroll(t, size) })
	}
}

func noHorizontalScroll(t *testing.T, size string) {
	ctx := tab(t, 320, 640)
	open(t, ctx, "")
	eval[any](t, ctx, setTextSize(size))
	for _, p := range allPages(t) {
		open(t, ctx, p.path)
		eval[any](t, ctx, openAllDetails)
		got := eval[map[string]any](t, ctx, `(() => {
			const w = document.documentElement.clientWidth;
			const wide = [...document.querySelectorAll("body *")].filter((e) => {
				const r = e.getBoundingClientRect();
				return r.width > 0 && (r.right > w + 1 || r.left < -1) && !e.closest(".skip-link, .visually-hidden");
			}).slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className.split(" ").join(".") : "") + " " + Math.round(e.getBoundingClientRect().right) + "px");
			return {scroll: document.documentElement.scrollWidth, width: w, size: document.documentElement.dataset.textSize, wide};
		})()`)
		if want := map[string]any{"large": "large", "default": nil}[size]; got["size"] != want {
			t.Fatalf("%s: text size %v, want %v", p.path, got["size"], want)
		}
		if got["scroll"].(float64) > got["width"].(float64) || len(got["wide"].([]any)) > 0 {
			t.Errorf("%s at 320 px, %s: page %v px wide in a %v px window; too wide: %v", p.path, size, got["scroll"], got["width"], got["wide"])
		}
	}
}

// TestFirstScreenAtLargeText: a reader who needs 大 on a phone sees the
// page's title on the first screen, not only the header, the breadcrumbs
// and the tools; and those stay there: the link to the other language,
// the way back up, the three text sizes and print.
func TestFirstScreenAtLargeText(t *testing.T) {
	for _, w := range []int64{320, 360, 414} {
		ctx := tab(t, w, 640)
		open(t, ctx, "")
		eval[any](t, ctx, setTextSize("large"))
		for _, p := range allPages(t) {
			open(t, ctx, p.path)
			got := eval[map[string]any](t, ctx, `(() => {
				const h1 = document.querySelector("h1"), r = h1.getBoundingClientRect();
				const line = parseFloat(getComputedStyle(h1).lineHeight);
				const onScreen = (sel) => [...document.querySelectorAll(sel)].filter((e) => {
					const b = e.getBoundingClientRect();
					return e.checkVisibility() && b.width > 0 && b.left >= 0 && b.right <= innerWidth && b.bottom <= innerHeight;
				}).length;
				return {
					size: document.documentElement.dataset.textSize, h1: r.top, line,
					language: onScreen(".language-switch a"), sizes: onScreen("button[data-text-size]"), print: onScreen("button[data-print]"),
					back: onScreen(".breadcrumbs a"), crumbs: document.querySelectorAll(".breadcrumbs a").length,
				};
			})()`)
			if got["size"] != "large" {
				t.Fatalf("%s: text size %v, want large", p.path, got["size"])
			}
			if top, line := got["h1"].(float64), got["line"].(float64); top+line > 640 {
				t.Errorf("%s at %d×640, 大: the title starts %.0f px down; its first line ends below the first screen", p.path, w, top)
			}
			for _, k := range []string{"language", "sizes", "print", "back"} {
				want := map[string]float64{"language": 1, "sizes": 3, "print": 1, "back": 1}[k]
				if k == "back" && got["crumbs"].(float64) == 0 {
					continue // the home pages have no trail
				}
				if got[k].(float64) < want {
					t.Errorf("%s at %d×640, 大: %v of %v %s controls on the first screen", p.path, w, got[k], want, k)
				}
			}
		}
	}
}

// TestFiguresKeepTheirUnits: a figure is not split from its unit at a line
// end ("1622 / 家", "5,964 / organizations") at any text size on phones,
// except an English one at 大 on the narrowest screens, which may be wider
// than the line.
func TestFiguresKeepTheirUnits(t *testing.T) {
	for _, w := range []int64{320, 360, 414} {
		ctx := tab(t, w, 800)
		open(t, ctx, "")
		for _, size := range []string{"small", "default", "large"} {
			eval[any](t, ctx, setTextSize(size))
			for _, p := range []string{"zh/2019/three-social-linkage/", "zh/2019/highlights/", "en/2019/three-social-linkage/", "en/2019/highlights/"} {
				if size == "large" && w < 480 && strings.HasPrefix(p, "en/") {
					continue
				}
				open(t, ctx, p)
				split := eval[[]string](t, ctx, `[...document.querySelectorAll(".prose .fig")].filter((f) => {
					const tops = new Set([...f.getClientRects()].map((r) => Math.round(r.top)));
					return tops.size > 1;
				}).map((f) => f.textContent)`)
				if len(split) > 0 {
					t.Errorf("%s at %d px, %s: figures split across lines: %q", p, w, size, split)
				}
			}
		}
	}
}

// lineStartSpace lists the lines of Chinese text in main that start with a
// Latin letter or digit drawn after a space: Chromium puts the space
// between a Chinese character and a Latin one (text-autospace) at the start
// of the second when they are in different elements, also where a line
// break falls between them. A character's box is compared with its
// advance in the same font; a space after it (before a Chinese character)
// is allowed.
const lineStartSpace = `(() => {
	const out = [];
	const cv = document.createElement("canvas").getContext("2d");
	const han = /\p{Script=Han}/u, latin = /[0-9A-Za-z]/;
	document.querySelectorAll("main p, main li, main td, main th, main dd, main dt, main h1, main h2, main h3, main h4, main figcaption, main caption").forEach((block) => {
		const chars = [];
		const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
		for (let n; (n = walk.nextNode()); ) for (let i = 0; i < n.data.length; i++) chars.push([n, i]);
		const r = document.createRange();
		let prevTop = null;
		chars.forEach(([n, i], k) => {
			r.setStart(n, i); r.setEnd(n, i + 1);
			const box = r.getClientRects()[0];
			if (!box) return;
			const c = n.data[i];
			if (prevTop !== null && box.top > prevTop + 2 && latin.test(c)) {
				const style = getComputedStyle(n.parentElement);
				cv.font = style.font;
				let extra = box.width - cv.measureText(c).width;
				const next = chars[k + 1];
				if (next && han.test(next[0].data[next[1]])) extra -= parseFloat(style.fontSize) / 8;
				if (extra > 1) out.push(n.data.slice(i, i + 8) + " (" + extra.toFixed(1) + " px)");
			}
			prevTop = box.top;
		});
	});
	return out;
})()`

// TestNoSpaceAtLineStart: no line of Chinese text starts with a space, at
// any text size, on phones, tablets and desktops.
func TestNoSpaceAtLineStart(t *testing.T) {
	for _, w := range []int64{320, 360, 414, 768, 1280} {
		ctx := tab(t, w, 800)
		open(t, ctx, "")
		for _, size := range []string{"small", "default", "large"} {
			eval[any](t, ctx, setTextSize(size))
			for _, p := range []string{"zh/2019/print/", "zh/2019/"} {
				open(t, ctx, p)
				eval[any](t, ctx, openAllDetails)
				if got := eval[[]string](t, ctx, lineStartSpace); len(got) > 0 {
					t.Errorf("%s at %d px, %s: lines start with a space: %q", p, w, size, got)
				}
			}
		}
	}
}

// TestKeyFiguresStandOut: the key figures' numbers stay well above their
// labels and the headings in size at every text size, growing with 大 on
// phones too, and a long one wraps between its words, never through one
// or past the screen.
func TestKeyFiguresStandOut(t *testing.T) {
	for _, w := range []int64{320, 360, 768} {
		ctx := tab(t, w, 800)
		open(t, ctx, "")
		prev := map[string]float64{}
		for _, size := range []string{"default", "large"} {
			eval[any](t, ctx, setTextSize(size))
			for _, p := range []string{"zh/2019/", "en/2019/", "en/2019/print/"} {
				open(t, ctx, p)
				got := eval[map[string]any](t, ctx, `(() => {
					const px = (e) => parseFloat(getComputedStyle(e).fontSize);
					const dd = [...document.querySelectorAll(".key-figure dd")];
					const broken = [], wide = [];
					const r = document.createRange();
					dd.forEach((d) => {
						const box = d.closest(".key-figure").getBoundingClientRect();
						if (d.getBoundingClientRect().right > box.right + 1 || d.scrollWidth > d.clientWidth + 1) wide.push(d.textContent);
						const walk = document.createTreeWalker(d, NodeFilter.SHOW_TEXT);
						for (let n; (n = walk.nextNode()); ) {
							// Words, and the parts of hyphenated ones, each on one line.
							for (const m of n.data.matchAll(/[^\s-]+-?/g)) {
								r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
								if (new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size > 1) broken.push(m[0]);
							}
						}
					});
					return {
						figure: Math.min(...dd.map(px)), label: Math.max(...[...document.querySelectorAll(".key-figure dt")].map(px)),
						heading: px(document.querySelector("main h2")), broken, wide,
					};
				})()`)
				figure, label, heading := got["figure"].(float64), got["label"].(float64), got["heading"].(float64)
				if figure < 1.5*label || figure <= heading {
					t.Errorf("%s at %d px, %s: key figures %.1f px, labels %.1f px, headings %.1f px; want the figures at least 1.5× the labels and above the headings", p, w, size, figure, label, heading)
				}
				if size == "large" && figure <= prev[p] {
					t.Errorf("%s at %d px: key figures %.1f px at 大, %.1f px at 中; want them larger", p, w, figure, prev[p])
				}
				prev[p] = figure
				if b := got["broken"].([]any); len(b) > 0 {
					t.Errorf("%s at %d px, %s: words of key figures broken across lines: %v", p, w, size, b)
				}
				if b := got["wide"].([]any); len(b) > 0 {
					t.Errorf("%s at %d px, %s: key figures wider than their box: %v", p, w, size, b)
				}
			}
		}
	}
}

// TestPrintedCover: printing a report's cover prints its contents, every
// section with its summary, and where the print edition (the full
// report) is; on screen that address is not repeated, the cover's own
// "Print and download" links to it.
func TestPrintedCover(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 900)
	for _, r := range s.Result.Site.Reports {
		for lang, cover := range r.Covers {
			want := len(r.SectionPages(lang))
			for _, media := range []string{"print", ""} {
				do(t, ctx, emulateMedia(media))
				open(t, ctx, cover.Path)
				got := eval[map[string]any](t, ctx, `(() => {
					const shown = (e) => !!e && e.checkVisibility() && e.getBoundingClientRect().height > 0;
					const note = document.querySelector(".contents-print-edition");
					return {
						contents: shown(document.querySelector(".cover-page .contents")),
						sections: [...document.querySelectorAll(".cover-page .contents-list > li")].filter(shown).length,
						note: shown(note), noteText: note ? note.textContent : "",
					};
				})()`)
				if media == "print" {
					if got["contents"] != true || int(got["sections"].(float64)) != want {
						t.Errorf("%s printed: contents shown %v with %v sections, want %d", cover.Path, got["contents"], got["sections"], want)
					}
					if u := s.URL(r.Prints[lang].Path); got["note"] != true || !strings.HasSuffix(got["noteText"].(string), u) {
						t.Errorf("%s printed: print edition address %q (shown %v), want it to end with %s", cover.Path, got["noteText"], got["note"], u)
					}
				} else if got["note"] == true {
					t.Errorf("%s: the print edition's address shows on screen", cover.Path)
				}
			}
		}
	}
}
