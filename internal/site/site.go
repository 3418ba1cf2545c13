// Package site builds the site model: every page of the bilingual site with
// its URL, language, translations, neighbours, rendered Markdown and the
// inputs it was made from. It is the middle of the pipeline
// load → model → render → write: it reads what content, figures and
// markdown give it and hands render a finished, read-only structure.
package site

import (
	"html/template"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/i18n"
	"github.com/xmca/almanac/internal/markdown"
	"github.com/xmca/almanac/internal/translation"
)

// Kind is the kind of a page; each kind has its own layout.
type Kind string

const (
	KindRoot     Kind = "root"    // the bilingual entry page at /
	KindHome     Kind = "home"    // /zh/
	KindCover    Kind = "cover"   // /zh/2019/
	KindSection  Kind = "section" // /zh/2019/three-social-linkage/
	KindPrint    Kind = "print"   // /zh/2019/print/: the whole report on one page
	KindNotFound Kind = "404"     // /404.html, /zh/404.html
	KindSearch   Kind = "search"  // /zh/search/: searches the language's pages in the browser
)

// Site is the whole model. Render reads it; nothing changes it after Build.
type Site struct {
	Config   *config.Config
	Strings  *i18n.Catalog
	Writing  *figures.Writing // how figures are written in each language
	Root     *Page
	Homes    []*Page // one per language, in Config.Langs order
	NotFound []*Page // the root one first, then one per language
	Searches []*Page // one per language, in Config.Langs order
	Reports  []*Report
	// Pages lists every HTML page in a stable order.
	Pages []*Page

	archive *archive // every year's figures, for comparisons across years
	// keyFigures and charts are the layout partials that mark up key
	// figures and charts.
	keyFigures, charts *partial

	// search is the search index's manifests, which the build makes
	// while the pages render (see IndexSearch).
	search struct {
		ready     chan struct{}
		manifests map[string]string
	}
}

// IndexSearch runs index, which makes the search index and returns each
// language's manifest (relative to the base URL, "zh/search/index.json"),
// alongside whatever the caller does next: the search pages, which name
// their manifest, wait for it in SearchManifest. Call it once, before
// rendering.
func (s *Site) IndexSearch(index func() map[string]string) {
	s.search.ready = make(chan struct{})
	go func() {
		defer close(s.search.ready)
		s.search.manifests = index()
	}()
}

// SearchManifest is lang's search index manifest, relative to the base
// URL, once IndexSearch's index has made it; "" when there is none.
func (s *Site) SearchManifest(lang string) string {
	s.WaitForSearch()
	return s.search.manifests[lang]
}

// WaitForSearch returns once IndexSearch's index has run (at once when
// there is none).
func (s *Site) WaitForSearch() {
	if s.search.ready != nil {
		<-s.search.ready
	}
}

// Report is one report year.
type Report struct {
	Year        string
	Figures     *figures.Set
	FiguresFile string // "" when the year has no figures.toml
	Covers      map[string]*Page
	Prints      map[string]*Page
	Sections    []*Section
}

// Section is one section in every language it exists in.
type Section struct {
	Slug  string
	Pages map[string]*Page
}

// Page is one HTML page.
type Page struct {
	Kind Kind
	Lang *config.Language // nil for the bilingual root and root 404 pages
	// Path is the page's URL path relative to the base URL ("zh/2019/"),
	// and OutFile the file it is written to ("zh/2019/index.html").
	Path    string
	OutFile string

	Title   string
	Summary string
	Params  map[string]any
	Source  string // the Markdown file, "" for generated pages
	// Converted is set on a page of a converted edition made from its
	// source language's file (Source is then that file).
	Converted bool

	Doc        *markdown.Document // nil for pages without Markdown
	KeyFigures []string           // figure keys shown as big numbers (covers)

	Report  *Report
	Section *Section
	Parent  *Page // for breadcrumbs: section → cover → home
	// Translations holds the page in every language that has it,
	// this page included, in language order.
	Translations []*Page
	Prev, Next   *Page

	// Inputs records what the page is made of, so an incremental rebuild
	// or a deploy diff knows exactly which pages a change touches.
	Inputs Inputs

	// Behind is set on a translation whose source changed since it was
	// recorded as translated; nil when it is current or keeps no record.
	Behind *Behind
}

// Behind is what changed in a translation's source since it was translated.
type Behind struct {
	Source  string // the source's file
	Changes []translation.Change
}

// Inputs are the files and figures a page's Markdown and model depend on.
// Render adds the layouts and strings it used.
type Inputs struct {
	Files   []string // content files, figures.toml
	Figures []string // figure keys, as "2019/social-organizations"
	Layouts []string // layout files
	Strings []string // i18n keys
}

// Body is the page's Markdown as HTML, with ids as written.
func (p *Page) Body() template.HTML {
	if p.Doc == nil {
		return ""
	}
	return p.Doc.HTML("")
}

// Translation returns the page in lang, or nil.
func (p *Page) Translation(lang string) *Page {
	for _, t := range p.Translations {
		if t.Lang != nil && t.Lang.Key == lang {
			return t
		}
	}
	return nil
}

// Indexed says whether search engines are asked to index the page: the
// 404 pages, the print editions (which repeat the sections) and the search
// pages are not.
// Layouts mark the others with a canonical link, and the sitemap lists
// them.
func (p *Page) Indexed() bool {
	return p.Kind != KindNotFound && p.Kind != KindPrint && p.Kind != KindSearch
}

// Alternate is a page's version for an hreflang value: a translation (by
// its locale) or the x-default.
type Alternate struct {
	Hreflang string
	Page     *Page
}

// Alternates lists p's hreflang alternates: one per translation and
// x-default, which is the bilingual entry page for the home pages and the
// default language's page otherwise. The entry page has the home pages'.
// 404 pages have none.
func (s *Site) Alternates(p *Page) []Alternate {
	if p.Kind == KindNotFound {
		return nil
	}
	if p.Kind == KindRoot {
		p = s.Homes[0]
	}
	var alts []Alternate
	for _, t := range p.Translations {
		alts = append(alts, Alternate{t.Lang.Locale, t})
	}
	def := p.Translation(s.Config.DefaultLanguage)
	if p.Kind == KindHome {
		def = s.Root
	}
	if def != nil {
		alts = append(alts, Alternate{"x-default", def})
	}
	return alts
}

// LangKey is the page's language key, "" for bilingual pages.
func (p *Page) LangKey() string {
	if p.Lang == nil {
		return ""
	}
	return p.Lang.Key
}

// Sections returns the report's section pages in lang, in reading order.
func (r *Report) SectionPages(lang string) []*Page {
	var pages []*Page
	for _, s := range r.Sections {
		if p := s.Pages[lang]; p != nil {
			pages = append(pages, p)
		}
	}
	return pages
}

// LatestReport is the newest report, or nil for a site without reports.
func (s *Site) LatestReport() *Report {
	if len(s.Reports) == 0 {
		return nil
	}
	return s.Reports[0]
}

// Search returns the search page in lang, or nil.
func (s *Site) Search(lang string) *Page {
	for _, p := range s.Searches {
		if p.Lang.Key == lang {
			return p
		}
	}
	return nil
}

// Earlier is the report published before r (the next older year), or nil.
func (s *Site) Earlier(r *Report) *Report {
	i := s.reportIndex(r)
	if i < 0 || i+1 >= len(s.Reports) {
		return nil
	}
	return s.Reports[i+1]
}

// Later is the report published after r (the next newer year), or nil.
func (s *Site) Later(r *Report) *Report {
	i := s.reportIndex(r)
	if i <= 0 {
		return nil
	}
	return s.Reports[i-1]
}

func (s *Site) reportIndex(r *Report) int {
	for i, x := range s.Reports {
		if x == r {
			return i
		}
	}
	return -1
}

// Home returns the home page in lang.
func (s *Site) Home(lang string) *Page {
	for _, h := range s.Homes {
		if h.Lang.Key == lang {
			return h
		}
	}
	return nil
}
