package check

import (
	"bytes"
	"maps"
	"strings"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/publish"
	"github.com/xmca/almanac/internal/site"
)

// publishing runs on a copy of the pages what build --minify runs on the
// real ones: minifying (a static CSS, JS or JSON file it cannot parse) and
// the Content-Security-Policy check (an inline style or script from raw
// HTML or a layout), so check finds what a production build would refuse.
// Where a built page breaks the policy, the finding names what to change:
// the Markdown file whose raw HTML it is, or else the page's layout.
func (c *checker) publishing() {
	// The policy is checked on the pages as rendered, so lines are the
	// page's own; minifying is tried on its own copy.
	var list diag.List
	list.Add("", build.StaticSources(c.fsys, publish.Process(maps.Clone(c.res.Files), publish.Options{BaseURL: c.res.Config.BaseURL})))
	list.Add("", build.StaticSources(c.fsys, publish.Minify(maps.Clone(c.res.Files))))
	byFile := map[string]*site.Page{}
	for _, p := range c.res.Site.Pages {
		byFile[p.OutFile] = p
	}
	for _, d := range list {
		if p := byFile[d.File]; p != nil && d.Line > 0 {
			if c.fromMarkdown(p, d) {
				continue
			}
			c.layout(d.Severity, c.origin(p, d.File), d.Hint, d.Msg, d.File, d.Line)
			continue
		}
		c.add(d.Severity, d.File, d.Line, d.Col, d.Hint, "%s", d.Msg)
	}
	c.flushLayout()
}

// fromMarkdown reports a finding at the raw HTML of a Markdown file shown
// on page p, when the tag or attribute the finding names is written there.
func (c *checker) fromMarkdown(p *site.Page, d *diag.Diagnostic) bool {
	needle := cspNeedle(d.Msg)
	if needle == "" || !c.res.Config.Build.RawHTML {
		return false
	}
	for _, shown := range c.shownIn(p) {
		s := c.sources[shown.Source]
		if s == nil {
			continue
		}
		if i := bytes.Index(bytes.ToLower(s.body), []byte(needle)); i >= 0 {
			line, col := s.position(i)
			c.add(d.Severity, s.file, line, col, d.Hint, "%s", d.Msg)
			return true
		}
	}
	return false
}

// cspNeedle is what raw HTML that breaks the policy as msg says would
// contain: "<script" for an inline <script>, "onclick=" for the onclick
// attribute.
func cspNeedle(msg string) string {
	if _, rest, ok := strings.Cut(msg, "inline <"); ok {
		if name, _, ok := strings.Cut(rest, ">"); ok {
			return "<" + strings.ToLower(name)
		}
	}
	if _, rest, ok := strings.Cut(msg, "the "); ok {
		if name, _, ok := strings.Cut(rest, " attribute"); ok && !strings.Contains(name, " ") {
			return strings.ToLower(name) + "="
		}
	}
	return ""
}
