package browsertest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// headingLook lists, for the headings a CSS selector (%s) selects, what
// sets them apart on screen and on paper.
const headingLook = `[...document.querySelectorAll(%s)].map((h) => {
  const s = getComputedStyle(h);
  return [s.fontSize, s.fontWeight, s.lineHeight, s.marginTop, s.marginBottom, s.paddingTop, s.borderTopWidth, s.breakAfter].join(" ");
})`

// TestPrintEditionHeadingsLook: in the print edition a section's headings
// are one level down (## is an <h3>), and look, on screen and in print,
// as they do one level up on the section's own page.
func TestPrintEditionHeadingsLook(t *testing.T) {
	s := env(t)
	ctx := tab(t, 1280, 800)
	for _, r := range s.Result.Site.Reports {
		for lang, pr := range r.Prints {
			for _, media := range []string{"", "print"} {
				do(t, ctx, emulateMedia(media))
				for _, sec := range r.SectionPages(lang) {
					open(t, ctx, sec.Path)
					own := eval[[]string](t, ctx, headingLookOf(".prose h2"))
					open(t, ctx, pr.Path)
					printed := eval[[]string](t, ctx, headingLookOf("#"+sec.Section.Slug+" .prose h3"))
					if len(own) == 0 || jsonString(own) != jsonString(printed) {
						t.Errorf("%s, media %q: the print edition's <h3>s look %v, want the section page's <h2>s %v", sec.Path, media, printed, own)
					}
				}
			}
			do(t, ctx, emulateMedia(""))
		}
	}
}

// headingLookOf is the headingLook script for the selector sel.
func headingLookOf(sel string) string {
	return fmt.Sprintf("(() => "+headingLook+")()", strconv.Quote(sel))
}

// TestPrintTitleOverKeyFigures: on paper a report's title (22pt) is the
// largest text, above the key figures (18pt) and every other heading, in
// both languages alike, on the cover and the print edition. The screen's
// English sizes (:lang(en), more specific) must not win in print. Printed
// at the width of an A4 page's text and at a desktop window's.
func TestPrintTitleOverKeyFigures(t *testing.T) {
	for _, width := range []int64{657, 1280} {
		ctx := tab(t, width, 900)
		do(t, ctx, emulateMedia("print"))
		sizes := map[string][2]float64{}
		for _, p := range []string{"zh/2019/", "en/2019/", "zh/2019/print/", "en/2019/print/"} {
			open(t, ctx, p)
			got := eval[map[string]float64](t, ctx, `(() => {
				const px = (e) => parseFloat(getComputedStyle(e).fontSize);
				const max = (sel) => Math.max(0, ...[...document.querySelectorAll(sel)].filter((e) => e.checkVisibility()).map(px));
				return {h1: px(document.querySelector("h1")), figure: max(".key-figure dd"), heading: max("h2, h3, h4, h5, h6")};
			})()`)
			if got["figure"] == 0 {
				t.Fatalf("%s: no key figures in print", p)
			}
			if !(got["h1"] > got["figure"] && got["h1"] > got["heading"]) {
				t.Errorf("%s printed %d px wide: title %.1f px, key figures up to %.1f px, headings up to %.1f px; want the title largest", p, width, got["h1"], got["figure"], got["heading"])
			}
			kind := strings.TrimPrefix(p, p[:3])
			s := sizes[kind]
			if s != [2]float64{} && (math.Abs(s[0]-got["h1"]) > 0.1 || math.Abs(s[1]-got["figure"]) > 0.1) {
				t.Errorf("%s printed %d px wide: title %.1f px and key figures %.1f px, but %.1f and %.1f px in the other language", p, width, got["h1"], got["figure"], s[0], s[1])
			}
			sizes[kind] = [2]float64{got["h1"], got["figure"]}
		}
	}
}

// TestPrintFootnotesWithoutBackArrow: on paper, and in the PDF printed
// from it, a footnote's note ends with its text: the arrow that leads back
// to the text on screen leads nowhere there.
func TestPrintFootnotesWithoutBackArrow(t *testing.T) {
	srv := serveWithAllowanceSection(t)
	ctx := tab(t, 1280, 900)
	for _, media := range []string{"", "print"} {
		do(t, ctx, emulateMedia(media))
		for _, p := range []string{"zh/2019/allowance/", "zh/2019/print/", "en/2019/print/"} {
			do(t, ctx, chromedp.Navigate(srv.URL(p)))
			notes := eval[string](t, ctx, `[...document.querySelectorAll(".footnotes")].map((f) => f.innerText).join("|")`)
			if notes == "" {
				t.Fatalf("%s: no footnotes", p)
			}
			if arrow := strings.Contains(notes, "↩"); arrow != (media == "") {
				t.Errorf("%s, media %q: the notes read %q; want the arrow back on screen only", p, media, notes)
			}
		}
	}
	do(t, ctx, emulateMedia(""))
}
