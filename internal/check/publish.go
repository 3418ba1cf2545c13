package check

import (
	"maps"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/publish"
)

// publishing runs on a copy of the pages what build --minify runs on the
// real ones: minifying (a static CSS, JS or JSON file it cannot parse) and
// the Content-Security-Policy check (an inline style or script from raw
// HTML or a layout), so check finds what a production build would refuse.
func (c *checker) publishing() {
	// The policy is checked on the pages as rendered, so lines are the
	// page's own; minifying is tried on its own copy.
	var list diag.List
	list.Add("", build.StaticSources(c.fsys, publish.Process(maps.Clone(c.res.Files), publish.Options{BaseURL: c.res.Config.BaseURL})))
	list.Add("", build.StaticSources(c.fsys, publish.Minify(maps.Clone(c.res.Files))))
	for _, d := range list {
		k := findingKey{d.File, d.Line, d.Col, d.Msg}
		if !c.seen[k] {
			c.seen[k] = true
			c.list = append(c.list, d)
		}
	}
}
