package browsertest

import (
	"strings"
	"testing"
)

// TestChartsInTheirLanguagesType: a chart is set in its page's type, as the
// text around it is: an English chart in the English font stack, a
// Simplified one in the Simplified Chinese fonts, a Traditional one in the
// Traditional cuts. Every word of it stays inside the drawing in the font
// the reader's browser picks, which is not the one internal/chart measured
// its line breaks with: its estimates must hold for both kinds of type.
func TestChartsInTheirLanguagesType(t *testing.T) {
	ctx := tab(t, 1280, 900)
	charts := 0
	for _, p := range allPages(t) {
		if p.lang == "" || !(strings.Contains(p.name, "section") || strings.Contains(p.name, "print")) {
			continue
		}
		open(t, ctx, p.path)
		problems := eval[[]string](t, ctx, `(() => {
			const out = [];
			const family = (e) => getComputedStyle(e).fontFamily;
			for (const fig of document.querySelectorAll(".chart")) {
				const svg = fig.querySelector(".chart-svg"), want = family(fig.querySelector(".chart-caption"));
				const width = svg.viewBox.baseVal.width;
				for (const e of [svg, ...svg.querySelectorAll("text")]) {
					if (family(e) !== want) out.push(fig.id + ": <" + e.tagName + "> " + JSON.stringify(e.textContent.slice(0, 30)) + " is set in " + family(e) + ", the caption in " + want);
				}
				// The characters' advances, which internal/chart estimates; a
				// glyph's ink may reach a little past them, as type does.
				for (const e of svg.querySelectorAll("text")) {
					const n = e.getNumberOfChars(), first = e.getExtentOfChar(0), last = e.getExtentOfChar(n - 1);
					const left = Math.min(first.x, last.x), right = Math.max(first.x + first.width, last.x + last.width);
					if (left < -0.5 || right > width + 0.5) out.push(fig.id + ": " + JSON.stringify(e.textContent) + " runs from " + left.toFixed(1) + " to " + right.toFixed(1) + ", outside the drawing's 0–" + width);
				}
				out.push("chart");
			}
			return out;
		})()`)
		for _, problem := range problems {
			if problem == "chart" {
				charts++
				continue
			}
			t.Errorf("%s: %s", p.path, problem)
		}
	}
	if charts < 15 {
		t.Errorf("checked %d charts: want every chart of every edition's sections and print editions", charts)
	}
}
