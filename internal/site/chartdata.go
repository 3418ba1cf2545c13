package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xmca/almanac/internal/chart"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
)

// datum is f's value labelled label, or, for a value still to be filled in
// (a draft preview), no value and the words that say so: a bar of zero
// would say it is zero.
func (r *resolver) datum(label string, f *figures.Figure) chart.Datum {
	d := chart.Datum{Label: label, Text: r.site.FigureText(f, r.lang.Key)}
	if f.Pending {
		d.Missing = true
	} else {
		d.Value = f.Value.Float64()
	}
	return d
}

// withoutShares draws a part-of-whole chart whose shares cannot be known
// as bars, the total first: in a draft's preview, while a value is still to
// be filled in, which should not keep the chart from showing; and when the
// whole is zero, as when nothing of the kind was counted that year, which
// bars show as it is.
func withoutShares(c chart.Chart) chart.Chart {
	if c.Kind != chart.KindPartOfWhole || !sharesUnknown(c) {
		return c
	}
	c.Kind = chart.KindBar
	if c.Total != nil {
		c.Data = append([]chart.Datum{*c.Total}, c.Data...)
		c.Total = nil
	}
	return c
}

func sharesUnknown(c chart.Chart) bool {
	if slices.ContainsFunc(c.Data, func(d chart.Datum) bool { return d.Missing }) {
		return true
	}
	if c.Total != nil {
		return c.Total.Missing || c.Total.Value == 0
	}
	return !slices.ContainsFunc(c.Data, func(d chart.Datum) bool { return d.Value != 0 })
}

// partsAboveZero refuses a part-of-whole chart with a part or a total
// below zero, whose shares would mean nothing, naming the figure and the
// way to show it. A total below zero is reported at its figure in
// figures.toml, once for every page and language that shows the chart.
func (r *resolver) partsAboveZero(c *figures.Chart, out chart.Chart) error {
	if out.Kind != chart.KindPartOfWhole {
		return nil
	}
	hint := fmt.Sprintf(`to show figures below zero, use type = "bar" in [chart.%s] of %s`, c.Key, r.report.figuresPath())
	if t := out.Total; t != nil && !t.Missing && t.Value < 0 {
		line := 0
		if f, ok := r.set().Figure(c.Total); ok {
			line = f.Line
		}
		return diag.Errorf(r.report.figuresPath(), line, 0, hint,
			"part-of-whole chart %s: its total %s is below zero (%s), and a whole cannot be", c.Key, c.Total, strconv.FormatFloat(t.Value, 'f', -1, 64))
	}
	for i, d := range out.Data {
		if !d.Missing && d.Value < 0 {
			return diag.Errorf("", 0, 0, hint,
				"part-of-whole chart %s: %s is below zero (%s), and a part of a whole cannot be", c.Key, c.Figures[i], d.Text)
		}
	}
	return nil
}

// like formats a value the chart works out itself (the rest of a total,
// "Other") as the figure total is written, unit and all: 2 yuan is "RMB 2"
// beside "RMB 1", not a bare "2". The value is rounded to the decimals
// the total and the parts are written with, which floating point would
// otherwise blur (0.30000000000000004).
func (r *resolver) like(total *figures.Figure, parts []string) func(float64) string {
	decimals := scale(total.Value)
	for _, key := range parts {
		if f, ok := r.set().Figure(key); ok {
			decimals = max(decimals, scale(f.Value))
		}
	}
	lang := r.lang.Key
	return func(v float64) string {
		d, err := figures.ParseDecimal(strconv.FormatFloat(v, 'f', decimals, 64))
		if err != nil {
			return ""
		}
		rest := *total
		rest.Value, rest.Qualifier, rest.Pending = d, figures.Exact, false
		return rest.Format(lang)
	}
}

// scale is how many decimals d is written with.
func scale(d figures.Decimal) int {
	_, frac, ok := strings.Cut(d.String(), ".")
	if !ok {
		return 0
	}
	return len(frac)
}
