package chart

import (
	"cmp"
	"fmt"

	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/locale"
)

// plan is a validated Chart with its text cleaned, its words filled in and,
// for a part-of-whole chart, its shares worked out: everything the drawing
// and the table need, computed once so they cannot disagree.
type plan struct {
	id, kind, lang string
	title          string
	desc           string // the author's description; empty: describe()
	rows           []row
	total          *row // the whole, when the Chart gave one
	whole          float64
	words          Strings
	typo           locale.Typography // the punctuation of the page's locale
	dataURL        string
	openTable      bool
}

type row struct {
	label  string
	value  float64
	text   string // the value as the page writes it
	share  string // of the whole; part-of-whole charts only
	isRest bool   // the part of the total the Chart's parts leave
	// missing: the label has no value; text is the words that say so.
	missing bool
}

func prepare(c Chart) (plan, error) {
	p := plan{
		id:        c.IDPrefix + c.ID,
		kind:      c.Kind,
		lang:      c.Lang,
		title:     cleanText(c.Title),
		words:     cleanStrings(c.Strings),
		typo:      locale.TypographyOf(language.Make(c.Lang)),
		dataURL:   c.DataURL,
		openTable: c.OpenTable,
	}
	format := func(v float64) string {
		if c.Format != nil {
			if t := cleanText(c.Format(v)); t != "" {
				return t
			}
		}
		return plainNumber(v)
	}
	p.rows = make([]row, 0, len(c.Data)+1) // room for the rest of a total
	for _, d := range c.Data {
		if d.Missing {
			p.rows = append(p.rows, row{label: cleanText(d.Label), text: cmp.Or(cleanText(d.Text), p.words.NoData), missing: true})
			continue
		}
		p.rows = append(p.rows, row{label: cleanText(d.Label), value: d.Value, text: textOr(d.Text, d.Value, format)})
	}
	if c.Kind == KindPartOfWhole {
		if err := p.divideWhole(c.Total, format); err != nil {
			return plan{}, fmt.Errorf("chart %s: %w", c.ID, err)
		}
	}
	p.desc = cleanText(c.Description) // empty: svgOpen describes the data
	return p, nil
}

// divideWhole works out each part's share of the whole and adds the rest of
// the total, if any, as a part of its own: a bar of 100% must be full.
func (p *plan) divideWhole(total *Datum, format func(float64) string) error {
	sum := 0.0
	for _, r := range p.rows {
		if r.value < 0 {
			return fmt.Errorf("%q is negative (%s); a part of a whole cannot be", r.label, r.text)
		}
		sum += r.value
	}
	p.whole = sum
	if total != nil {
		p.whole = total.Value
		p.total = &row{label: p.words.Total, value: total.Value, text: textOr(total.Text, total.Value, format), share: shareText(1, 1)}
	}
	if p.whole <= 0 {
		return fmt.Errorf("the whole is %s; shares of it cannot be drawn", plainNumber(p.whole))
	}
	// Decimal values rarely add up exactly in floating point; a difference
	// this small is rounding, not a part.
	tolerance := p.whole * 1e-9
	switch rest := p.whole - sum; {
	case rest < -tolerance:
		return fmt.Errorf("%w: %s > %s", ErrPartsExceedTotal, plainNumber(sum), plainNumber(p.whole))
	case rest > tolerance:
		p.rows = append(p.rows, row{label: p.words.Other, value: rest, text: format(rest), isRest: true})
	}
	for i := range p.rows {
		p.rows[i].share = shareText(p.rows[i].value, p.whole)
	}
	return nil
}

// describe writes the chart's data as a sentence, escaped: the <desc> a
// screen reader announces when the author wrote no description.
func (p *plan) describe(m *markup) {
	sep, end, open, closing := p.typo.Separator, p.typo.End, p.typo.Open, p.typo.Close
	if p.total != nil {
		p.total.describe(m, p.typo)
		m.WriteString(end)
		m.WriteString(p.typo.Space)
	}
	for i, r := range p.rows {
		if i > 0 {
			m.WriteString(sep)
		}
		r.describe(m, p.typo)
		if r.share != "" {
			m.WriteString(open)
			m.esc(r.share)
			m.WriteString(closing)
		}
	}
	m.WriteString(end)
}

func (r *row) describe(m *markup, typo locale.Typography) {
	m.esc(r.label)
	m.WriteString(typo.Colon)
	m.esc(r.text)
}

func textOr(text string, v float64, format func(float64) string) string {
	if t := cleanText(text); t != "" {
		return t
	}
	return format(v)
}

// cleanStrings tidies each field of s as the chart's other texts are.
func cleanStrings(s Strings) Strings {
	return Strings{
		DataTable:   cleanText(s.DataTable),
		Item:        cleanText(s.Item),
		Value:       cleanText(s.Value),
		Share:       cleanText(s.Share),
		Total:       cleanText(s.Total),
		Other:       cleanText(s.Other),
		DownloadCSV: cleanText(s.DownloadCSV),
		NoData:      cleanText(s.NoData),
	}
}
