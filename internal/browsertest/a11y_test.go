package browsertest

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeSource is axe-core (testdata/axe.min.js, MPL-2.0, see
// testdata/axe-LICENSE), the accessibility engine of Deque Systems.
//
//go:embed testdata/axe.min.js
var axeSource string

// axeTags are the rules of WCAG 2.1 levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// runAxe audits the page in the tab with the rules of axeTags and any
// extra tags ("wcag2aaa") and returns the violations.
func runAxe(t *testing.T, ctx context.Context, extraTags ...string) []axeViolation {
	t.Helper()
	if !eval[bool](t, ctx, `typeof window.axe === "object"`) {
		// Injected over the DevTools protocol, which the page's
		// Content-Security-Policy does not govern.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
			t.Fatalf("loading axe-core: %v", err)
		}
	}
	tags := `["` + strings.Join(append(axeTags[:len(axeTags):len(axeTags)], extraTags...), `","`) + `"]`
	return eval[[]axeViolation](t, ctx, `axe.run(document, {
		runOnly: {type: "tag", values: `+tags+`},
		resultTypes: ["violations"],
	}).then((r) => r.violations.map((v) => ({
		id: v.id, impact: v.impact, help: v.help,
		nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
	})))`)
}

func reportAxe(t *testing.T, page string, violations []axeViolation) {
	t.Helper()
	for _, v := range violations {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: axe %s (%s): %s", page, v.ID, v.Impact, v.Help)
		for i, n := range v.Nodes {
			if i == 5 {
				fmt.Fprintf(&b, "\n\t… and %d more", len(v.Nodes)-5)
				break
			}
			fmt.Fprintf(&b, "\n\t%s  %s\n\t\t%s", n.Target, short(n.HTML, 160), short(n.Summary, 300))
		}
		t.Error(b.String())
	}
}

// TestAxe audits every page of the site (every kind, both languages and the
// bilingual pages) with axe-core's WCAG 2.1 A and AA rules and its best
// practices (every part of a page in a landmark, among others) on a desktop
// at the default text size, and one page of each kind in each language on a
// 320 px phone at the largest. Every <details> is opened first, so the
// charts' data tables and the QR panel are audited too.
func TestAxe(t *testing.T) {
	pages := allPages(t)
	for _, v := range []struct {
		name  string
		width int64
		size  string
	}{
		{"desktop", 1280, "default"},
		{"phone-large-text", 320, "large"},
	} {
		t.Run(v.name, func(t *testing.T) {
			ctx := tab(t, v.width, 800)
			open(t, ctx, "")
			eval[any](t, ctx, setTextSize(v.size))
			seen := map[string]bool{}
			for _, p := range pages {
				// On the phone, one page of each kind in each language will do.
				kind := string(p.kind) + "/" + p.lang
				if v.width < 1000 && seen[kind] {
					continue
				}
				seen[kind] = true
				t.Run(p.name, func(t *testing.T) {
					open(t, ctx, p.path)
					eval[any](t, ctx, openAllDetails)
					reportAxe(t, p.path, runAxe(t, ctx))
				})
			}
		})
	}
}

// TestStructure checks what axe does not: one main landmark with a banner
// and content info around it, a skip link that is the first thing a
// keyboard reaches, captions and header cells on every table, lang and
// hreflang on the language switch.
func TestStructure(t *testing.T) {
	ctx := tab(t, 1280, 800)
	for _, p := range allPages(t) {
		t.Run(p.name, func(t *testing.T) {
			open(t, ctx, p.path)
			problems := eval[[]string](t, ctx, `(() => {
				const out = [];
				const count = (sel) => document.querySelectorAll(sel).length;
				if (count("main#main") !== 1) out.push("want one <main id=main>");
				if (count("body > header") !== 1) out.push("want one page <header> (banner)");
				if (count("body > footer") !== 1) out.push("want one page <footer> (contentinfo)");
				if (count("h1") !== 1) out.push("want one <h1>, got " + count("h1"));
				const first = document.querySelector("a[href], button, summary, [tabindex]:not([tabindex='-1'])");
				if (!first || !first.matches("a.skip-link[href='#main']")) out.push("the skip link is not the first focusable element");
				document.querySelectorAll("table").forEach((t, i) => {
					if (!t.querySelector("caption") || !t.querySelector("caption").textContent.trim()) out.push("table " + i + " has no caption");
					if (!t.querySelector("thead th[scope=col]")) out.push("table " + i + " has no column headers");
					t.querySelectorAll("tbody tr").forEach((r) => { if (!r.querySelector("th[scope=row]")) out.push("table " + i + ": a row has no header cell"); });
				});
				const sw = document.querySelectorAll(".language-switch a");
				if (sw.length === 0) out.push("no language switch links");
				sw.forEach((a) => { if (!a.lang || a.hreflang !== a.lang) out.push("language switch link " + a.href + " needs lang and hreflang"); });
				// Text in the other language must say so with lang: Chinese
				// outside a zh element, or a run of English words inside one.
				const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
				for (let n; (n = walk.nextNode()); ) {
					const el = n.parentElement, text = n.data.trim();
					if (!text || el.closest("script, style") || /^(\S+: ?)?https?:\/\/\S+$/.test(text)) continue;
					const lang = (el.closest("[lang]") || document.documentElement).lang;
					if (!lang.startsWith("zh") && /\p{Script=Han}/u.test(text)) out.push("Chinese text in a lang=" + lang + " element: " + text.slice(0, 40));
					if (lang.startsWith("zh") && /[A-Za-z]{2,}[ ,'-]+[A-Za-z]{2,}[ ,'-]+[A-Za-z]{2,}/.test(text)) out.push("English text in a lang=" + lang + " element: " + text.slice(0, 40));
				}
				return out;
			})()`)
			for _, msg := range problems {
				t.Errorf("%s: %s", p.path, msg)
			}
		})
	}
}

// TestKeyboardFocusVisible tabs through whole pages and checks that every
// element the keyboard reaches shows that it has focus (an outline or a
// box shadow), and that the skip link, the first stop, appears on screen.
func TestKeyboardFocusVisible(t *testing.T) {
	ctx := tab(t, 1280, 800)
	for _, p := range []string{"zh/2019/", "en/2019/highlights/"} {
		open(t, ctx, p)
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
		skip := eval[map[string]any](t, ctx, `(() => {
			const a = document.activeElement, r = a.getBoundingClientRect();
			return {skip: a.matches(".skip-link"), onScreen: r.left >= 0 && r.top >= 0 && r.width > 0 && r.bottom <= innerHeight};
		})()`)
		if skip["skip"] != true || skip["onScreen"] != true {
			t.Errorf("%s: the first Tab should show the skip link on screen, got %v", p, skip)
		}
		focusable := eval[int](t, ctx, `document.querySelectorAll("a[href], button, summary").length`)
		seen := map[string]bool{}
		for range focusable + 1 {
			do(t, ctx, chromedp.KeyEvent(kb.Tab))
			got := eval[map[string]string](t, ctx, `(() => {
				const a = document.activeElement;
				if (!a || a === document.body) return {what: "", visible: "true"};
				const s = getComputedStyle(a);
				const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== "rgba(0, 0, 0, 0)";
				const shadow = s.boxShadow !== "none";
				return {what: a.outerHTML.slice(0, 120), visible: String(outline || shadow)};
			})()`)
			if got["what"] == "" || seen[got["what"]] {
				continue
			}
			seen[got["what"]] = true
			if got["visible"] != "true" {
				t.Errorf("%s: no visible focus on %s", p, got["what"])
			}
		}
		if len(seen) < 10 {
			t.Errorf("%s: tabbing reached only %d elements", p, len(seen))
		}
	}
}

// TestFocusWinsOverLinkStates: a focused link is dark on the focus yellow
// whatever state it is also in: visited (the site title, on every page,
// and the entry page's buttons are visited links for most readers),
// hovered, or both. A component's :visited or :hover colour that outweighs
// the focus style leaves white or coloured text on yellow. The states are
// forced through the DevTools protocol, which, unlike getComputedStyle,
// shows the colours of :visited.
func TestFocusWinsOverLinkStates(t *testing.T) {
	ctx := tab(t, 1280, 800)
	states := [][]string{
		{"focus", "focus-visible"},
		{"visited", "focus", "focus-visible"},
		{"hover", "focus", "focus-visible"},
		{"visited", "hover", "focus", "focus-visible"},
	}
	for _, p := range []string{"", "zh/2019/", "en/2019/highlights/", "zh/2019/print/", "en/404.html"} {
		open(t, ctx, p)
		// Number the links the keyboard reaches, and mark the elements in
		// them whose own text is drawn in their colour.
		n := eval[int](t, ctx, `(() => {
			const links = [...document.querySelectorAll("a[href]")].filter((a) => a.getClientRects().length > 0);
			links.forEach((a, i) => {
				a.dataset.focusTest = i;
				[a, ...a.querySelectorAll("*")].forEach((e) => {
					if ([...e.childNodes].some((c) => c.nodeType === 3 && c.data.trim())) e.dataset.focusText = i;
				});
			});
			return links.length;
		})()`)
		if n < 5 {
			t.Fatalf("%s: only %d links", p, n)
		}
		for i := range n {
			ids := nodes(t, ctx, fmt.Sprintf(`[data-focus-test="%d"]`, i), fmt.Sprintf(`[data-focus-text="%d"]`, i))
			link, texts := ids[0], ids[1]
			what := eval[string](t, ctx, fmt.Sprintf(`document.querySelector('[data-focus-test="%d"]').outerHTML.slice(0, 100)`, i))
			for _, st := range states {
				forceStates(t, ctx, link[0], st...)
				bg := computed(t, ctx, link[0])["background-color"]
				for _, id := range texts {
					fg := computed(t, ctx, id)["color"]
					if c := contrastOf(fg, bg); c < 4.5 {
						t.Errorf("%s: %s, %s: text %s on %s, contrast %.1f:1, want at least 4.5:1", p, what, strings.Join(st, "+"), fg, bg, c)
					}
				}
			}
			forceStates(t, ctx, link[0])
		}
	}
}

// TestForcedColors: in forced colours (Windows high contrast) the charts
// still tell their parts apart: the patterned parts and their legend
// swatches keep their patterns, drawn in the system colours; the data
// table's disclosure triangle stays a triangle; and the current language,
// which is not a link, gets no border that would make it look like one.
func TestForcedColors(t *testing.T) {
	ctx := tab(t, 1280, 800)
	do(t, ctx, emulateForcedColors(true))
	t.Cleanup(func() { chromedp.Do(ctx, emulateForcedColors(false)) })
	for _, p := range []string{"zh/2019/three-social-linkage/", "en/2019/three-social-linkage/"} {
		open(t, ctx, p)
		got := eval[map[string]any](t, ctx, `(() => {
			const cs = (e, pseudo) => getComputedStyle(e, pseudo);
			const canvas = cs(document.body).backgroundColor;
			const chart = document.querySelector(".chart-part-of-whole .chart-svg");
			const paint = (sel) => [...chart.querySelectorAll(sel)].map((e) => cs(e).fill);
			// A pattern's ground and its lines or dots.
			const patterns = [...chart.querySelectorAll("pattern")].map((p) => {
				const ground = p.querySelector("rect"), mark = p.querySelector("path, circle");
				return [cs(ground).fill, mark.tagName === "path" ? cs(mark).stroke : cs(mark).fill];
			});
			const before = cs(document.querySelector(".chart-data summary"), "::before");
			const current = document.querySelector(".language-switch [aria-current]");
			return {
				forced: matchMedia("(forced-colors: active)").matches, canvas,
				parts: paint(".chart-part"), swatches: paint(".chart-swatch"), patterns,
				outlines: [...chart.querySelectorAll("rect[stroke]")].map((e) => cs(e).stroke),
				text: paint("text"),
				triangle: {content: before.content, borders: [before.borderTopColor, before.borderRightColor, before.borderBottomColor, before.borderLeftColor], widths: [before.borderTopWidth, before.borderRightWidth, before.borderBottomWidth, before.borderLeftWidth]},
				current: {border: cs(current).borderTopColor, width: cs(current).borderTopWidth, background: cs(current.closest("header")).backgroundColor},
			};
		})()`)
		if got["forced"] != true {
			t.Fatal("forced colours are not emulated")
		}
		canvas := got["canvas"].(string)
		distinct := func(k string) int {
			set := map[string]bool{}
			for _, v := range got[k].([]any) {
				set[v.(string)] = true
			}
			return len(set)
		}
		for _, k := range []string{"parts", "swatches"} {
			if n, all := distinct(k), len(got[k].([]any)); n != all {
				t.Errorf("%s: %d chart %s look alike in forced colours: %v", p, all-n+1, k, got[k])
			}
		}
		for _, pat := range got["patterns"].([]any) {
			pair := pat.([]any)
			if c := contrastOf(pair[0].(string), pair[1].(string)); c < 3 {
				t.Errorf("%s: a pattern's marks (%s) on its ground (%s) in forced colours: contrast %.1f:1, want 3:1", p, pair[1], pair[0], c)
			}
			if c := contrastOf(pair[0].(string), canvas); c < 3 {
				t.Errorf("%s: a pattern's ground (%s) on the page (%s) in forced colours: contrast %.1f:1, want 3:1", p, pair[0], canvas, c)
			}
		}
		for _, k := range []string{"outlines", "text"} {
			for _, v := range got[k].([]any) {
				if c := contrastOf(v.(string), canvas); c < 4.5 {
					t.Errorf("%s: chart %s %s on %s in forced colours: contrast %.1f:1", p, k, v, canvas, c)
				}
			}
		}
		tri := got["triangle"].(map[string]any)
		drawn := 0
		for i, c := range tri["borders"].([]any) {
			if col, err := parseColor(c.(string)); err == nil && col.a > 0 && tri["widths"].([]any)[i] != "0px" {
				drawn++
			}
		}
		if content := tri["content"].(string); drawn > 1 || (drawn == 0 && (content == `""` || content == "none")) {
			t.Errorf("%s: the data table's disclosure triangle in forced colours has %d coloured borders and content %s: want one, or a character", p, drawn, content)
		}
		cur := got["current"].(map[string]any)
		if cur["width"] != "0px" && cur["border"] != cur["background"] {
			t.Errorf("%s: the current language has a %s border in %s on %s in forced colours, like a button", p, cur["width"], cur["border"], cur["background"])
		}
	}
}
