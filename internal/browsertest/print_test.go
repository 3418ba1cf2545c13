package browsertest

import (
	"fmt"
	"strconv"
	"testing"
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
