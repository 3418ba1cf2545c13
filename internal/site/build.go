package site

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/i18n"
	"github.com/xmca/almanac/internal/markdown"
	"github.com/xmca/almanac/internal/parallel"
	"github.com/xmca/almanac/internal/sitepath"
)

// Options are the choices a build makes beyond site.toml.
type Options struct {
	Drafts bool
	// Cache, when set, lets this Build reuse the parsing and Markdown
	// conversion of the previous Build with the same Cache, wherever their
	// inputs are unchanged (see Cache). The result is the same as without.
	Cache *Cache
	// Writing are the options of how figures are written (figures.Options).
	Writing figures.Options
}

// Build reads the site in fsys and returns its model. Every problem found
// in any file is returned at once as a diag.List.
func Build(fsys fs.FS, cfg *config.Config, opt Options) (*Site, error) {
	langs := make([]string, len(cfg.Langs))
	for i, l := range cfg.Langs {
		langs[i] = l.Key
	}
	var list diag.List
	writing, err := figures.NewWriting(cfg, opt.Writing)
	list.Add(config.File, err)
	strings, err := i18n.LoadSite(fsys, cfg.Langs, derivedStrings(cfg)...)
	var stringErrs diag.List
	stringErrs.Add(i18n.Dir, err)
	c, err := content.Load(fsys, content.Options{Langs: langs, Drafts: opt.Drafts || cfg.Build.Drafts, Cache: opt.Cache.contentCache()})
	list.Add(content.Dir, err)
	if strings == nil {
		list = append(list, stringErrs...)
	}
	if err := list.Err(); err != nil {
		list = append(list, stringErrs...)
		list.Sort()
		return nil, list
	}
	opt.Cache.begin()
	b := &builder{cfg: cfg, drafts: opt.Drafts || cfg.Build.Drafts, site: &Site{Config: cfg, Strings: strings, Writing: writing, keyFigures: opt.Cache.partial(fsys, keyFiguresPartial.file), charts: opt.Cache.partial(fsys, chartPartial.file)}, md: markdown.New(markdown.Options{RawHTML: cfg.Build.RawHTML}), cache: opt.Cache}
	// Strings a language lacks do not stop the reading of its figures
	// and pages: a language just added learns everything it still needs
	// (strings, labels, unit patterns) from one build.
	b.list = append(b.list, stringErrs...)
	b.pages(c)
	if b.list.HasErrors() {
		return nil, b.sorted()
	}
	b.convertAll()
	if b.list.HasErrors() {
		return nil, b.sorted()
	}
	b.link()
	opt.Cache.end()
	return b.site, nil
}

type builder struct {
	cfg    *config.Config
	site   *Site
	drafts bool
	md     *markdown.Converter
	list   diag.List
	// cache, when not nil, holds the previous Build's parsed figures and
	// converted Markdown.
	cache *Cache
	// work is every page with Markdown to convert, with its resolver.
	work []convertJob
}

type convertJob struct {
	page *Page
	src  *content.Source
	res  *resolver
}

func (b *builder) sorted() diag.List {
	b.list.Sort()
	return dedupeFindings(b.list)
}

// pages creates every page of the site, without converting Markdown yet.
func (b *builder) pages(c *content.Content) {
	s := b.site
	s.Root = &Page{Kind: KindRoot, Path: sitepath.Root, OutFile: sitepath.File(sitepath.Root), Title: b.cfg.Default().Title}
	s.NotFound = append(s.NotFound, &Page{Kind: KindNotFound, Path: sitepath.NotFound(""), OutFile: sitepath.NotFound("")})
	for _, lang := range b.cfg.Langs {
		home := &Page{Kind: KindHome, Lang: lang, Path: sitepath.Home(lang.Key), OutFile: sitepath.File(sitepath.Home(lang.Key)), Title: lang.Title}
		if src := sourceIn(c.Home, lang); src != nil {
			b.fromSource(home, src, nil)
			b.behind(home, src, c.Home[b.cfg.DefaultLanguage])
		}
		s.Homes = append(s.Homes, home)
		title, _ := s.Strings.Get(lang.Key, "search_title")
		s.Searches = append(s.Searches, &Page{Kind: KindSearch, Lang: lang, Path: sitepath.Search(lang.Key),
			OutFile: sitepath.File(sitepath.Search(lang.Key)), Title: title, Parent: home})
		s.NotFound = append(s.NotFound, &Page{Kind: KindNotFound, Lang: lang, Path: sitepath.NotFound(lang.Key), OutFile: sitepath.NotFound(lang.Key), Parent: home})
	}
	sets := b.allFigures(c.Reports)
	years := make([]string, len(c.Reports))
	for i, cr := range c.Reports {
		years[i] = cr.Year
	}
	s.archive = b.cache.archiveFor(years, sets, c.DraftYears)
	if !b.drafts {
		b.refusePending(c.Reports, sets)
	}
	for i, cr := range c.Reports {
		s.Reports = append(s.Reports, b.report(cr, sets[i]))
	}
}

// allFigures parses every report's figures.toml at once: each is
// independent, and a decade of reports has thousands of figures.
func (b *builder) allFigures(reports []*content.Report) []*figures.Set {
	sets := make([]*figures.Set, len(reports))
	found := make([]diag.List, len(reports))
	var wg sync.WaitGroup
	for i, cr := range reports {
		wg.Go(func() { sets[i], found[i] = b.figures(cr) })
	}
	wg.Wait()
	// What a language lacks in site.toml (a unit's pattern) is found by
	// every year that uses it; it is one mistake, told once.
	told := map[[2]string]bool{}
	for _, f := range found {
		for _, d := range f {
			if d.File == config.File {
				k := [2]string{fmt.Sprint(d.Line), d.Msg}
				if told[k] {
					continue
				}
				told[k] = true
			}
			b.list = append(b.list, d)
		}
	}
	return sets
}

func (b *builder) report(cr *content.Report, set *figures.Set) *Report {
	r := &Report{Year: cr.Year, FiguresFile: cr.FiguresFile, Figures: set, Covers: map[string]*Page{}, Prints: map[string]*Page{}}
	res := map[string]*resolver{}
	for _, lang := range b.cfg.Langs {
		res[lang.Key] = &resolver{site: b.site, report: r, lang: lang}
		if conv := lang.Converter(); conv != nil {
			res[convertedKey(lang)] = &resolver{site: b.site, report: r, lang: lang, conv: conv}
		}
		home := b.site.Home(lang.Key)
		cover := &Page{Kind: KindCover, Lang: lang, Report: r, Parent: home,
			Path: sitepath.Cover(lang.Key, r.Year), OutFile: sitepath.File(sitepath.Cover(lang.Key, r.Year)), Title: r.Year}
		if src := sourceIn(cr.Covers, lang); src != nil {
			b.fromSource(cover, src, res[resolverKey(src, lang)])
			b.behind(cover, src, cr.Covers[b.cfg.DefaultLanguage])
			cover.KeyFigures = src.Front.KeyFigures
			b.checkKeyFigures(cover, src, r)
		}
		r.Covers[lang.Key] = cover
		r.Prints[lang.Key] = &Page{Kind: KindPrint, Lang: lang, Report: r, Parent: cover, Title: cover.Title,
			Path: sitepath.Print(lang.Key, r.Year), OutFile: sitepath.File(sitepath.Print(lang.Key, r.Year))}
	}
	for _, cs := range cr.Sections {
		sec := &Section{Slug: cs.Slug, Pages: map[string]*Page{}}
		for _, lang := range b.cfg.Langs {
			src := sourceIn(cs.Sources, lang)
			if src == nil {
				continue
			}
			p := &Page{Kind: KindSection, Lang: lang, Report: r, Section: sec, Parent: r.Covers[lang.Key],
				Path: sitepath.Section(lang.Key, r.Year, cs.Slug), OutFile: sitepath.File(sitepath.Section(lang.Key, r.Year, cs.Slug))}
			b.fromSource(p, src, res[resolverKey(src, lang)])
			b.behind(p, src, cs.Sources[b.cfg.DefaultLanguage])
			sec.Pages[lang.Key] = p
		}
		r.Sections = append(r.Sections, sec)
	}
	return r
}

// figures parses and checks a report's figures.toml. It runs concurrently
// with the other reports', so it returns its findings instead of adding them.
func (b *builder) figures(cr *content.Report) (*figures.Set, diag.List) {
	w := b.site.Writing
	if cr.FiguresFile == "" {
		set, _ := figures.Parse("content/"+cr.Year+"/"+content.FiguresFile, nil, w)
		return set, nil
	}
	set, rules, err := b.cache.parseFigures(cr.FiguresFile, cr.FiguresSrc, w)
	if err != nil {
		var list diag.List
		list.Add(cr.FiguresFile, err)
		return nil, list
	}
	return set, rules
}

func (b *builder) checkKeyFigures(cover *Page, src *content.Source, r *Report) {
	for _, key := range src.Front.KeyFigures {
		if r.Figures == nil {
			return
		}
		if _, ok := r.Figures.Figure(key); !ok {
			b.list = append(b.list, diag.Errorf(src.File, src.Front.Line("key_figures"), 0,
				"list keys defined in "+r.figuresPath()+", or define the figure there",
				"key_figures names unknown figure %q", key))
			continue
		}
		cover.Inputs.Figures = append(cover.Inputs.Figures, r.Year+"/"+key)
	}
}

func (r *Report) figuresPath() string { return "content/" + r.Year + "/" + content.FiguresFile }

// fromSource fills a page from its Markdown file and queues the conversion.
// The title and summary get the typography of the page's language here,
// once, so that every place that shows them (the page, the contents and
// links of other pages, the print edition) shows them alike.
func (b *builder) fromSource(p *Page, src *content.Source, res *resolver) {
	title, summary := src.Front.Title, src.Front.Summary
	if conv := p.Lang.Converter(); conv != nil && src.Lang != p.Lang.Key {
		title, summary = conv.String(title), conv.String(summary)
		p.Converted = true
	}
	p.Title = markdown.Typeset(p.Lang.Locale, title)
	p.Summary = markdown.Typeset(p.Lang.Locale, summary)
	p.Params = src.Front.Params
	p.Source = src.File
	p.Inputs.Files = append(p.Inputs.Files, src.File)
	if res == nil {
		res = &resolver{site: b.site, lang: p.Lang}
		if src.Lang != p.Lang.Key {
			res.conv = p.Lang.Converter()
		}
	}
	b.work = append(b.work, convertJob{page: p, src: src, res: res})
}

// convertAll converts every page's Markdown on all cores. Conversions are
// independent, and the Markdown is most of a build's work.
func (b *builder) convertAll() {
	var mu sync.Mutex
	parallel.Each(len(b.work), func(i int) {
		job := b.work[i]
		if err := b.convert(job); err != nil {
			mu.Lock()
			b.list.Add(job.src.File, err)
			mu.Unlock()
		}
	})
}

func (b *builder) convert(job convertJob) error {
	doc, figs, err := b.cache.convert(b.md, b.cfg.Build.RawHTML, job.src, job.res)
	if err != nil {
		return err
	}
	p := job.page
	p.Doc = doc
	if r := job.res.report; r != nil {
		p.Inputs.Files = append(p.Inputs.Files, r.figuresPath())
		p.Inputs.Files = dedupe(append(p.Inputs.Files, otherYearFiles(figs, r.Year)...))
	}
	p.Inputs.Figures = dedupe(append(p.Inputs.Figures, figs...))
	return nil
}

// figuresOf lists, as "year/key", the figures a converted document shows:
// those it refers to, those it compares with in earlier years, and those
// its charts draw.
func figuresOf(doc *markdown.Document, res *resolver) []string {
	r := res.report
	if r == nil {
		return nil
	}
	var figs []string
	for _, ref := range doc.Figures {
		figs = append(figs, r.Year+"/"+ref.Key)
	}
	for _, c := range doc.Comparisons {
		figs = append(figs, c.From+"/"+c.Key)
	}
	for _, ref := range doc.Charts {
		c, ok := r.Figures.Chart(ref.Key)
		if ok && c.Type == figures.Series {
			for _, key := range c.Figures {
				for _, d := range res.site.archive.upTo(r.Year, key) {
					figs = append(figs, d.Year+"/"+key)
				}
			}
			continue
		}
		if ok {
			for _, key := range append([]string{c.Total}, c.Figures...) {
				if key != "" {
					figs = append(figs, r.Year+"/"+key)
				}
			}
		}
	}
	return dedupe(figs)
}

// otherYearFiles are the figures files of the years other than year that
// figs ("year/key") come from.
func otherYearFiles(figs []string, year string) []string {
	var files []string
	for _, f := range figs {
		if y, _, _ := strings.Cut(f, "/"); y != year {
			files = append(files, "content/"+y+"/"+content.FiguresFile)
		}
	}
	return files
}

// refusePending reports every figure still to be filled in, in the years
// a build without drafts publishes: a placeholder must never go out.
func (b *builder) refusePending(reports []*content.Report, sets []*figures.Set) {
	for i, set := range sets {
		if set == nil {
			continue
		}
		for _, f := range set.Pending() {
			b.list = append(b.list, diag.Errorf(reports[i].FiguresFile, f.Line, 0,
				"write the "+reports[i].Year+" number in place of \""+figures.PendingValue+"\", like value = 5964; to keep working on the year without publishing it, put draft = true back in its covers",
				"figure %s has no value yet (value = %q)", f.Key, figures.PendingValue))
		}
	}
}

// link connects translations, neighbours and the print editions, and lists
// every page in a stable order.
func (b *builder) link() {
	s := b.site
	s.Pages = append(s.Pages, s.Root)
	s.Pages = append(s.Pages, s.Homes...)
	translate(s.Homes)
	for _, r := range s.Reports {
		covers, prints := byLanguage(b.cfg, r.Covers), byLanguage(b.cfg, r.Prints)
		translate(covers)
		translate(prints)
		s.Pages = append(s.Pages, covers...)
		s.Pages = append(s.Pages, prints...)
		for _, sec := range r.Sections {
			pages := byLanguage(b.cfg, sec.Pages)
			translate(pages)
			s.Pages = append(s.Pages, pages...)
		}
		for _, lang := range b.cfg.Langs {
			chain(r.Covers[lang.Key], r.SectionPages(lang.Key))
			printInputs(r.Prints[lang.Key], r.Covers[lang.Key], r.SectionPages(lang.Key))
		}
	}
	translate(s.Searches)
	s.Pages = append(s.Pages, s.Searches...)
	translate(s.NotFound[1:])
	s.Pages = append(s.Pages, s.NotFound...)
}

func byLanguage(cfg *config.Config, m map[string]*Page) []*Page {
	var pages []*Page
	for _, lang := range cfg.Langs {
		if p := m[lang.Key]; p != nil {
			pages = append(pages, p)
		}
	}
	return pages
}

func translate(pages []*Page) {
	for _, p := range pages {
		p.Translations = pages
	}
}

// chain sets previous/next: cover → first section → … → last section.
func chain(cover *Page, sections []*Page) {
	prev := cover
	for _, p := range sections {
		prev.Next, p.Prev = p, prev
		prev = p
	}
}

// printInputs makes the print edition depend on everything it shows.
func printInputs(print, cover *Page, sections []*Page) {
	in := &print.Inputs
	for _, p := range append([]*Page{cover}, sections...) {
		in.Files = append(in.Files, p.Inputs.Files...)
		in.Figures = append(in.Figures, p.Inputs.Figures...)
	}
	in.Files, in.Figures = dedupe(in.Files), dedupe(in.Figures)
}

func dedupe(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
