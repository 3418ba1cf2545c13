package serve

import (
	"reflect"
	"slices"
	"strings"

	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/markdown"
	"github.com/xmca/almanac/internal/render"
	"github.com/xmca/almanac/internal/site"
)

// plan decides which pages of a new model to render, given the last good
// build and the source paths changed since. Every other page is taken from
// the last build as it is, so plan must never leave out a page whose output
// could differ; rendering a page too many costs time, one too few shows a
// stale page. The randomized equivalence test holds it to that.
//
// A page is rendered when:
//   - it is new, or its own model changed (outline or body, see below);
//   - a layout file it was rendered with changed, or its kind's list of
//     layout files did (the key-figures and chart partials, which
//     Markdown's {{key-figures}} blocks and {{chart}}s are made with,
//     change those bodies instead: see site.Cache);
//   - an interface string it used changed, in any language;
//   - a figure it showed changed (layouts' .Figure and key figures, the
//     home pages' lists of every year's; figures in Markdown change the
//     body instead, and so do comparisons with other years and series
//     charts, which the site cache converts again when any year's figures
//     change: see site.Cache);
//   - it belongs to a report where any page's outline changed, or a page
//     came or went: layouts may list, link or name any page of their
//     report (contents, previous/next, breadcrumbs, language switch);
//   - it is a print edition of a report where the body of a page in its
//     language changed (the print edition holds every body), or a cover of
//     one where the headings of a page in its language changed (its
//     contents list them);
//   - it is the root, a home, a 404 page, a cover, a print edition or a
//     search page (which lists the reports' contents), and a
//     report, cover or home changed outline, came or went (home pages list
//     the reports);
//   - a home or the root changed outline: every page shows its home in the
//     breadcrumbs and header.
//
// A page's outline is everything in its model but the Markdown body: title,
// summary, parameters, URL, key figures, and the pages it links to
// (parent, previous, next, translations).
type planner struct {
	old       *state
	cur       *site.Site
	layouts   *render.Layouts
	changed   map[string]bool // source paths changed since the old build
	oldByFile map[string]*site.Page

	all            bool
	siteOutline    bool
	reportOutline  map[string]bool // by year
	reportBody     map[string]bool // by year + "/" + language
	reportTOC      map[string]bool // by year + "/" + language
	changedFigures map[string]bool // "year/key", or "year/*" for every figure of a year
	self           map[string]bool // pages whose own outline or body changed, by output file
	layoutsChanged bool
	stringsChanged bool
}

func plan(old *state, cur *site.Site, layouts *render.Layouts, changed map[string]bool) []*site.Page {
	p := &planner{old: old, cur: cur, layouts: layouts, changed: changed,
		oldByFile: map[string]*site.Page{}, reportOutline: map[string]bool{}, reportBody: map[string]bool{}, reportTOC: map[string]bool{}, self: map[string]bool{}}
	for _, pg := range old.site.Pages {
		p.oldByFile[pg.OutFile] = pg
	}
	for f := range changed {
		if strings.HasPrefix(f, render.Dir+"/") || f == render.Dir {
			p.layoutsChanged = true
		}
		if strings.HasPrefix(f, "layouts/i18n/") || f == "layouts/i18n" {
			p.stringsChanged = true
		}
	}
	p.scopes()
	p.figures()
	var out []*site.Page
	for _, pg := range cur.Pages {
		if p.needs(pg) {
			out = append(out, pg)
		}
	}
	return out
}

// scopes compares every page with its old self and marks what the
// differences reach.
func (p *planner) scopes() {
	seen := map[string]bool{}
	for _, pg := range p.cur.Pages {
		seen[pg.OutFile] = true
		o := p.oldByFile[pg.OutFile]
		switch {
		case o == nil:
			p.self[pg.OutFile] = true
			p.outlineChanged(pg)
			p.bodyChanged(pg, true)
		default:
			if !sameOutline(o, pg) {
				p.self[pg.OutFile] = true
				p.outlineChanged(pg)
			}
			if !sameDoc(o.Doc, pg.Doc) {
				p.self[pg.OutFile] = true
				p.bodyChanged(pg, !sameTOC(o.Doc, pg.Doc))
			}
		}
	}
	for _, o := range p.old.site.Pages {
		if !seen[o.OutFile] {
			p.outlineChanged(o)
			p.bodyChanged(o, true)
		}
	}
	oldYears, curYears := years(p.old.site), years(p.cur)
	if !slices.Equal(oldYears, curYears) {
		p.siteOutline = true
	}
}

func years(s *site.Site) []string {
	var ys []string
	for _, r := range s.Reports {
		ys = append(ys, r.Year)
	}
	return ys
}

func (p *planner) outlineChanged(pg *site.Page) {
	switch pg.Kind {
	case site.KindRoot, site.KindHome:
		p.all = true
	case site.KindCover:
		p.siteOutline = true
	}
	if pg.Report != nil {
		p.reportOutline[pg.Report.Year] = true
	}
}

func (p *planner) bodyChanged(pg *site.Page, toc bool) {
	if pg.Report != nil {
		p.reportBody[pg.Report.Year+"/"+pg.LangKey()] = true
		if toc {
			p.reportTOC[pg.Report.Year+"/"+pg.LangKey()] = true
		}
	}
}

// figures finds the figures whose every visible property changed, per
// report year. Where the two builds share a set (the cache kept it), none
// did.
func (p *planner) figures() {
	p.changedFigures = map[string]bool{}
	oldSets := map[string]*figures.Set{}
	for _, r := range p.old.site.Reports {
		oldSets[r.Year] = r.Figures
	}
	for _, r := range p.cur.Reports {
		old, ok := oldSets[r.Year]
		if !ok || old == r.Figures {
			continue
		}
		if old == nil || r.Figures == nil {
			p.changedFigures[r.Year+"/*"] = true
			continue
		}
		for _, f := range old.Figures() {
			nf, ok := r.Figures.Figure(f.Key)
			if !ok || !sameFigure(f, nf) {
				p.changedFigures[r.Year+"/"+f.Key] = true
			}
		}
	}
}

// sameFigure compares everything about a figure but where it is written.
func sameFigure(a, b *figures.Figure) bool {
	x, y := *a, *b
	x.Line, y.Line = 0, 0
	return reflect.DeepEqual(x, y)
}

func (p *planner) needs(pg *site.Page) bool {
	in, ok := p.old.inputs[pg.OutFile]
	if !ok || p.all || p.self[pg.OutFile] {
		return true
	}
	if r := pg.Report; r != nil {
		if p.reportOutline[r.Year] {
			return true
		}
		if pg.Kind == site.KindPrint && p.reportBody[r.Year+"/"+pg.LangKey()] {
			return true
		}
		if pg.Kind == site.KindCover && p.reportTOC[r.Year+"/"+pg.LangKey()] {
			return true
		}
	}
	if p.siteOutline {
		switch pg.Kind {
		case site.KindRoot, site.KindHome, site.KindNotFound, site.KindCover, site.KindPrint, site.KindSearch:
			return true
		}
	}
	if p.layoutsChanged {
		if !slices.Equal(in.Layouts, p.layouts.Files(pg.Kind)) {
			return true
		}
		for _, f := range in.Layouts {
			if p.changed[f] {
				return true
			}
		}
	}
	if p.stringsChanged {
		for _, key := range in.Strings {
			for _, l := range p.cur.Config.Langs {
				was, wasOK := p.old.site.Strings.Get(l.Key, key)
				is, isOK := p.cur.Strings.Get(l.Key, key)
				if was != is || wasOK != isOK {
					return true
				}
			}
		}
	}
	if len(p.changedFigures) > 0 {
		for _, f := range in.Figures {
			year, _, _ := strings.Cut(f, "/")
			if p.changedFigures[f] || p.changedFigures[year+"/*"] {
				return true
			}
		}
	}
	return false
}

// sameOutline compares everything a page's model holds except its body
// and its recorded inputs. TestOutlineCoversPage keeps it in step with
// site.Page.
func sameOutline(a, b *site.Page) bool {
	return a.Kind == b.Kind && a.LangKey() == b.LangKey() && a.Path == b.Path && a.OutFile == b.OutFile &&
		a.Title == b.Title && a.Summary == b.Summary && a.Source == b.Source && a.Converted == b.Converted &&
		sameParams(a.Params, b.Params) && slices.Equal(a.KeyFigures, b.KeyFigures) &&
		reportYear(a.Report) == reportYear(b.Report) && sectionSlug(a.Section) == sectionSlug(b.Section) &&
		outFile(a.Parent) == outFile(b.Parent) && outFile(a.Prev) == outFile(b.Prev) && outFile(a.Next) == outFile(b.Next) &&
		slices.EqualFunc(a.Translations, b.Translations, func(x, y *site.Page) bool { return x.OutFile == y.OutFile }) &&
		(a.Behind == nil) == (b.Behind == nil) // the translation notice
}

func sameParams(a, b map[string]any) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// sameDoc compares two Markdown bodies; the cache makes an unchanged body
// the very same Document, so the deep comparison is for the few it
// converted again.
func sameDoc(a, b *markdown.Document) bool {
	return a == b || reflect.DeepEqual(a, b)
}

// sameTOC compares the headings of two bodies, which covers list.
func sameTOC(a, b *markdown.Document) bool {
	if a == nil || b == nil {
		return a == b
	}
	return reflect.DeepEqual(a.TOC, b.TOC)
}

func outFile(p *site.Page) string {
	if p == nil {
		return ""
	}
	return p.OutFile
}

func reportYear(r *site.Report) string {
	if r == nil {
		return ""
	}
	return r.Year
}

func sectionSlug(s *site.Section) string {
	if s == nil {
		return ""
	}
	return s.Slug
}
