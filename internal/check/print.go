package check

import (
	"fmt"
	"strings"

	"github.com/xmca/almanac/internal/render"
)

// printHeadings warns about headings the print edition cannot move down
// under their part's title (render.PrintHeadingShift): HTML stops at <h6>,
// so there they share a level with the headings above them, in the PDF's
// bookmarks and for screen readers alike.
func (c *checker) printHeadings() {
	for _, p := range c.res.Site.Pages {
		s := c.sources[p.Source]
		if s == nil || p.Report == nil || p.Report.Prints[p.LangKey()] == nil {
			continue
		}
		shift := render.PrintHeadingShift(p)
		deepest := strings.Repeat("#", 6-shift)
		for _, h := range s.parsed().headings {
			if h.level+shift <= 6 {
				continue
			}
			c.warnf(s.file, h.line, h.col,
				fmt.Sprintf("use at most %s here: the print edition moves this page's headings %d %s down, and HTML has six levels", deepest, shift, plural(shift, "level", "levels")),
				"in the print edition this %s heading is an <h6>, at the same level as a %s heading", strings.Repeat("#", h.level), deepest)
		}
	}
}
