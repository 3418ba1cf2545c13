package check

import (
	"io/fs"
	"maps"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/publish"
)

// Publishing reports what publishing res's files (a Dev build's) would
// refuse, the way build reports it: a page the Content-Security-Policy
// would block (an inline style or script from raw HTML or a layout), and,
// whether or not site.toml asks for minifying, a static CSS, JS or JSON
// file the minifier cannot parse, which build --minify would refuse. It is
// not part of Run, which build runs too: build finds these itself.
func Publishing(res *build.Result, fsys fs.FS) diag.List {
	var list diag.List
	// The policy is checked on the pages as rendered, so lines are the
	// page's own, as in build; minifying is tried on its own copy.
	list.Add("", build.StaticSources(fsys, res.Publishable(false)))
	list.Add("", build.StaticSources(fsys, publish.Minify(maps.Clone(res.Files))))
	seen := map[findingKey]bool{}
	var out diag.List
	for _, d := range list {
		k := findingKey{d.File, d.Line, d.Col, d.Msg}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	Sort(out)
	return out
}
