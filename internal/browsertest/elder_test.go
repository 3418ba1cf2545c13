package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// onePerKind is one page of each kind in each language (and the bilingual
// pages): every layout, without reading every section.
func onePerKind(t *testing.T) []pageCase {
	seen := map[string]bool{}
	var out []pageCase
	for _, p := range allPages(t) {
		k := string(p.kind) + "/" + p.lang
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}

// emulateTouch makes the tab a touch screen: (pointer: coarse) matches.
func emulateTouch(on bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		p := emulation.SetTouchEmulationEnabledParams{Enabled: on}
		if on {
			p.MaxTouchPoints = 5
		}
		_, err := cdp.Call(ctx, t, emulation.SetTouchEmulationEnabled, p)
		return err
	})
}

// emulateMoreContrast sets prefers-contrast: more, or back to no preference.
func emulateMoreContrast(on bool) chromedp.Action[chromedp.Void] {
	v := ""
	if on {
		v = "more"
	}
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-contrast", Value: v}}})
		return err
	})
}

// elderProblems measures a page in elder mode; minTarget is the smallest
// target size allowed, in px. It lists what falls short:
//   - text under 24 px anywhere on the page (a chart's text at the size it
//     is drawn, its viewBox scaled to its width);
//   - main headings not larger than the body text;
//   - line height under 1.5 in the page's text blocks;
//   - paragraphs closer than 1.3 line heights;
//   - form controls with text under 24 px;
//   - buttons, form controls, and links that are not inside a sentence,
//     smaller than minTarget × minTarget;
//   - anything wider than the window, except inside a box that scrolls
//     on its own (the charts).
const elderProblems = `((minTarget) => {
	const out = [];
	const w = document.documentElement.clientWidth;
	const cs = (e) => getComputedStyle(e);
	const shown = (e) => { const r = e.getBoundingClientRect(); return e.checkVisibility() && r.width > 1 && r.height > 1; };
	const body = 24;
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n; (n = walk.nextNode()); ) {
		const el = n.parentElement, text = n.data.trim();
		if (!text || el.closest("script, style, title, desc, .skip-link, .visually-hidden") || !shown(el)) continue;
		let size = parseFloat(cs(el).fontSize);
		const svg = el.closest("svg");
		if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
		if (size < body - 0.5) out.push("text at " + size.toFixed(1) + " px: " + text.slice(0, 30));
	}
	document.querySelectorAll("main h1, main h2:not(nav h2), main h3:not(nav h3)").forEach((h) => {
		const size = parseFloat(cs(h).fontSize), want = h.tagName === "H1" ? 1.25 * body : 1.1 * body;
		if (shown(h) && size < want) out.push(h.tagName + " at " + size.toFixed(1) + " px, want " + want + ": " + h.textContent.trim().slice(0, 30));
	});
	document.querySelectorAll("main :is(p, li, dt, dd, h1, h2, h3, h4, td, th, figcaption, caption)").forEach((e) => {
		if (!shown(e)) return;
		const s = cs(e), lh = parseFloat(s.lineHeight), fs = parseFloat(s.fontSize);
		if (!(lh >= 1.5 * fs - 0.5)) out.push("line height " + s.lineHeight + " for " + s.fontSize + " text: " + e.tagName + " " + e.textContent.trim().slice(0, 30));
	});
	document.querySelectorAll("main p + p").forEach((p) => {
		const prev = p.previousElementSibling;
		if (!shown(p) || !shown(prev)) return;
		const gap = p.getBoundingClientRect().top - prev.getBoundingClientRect().bottom, lh = parseFloat(cs(prev).lineHeight);
		if (gap < 1.3 * lh - 1) out.push("paragraphs " + gap.toFixed(0) + " px apart, want 1.3 × " + lh.toFixed(0) + " px: " + p.textContent.trim().slice(0, 30));
	});
	const inSentence = (a) => {
		const block = a.parentElement.closest("p, li, dd, td, th, figcaption");
		if (!block || a.tagName !== "A") return false;
		const rest = block.textContent.replace(a.textContent, "");
		return /[\p{L}\p{N}]/u.test(rest);
	};
	document.querySelectorAll("input:not([type=hidden]), select, textarea").forEach((e) => {
		const size = parseFloat(cs(e).fontSize);
		if (shown(e) && size < body - 0.5) out.push("form control text at " + size.toFixed(1) + " px: " + e.outerHTML.slice(0, 80));
	});
	document.querySelectorAll("a[href], button, summary, select, input:not([type=hidden]), textarea").forEach((e) => {
		if (!shown(e) || e.closest(".skip-link") || e.matches(".skip-link") || inSentence(e)) return;
		const r = e.getBoundingClientRect();
		if (r.width < minTarget - 0.5 || r.height < minTarget - 0.5) out.push("target " + Math.round(r.width) + "×" + Math.round(r.height) + " px: " + e.outerHTML.slice(0, 80));
	});
	if (document.documentElement.scrollWidth > w) out.push("the page is " + document.documentElement.scrollWidth + " px wide in a " + w + " px window");
	// Inside a box that scrolls, or one clipped to a pixel for screen readers only.
	const boxed = (e) => {
		for (let a = e.parentElement; a; a = a.parentElement) {
			const s = cs(a), r = a.getBoundingClientRect();
			if (/auto|scroll/.test(s.overflowX) && r.right <= w + 1) return true;
			if (s.overflow === "hidden" && (r.width <= 1 || r.height <= 1)) return true;
		}
		return false;
	};
	[...document.querySelectorAll("body *")].filter((e) => {
		const r = e.getBoundingClientRect();
		return r.width > 0 && (r.right > w + 1 || r.left < -1) && !e.closest(".skip-link, .visually-hidden") && !boxed(e);
	}).slice(0, 5).forEach((e) => out.push("wider than the window: " + e.outerHTML.slice(0, 80)));
	return out;
})`

// TestElderMode: 长者模式 on one page of each kind in each language, on a
// phone (a touch screen, 320 px), a tablet (768 px) and a desktop (1280
// px). The button turns it on and says so, by keyboard; the choice holds
// on every following page; and each page meets elderProblems' sizes,
// spacing, targets and width, and axe's WCAG A, AA and AAA rules
// (color-contrast-enhanced: 7:1).
func TestElderMode(t *testing.T) {
	pages := onePerKind(t)
	for _, v := range []struct {
		width  int64
		touch  bool
		target int
	}{{320, true, 60}, {768, false, 44}, {1280, false, 44}} {
		t.Run(fmt.Sprint(v.width), func(t *testing.T) {
			ctx := tab(t, v.width, 800)
			if v.touch {
				do(t, ctx, emulateTouch(true))
			}
			open(t, ctx, "zh/2019/")
			if v.touch && !eval[bool](t, ctx, `matchMedia("(pointer: coarse)").matches`) {
				t.Fatal("touch emulation does not make (pointer: coarse) match")
			}
			if got := eval[string](t, ctx, `document.querySelector("button[data-elder-mode]").textContent.trim()`); got != "长者模式" {
				t.Errorf("the elder mode button reads %q, want 长者模式", got)
			}
			before := fontSize(t, ctx, ".prose p")
			do(t, ctx, chromedp.Focus(chromedp.CSS(`button[data-elder-mode]`)), chromedp.KeyEvent(kb.Enter))
			got := eval[map[string]any](t, ctx, `({
				attr: document.documentElement.dataset.elderMode, pressed: document.querySelector("button[data-elder-mode]").getAttribute("aria-pressed"),
				stored: localStorage.getItem("almanac-elder-mode"), size: parseFloat(getComputedStyle(document.querySelector(".prose p")).fontSize),
			})`)
			if got["attr"] != "on" || got["pressed"] != "true" || got["stored"] != "on" {
				t.Fatalf("Enter on 长者模式: <html data-elder-mode=%v>, aria-pressed %v, stored %v; want on, true, on", got["attr"], got["pressed"], got["stored"])
			}
			if size := got["size"].(float64); size < 24 || size <= before {
				t.Errorf("长者模式: body text %.1f px (%.1f px before), want at least 24", size, before)
			}
			for _, p := range pages {
				t.Run(p.name, func(t *testing.T) {
					open(t, ctx, p.path)
					if on := eval[string](t, ctx, `document.documentElement.dataset.elderMode || ""`); on != "on" {
						t.Fatalf("%s: elder mode is not kept from the page before (data-elder-mode %q)", p.path, on)
					}
					if pressed := eval[string](t, ctx, `document.querySelector("button[data-elder-mode]").getAttribute("aria-pressed")`); pressed != "true" {
						t.Errorf("%s: the elder mode button is not shown pressed", p.path)
					}
					eval[any](t, ctx, openAllDetails)
					for _, msg := range eval[[]string](t, ctx, fmt.Sprintf("%s(%d)", elderProblems, v.target)) {
						t.Errorf("%s at %d px, elder mode: %s", p.path, v.width, msg)
					}
					reportAxe(t, p.path, runAxe(t, ctx, "wcag2aaa"))
				})
			}
			// Off again: the default sizes, and nothing stored.
			open(t, ctx, "en/2019/highlights/")
			if got := eval[string](t, ctx, `document.querySelector("button[data-elder-mode]").textContent.trim()`); got != "Easy reading" {
				t.Errorf("the English elder mode button reads %q, want Easy reading", got)
			}
			do(t, ctx, chromedp.Click(chromedp.CSS(`button[data-elder-mode]`), chromedp.NodeVisible))
			off := eval[map[string]any](t, ctx, `({attr: document.documentElement.dataset.elderMode || "", stored: localStorage.getItem("almanac-elder-mode"), pressed: document.querySelector("button[data-elder-mode]").getAttribute("aria-pressed")})`)
			if off["attr"] != "" || off["stored"] != nil || off["pressed"] != "false" {
				t.Errorf("elder mode switched off: %v, want no attribute, nothing stored, not pressed", off)
			}
		})
	}
}

// TestElderModeBeforeFirstPaint: elder mode is applied by the small script
// in <head>, so a page never paints small and then grows; with the scripts
// that run the buttons blocked, it still holds.
func TestElderModeBeforeFirstPaint(t *testing.T) {
	ctx := tab(t, 1280, 800)
	open(t, ctx, "zh/")
	eval[any](t, ctx, `localStorage.setItem("almanac-elder-mode", "on")`)
	do(t, ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{
			{URLPattern: shared.server.URL("js/site.js"), Block: true},
			{URLPattern: shared.server.URL("js/elder-mode.js"), Block: true},
		}})
		return err
	}))
	do(t, ctx, chromedp.Navigate(shared.server.URL("zh/2019/highlights/")))
	got := eval[map[string]any](t, ctx, `({attr: document.documentElement.dataset.elderMode || "", size: parseFloat(getComputedStyle(document.querySelector(".prose p")).fontSize)})`)
	if got["attr"] != "on" || got["size"].(float64) < 24 {
		t.Errorf("with the button scripts blocked: data-elder-mode %q, body text %v px; want on, 24 or more", got["attr"], got["size"])
	}
}

// TestElderModeDesktop: on a desktop, elder mode keeps text at 24 px or
// more when the browser's own size is small; shows the large cursor (an
// image served by the site, so the CSP allows it), a hand over links and
// buttons; and every element the keyboard reaches has a focus outline of
// 3 px or more.
func TestElderModeDesktop(t *testing.T) {
	ctx := tab(t, 1280, 800)
	open(t, ctx, "")
	eval[any](t, ctx, `localStorage.setItem("almanac-elder-mode", "on")`)
	open(t, ctx, "en/2019/three-social-linkage/")
	// A browser set to a small default size (12 px; 150% would be 18).
	do(t, ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: 12}})
		return err
	}))
	open(t, ctx, "en/2019/three-social-linkage/")
	if size := fontSize(t, ctx, ".prose p"); size < 24 {
		t.Errorf("elder mode with a 12 px browser default: body text %.1f px, want 24", size)
	}
	do(t, ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.SetFontSizes, page.SetFontSizesParams{FontSizes: &page.FontSizes{Standard: 16}})
		return err
	}))
	open(t, ctx, "en/2019/three-social-linkage/")

	cursors := eval[map[string]string](t, ctx, `({
		page: getComputedStyle(document.querySelector(".prose p")).cursor,
		link: getComputedStyle(document.querySelector(".prose a[href], main a[href]")).cursor,
		button: getComputedStyle(document.querySelector("button[data-elder-mode]")).cursor,
	})`)
	for k, want := range map[string]string{"page": "cursor-arrow", "link": "cursor-hand", "button": "cursor-hand"} {
		c := cursors[k]
		if !strings.Contains(c, want) || !strings.HasPrefix(c, `url("`+shared.server.Base) {
			t.Errorf("cursor over the %s: %s, want the site's %s image", k, c, want)
			continue
		}
		u := strings.TrimSuffix(strings.SplitN(strings.TrimPrefix(c, `url("`), `"`, 2)[0], `"`)
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml" {
			t.Errorf("%s: %s %s, want an SVG", u, resp.Status, resp.Header.Get("Content-Type"))
		}
	}
	noErrors(t, ctx, "en/2019/three-social-linkage/")

	for _, p := range []string{"zh/2019/", "en/2019/highlights/"} {
		open(t, ctx, p)
		n := eval[int](t, ctx, `document.querySelectorAll("a[href], button, summary, select").length`)
		seen := map[string]bool{}
		for range n + 1 {
			do(t, ctx, chromedp.KeyEvent(kb.Tab))
			got := eval[map[string]string](t, ctx, `(() => {
				const a = document.activeElement;
				if (!a || a === document.body) return {what: ""};
				const s = getComputedStyle(a);
				return {what: a.outerHTML.slice(0, 100), style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor};
			})()`)
			if got["what"] == "" || seen[got["what"]] {
				continue
			}
			seen[got["what"]] = true
			w, _ := strconv.ParseFloat(strings.TrimSuffix(got["width"], "px"), 64)
			if got["style"] != "solid" || w < 3 || contrastOf(got["color"], "rgb(255, 255, 255)") < 3 {
				t.Errorf("%s: focus outline %s %s %s on %s, want solid, 3 px or more, dark", p, got["style"], got["width"], got["color"], got["what"])
			}
		}
		if len(seen) < 10 {
			t.Errorf("%s: tabbing reached only %d elements", p, len(seen))
		}
	}
}

// TestMoreContrast: a reader whose system asks for more contrast gets the
// elder mode's colours without the switch (7:1 and more, axe AAA clean),
// at the default sizes; in forced colours the reading tools stay usable
// (the pressed button in the system's highlight colours).
func TestMoreContrast(t *testing.T) {
	ctx := tab(t, 1280, 800)
	do(t, ctx, emulateMoreContrast(true))
	t.Cleanup(func() { chromedp.Do(ctx, emulateMoreContrast(false)) })
	for _, p := range []string{"zh/2019/three-social-linkage/", "en/2019/"} {
		open(t, ctx, p)
		got := eval[map[string]any](t, ctx, `({
			more: matchMedia("(prefers-contrast: more)").matches, elder: document.documentElement.dataset.elderMode || "",
			ink: getComputedStyle(document.querySelector(".prose p")).color, muted: getComputedStyle(document.querySelector(".page-context")).color,
			size: parseFloat(getComputedStyle(document.querySelector(".prose p")).fontSize),
		})`)
		if got["more"] != true {
			t.Fatal("prefers-contrast: more is not emulated")
		}
		if got["ink"] != "rgb(0, 0, 0)" || contrastOf(got["muted"].(string), "rgb(255, 255, 255)") < 12 {
			t.Errorf("%s with more contrast: text %v, secondary text %v; want black and 12:1 or more", p, got["ink"], got["muted"])
		}
		if got["elder"] != "" || got["size"].(float64) >= 24 {
			t.Errorf("%s with more contrast: elder mode %q, text %v px; want the colours only", p, got["elder"], got["size"])
		}
		eval[any](t, ctx, openAllDetails)
		reportAxe(t, p, runAxe(t, ctx, "wcag2aaa"))
	}
}

// TestElderModeLargeText: elder mode with 大 (30 px text) on a 320 px touch
// screen still fits: the pages with the longest text and the widest
// charts meet elderProblems.
func TestElderModeLargeText(t *testing.T) {
	ctx := tab(t, 320, 800)
	do(t, ctx, emulateTouch(true))
	open(t, ctx, "")
	eval[any](t, ctx, `localStorage.setItem("almanac-elder-mode", "on"); localStorage.setItem("almanac-text-size", "large")`)
	for _, p := range []string{"zh/2019/", "en/2019/highlights/", "zh/2019/print/"} {
		open(t, ctx, p)
		if size := fontSize(t, ctx, ".prose p"); size < 30 {
			t.Errorf("%s: elder mode at 大: body text %.1f px, want 30", p, size)
		}
		eval[any](t, ctx, openAllDetails)
		for _, msg := range eval[[]string](t, ctx, elderProblems+"(60)") {
			t.Errorf("%s at 320 px, elder mode at 大: %s", p, msg)
		}
	}
}

// TestArchiveElderMode: elder mode on what a site of several years adds
// (the list of years, the links between years, series charts), on a 320 px
// touch screen: elderProblems and axe's A, AA and AAA rules.
func TestArchiveElderMode(t *testing.T) {
	srv := serveArchive(t)
	ctx := tab(t, 320, 800)
	do(t, ctx, emulateTouch(true))
	do(t, ctx, chromedp.Navigate(srv.URL("")))
	eval[any](t, ctx, `localStorage.setItem("almanac-elder-mode", "on")`)
	for _, p := range archivePages {
		do(t, ctx, chromedp.Navigate(srv.URL(p)))
		noErrors(t, ctx, p)
		if on := eval[string](t, ctx, `document.documentElement.dataset.elderMode || ""`); on != "on" {
			t.Fatalf("%s: elder mode is off", p)
		}
		eval[any](t, ctx, openAllDetails)
		for _, msg := range eval[[]string](t, ctx, elderProblems+"(60)") {
			t.Errorf("%s at 320 px, elder mode: %s", p, msg)
		}
		reportAxe(t, p, runAxe(t, ctx, "wcag2aaa"))
	}
}

// TestElderModeFirstScreen: on a 320×640 phone in elder mode, with the
// read-aloud button showing, a Chinese page's title starts on the first
// screen, under the header and the tools. (The English labels are longer:
// there the title is one scroll away; docs/accessibility.md says so.)
func TestElderModeFirstScreen(t *testing.T) {
	ctx := speechTab(t, 320, SpeechConfig{Voices: someVoices})
	do(t, ctx, emulateTouch(true))
	do(t, ctx, chromedp.EmulateViewport(320, 640))
	open(t, ctx, "")
	eval[any](t, ctx, `localStorage.setItem("almanac-elder-mode", "on")`)
	for _, p := range []string{"zh/", "zh/2019/", "zh/2019/three-social-linkage/", "zh/2019/print/", "zh/404.html"} {
		open(t, ctx, p)
		if p != "zh/" && p != "zh/404.html" && !readAloudShown(t, ctx) {
			t.Errorf("%s: no read-aloud button", p)
		}
		got := eval[[]float64](t, ctx, `(() => { const h = document.querySelector("h1"); return [h.getBoundingClientRect().top, parseFloat(getComputedStyle(h).lineHeight), innerHeight]; })()`)
		if top, line, height := got[0], got[1], got[2]; top+line > height {
			t.Errorf("%s at 320×%.0f, elder mode: the title starts %.0f px down; its first line ends below the first screen", p, height, top)
		}
	}
}

// TestElderModeFootnotesAndTables: in elder mode, a section's footnote
// number and note and its table are at the body size like every other
// text, on a phone and a desktop, on the section and in the print edition.
func TestElderModeFootnotesAndTables(t *testing.T) {
	srv := serveWithAllowanceSection(t)
	for _, v := range []struct {
		width  int64
		touch  bool
		target int
	}{{320, true, 60}, {1280, false, 44}} {
		ctx := tab(t, v.width, 800)
		do(t, ctx, emulateTouch(v.touch))
		do(t, ctx, chromedp.Navigate(srv.URL("zh/")))
		eval[any](t, ctx, `localStorage.setItem("almanac-elder-mode", "on")`)
		for _, p := range []string{"zh/2019/allowance/", "en/2019/allowance/", "zh/2019/print/"} {
			do(t, ctx, chromedp.Navigate(srv.URL(p)))
			if !eval[bool](t, ctx, `!!document.querySelector(".footnote-ref") && !!document.querySelector(".prose table")`) {
				t.Fatalf("%s: no footnote or table", p)
			}
			for _, msg := range eval[[]string](t, ctx, fmt.Sprintf("%s(%d)", elderProblems, v.target)) {
				t.Errorf("%s at %d px, elder mode: %s", p, v.width, msg)
			}
		}
	}
}
