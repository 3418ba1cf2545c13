package check

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/parallel"
	"github.com/xmca/almanac/internal/render"
	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/sitepath"
	"github.com/xmca/almanac/internal/suggest"
)

// pages checks every built HTML file: well-formed, unique ids, one <h1>,
// and every link to the site leading to a file and #anchor that exist.
// A problem is reported where it was made: a link or heading written in
// Markdown at its line in the Markdown file, anything else in the layout.
func (c *checker) pages() {
	byFile := map[string]*site.Page{}
	for _, p := range c.res.Site.Pages {
		byFile[p.OutFile] = p
	}
	var names []string
	for name := range c.res.Files {
		if strings.HasSuffix(name, ".html") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	parsed := c.parseAll(names)
	c.html = parsed
	c.base, _ = url.Parse(c.res.Config.BaseURL)
	c.basePath = c.res.Config.BasePath()

	// Where the Markdown wrote each link is looked up only once a link
	// fails: it takes parsing every source.
	var written map[string]map[string][]*writtenLink
	var printOnly, converted []linkProblem
	reportedAt := map[string]bool{}
	for _, name := range names {
		page := byFile[name]
		hp := parsed[name]
		origin := c.origin(page, name)
		for _, pr := range hp.problems {
			c.layout(diag.Error, origin, pr.hint, pr.msg, name, lineOf(hp.src, pr.offset))
		}
		if !hp.doctype {
			c.layout(diag.Error, origin, "start the layout with <!DOCTYPE html>", "the page does not start with <!DOCTYPE html>", name, 0)
		}
		c.ids(page, name, hp, origin)
		c.headings(page, name, hp, origin)
		pageURL := c.pageURL(name)
		for _, l := range hp.links {
			t, ok := c.resolve(pageURL, l.url)
			if !ok {
				continue
			}
			msg, hint, sev := c.follow(t)
			if msg == "" {
				continue
			}
			if written == nil {
				written = c.markdownLinks(byFile)
			}
			if mds := written[name][t.key()]; len(mds) > 0 {
				for _, md := range mds {
					written := t
					written.href = md.dest
					// Links to the same place share a key; only those
					// written without the final / lack it.
					written.slash = t.slash && !endsInSlash(md.dest)
					msg, hint, sev := c.follow(written)
					if msg == "" {
						continue
					}
					lp := linkProblem{md: md, page: name, msg: msg, hint: hint, sev: sev}
					switch {
					case md.page == page && page.Converted:
						converted = append(converted, lp)
					case md.page == page:
						c.add(sev, md.file, md.line, md.col, hint, "%s", msg)
						md.reported = true
						reportedAt[md.position()] = true
					default:
						printOnly = append(printOnly, lp)
					}
				}
				continue
			}
			c.layout(sev, origin.at(c.layoutLine(origin, l.url)), hint, fmt.Sprintf("%s (a link made by the layout)", msg), name, lineOf(hp.src, l.offset))
		}
	}
	c.searchPages()
	c.flushLayout()
	// A converted edition's page shows its source language's links, so a
	// link broken there is broken in the source language too: it is
	// reported once, with the address the editor's own language has.
	for _, lp := range converted {
		lp.md.reported = true
		if !reportedAt[lp.md.position()] {
			c.add(lp.sev, lp.md.file, lp.md.line, lp.md.col, lp.hint, "%s", lp.msg)
		}
	}
	// A link that works on its own page but not in the print edition, where
	// it is shown under another address and leads into the page when it
	// leads to the report's cover or sections (render.PrintHref).
	for _, lp := range printOnly {
		if lp.md.reported {
			continue
		}
		c.add(diag.Warning, lp.md.file, lp.md.line, lp.md.col, c.printOnlyHint(lp.md), "in the print edition (%s): %s", lp.page, lp.msg)
	}
}

// parseAll parses the built HTML files names on all cores.
func (c *checker) parseAll(names []string) map[string]*htmlPage {
	pages := parallel.Map(names, func(name string) *htmlPage { return parseHTML(c.res.Files[name]) })
	parsed := make(map[string]*htmlPage, len(names))
	for i, name := range names {
		parsed[name] = pages[i]
	}
	return parsed
}

// printOnlyHint says why the link l fails only in the print edition, where
// links to the report's cover and sections lead into the page and each
// part keeps only the anchors its Markdown made.
func (c *checker) printOnlyHint(l *writtenLink) string {
	shown := render.PrintHref(c.res.Site, l.page, l.dest)
	switch {
	case strings.Contains(l.dest, "#"):
		return "the print edition shows the cover and every section on one page, where a link to an #anchor of one of them leads to its part of that page, which has only the anchors its Markdown made (a heading's {#id}), not those of its own page's layout: link to a heading's {#id}"
	case strings.HasPrefix(shown, "#"):
		return fmt.Sprintf("the print edition leads this link to %s, the part of its page the link is about, but %s gives that part no such id: "+
			"give each section's <article> id=\"{{.Section.Slug}}\" and the cover's part id=\"{{.PrintAnchor $cover}}\"", shown, path.Join(render.Dir, "print.html"))
	}
	return "the print edition shows the cover and every section on one page, at another address: write the address so that it works from there too, or start it with " + c.basePath
}

// endsInSlash reports whether the path of href, without its query and
// fragment, ends with "/".
func endsInSlash(href string) bool {
	p, _, _ := strings.Cut(href, "#")
	p, _, _ = strings.Cut(p, "?")
	return strings.HasSuffix(p, "/")
}

type linkProblem struct {
	md        *writtenLink
	page      string
	msg, hint string
	sev       diag.Severity
}

// writtenLink is a Markdown link as shown on one page.
type writtenLink struct {
	file      string
	line, col int
	dest      string
	page      *site.Page // the page the Markdown belongs to
	reported  bool
}

// position is where the link is written, file:line:col.
func (l *writtenLink) position() string {
	return fmt.Sprintf("%s:%d:%d", l.file, l.line, l.col)
}

// markdownLinks resolves every Markdown link on every page that shows it,
// keyed by built file and target.
func (c *checker) markdownLinks(byFile map[string]*site.Page) map[string]map[string][]*writtenLink {
	out := map[string]map[string][]*writtenLink{}
	for _, p := range c.res.Site.Pages {
		s := c.sources[p.Source]
		if s == nil {
			continue
		}
		for _, l := range s.parsed().links {
			w := &writtenLink{file: s.file, line: l.line, col: l.col, page: p, dest: l.dest}
			for _, on := range shownOn(p) {
				dest := l.dest
				if on != p {
					dest = render.PrintHref(c.res.Site, p, dest) // as the print edition shows it
				}
				t, ok := c.resolve(c.pageURL(on.OutFile), dest)
				if !ok {
					continue
				}
				if out[on.OutFile] == nil {
					out[on.OutFile] = map[string][]*writtenLink{}
				}
				out[on.OutFile][t.key()] = append(out[on.OutFile][t.key()], w)
			}
		}
	}
	return out
}

// origin is where the parts of a built page that Markdown did not write
// come from: its layout, or the static file it was copied from.
type origin struct {
	file   string
	line   int // of the layout, where it is known
	layout bool
	page   string
}

// at is o at line of its file.
func (o origin) at(line int) origin {
	o.line = line
	return o
}

// layoutLine finds the line of o's layout that writes href: the one line
// that has the longest end of href starting at a / # ? or = (the part the
// layout writes as it is, after what {{.URL}} and the like make), or 0.
func (c *checker) layoutLine(o origin, href string) int {
	if !o.layout || c.fsys == nil {
		return 0
	}
	src, err := fs.ReadFile(c.fsys, o.file)
	if err != nil {
		return 0
	}
	for i := 0; i < len(href); i++ {
		if i > 0 && !strings.ContainsRune("/#?=", rune(href[i-1])) && !strings.ContainsRune("#?", rune(href[i])) {
			continue
		}
		literal := href[i:]
		if len(strings.Trim(literal, "/#?=")) < 2 {
			return 0
		}
		switch bytes.Count(src, []byte(literal)) {
		case 0:
			continue
		case 1:
			return lineOf(src, bytes.Index(src, []byte(literal)))
		}
		return 0 // written in several places: which one is not known
	}
	return 0
}

func (o origin) hint(h string) string {
	if !o.layout {
		return h
	}
	// Formats, not pieces glued together, so that the hint is translated.
	if h == "" {
		return fmt.Sprintf("the page is made from %s with base.html and the partials in layouts/partials/", o.file)
	}
	return fmt.Sprintf("%s; the page is made from %s with base.html and the partials in layouts/partials/", h, o.file)
}

func (c *checker) origin(p *site.Page, name string) origin {
	if p == nil {
		return origin{file: path.Join(render.StaticDir, name), page: name}
	}
	return origin{file: path.Join(render.Dir, string(p.Kind)+".html"), layout: true, page: name}
}

// layoutKey is one problem a layout makes, whatever pages it shows on.
type layoutKey struct {
	sev       diag.Severity
	file      string
	line      int
	msg, hint string
}

// layout records a problem the layout o made in the built page name, at
// line of it (0 when it is about the whole page). The same problem on many
// pages is reported once, listing where it shows.
func (c *checker) layout(sev diag.Severity, o origin, hint, msg, name string, line int) {
	k := layoutKey{sev, o.file, o.line, msg, o.hint(hint)}
	if c.layoutPages == nil {
		c.layoutPages = map[layoutKey][]string{}
	}
	if _, ok := c.layoutPages[k]; !ok {
		c.layoutOrder = append(c.layoutOrder, k)
	}
	where := name
	if line > 0 {
		where = fmt.Sprintf("%s:%d", name, line) // the same in every language, in a list of them
	}
	c.layoutPages[k] = append(c.layoutPages[k], where)
}

func (c *checker) flushLayout() {
	for _, k := range c.layoutOrder {
		pages := c.layoutPages[k]
		shown := strings.Join(pages, ", ")
		if len(pages) > 3 {
			shown = fmt.Sprintf("%s and %d more", strings.Join(pages[:3], ", "), len(pages)-3)
		}
		c.add(k.sev, k.file, k.line, 0, k.hint, "%s (in the built %s %s)", k.msg, plural(len(pages), "page", "pages"), shown)
	}
}

// ids reports ids used twice on a page.
func (c *checker) ids(p *site.Page, name string, hp *htmlPage, o origin) {
	for _, d := range hp.dupIDs {
		if c.markdownID(p, name, d.id) {
			continue
		}
		c.layout(diag.Error, o, "give every element on a page its own id", fmt.Sprintf("the id %q is used twice", d.id), name, lineOf(hp.src, d.offset))
	}
}

// markdownID reports a repeated id that Markdown wrote, at the Markdown's
// line, and says whether it found one.
func (c *checker) markdownID(p *site.Page, name, id string) bool {
	if p == nil {
		return false
	}
	for _, shown := range c.shownIn(p) {
		s := c.sources[shown.Source]
		if s == nil {
			continue
		}
		prefix := ""
		if shown != p {
			prefix = render.PrintID(shown)
		}
		var found []mdHeading
		for _, h := range s.parsed().headings {
			if h.id != "" && prefix+h.id == id {
				found = append(found, h)
			}
		}
		if len(found) > 1 {
			h := found[1]
			c.errorf(s.file, h.line, h.col, fmt.Sprintf("give this heading another {#id}: line %d already uses it", found[0].line),
				"the heading id {#%s} is used twice", h.id)
			return true
		}
		if key, ok := strings.CutPrefix(id, "chart-"); ok && shown.Doc != nil {
			var refs []int
			for i, r := range shown.Doc.Charts {
				if r.Key == key {
					refs = append(refs, i)
				}
			}
			if len(refs) > 1 {
				r := shown.Doc.Charts[refs[1]]
				c.errorf(s.file, r.Line, r.Col, fmt.Sprintf("place each chart once per page; it is already at line %d", shown.Doc.Charts[refs[0]].Line),
					"the chart %q is placed twice", key)
				return true
			}
		}
		if len(found) == 1 {
			h := found[0]
			c.errorf(s.file, h.line, h.col, "choose another {#id} for this heading: the page layout uses this one",
				"the heading id {#%s} is also used by the page around it (%s)", h.id, name)
			return true
		}
	}
	return false
}

// shownIn lists the pages whose Markdown a page shows: itself, and for a
// print edition the cover and every section.
func (c *checker) shownIn(p *site.Page) []*site.Page {
	if p.Kind != site.KindPrint || p.Report == nil {
		return []*site.Page{p}
	}
	lang := p.LangKey()
	var out []*site.Page
	if cv := p.Report.Covers[lang]; cv != nil {
		out = append(out, cv)
	}
	return append(out, p.Report.SectionPages(lang)...)
}

// headings checks that a page has exactly one <h1>.
func (c *checker) headings(p *site.Page, name string, hp *htmlPage, o origin) {
	switch {
	case len(hp.h1) == 1:
	case len(hp.h1) == 0:
		c.layout(diag.Error, o, "give the page's title an <h1>", "the page has no <h1>", name, 0)
	default:
		foundMarkdown := false
		if p != nil {
			for _, shown := range c.shownIn(p) {
				if s := c.sources[shown.Source]; s != nil {
					for _, h := range s.level1() {
						foundMarkdown = true
						c.errorf(s.file, h.line, h.col,
							"use ## for headings inside a page: its title (from title = \"…\") is the page's only # heading",
							"a # heading makes a second <h1> on the page")
					}
				}
			}
		}
		if !foundMarkdown {
			c.layout(diag.Error, o, "keep one <h1>, the page title, and use <h2> below it",
				fmt.Sprintf("the page has %d <h1> elements (lines %s)", len(hp.h1), lines(hp.src, hp.h1)), name, 0)
		}
	}
}

func lines(src []byte, offsets []int) string {
	var out []string
	for _, o := range offsets {
		out = append(out, fmt.Sprint(lineOf(src, o)))
	}
	return strings.Join(out, ", ")
}

// pageURL is the absolute URL a built file is published at.
func (c *checker) pageURL(name string) *url.URL {
	return c.base.ResolveReference(&url.URL{Path: sitepath.Served(name)})
}

// target is a link's destination inside the site.
type target struct {
	href    string // as written
	from    string // the URL path of the page it is on
	file    string // the built file it names, relative to the output root
	frag    string
	hasFrag bool
	outside bool // in the site's host but outside its base path
	slash   bool // a folder written without its trailing slash
}

func (t target) key() string { return t.file + "#" + t.frag }

// resolve turns href on the page at pageURL into a target in the site;
// ok is false for links that leave the site or are not web addresses.
func (c *checker) resolve(pageURL *url.URL, href string) (target, bool) {
	href = strings.TrimSpace(href)
	if href == "" {
		return target{}, false
	}
	u, err := url.Parse(href)
	if err != nil {
		return target{href: href, file: "?" + href}, true
	}
	abs := pageURL.ResolveReference(u)
	if (abs.Scheme != "http" && abs.Scheme != "https") || !strings.EqualFold(abs.Host, c.base.Host) {
		return target{}, false
	}
	t := target{href: href, from: pageURL.Path, frag: abs.Fragment, hasFrag: abs.Fragment != "" || strings.HasSuffix(href, "#")}
	p := abs.Path
	if p+"/" == c.basePath {
		p = c.basePath
	}
	rel, ok := strings.CutPrefix(p, c.basePath)
	if !ok {
		t.outside, t.file = true, p
		return t, true
	}
	rel = sitepath.File(rel)
	if _, ok := c.res.Files[rel]; !ok {
		if _, ok := c.res.Files[sitepath.File(rel+"/")]; ok {
			t.slash = true
			rel = sitepath.File(rel + "/")
		}
	}
	t.file = rel
	return t, true
}

// follow reports what is wrong with a link to t, or "" when nothing is.
func (c *checker) follow(t target) (msg, hint string, sev diag.Severity) {
	if strings.HasPrefix(t.file, "?") {
		return fmt.Sprintf("the link %q is not a valid address", t.href), "check the address for spaces and stray characters; write spaces as %20", diag.Error
	}
	if t.outside {
		return fmt.Sprintf("the link %q leads outside the site, which is published under %s", t.href, c.basePath),
			"write the address relative to this page (../other-section/) or starting with " + c.basePath, diag.Error
	}
	if _, ok := c.res.Files[t.file]; !ok {
		return fmt.Sprintf("the link %q leads to a page or file that does not exist (%s)", t.href, t.file), c.suggestFile(t), diag.Error
	}
	if t.slash {
		return fmt.Sprintf("the link %q names a folder without its final /", t.href),
			"add a / at the end: some servers do not send the page without it", diag.Warning
	}
	if t.frag == "" || t.frag == "top" {
		return "", "", 0
	}
	hp := c.html[t.file]
	if hp == nil || hp.ids[t.frag] {
		return "", "", 0
	}
	return fmt.Sprintf("the link %q leads to #%s, which is not an anchor on %s", t.href, t.frag, t.file), c.suggestID(t.frag, hp), diag.Error
}

func (c *checker) suggestFile(t target) string {
	var names []string
	for name := range c.res.Files {
		names = append(names, name)
	}
	slices.Sort(names)
	if near := closest(t.file, names); near != "" {
		href := c.basePath + strings.TrimSuffix(near, "index.html")
		if !strings.HasPrefix(t.href, "/") && !strings.Contains(t.href, "://") {
			// Written relative to its page, as a link in a Chinese file
			// must be for the converted edition to lead to its own pages.
			href = relativeHref(t.from, href)
		}
		if t.frag != "" {
			href += "#" + t.frag
		}
		return fmt.Sprintf("did you mean %s? Check the address against the page you mean", href)
	}
	return "check the address: link to sections as ../section-name/ and to static files by their path under static/"
}

// relativeHref is the address of the path to as a link on the page at
// the path from (a folder, ending in /) writes it: ../../2019/alpha/.
func relativeHref(from, to string) string {
	dir := strings.Split(strings.Trim(from[:strings.LastIndex(from, "/")+1], "/"), "/")
	dest := strings.Split(strings.Trim(to, "/"), "/")
	i := 0
	for i < len(dir) && i < len(dest) && dir[i] == dest[i] {
		i++
	}
	rel := strings.Repeat("../", len(dir)-i) + strings.Join(dest[i:], "/")
	if i < len(dest) && strings.HasSuffix(to, "/") {
		rel += "/"
	}
	if rel == "" {
		return "./"
	}
	return rel
}

func (c *checker) suggestID(id string, hp *htmlPage) string {
	near := closest(id, hp.headingIDs)
	if near == "" {
		// #policy for #policy-and-institutions: a shortened anchor.
		var starts []string
		for _, h := range hp.headingIDs {
			if strings.HasPrefix(h, id) {
				starts = append(starts, h)
			}
		}
		if len(starts) == 1 {
			near = starts[0]
		}
	}
	if near != "" {
		return fmt.Sprintf("did you mean #%s? The anchors are the headings' ids, set with {#id} after a heading", near)
	}
	if len(hp.headingIDs) == 0 {
		return "that page has no headings to link to; link to the page without #…"
	}
	ids := hp.headingIDs
	if len(ids) > 8 {
		ids = append(slices.Clone(ids[:8]), "…")
	}
	return "the headings on that page have the anchors #" + strings.Join(ids, ", #")
}

// closest is the word in options nearest to w, within a few slips.
func closest(w string, options []string) string {
	guess, _ := suggest.Closest(w, options, 3)
	return guess
}
