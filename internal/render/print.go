package render

import (
	"html/template"
	"net/url"
	"path"
	"strings"

	"github.com/xmca/almanac/internal/markdown"
	"github.com/xmca/almanac/internal/site"
)

// The print edition (layouts/print.html) puts a report's cover and every
// section on one page. What Go needs to know of its layout is here, so that
// the bodies it shows, and almanac check, agree with it.
const (
	// printCoverAnchor is the id of the cover's part of the page.
	printCoverAnchor = "print-cover"

	// The levels of the parts' titles: the cover's is the page's <h1>,
	// each section's an <h2>.
	printCoverTitleLevel   = 1
	printSectionTitleLevel = 2
	// bodyTopLevel is the level of a body's first headings (##): on a page
	// of its own the body sits under the page's <h1>.
	bodyTopLevel = 2
)

// PrintID is the prefix the ids in p's Markdown get in the print edition,
// where the cover and every section share a page.
func PrintID(p *site.Page) string {
	if p.Section == nil {
		return "cover-"
	}
	return p.Section.Slug + "--"
}

// PrintAnchor is the id of p's part of the print edition: the section's
// <article>, which the layout gives the slug (id="{{.Section.Slug}}", a
// field, cheaper than a call for every section), or the cover's <section>
// (id="{{.PrintAnchor $cover}}").
func PrintAnchor(p *site.Page) string {
	if p.Section == nil {
		return printCoverAnchor
	}
	return p.Section.Slug
}

// PrintAnchor is the id of p's part of the print edition, for the layout.
func (v *View) PrintAnchor(p *site.Page) string { return PrintAnchor(p) }

// PrintHeadingShift is how many levels p's headings move down in the print
// edition, so that its ## headings sit one level under its part's title,
// as they sit under the <h1> on its own page. A section's title is an
// <h2>, so its ## becomes an <h3>, its ### an <h4>, and so on; ##### and
// ###### both become <h6>, HTML's last level. The cover's title is the
// page's <h1>, as on the cover itself, so its headings stay as they are:
// moving them down would skip a level (<h1> to <h3>), which leaves a hole
// in the PDF's bookmarks and in what screen readers announce.
func PrintHeadingShift(p *site.Page) int {
	if p.Section == nil {
		return printCoverTitleLevel + 1 - bodyTopLevel
	}
	return printSectionTitleLevel + 1 - bodyTopLevel
}

// PrintBody is a section's or the cover's body as the print edition shows
// it: ids prefixed, headings one level under the part's title, links to
// the report's other parts pointing into the page (see PrintHref).
func (v *View) PrintBody(p *site.Page) template.HTML {
	if p.Doc == nil {
		return ""
	}
	var links *printLinks // made for the first link: most bodies have none
	return p.Doc.EmbeddedHTML(markdown.Embedding{
		IDPrefix:     PrintID(p),
		HeadingShift: PrintHeadingShift(p),
		URL: func(href string) string {
			if links == nil {
				links = newPrintLinks(v.Site, p)
			}
			return links.rewrite(href)
		},
	})
}

// PrintHref is what a link written in p's Markdown as href becomes in the
// print edition of p's report: a link to the report's cover or to one of
// its sections in the same language, with or without an #anchor, leads to
// that part of the print page (#alpha, #alpha--anchor, #print-cover); an
// in-page #anchor gets p's prefix; a relative address that would lead
// elsewhere from the print page's address (which is not p's) becomes
// root-relative; anything else stays as written. href is as the browser
// reads it (URL-escaped, not HTML-escaped).
func PrintHref(s *site.Site, p *site.Page, href string) string {
	if len(href) > 1 && href[0] == '#' {
		return "#" + PrintID(p) + href[1:]
	}
	return newPrintLinks(s, p).rewrite(href)
}

// printLinks rewrites the addresses in one page's Markdown for the print
// edition of its report.
type printLinks struct {
	base   *url.URL // the site's base URL
	from   *url.URL // the page's own address, path only
	print  *url.URL // the print edition's, path only; nil for a page outside a report
	report *site.Report
	lang   string
	// folder is the report's folder in the page's language, where its
	// cover and sections are: "/report/zh/2019/".
	folder string
}

func newPrintLinks(s *site.Site, p *site.Page) *printLinks {
	basePath := s.Config.BasePath()
	l := &printLinks{from: &url.URL{Path: basePath + p.Path}, report: p.Report, lang: p.LangKey()}
	l.base, _ = url.Parse(s.Config.BaseURL)
	if p.Report == nil {
		return l
	}
	if pr := p.Report.Prints[l.lang]; pr != nil {
		l.print = &url.URL{Path: basePath + pr.Path}
		// The print edition is a folder of the report's, beside its sections.
		l.folder = basePath + path.Dir(strings.TrimSuffix(pr.Path, "/")) + "/"
	}
	return l
}

// rewrite is PrintHref for an address that is not an in-page #anchor.
func (l *printLinks) rewrite(href string) string {
	u, err := url.Parse(href)
	if err != nil || href == "" || l.print == nil || u.Opaque != "" {
		return href
	}
	if (u.Scheme != "" || u.Host != "") && !l.inSite(u) {
		return href
	}
	target := l.from.ResolveReference(u)
	if part := l.part(target.Path); part != nil && u.RawQuery == "" && !u.ForceQuery {
		if u.Fragment == "" {
			return "#" + PrintAnchor(part)
		}
		return "#" + PrintID(part) + u.EscapedFragment()
	}
	if u.Scheme == "" && u.Host == "" && !strings.HasPrefix(u.Path, "/") {
		if l.print.ResolveReference(u).String() != target.String() {
			return target.String()
		}
	}
	return href
}

// inSite reports whether the absolute address u is on the site's host.
func (l *printLinks) inSite(u *url.URL) bool {
	return l.base != nil && (u.Scheme == "http" || u.Scheme == "https" || u.Scheme == "") &&
		strings.EqualFold(u.Host, l.base.Host)
}

// part is the cover or section of the print edition at the address p,
// written as a folder ("alpha/"), without its final / or as its index.html.
// Only links into the report's folder are looked for among its sections.
func (l *printLinks) part(p string) *site.Page {
	rest, ok := strings.CutPrefix(p, l.folder)
	if !ok {
		return nil
	}
	if rest == "index.html" || strings.HasSuffix(rest, "/index.html") {
		rest = strings.TrimSuffix(rest, "index.html")
	}
	rest = strings.TrimSuffix(rest, "/")
	if rest == "" {
		return l.report.Covers[l.lang]
	}
	for _, sec := range l.report.Sections {
		if sec.Slug == rest {
			return sec.Pages[l.lang]
		}
	}
	return nil
}
