// Package figures reads a report year's figures.toml, where every number the
// report states is written once, and writes those numbers the way each
// language of the site prints them (2.4亿元 on a Chinese page, RMB 240 million
// on an English one).
//
// It also checks the file's consistency rules (a total equals the sum of its
// parts), describes the charts the Markdown can place, and exports the figures
// as CSV and JSON open data. The file format is described in docs/design.md.
package figures

import "slices"

// Set is everything one figures.toml holds, checked against the site's languages.
type Set struct {
	file    string
	langs   []string
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
	AsOf      string            // "YYYY", "YYYY-MM" or "YYYY-MM-DD"
	Sources   map[string]string // by language
	Labels    map[string]string // by language
	Line      int               // where the figure is defined in figures.toml

	// wording converts the words around the number (units, qualifiers)
	// for a language whose texts are derived from another's (Derive).
	wording map[string]func(string) string
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
}

// File is the file the set was read from, as given to Parse.
func (s *Set) File() string { return s.file }

// Langs are the site languages the set was checked against, in site order.
func (s *Set) Langs() []string { return slices.Clone(s.langs) }

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

// Format writes the figure for a page in lang: 5964家 / 5,964.
func (f *Figure) Format(lang string) string {
	if conv := f.wording[lang]; conv != nil {
		return formatConverted(f.Value, f.Unit, f.Qualifier, lang, conv)
	}
	return FormatValue(f.Value, f.Unit, f.Qualifier, lang)
}

// Number writes the value alone, for charts and tables: 69.31万 / 693,100.
func (f *Figure) Number(lang string) string {
	return FormatNumber(f.Value, lang)
}

// Label is the figure's label in lang, falling back to English and then to
// the key, so a page in a language added later still shows something.
func (f *Figure) Label(lang string) string {
	return inLang(f.Labels, lang, f.Key)
}

// Source is who published the figure, in lang (English when lang is missing).
func (f *Figure) Source(lang string) string {
	return inLang(f.Sources, lang, "")
}

// Title is the chart's title in lang, falling back to English and then the key.
func (c *Chart) Title(lang string) string {
	return inLang(c.Titles, lang, c.Key)
}

// Description is the chart's description in lang, or "" when it has none.
func (c *Chart) Description(lang string) string {
	return inLang(c.Descriptions, lang, "")
}

func inLang(texts map[string]string, lang, fallback string) string {
	if s, ok := texts[lang]; ok {
		return s
	}
	if s, ok := texts["en"]; ok {
		return s
	}
	return fallback
}
