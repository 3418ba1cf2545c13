package site

import (
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/xmca/almanac/internal/chart"
	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/convert"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/i18n"
	"github.com/xmca/almanac/internal/markdown"
	"github.com/xmca/almanac/internal/sitepath"
)

// resolver gives Markdown in one language of one report its figures,
// charts and key-figure blocks. It implements markdown.Resolver.
type resolver struct {
	site   *Site
	report *Report // nil on pages outside a report (home pages)
	lang   *config.Language
	// conv, when set, converts the text of Markdown written in another
	// language (zh-hant pages from the zh files).
	conv *convert.Converter

	// envOnce and envVal hold env(), which the Markdown cache asks for on
	// every page of the resolver's report and language.
	envOnce sync.Once
	envVal  resolverEnv
}

func (r *resolver) set() *figures.Set {
	if r.report == nil {
		return nil
	}
	return r.report.Figures
}

// OutsideReport says the page belongs to no report year (markdown.Placement).
func (r *resolver) OutsideReport() bool { return r.report == nil }

// Locale is the page's language, which decides its typography
// (markdown.Language).
func (r *resolver) Locale() string { return r.lang.Locale }

// typeset gives an editor's plain text shown on the page (a figure label, a
// chart title) the punctuation the page's Markdown gets.
func (r *resolver) typeset(s string) string { return markdown.Typeset(r.lang.Locale, s) }

func (r *resolver) Inline(key string) (string, bool) {
	set := r.set()
	if set == nil {
		return "", false
	}
	f, ok := set.Figure(key)
	if !ok {
		return "", false
	}
	return r.site.FigureText(f, r.lang.Key), true
}

// Keys lets the Markdown converter suggest a near key for a misspelt figure.
func (r *resolver) Keys() []string {
	set := r.set()
	if set == nil {
		return nil
	}
	return figureKeys(set)
}

// ChartKeys lets the Markdown converter suggest a near key for a misspelt chart.
func (r *resolver) ChartKeys() []string {
	set := r.set()
	if set == nil {
		return nil
	}
	var keys []string
	for _, c := range set.Charts() {
		keys = append(keys, c.Key)
	}
	return keys
}

func (r *resolver) Chart(key string) (template.HTML, error) {
	set := r.set()
	if set == nil {
		return "", diag.Errorf("", 0, 0, "place charts in a report's cover or sections (content/<year>/…), where the year's figures.toml is", "there are no charts outside a report year")
	}
	c, ok := set.Chart(key)
	if !ok {
		// Wrapping ErrUnknownKey makes the Markdown converter report it like
		// an unknown figure: at the reference, with a "did you mean" hint.
		return "", fmt.Errorf("unknown chart %q: %w", key, markdown.ErrUnknownKey)
	}
	if missing := r.missingChartStrings(); len(missing) > 0 {
		return "", diag.Errorf("", 0, 0, fmt.Sprintf("add %s to %s: they are the chart's words (its data table's heading and columns)", strings.Join(missing, ", "), i18n.File(r.lang.Key)),
			"the interface strings of language %q have no %s", r.lang.Key, strings.Join(missing, ", "))
	}
	in, err := r.chart(c)
	if err != nil {
		return "", err
	}
	fig, err := chart.Draw(in)
	if err != nil {
		return "", diag.Errorf("", 0, 0, fmt.Sprintf("check [chart.%s] in %s and the figures it draws", c.Key, r.report.figuresPath()), "%v", err)
	}
	return r.site.chartHTML(fig)
}

// chartHTML marks fig up with the chart partial (ChartPartial).
//
// The figure's id starts with Markdown's id marker (markdown.LocalID), a
// NUL, where the print edition puts its prefix; html/template would write
// it as U+FFFD. So it goes through the partial as U+FFFF, a noncharacter no
// chart text holds (package chart drops it), and comes back as the marker
// wherever the partial wrote the id: in an attribute, and escaped as
// html/template escapes it in an unquoted attribute or an address.
func (s *Site) chartHTML(fig chart.Figure) (template.HTML, error) {
	marker := markdown.LocalID("")
	fig.ID = strings.ReplaceAll(fig.ID, marker, idStandIn)
	// The table's rows take about as much as their text in the drawing.
	h, err := s.charts.execute(chartMarkup, fig, len(fig.SVG)+1024+256*len(fig.Rows))
	if err != nil {
		return "", err
	}
	out := strings.ReplaceAll(string(h), idStandIn, marker)
	for _, escaped := range []string{"&#xffff;", "%ef%bf%bf"} {
		out = strings.ReplaceAll(out, escaped, marker)
	}
	return template.HTML(out), nil
}

const idStandIn = "\uFFFF"

// chartStringKeys are the interface strings a chart shows.
var chartStringKeys = []string{"chart_data_table", "chart_item", "chart_value", "chart_share", "chart_total", "chart_other", "chart_download"}

func (r *resolver) missingChartStrings() []string {
	var missing []string
	for _, key := range chartStringKeys {
		if _, ok := r.site.Strings.Get(r.lang.Key, key); !ok {
			missing = append(missing, key)
		}
	}
	return missing
}

// chart turns a chart definition into the data chart.Draw draws, with
// labels and values in the page's language.
func (r *resolver) chart(c *figures.Chart) (chart.Chart, error) {
	lang := r.lang.Key
	set := r.set()
	datum := func(key string) chart.Datum {
		f, _ := set.Figure(key)
		return r.datum(r.typeset(f.Label(lang)), f)
	}
	out := chart.Chart{
		ID:          "chart-" + c.Key,
		IDPrefix:    markdown.LocalID(""),
		Kind:        string(c.Type),
		Lang:        r.lang.Locale,
		Title:       r.typeset(c.Title(lang)),
		Description: r.typeset(c.Description(lang)),
		Strings:     r.chartStrings(),
		DataURL:     r.site.Config.BasePath() + sitepath.ChartCSV(lang, r.report.Year, c.Key),
	}
	if c.Type == figures.Series {
		return r.series(c, out)
	}
	for _, key := range c.Figures {
		out.Data = append(out.Data, datum(key))
	}
	if c.Total != "" {
		d := datum(c.Total)
		out.Total = &d
		if f, ok := set.Figure(c.Total); ok {
			out.Format = r.like(f, c.Figures)
		}
	}
	return withoutShares(out), r.partsAboveZero(c, out)
}

func (r *resolver) chartStrings() chart.Strings {
	t := func(key string) string {
		s, _ := r.site.Strings.Get(r.lang.Key, key)
		return s
	}
	return chart.Strings{
		DataTable:   t("chart_data_table"),
		Item:        t("chart_item"),
		Value:       t("chart_value"),
		Share:       t("chart_share"),
		Total:       t("chart_total"),
		Other:       t("chart_other"),
		DownloadCSV: t("chart_download"),
	}
}

// KeyFigures renders figures as big numbers with their labels (GOV.UK style).
func (r *resolver) KeyFigures(keys []string) (template.HTML, error) {
	return KeyFiguresHTML(r.site, r.report, r.lang, keys)
}

// KeyFiguresHTML renders figures of a report as big numbers with their
// labels; Markdown's {{key-figures}} and the cover layout share it. The
// markup is the layout partial KeyFiguresPartial's.
func KeyFiguresHTML(s *Site, report *Report, lang *config.Language, keys []string) (template.HTML, error) {
	r := &resolver{site: s, report: report, lang: lang}
	set := r.set()
	if set == nil {
		return "", diag.Errorf("", 0, 0, "place key figures in a report's cover or sections (content/<year>/…), where the year's figures.toml is", "there are no figures outside a report year")
	}
	var items []KeyFigure
	for _, key := range keys {
		f, ok := set.Figure(key)
		if !ok {
			return "", fmt.Errorf("unknown figure %q: define [figure.%s] in %s", key, key, r.report.figuresPath())
		}
		items = append(items, KeyFigure{Label: r.typeset(f.DatedLabel(r.lang.Key)), Text: r.site.FigureText(f, r.lang.Key)})
	}
	return s.keyFigures.execute(keyFiguresMarkup, items, 128*len(items))
}

// KeyFigure is one figure of a key-figures block, as the partial sees it.
type KeyFigure struct {
	Label string // the figure's label with its date, typeset
	Text  string // the value as the page's text writes it
}
