// Package check finds what is wrong or missing in a built site before it is
// published: links and #anchors that lead nowhere, sections missing in a
// language or whose translations differ, figures cited in one language only
// or never cited, numbers typed into prose instead of referring to a figure,
// pages that are not well-formed HTML (unbalanced tags, repeated ids, other
// than one <h1>), headings too deep for the print edition, search pages
// that do not name a whole search index, and sentences of a converted
// edition (zh-hant) with a character whose Traditional form nobody has
// reviewed yet.
//
// It reads the built site (build.Result) and the site's files, and reports
// every finding as a diag.Diagnostic pointing at the file an editor or a
// designer has to change: the Markdown file and line for what content wrote,
// the layout for what layouts made. Errors stop a publish; warnings are
// worth a look. WriteText and WriteJSON print the findings for people and
// for CI.
package check

import (
	"cmp"
	"io/fs"
	"net/url"
	"slices"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/parallel"
	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/skip"
)

// Run checks the built site res, whose files are in fsys, and returns every
// finding sorted by file and position. It never changes res.
func Run(res *build.Result, fsys fs.FS) diag.List {
	c := newChecker(res, fsys, false)
	c.findErrors()
	c.findWarnings()
	Sort(c.list)
	return c.list
}

// Errors is what Run reports as errors, found without the checks that can
// only warn: build refuses what check refuses, without paying for advice
// it would not show.
func Errors(res *build.Result, fsys fs.FS) diag.List {
	c := newChecker(res, fsys, true)
	c.findErrors()
	var errs diag.List
	for _, d := range c.list {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	Sort(errs)
	return errs
}

// newChecker reads the site's sources; errorsOnly leaves out the checks
// that can only warn and parses a source's Markdown only where a check
// needs it.
func newChecker(res *build.Result, fsys fs.FS, errorsOnly bool) *checker {
	c := &checker{res: res, fsys: fsys, sources: map[string]*source{}, seen: map[findingKey]bool{}, errorsOnly: errorsOnly}
	c.readSources()
	return c
}

// findErrors runs the checks that can find an error (and some warnings
// on the way).
func (c *checker) findErrors() {
	c.translations()
	c.pages()
	c.undefinedFootnotes()
}

// findWarnings runs the checks that only ever warn.
func (c *checker) findWarnings() {
	c.translationsBehind()
	c.figures()
	c.placeholders()
	c.uncitedNotes()
	c.rawHTMLDropped()
	c.skippedYears()
	c.copiedYear()
	c.printHeadings()
	c.chinesePunctuation()
	c.ambiguousCharacters()
	c.fullWidthSyntax()
	c.retiredStrings()
	c.list = append(c.list, skip.Warnings(c.res.Skipped)...)
}

type checker struct {
	res     *build.Result
	fsys    fs.FS
	sources map[string]*source // by file, for every page made from Markdown
	// errorsOnly is Errors: the comparisons that can only warn are left out.
	errorsOnly bool
	list       diag.List
	seen       map[findingKey]bool

	html     map[string]*htmlPage // every built HTML file, parsed
	base     *url.URL             // the site's base URL
	basePath string               // its path, "/report/"

	// layoutPages lists, for each problem a layout makes, the built pages
	// it shows on, in the order first met.
	layoutPages map[layoutKey][]string
	layoutOrder []layoutKey
}

type findingKey struct {
	file      string
	line, col int
	msg       string
}

// add records a finding once, however many pages show the same mistake.
func (c *checker) add(sev diag.Severity, file string, line, col int, hint, format string, args ...any) {
	d := diag.Errorf(file, line, col, hint, format, args...)
	d.Severity = sev
	k := findingKey{d.File, d.Line, d.Col, d.Msg}
	if c.seen[k] {
		return
	}
	c.seen[k] = true
	c.list = append(c.list, d)
}

func (c *checker) errorf(file string, line, col int, hint, format string, args ...any) {
	c.add(diag.Error, file, line, col, hint, format, args...)
}

func (c *checker) warnf(file string, line, col int, hint, format string, args ...any) {
	c.add(diag.Warning, file, line, col, hint, format, args...)
}

// readSources reads every file a page was made from, on all cores, and
// parses its Markdown unless only errors are wanted.
func (c *checker) readSources() {
	var files []string
	listed := map[string]bool{}
	for _, p := range c.res.Site.Pages {
		if p.Source != "" && !listed[p.Source] {
			listed[p.Source] = true
			files = append(files, p.Source)
		}
	}
	read := parallel.Map(files, func(file string) *source {
		s := readSource(c.fsys, file)
		if s != nil && !c.errorsOnly {
			s.parsed()
		}
		return s
	})
	for i, s := range read {
		if s != nil {
			c.sources[files[i]] = s
		}
	}
}

// Sort orders findings by file, line and column, errors before warnings at
// the same place, then by message, so output is the same on every run.
func Sort(list diag.List) {
	slices.SortStableFunc(list, func(a, b *diag.Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Msg, b.Msg),
			cmp.Compare(a.Hint, b.Hint),
		)
	})
}

// langName is how messages name a language: "English (en)".
func (c *checker) langName(key string) string {
	if l := c.res.Config.Language(key); l != nil && l.Name != "" {
		return l.Name + " (" + key + ")"
	}
	return key
}

// shownOn lists the pages whose HTML includes p's Markdown: its own page,
// and the print edition for a report's cover and sections.
func shownOn(p *site.Page) []*site.Page {
	pages := []*site.Page{p}
	if p.Report != nil && (p.Kind == site.KindCover || p.Kind == site.KindSection) {
		if pr := p.Report.Prints[p.LangKey()]; pr != nil {
			pages = append(pages, pr)
		}
	}
	return pages
}
