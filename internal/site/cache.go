package site

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/xmca/almanac/internal/chart"
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/markdown"
)

// Cache lets successive Builds of one site reuse work whose inputs did not
// change: the dev server rebuilds the model on every save, and almost all
// of a build's time is parsing front matter, parsing figures files and
// converting Markdown, almost none of which a save touches.
//
// Reuse is exact, never a guess from file times:
//   - a content file is parsed again unless its bytes are the same
//     (content.Cache);
//   - a figures file is parsed again unless its bytes and the site's
//     languages are the same;
//   - a Markdown body is converted again unless its bytes, position, file
//     and the raw-HTML setting are the same and every answer the resolver
//     gave the last conversion ({{key}} texts, charts, key-figure blocks,
//     the locale that decides the typography) would be the same now.
//     Answers are recorded while converting and replayed against the
//     current figures, so an edit to one figure re-converts only the pages
//     that show it. Comparisons with other years ({{previous}},
//     {{change}}) and series charts are answers too, and the env holds
//     every year's sets (archive), so an edit to one year's figure
//     re-converts the later years' pages that compare with it or chart it.
//     The markup of key figures and of charts comes from layout partials
//     (KeyFiguresPartial, ChartPartial), so an edit to one re-converts the
//     pages with a {{key-figures}} block or a {{chart}}.
//
// Only successful results are kept. Builds sharing a Cache must run one at
// a time. The zero Cache is ready to use.
type Cache struct {
	Content content.Cache

	mu      sync.Mutex
	figures map[string]*figuresEntry // by figures file
	docs    map[string]*docEntry     // by Markdown file
	used    map[string]bool          // files read by the current Build
	archive *archive                 // the last Build's, see archiveFor
	// partials are the layout partials the model executes, by file.
	partials map[string]*partial
}

type figuresEntry struct {
	src   []byte
	langs string // the Writing's fingerprint: languages, locales, units
	set   *figures.Set
	rules diag.List // what CheckRules found (warnings; errors are not cached)
}

type docEntry struct {
	body      []byte
	firstLine int
	rawHTML   bool
	env       resolverEnv
	answers   []answer
	doc       *markdown.Document
	figures   []string // figuresOf(doc) under env
}

// resolverEnv is everything a resolver's answers depend on. Two resolvers
// with equal envs give equal answers, so a cached conversion made under the
// same env needs no replay.
type resolverEnv struct {
	set      *figures.Set // the cached set, so equal pointers mean equal sets
	archive  *archive     // every year's sets, for comparisons and series charts
	year     string
	lang     string
	locale   string // decides the typography
	convert  string // the conversion of the text (convert.Converter.Key), "" for none
	basePath string
	strings  chart.Strings
	// words stands for every interface string of the page's language:
	// an answer may hold some ({{change}}'s words, a series chart's labels).
	words [sha256.Size]byte
	// keyFigures is the partial that marks up key figures; a conversion
	// under another one is replayed, and the key figures' answers (their
	// HTML) tell whether it changed the page.
	keyFigures *partial
	// charts is the partial that marks up charts; a conversion under
	// another one is replayed, and its charts' answers fail.
	charts *partial
}

func (r *resolver) env() resolverEnv {
	r.envOnce.Do(func() {
		e := resolverEnv{set: r.set(), archive: r.site.archive, lang: r.lang.Key, locale: r.lang.Locale, convert: r.conversionKey(), basePath: r.site.Config.BasePath(), keyFigures: r.site.keyFigures, charts: r.site.charts}
		if r.report != nil {
			e.year = r.report.Year
			e.strings = r.chartStrings()
			e.words = r.site.Strings.Sum(r.lang.Key)
		}
		r.envVal = e
	})
	return r.envVal
}

func (c *Cache) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used = map[string]bool{}
}

// end drops entries for files the successful Build that just ended did not
// read, so deleted files do not stay in memory.
func (c *Cache) end() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	maps.DeleteFunc(c.figures, func(key string, _ *figuresEntry) bool { return !c.used[key] })
	maps.DeleteFunc(c.docs, func(key string, _ *docEntry) bool { return !c.used[key] })
}

func (c *Cache) contentCache() *content.Cache {
	if c == nil {
		return nil
	}
	return &c.Content
}

// parseFigures is figures.Parse followed by CheckRules, through the cache.
func (c *Cache) parseFigures(file string, src []byte, w *figures.Writing) (*figures.Set, diag.List, error) {
	key := w.Fingerprint()
	if c != nil {
		c.mu.Lock()
		c.used[file] = true
		e := c.figures[file]
		c.mu.Unlock()
		if e != nil && e.langs == key && bytes.Equal(e.src, src) {
			return e.set, e.rules, nil
		}
	}
	set, err := figures.Parse(file, src, w)
	if err != nil {
		return nil, nil, err
	}
	rules := set.CheckRules()
	if c != nil && !rules.HasErrors() {
		c.mu.Lock()
		if c.figures == nil {
			c.figures = map[string]*figuresEntry{}
		}
		c.figures[file] = &figuresEntry{src: src, langs: key, set: set, rules: rules}
		c.mu.Unlock()
	}
	return set, rules, nil
}

// convert is markdown.Converter.Convert through the cache, with the
// figures the document shows (figuresOf). The list is the caller's to keep.
func (c *Cache) convert(md *markdown.Converter, rawHTML bool, src *content.Source, res *resolver) (*markdown.Document, []string, error) {
	if c == nil {
		doc, err := md.Convert(src.Body, src.File, src.BodyLine, res)
		if err != nil {
			return doc, nil, err
		}
		return doc, figuresOf(doc, res), nil
	}
	env := res.env()
	key := docKey(src, res)
	c.mu.Lock()
	c.used[key] = true
	e := c.docs[key]
	c.mu.Unlock()
	if e != nil && e.firstLine == src.BodyLine && e.rawHTML == rawHTML && bytes.Equal(e.body, src.Body) &&
		(e.env == env || replay(e.answers, e.env.charts, res)) {
		if e.env != env {
			// The answers held: later builds under this env need no replay.
			// The figures drawn by a chart may have changed with the env.
			e.env, e.figures = env, figuresOf(e.doc, res)
		}
		return e.doc, slices.Clone(e.figures), nil
	}
	rec := &recordingResolver{resolver: res}
	doc, err := md.Convert(src.Body, src.File, src.BodyLine, rec)
	if err != nil {
		return doc, nil, err
	}
	figs := figuresOf(doc, res)
	c.mu.Lock()
	if c.docs == nil {
		c.docs = map[string]*docEntry{}
	}
	c.docs[key] = &docEntry{body: src.Body, firstLine: src.BodyLine, rawHTML: rawHTML, env: env, answers: rec.answers, doc: doc, figures: figs}
	c.mu.Unlock()
	return doc, slices.Clone(figs), nil
}

// answer is one question the Markdown converter asked a resolver and what
// it was told. Charts are recorded by what chart.Draw is given rather
// than the HTML they give: the same input and chart partial give the same
// HTML, and the input is much cheaper to make again.
type answer struct {
	kind byte // 'i' Inline, 'c' Chart, 'k' KeyFigures, 'l' Keys, 't' Locale, 'p' Compare, 'x' TextConversion
	key  string
	text string
}

// recordingResolver is a resolver that records every answer it gives.
// Each conversion has its own, so it needs no lock.
type recordingResolver struct {
	*resolver
	answers []answer
}

func (r *recordingResolver) Inline(key string) (string, bool) {
	text, ok := r.resolver.Inline(key)
	r.answers = append(r.answers, answer{'i', key, inlineAnswer(text, ok)})
	return text, ok
}

func (r *recordingResolver) Chart(key string) (template.HTML, error) {
	r.answers = append(r.answers, answer{'c', key, r.chartInput(key)})
	return r.resolver.Chart(key)
}

func (r *recordingResolver) KeyFigures(keys []string) (template.HTML, error) {
	h, err := r.resolver.KeyFigures(keys)
	r.answers = append(r.answers, answer{'k', strings.Join(keys, " "), keyFiguresAnswer(h, err)})
	return h, err
}

// Compare is recorded with the year compared with, which decides the
// page's inputs as well as its text.
func (r *recordingResolver) Compare(verb, key, year string) (string, string, error) {
	text, from, err := r.resolver.Compare(verb, key, year)
	r.answers = append(r.answers, answer{'p', verb + " " + key + " " + year, compareAnswer(text, from, err)})
	return text, from, err
}

func compareAnswer(text, from string, err error) string {
	if err != nil {
		return "\x00error " + err.Error()
	}
	return from + "\x00" + text
}

func (r *recordingResolver) Keys() []string {
	keys := r.resolver.Keys()
	r.answers = append(r.answers, answer{'l', "", strings.Join(keys, " ")})
	return keys
}

// Locale is recorded too: the typography of a page depends on it, and a
// page whose locale changed in site.toml must be converted again.
func (r *recordingResolver) Locale() string {
	locale := r.resolver.Locale()
	r.answers = append(r.answers, answer{'t', "", locale})
	return locale
}

// TextConversion is recorded too: the text of a converted page depends on
// the conversion settings in site.toml.
func (r *recordingResolver) TextConversion() func(string) string {
	r.answers = append(r.answers, answer{'x', "", r.resolver.conversionKey()})
	return r.resolver.TextConversion()
}

// replay asks res every recorded question again and reports whether every
// answer is the same; the charts were marked up by the partial charts.
func replay(answers []answer, charts *partial, res *resolver) bool {
	for _, a := range answers {
		var now string
		switch a.kind {
		case 'i':
			now = inlineAnswer(res.Inline(a.key))
		case 'c':
			if charts != res.site.charts {
				return false
			}
			now = res.chartInput(a.key)
		case 'k':
			now = keyFiguresAnswer(res.KeyFigures(strings.Fields(a.key)))
		case 'l':
			now = strings.Join(res.Keys(), " ")
		case 't':
			now = res.Locale()
		case 'p':
			verb, rest, _ := strings.Cut(a.key, " ")
			key, year, _ := strings.Cut(rest, " ")
			now = compareAnswer(res.Compare(verb, key, year))
		case 'x':
			now = res.conversionKey()
		}
		if now != a.text {
			return false
		}
	}
	return true
}

func inlineAnswer(text string, ok bool) string {
	if !ok {
		return "\x00unknown"
	}
	return text
}

func keyFiguresAnswer(h template.HTML, err error) string {
	if err != nil {
		return "\x00error " + err.Error()
	}
	return string(h)
}

// chartInput describes exactly what Chart(key) would give chart.Draw.
func (r *resolver) chartInput(key string) string {
	set := r.set()
	if set == nil {
		return "\x00no figures"
	}
	c, ok := set.Chart(key)
	if !ok {
		return "\x00unknown"
	}
	in, err := r.chart(c)
	if err != nil {
		return "\x00error " + err.Error()
	}
	total := in.Total
	in.Total, in.Format = nil, nil // a pointer and a func print as addresses
	s := fmt.Sprintf("%#v", in)
	if total != nil {
		s += fmt.Sprintf(" total %#v", *total)
	}
	return s
}
