// Package figures reads a report year's figures.toml, where every number the
// report states is written once, and writes those numbers the way each
// language of the site prints them (2.4亿元 on a Chinese page, RMB 240 million
// on an English one).
//
// It also checks the file's consistency rules (a total equals the sum of its
// parts), describes the charts the Markdown can place, and exports the figures
// as CSV and JSON open data. The file format is described in docs/design.md.
package figures

import (
	"slices"
)

// Set is everything one figures.toml holds, checked against the site's languages.
type Set struct {
	file    string
	langs   []string
	w       *Writing
	figures []*Figure
	byKey   map[string]*Figure
	rules   []*Rule
	charts  []*Chart
	chartBy map[string]*Chart
}

// Figure is one number of the report.
type Figure struct {
	Key       string
	Value     Decimal
	Unit      Unit
	Qualifier Qualifier
	Style     Style             // StylePlain: every digit, no 万 or million
	AsOf      string            // "YYYY", "YYYY-MM" or "YYYY-MM-DD"
	Sources   map[string]string // by language
	Labels    map[string]string // by language
	Line      int               // where the figure is defined in figures.toml
	// Pending is true for a figure whose value is still to be filled in
	// (value = "待填", as `almanac new` writes it); Value is then zero.
	Pending bool

	w *Writing // how the site writes figures
}

// Rule states that a total equals the sum of its parts.
type Rule struct {
	Name  string // optional; shown in messages when the rule does not hold
	Total string
	Parts []string
	Line  int
}

// ChartType is how a chart draws its figures.
type ChartType string

const (
	Bar         ChartType = "bar"
	PartOfWhole ChartType = "part-of-whole"
	// Series draws its figures across the report years: each figure in
	// every year up to the chart's own that has it (see Chart.Figures).
	Series ChartType = "series"
)

// Chart is a chart of figures that Markdown places with {{chart key}}.
type Chart struct {
	Key          string
	Type         ChartType
	Total        string   // part-of-whole only: the figure the parts make up
	Figures      []string // keys of the figures drawn, in order
	Titles       map[string]string
	Descriptions map[string]string // optional
	Line         int

	w *Writing
}

// File is the file the set was read from, as given to Parse.
func (s *Set) File() string { return s.file }

// Langs are the site languages the set was checked against, in site order.
func (s *Set) Langs() []string { return slices.Clone(s.langs) }

// Writing is how the set's figures are written in each language.
func (s *Set) Writing() *Writing { return s.w }

// Figure looks a figure up by key.
func (s *Set) Figure(key string) (*Figure, bool) {
	f, ok := s.byKey[key]
	return f, ok
}

// Figures returns every figure in file order.
func (s *Set) Figures() []*Figure { return slices.Clone(s.figures) }

// Chart looks a chart up by key.
func (s *Set) Chart(key string) (*Chart, bool) {
	c, ok := s.chartBy[key]
	return c, ok
}

// Charts returns every chart in file order.
func (s *Set) Charts() []*Chart { return slices.Clone(s.charts) }

// Rules returns every rule in file order.
func (s *Set) Rules() []*Rule { return slices.Clone(s.rules) }

// Format writes the figure for a page in the language with key lang:
// 5964家 / 5,964.
func (f *Figure) Format(lang string) string {
	if f.Pending {
		return f.writing().pendingText(lang)
	}
	return f.writing().Format(f.Value, f.Unit, f.Qualifier, f.Style, lang)
}

// Number writes the value alone, for charts and tables: 69.31万 / 693,100.
func (f *Figure) Number(lang string) string {
	return f.writing().Number(f.Value, f.Style, lang)
}

// Percent reports whether the figure is a percentage: its unit writes a
// per cent sign after the number in some language.
func (f *Figure) Percent() bool { return f.writing().writesPercent(f.Unit) }

// ComparesInPoints reports whether a change of the figure is in points of
// its unit (a rate), not a share of the earlier value.
func (f *Figure) ComparesInPoints() bool { return f.writing().ComparesInPoints(f.Unit) }

// writing is how the figure's site writes figures; a Figure made outside
// Parse writes them as a site of zh and en would.
func (f *Figure) writing() *Writing {
	if f.w == nil {
		return defaultWriting
	}
	return f.w
}

var defaultWriting = WritingFor("zh", "en")

// Label is the figure's label in lang, falling back to that of another
// language of the same language and then of the site's default language,
// then to the key, so a page in a language added later still shows something.
func (f *Figure) Label(lang string) string {
	return f.writing().inLang(f.Labels, lang, f.Key)
}

// Source is who published the figure, in lang (with Label's fallbacks).
func (f *Figure) Source(lang string) string {
	return f.writing().inLang(f.Sources, lang, "")
}

// Title is the chart's title in lang, with Label's fallbacks.
func (c *Chart) Title(lang string) string {
	return c.writing().inLang(c.Titles, lang, c.Key)
}

// Description is the chart's description in lang, or "" when it has none.
func (c *Chart) Description(lang string) string {
	return c.writing().inLang(c.Descriptions, lang, "")
}

func (c *Chart) writing() *Writing {
	if c.w == nil {
		return defaultWriting
	}
	return c.w
}

// inLang is texts in lang, or in the nearest language that has one: one
// of the same language (zh for zh-hant), else the site's first.
func (w *Writing) inLang(texts map[string]string, lang, fallback string) string {
	for _, l := range w.lenders(w.Lang(lang)) {
		if s, ok := texts[l.Key]; ok {
			return s
		}
	}
	for _, l := range w.langs {
		if s, ok := texts[l.Key]; ok {
			return s
		}
	}
	return fallback
}
