package site

import (
	"fmt"
	"strings"

	"github.com/xmca/almanac/internal/chart"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
)

// series fills out, a chart with its words and addresses set, with a series
// chart's points: each of its figures in every year up to the chart's own
// that has it, oldest first, drawn as bars labelled with their year. A
// report shows the years it could compare with when it was published, so
// a later report never changes an earlier one's chart.
func (r *resolver) series(c *figures.Chart, out chart.Chart) (chart.Chart, error) {
	lang := r.lang.Key
	out.Kind = chart.KindBar
	var unit figures.Unit
	var unitFrom string
	for _, key := range c.Figures {
		points := r.site.archive.upTo(r.report.Year, key)
		if len(points) == 0 {
			return out, diag.Errorf("", 0, 0,
				fmt.Sprintf("check the key in [chart.%s] of %s, or define [figure.%s] in this or an earlier year's figures.toml", c.Key, r.report.figuresPath(), key),
				"series chart %s: no report up to %s has the figure %q", c.Key, r.report.Year, key)
		}
		for _, p := range points {
			f := p.Figure
			if unitFrom == "" {
				unit, unitFrom = f.Unit, p.Year+"/"+key
			} else if f.Unit != unit {
				return out, diag.Errorf("", 0, 0,
					"a chart compares like with like: correct the unit in one of the figures.toml files, or draw the figures in separate charts",
					"series chart %s mixes units: %s counts %s but %s/%s counts %s", c.Key, unitFrom, unit, p.Year, key, f.Unit)
			}
			label := r.yearLabel(p.Year)
			if len(c.Figures) > 1 {
				label = r.text("series_item", "{label}", r.typeset(f.Label(lang)), "{year}", label)
			}
			out.Data = append(out.Data, chart.Datum{Label: label, Value: f.Value.Float64(), Text: f.Format(lang)})
		}
	}
	if len(c.Figures) == 1 {
		out.Strings.Item = r.text("chart_year")
	}
	out.DataURL = r.site.Config.BasePath() + ChartDataPath(r.lang.Key, r.report.Year, c.Key)
	return out, nil
}

// yearLabel is a report year as the page's language writes it: 2019年 / 2019.
func (r *resolver) yearLabel(year string) string {
	return r.text("year", "{year}", year)
}

// text is the interface string key in the page's language with each
// placeholder of replace (pairs of placeholder and value) filled in.
func (r *resolver) text(key string, replace ...string) string {
	s, _ := r.site.Strings.Get(r.lang.Key, key)
	return strings.NewReplacer(replace...).Replace(s)
}

// SeriesData is the data behind a series chart of report r: its figures in
// every year up to r's that has them, in the order drawn.
func (s *Site) SeriesData(r *Report, c *figures.Chart) []figures.Dated {
	var out []figures.Dated
	for _, key := range c.Figures {
		out = append(out, s.archive.upTo(r.Year, key)...)
	}
	return out
}

// AllFigures is every figure of every report year, newest year first and
// each year's in file order: the archive's open data.
func (s *Site) AllFigures() []figures.Dated {
	var out []figures.Dated
	for _, r := range s.Reports {
		if r.Figures == nil {
			continue
		}
		for _, f := range r.Figures.Figures() {
			out = append(out, figures.Dated{Year: r.Year, Figure: f})
		}
	}
	return out
}
