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

// runAxe audits the page in the tab and returns the violations.
func runAxe(t *testing.T, ctx context.Context) []axeViolation {
	t.Helper()
	if !eval[bool](t, ctx, `typeof window.axe === "object"`) {
		// Injected over the DevTools protocol, which the page's
		// Content-Security-Policy does not govern.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
			t.Fatalf("loading axe-core: %v", err)
		}
	}
	tags := `["` + strings.Join(axeTags, `","`) + `"]`
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
