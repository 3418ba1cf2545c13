package site

import (
	"slices"

	"github.com/xmca/almanac/internal/chart"
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

// untilFilledIn draws a part-of-whole chart with a value still to be filled
// in as bars, the total first: its shares cannot be known yet, and a
// preview of the draft should still show the chart.
func untilFilledIn(c chart.Chart) chart.Chart {
	if c.Kind != chart.KindPartOfWhole {
		return c
	}
	pending := slices.ContainsFunc(c.Data, func(d chart.Datum) bool { return d.Missing })
	if !pending && (c.Total == nil || !c.Total.Missing) {
		return c
	}
	c.Kind = chart.KindBar
	if c.Total != nil {
		c.Data = append([]chart.Datum{*c.Total}, c.Data...)
		c.Total = nil
	}
	return c
}
