package render

import (
	"fmt"
	"html/template"
	"slices"
	"sort"
	"strings"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/qr"
	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/sitepath"
)

// View is what a layout sees as "." : the page, the site, and methods for
// strings, figures and URLs. The methods record what the page used, so the
// page's Inputs are exact without layouts having to declare anything.
type View struct {
	Page *site.Page
	Site *site.Site

	strings map[string]bool
	// folded are the interface strings folded into the layouts this page
	// runs (see fold.go): used without a call to record them.
	folded  []string
	pdfs    PDFs // the PDFs covers link to
	figures map[string]bool
}

func newView(s *site.Site, p *site.Page) *View {
	return &View{Page: p, Site: s, strings: map[string]bool{}, figures: map[string]bool{}}
}

// Lang is the page's language key, or the default language for bilingual pages.
func (v *View) Lang() string {
	if v.Page.Lang != nil {
		return v.Page.Lang.Key
	}
	return v.Site.Config.DefaultLanguage
}

// Locale is the page's lang attribute value.
func (v *View) Locale() string {
	if v.Page.Lang != nil {
		return v.Page.Lang.Locale
	}
	return v.Site.Config.Default().Locale
}

// Languages lists the site's languages in order.
func (v *View) Languages() []*config.Language { return v.Site.Config.Langs }

// T returns the interface string key in the page's language; an unknown key
// fails the build with the layout's file and line.
func (v *View) T(key string) (string, error) {
	return v.TIn(v.Lang(), key)
}

// TIn returns the interface string key in lang, for bilingual pages.
func (v *View) TIn(lang, key string) (string, error) {
	s, ok := v.Site.Strings.Get(lang, key)
	if !ok {
		return "", fmt.Errorf("unknown interface string %q: add it to every file in layouts/i18n/", key)
	}
	v.strings[key] = true
	return s, nil
}

// URL is the root-relative URL of a page ("/report/zh/2019/").
func (v *View) URL(p *site.Page) string {
	return v.Site.Config.BasePath() + p.Path
}

// AbsURL is the absolute URL of a page, for canonical links and QR codes.
func (v *View) AbsURL(p *site.Page) string {
	return v.Site.Config.AbsURL(p.Path)
}

// Asset is the URL of a static file ("css/site.css"). The production
// build fingerprints the names later, in every page at once (publish).
func (v *View) Asset(path string) string {
	return v.Site.Config.BasePath() + path
}

// DataURL is the URL of a report's open-data file in the page's language
// folder, beside its cover.
func (v *View) DataURL(r *site.Report, name string) string {
	return v.Site.Config.BasePath() + sitepath.Cover(v.Lang(), r.Year) + name
}

// SearchPage is the page the header's search form sends a query to: the
// search page in the page's language (the default language's on the
// bilingual pages).
func (v *View) SearchPage() *site.Page { return v.Site.Search(v.Lang()) }

// SearchIndex is the URL of the search index manifest in the page's
// language, which the search page loads ("" for a model without one). It
// waits for the index, which the build makes while pages render.
func (v *View) SearchIndex() string {
	m := v.Site.SearchManifest(v.Lang())
	if m == "" {
		return ""
	}
	return v.Site.Config.BasePath() + m
}

// ArchiveDataURL is the URL of open data spanning every report year, in
// the page's language folder ("/report/zh/figures.csv").
func (v *View) ArchiveDataURL(name string) string {
	return v.Site.Config.BasePath() + sitepath.Home(v.Lang()) + name
}

// Alternate is one hreflang alternate of a page.
type Alternate struct {
	Locale, URL string
}

// Alternates lists the page's hreflang alternates: one per translation and
// x-default, which points at the bilingual entry page for the home pages
// and at the default language otherwise.
func (v *View) Alternates() []Alternate {
	var alts []Alternate
	for _, a := range v.Site.Alternates(v.Page) {
		alts = append(alts, Alternate{a.Hreflang, v.AbsURL(a.Page)})
	}
	return alts
}

// Switch is one entry of the language switch.
type Switch struct {
	Lang    *config.Language
	URL     string
	Current bool
}

// LanguageSwitch links to this page in every language; where a translation
// is missing it links to the nearest page that exists (the cover, the home).
func (v *View) LanguageSwitch() []Switch {
	var out []Switch
	for _, lang := range v.Site.Config.Langs {
		target := v.nearest(v.Page, lang.Key)
		out = append(out, Switch{Lang: lang, URL: v.URL(target), Current: v.Page.Lang == lang})
	}
	return out
}

func (v *View) nearest(p *site.Page, lang string) *site.Page {
	for ; p != nil; p = p.Parent {
		if t := p.Translation(lang); t != nil {
			return t
		}
	}
	if p := v.Site.Home(lang); p != nil {
		return p
	}
	return v.Site.Root
}

// Breadcrumbs lists the page's ancestors, home first.
func (v *View) Breadcrumbs() []*site.Page {
	var crumbs []*site.Page
	for p := v.Page.Parent; p != nil; p = p.Parent {
		crumbs = append([]*site.Page{p}, crumbs...)
	}
	return crumbs
}

// Figure formats a figure of the page's report in the page's language.
func (v *View) Figure(key string) (string, error) {
	r := v.Page.Report
	if r == nil || r.Figures == nil {
		return "", fmt.Errorf("figure %q: this page belongs to no report", key)
	}
	f, ok := r.Figures.Figure(key)
	if !ok {
		return "", fmt.Errorf("unknown figure %q", key)
	}
	v.figures[r.Year+"/"+key] = true
	return v.Site.FigureText(f, v.Lang()), nil
}

// KeyFigures renders the cover's key figures as big numbers.
func (v *View) KeyFigures() (template.HTML, error) {
	p := v.Page
	if p.Report == nil || len(p.KeyFigures) == 0 {
		return "", nil
	}
	for _, key := range p.KeyFigures {
		v.figures[p.Report.Year+"/"+key] = true
	}
	return site.KeyFiguresHTML(v.Site, p.Report, p.Lang, p.KeyFigures)
}

// KeyFiguresOf renders another page's key figures, as the print edition
// shows its cover's.
func (v *View) KeyFiguresOf(p *site.Page) (template.HTML, error) {
	if p == nil || p.Report == nil || len(p.KeyFigures) == 0 {
		return "", nil
	}
	for _, key := range p.KeyFigures {
		v.figures[p.Report.Year+"/"+key] = true
	}
	return site.KeyFiguresHTML(v.Site, p.Report, p.Lang, p.KeyFigures)
}

// TAll is the interface string key in the page's language; on bilingual
// pages (the root entry page, the root 404 page) it is the string in every
// language, each but the page's own marked with its lang, joined by " / ".
func (v *View) TAll(key string) (template.HTML, error) {
	if v.Page.Lang != nil {
		s, err := v.T(key)
		return template.HTML(template.HTMLEscapeString(s)), err
	}
	var b strings.Builder
	var said []string // a text two languages share (大 in 简体 and 繁體) is said once
	for _, l := range v.Languages() {
		s, err := v.TIn(l.Key, key)
		if err != nil {
			return "", err
		}
		if slices.Contains(said, s) {
			continue
		}
		if len(said) > 0 {
			b.WriteString(" / ")
		}
		said = append(said, s)
		if l.Locale == v.Locale() {
			b.WriteString(template.HTMLEscapeString(s))
			continue
		}
		b.WriteString(`<span lang="` + template.HTMLEscapeString(l.Locale) + `">` + template.HTMLEscapeString(s) + `</span>`)
	}
	return template.HTML(b.String()), nil
}

// QRTarget is the page a printout of this page sends a phone to: the page
// itself, except that the print edition sends it to the report's online
// edition (its cover). Nil for pages without a canonical URL (404 pages).
func (v *View) QRTarget() *site.Page {
	switch v.Page.Kind {
	case site.KindNotFound:
		return nil
	case site.KindPrint:
		if c := v.Page.Report.Covers[v.Lang()]; c != nil {
			return c
		}
	}
	return v.Page
}

// QRCaption is what the QR code says it does, in the page's language (the
// default language on the bilingual pages, whose layouts add the others
// beside it, marked with their lang).
func (v *View) QRCaption() (string, error) {
	if v.Page.Kind == site.KindPrint {
		return v.T("qr_caption_online")
	}
	return v.T("qr_caption")
}

// QR is a QR code (inline SVG, drawn at build time) of the absolute URL of
// QRTarget, for the printed page; "" for pages without a canonical URL.
// Its title, the image's name for screen readers, says what it is ("QR
// code"): the layouts put QRCaption, what it does, in a <figcaption>
// beside it, which a title repeating it would have them read twice.
func (v *View) QR() (template.HTML, error) {
	target := v.QRTarget()
	if target == nil {
		return "", nil
	}
	name, err := v.T("qr_code")
	if err != nil {
		return "", err
	}
	return qr.SVG(v.AbsURL(target), name)
}

// record adds what the layouts used to the page's inputs.
func (v *View) record() {
	in := &v.Page.Inputs
	strs := append(sortedSet(v.strings), v.folded...)
	slices.Sort(strs)
	in.Strings = compact(strs)
	for k := range v.figures {
		in.Figures = append(in.Figures, k)
	}
	sort.Strings(in.Figures)
	in.Figures = compact(in.Figures)
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func compact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
