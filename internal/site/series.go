package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xmca/almanac/internal/chart"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/sitepath"
)

// series fills out, a chart with its words and addresses set, with a series
// chart's points: each of its figures in every year from the first that has
// it up to the chart's own, oldest first, drawn as bars labelled with their
// year. A year without the figure keeps its place and says so. A report
// shows the years it could compare with when it was published, so a later
// report never changes an earlier one's chart.
func (r *resolver) series(c *figures.Chart, out chart.Chart) (chart.Chart, error) {
	out.Kind = chart.KindBar
	var first figures.Point // the first point with a value, whose unit every point shares
	for _, key := range c.Figures {
		points := r.site.seriesPoints(r.report.Year, key)
		if len(points) == 0 {
			return out, diag.Errorf("", 0, 0,
				fmt.Sprintf("check the key in [chart.%s] of %s, or define [figure.%s] in this or an earlier year's figures.toml", c.Key, r.report.figuresPath(), key),
				"series chart %s: no report up to %s has the figure %q", c.Key, r.report.Year, key)
		}
		var latest *figures.Figure // names a year without the figure
		for _, p := range points {
			if f := p.Figure; f != nil {
				latest = f
				if first.Figure == nil {
					first = p
				} else if f.Unit != first.Figure.Unit {
					return out, diag.Errorf("", 0, 0,
						"a chart compares like with like: correct the unit in one of the figures.toml files, or draw the figures in separate charts",
						"series chart %s mixes units: %s", c.Key, unitsDiffer(first, p))
				}
			}
			label, err := r.pointLabel(p.Year, latest, len(c.Figures) > 1)
			if err != nil {
				return out, err
			}
			d := chart.Datum{Label: label, Missing: true}
			if p.Figure != nil {
				d = r.datum(label, p.Figure)
			}
			out.Data = append(out.Data, d)
		}
	}
	if len(c.Figures) == 1 {
		item, err := r.text("chart_year")
		if err != nil {
			return out, err
		}
		out.Strings.Item = item
	}
	if slices.ContainsFunc(out.Data, func(d chart.Datum) bool { return d.Missing && d.Text == "" }) {
		noData, err := r.word("chart_no_data")
		if err != nil {
			return out, err
		}
		out.Strings.NoData = noData
	}
	out.DataURL = r.site.Config.BasePath() + sitepath.ChartCSV(r.lang.Key, r.report.Year, c.Key)
	return out, nil
}

// pointLabel labels a series chart's point of year: by the year, and by
// the label of f, its figure or, for a year without it, the latest, when
// the chart draws several figures.
func (r *resolver) pointLabel(year string, f *figures.Figure, several bool) (string, error) {
	label, err := r.text("year", "{year}", year)
	if err == nil && several {
		label, err = r.text("series_item", "{label}", r.typeset(f.Label(r.lang.Key)), "{year}", label)
	}
	return label, err
}

// seriesPoints lists key's figure in every year from the first report that
// has it up to year, oldest first. A year without it, whether it has no
// report or a report without the figure, is a point without a Figure: a
// chart that left it out would draw the years either side of it as if
// they were consecutive. Report years are four digits (package content).
func (s *Site) seriesPoints(year, key string) []figures.Point {
	present := s.archive.upTo(year, key)
	if len(present) == 0 {
		return nil
	}
	from, err1 := strconv.Atoi(present[0].Year)
	to, err2 := strconv.Atoi(year)
	var out []figures.Point
	for y := from; err1 == nil && err2 == nil && y <= to; y++ {
		p := figures.Point{Year: fmt.Sprintf("%04d", y), Key: key}
		if len(present) > 0 && present[0].Year == p.Year {
			p.Figure, present = present[0].Figure, present[1:]
		}
		out = append(out, p)
	}
	for _, d := range present { // none, unless a year is not a number
		out = append(out, figures.Point{Year: d.Year, Key: key, Figure: d.Figure})
	}
	return out
}

// unitsDiffer says how two points of a series chart count differently:
// "served counts people in 2001 but person-times in 2002", or, for two
// figures, "a counts items in 2001 but b counts yuan in 2001".
func unitsDiffer(a, b figures.Point) string {
	if a.Figure.Key == b.Figure.Key {
		return fmt.Sprintf("%s counts %s in %s but %s in %s", a.Figure.Key, a.Figure.Unit, a.Year, b.Figure.Unit, b.Year)
	}
	return fmt.Sprintf("%s counts %s in %s but %s counts %s in %s", a.Figure.Key, a.Figure.Unit, a.Year, b.Figure.Key, b.Figure.Unit, b.Year)
}

// text is the interface string key in the page's language with each
// placeholder of replace (pairs of placeholder and value) filled in.
func (r *resolver) text(key string, replace ...string) (string, error) {
	s, err := r.word(key)
	return strings.NewReplacer(replace...).Replace(s), err
}

// word is the interface string key in the page's language. A site whose
// layouts/i18n predates the key gets a message rather than a blank where
// the words should be.
func (r *resolver) word(key string) (string, error) {
	s, ok := r.site.Strings.Get(r.lang.Key, key)
	if !ok {
		return "", diag.Errorf("", 0, 0,
			fmt.Sprintf("add a line %s = \"…\" to each file in layouts/i18n/, in that file's language", key),
			"interface string %q is missing", key)
	}
	return s, nil
}

// FigureText is f as a page in lang writes it, or, for a value still to be
// filled in (which only a draft preview shows), the interface string
// figure_pending that marks it; a site whose strings predate it shows the
// placeholder itself.
func (s *Site) FigureText(f *figures.Figure, lang string) string {
	if f.Pending {
		if text, ok := s.Strings.Get(lang, "figure_pending"); ok {
			return text
		}
	}
	return f.Format(lang)
}

// SeriesData is the data behind a series chart of report r: its points in
// the order drawn, a year without a figure's value included (seriesPoints).
func (s *Site) SeriesData(r *Report, c *figures.Chart) []figures.Point {
	var out []figures.Point
	for _, key := range c.Figures {
		out = append(out, s.seriesPoints(r.Year, key)...)
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
