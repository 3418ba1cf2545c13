package check

import (
	"bytes"

	"github.com/xmca/almanac/internal/scaffold"
	"github.com/xmca/almanac/internal/site"
)

// placeholders warns where a published section or cover still has a text
// almanac new wrote for the editor to replace: a cover whose draft line
// was deleted before its summary was written shows "用一两句话概括本年度报告。"
// on the home page.
func (c *checker) placeholders() {
	byKind := map[site.Kind]map[string]scaffold.Placeholder{
		site.KindSection: scaffold.Placeholders(c.fsys, c.res.Config, "section"),
		site.KindCover:   scaffold.Placeholders(c.fsys, c.res.Config, "cover"),
	}
	for _, p := range c.res.Site.Pages {
		ph, ok := byKind[p.Kind][p.LangKey()]
		s := c.sources[p.Source]
		if !ok || s == nil || p.Converted {
			continue
		}
		if ph.Title != "" && s.front.Title == ph.Title {
			c.warnf(s.file, s.front.Line("title"), 0, "write this page's own text in its place", "the title is still the example almanac new wrote: %q", ph.Title)
		}
		if ph.Summary != "" && s.front.Summary == ph.Summary {
			c.warnf(s.file, s.front.Line("summary"), 0, "write this page's own text in its place: one or two sentences, shown in the contents and on the home page",
				"the summary is still the example almanac new wrote: %q", ph.Summary)
		}
		for i, line := range bytes.Split(s.body, []byte("\n")) {
			for _, example := range ph.Lines {
				if string(bytes.TrimSpace(line)) == example {
					c.warnf(s.file, s.bodyLine+i, 0, "write this page's own text in its place, or delete the line", "this line is still the example almanac new wrote")
					break
				}
			}
		}
	}
}
