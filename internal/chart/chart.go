// Package chart draws the report's charts as SVG at build time, so a page
// needs no JavaScript to show them and a printout shows them as they are on
// screen.
//
// Draw gives a chart's SVG, which screen readers announce by its <title>
// and <desc>, with the data the site's chart partial
// (layouts/partials/chart.html) marks up around it: a caption, the same
// numbers as a table for readers who cannot see the picture or want the
// exact figures, and a link to the data. The drawing never relies on colour
// alone: values are printed beside bars, and the parts of a whole are
// numbered, patterned and listed with their value and share, so a chart
// reads in black and white and for colour-blind readers.
//
// The markup carries no style attributes and no <style> element (the site's
// Content-Security-Policy forbids inline styles): colours and sizes are SVG
// presentation attributes, which the site stylesheet may override through the
// class names the markup carries.
package chart

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Kinds of chart.
const (
	KindBar         = "bar"           // one horizontal bar per datum
	KindPartOfWhole = "part-of-whole" // one bar split into the parts of a total
)

// Datum is one labelled value.
type Datum struct {
	Label string
	Value float64
	// Text is Value formatted as in the page's text ("1622家", "1,622").
	// Empty means Chart.Format formats it.
	Text string
	// Missing says the label has no value, as a year a figure was not
	// counted in: its place stays, with no bar, and says Text or, when
	// that is empty, Strings.NoData, so that its neighbours do not look
	// consecutive. Value is ignored. Bar charts only: a part of a whole
	// needs a value.
	Missing bool
}

// Chart is what Draw draws.
type Chart struct {
	// ID is the figure's id. It prefixes every id inside the chart, so it must
	// be unique in the page: the print edition holds every chart of a report.
	// ASCII letters, digits, hyphens and underscores.
	ID string
	// IDPrefix goes before every id as it is, unchecked: the Markdown
	// layer puts its id marker here so the print edition can prefix the
	// chart's ids like every other id of a section.
	IDPrefix string
	Kind     string // KindBar or KindPartOfWhole
	// Lang is the page's locale, a BCP 47 tag ("zh-Hans", "en"): it picks
	// the punctuation of the generated description (package locale).
	Lang        string
	Title       string
	Description string // what the chart shows, for screen readers; empty: generated from Data
	Data        []Datum
	// Total is the whole of a part-of-whole chart. When the parts add up to
	// less, the rest is shown as a part labelled Strings.Other; when they add up
	// to more, Draw fails. Nil: the whole is the sum of the parts.
	Total   *Datum
	Strings Strings
	// Format formats a value the chart computes itself (the rest of a total)
	// and any Datum without Text. Nil: plain digits.
	Format func(value float64) string
	// DataURL, when set, links the figures' CSV file below the chart.
	DataURL string
	// OpenTable asks for the data table expanded (Figure.OpenTable): a
	// closed <details> does not print.
	OpenTable bool
}

// Strings are the chart's words in the page's language, from the site's
// interface strings (layouts/i18n: chart_data_table, chart_item, …). Every
// field is needed but Other, which only a total the parts fall short of uses.
type Strings struct {
	DataTable   string // the <summary> that opens the table: "Data table"
	Item        string // column header of the labels
	Value       string // column header of the values
	Share       string // column header of the shares of the whole
	Total       string // label of the whole
	Other       string // label of the rest of a total the parts leave
	DownloadCSV string // text of the DataURL link
	NoData      string // in place of a missing value: "no data"; needed when a Datum is Missing without Text
}

// Draw returns the chart's SVG and the data of its caption, table and data
// link. The same Chart always gives the same Figure, so unchanged pages keep
// their fingerprints.
func Draw(c Chart) (Figure, error) {
	if err := validate(c); err != nil {
		return Figure{}, err
	}
	p, err := prepare(c)
	if err != nil {
		return Figure{}, err
	}
	return newFigure(&p, drawSVG(&p)), nil
}

func validate(c Chart) error {
	if !validID(c.ID) {
		return fmt.Errorf("chart: id %q: use ASCII letters, digits, hyphens and underscores, starting with a letter", c.ID)
	}
	if c.Kind != KindBar && c.Kind != KindPartOfWhole {
		return fmt.Errorf("chart %s: unknown kind %q: use %q or %q", c.ID, c.Kind, KindBar, KindPartOfWhole)
	}
	if isBlank(c.Title) {
		return fmt.Errorf("chart %s: the title is empty; it names the chart for every reader", c.ID)
	}
	if len(c.Data) == 0 {
		return fmt.Errorf("chart %s: no data to draw", c.ID)
	}
	if missing := missingWords(c); len(missing) > 0 {
		return fmt.Errorf("chart %s: Strings lacks %s: the site's interface strings (layouts/i18n) give the chart's words", c.ID, strings.Join(missing, ", "))
	}
	for i, d := range c.Data {
		if isBlank(d.Label) {
			return fmt.Errorf("chart %s: datum %d has no label", c.ID, i+1)
		}
		if d.Missing && c.Kind == KindPartOfWhole {
			return fmt.Errorf("chart %s: %q has no value; every part of a whole needs one", c.ID, d.Label)
		}
		if !d.Missing && (math.IsNaN(d.Value) || math.IsInf(d.Value, 0)) {
			return fmt.Errorf("chart %s: %q: the value is not a number", c.ID, d.Label)
		}
	}
	if c.Total != nil && c.Total.Missing {
		return fmt.Errorf("chart %s: the total has no value; the shares of the parts need one", c.ID)
	}
	if c.Total != nil && (math.IsNaN(c.Total.Value) || math.IsInf(c.Total.Value, 0)) {
		return fmt.Errorf("chart %s: the total is not a number", c.ID)
	}
	if c.DataURL != "" && !safeURL(c.DataURL) {
		return fmt.Errorf("chart %s: data link %q: use a relative path or an http(s) address", c.ID, c.DataURL)
	}
	return nil
}

func validID(id string) bool {
	if id == "" || !isASCIILetter(rune(id[0])) {
		return false
	}
	for _, r := range id {
		if !isASCIILetter(r) && !('0' <= r && r <= '9') && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// missingWords names the Strings fields c needs and lacks.
func missingWords(c Chart) []string {
	var missing []string
	for _, w := range []struct{ name, text string }{
		{"DataTable", c.Strings.DataTable}, {"Item", c.Strings.Item}, {"Value", c.Strings.Value},
		{"Share", c.Strings.Share}, {"Total", c.Strings.Total}, {"Other", c.Strings.Other},
		{"DownloadCSV", c.Strings.DownloadCSV}, {"NoData", c.Strings.NoData},
	} {
		needed := true
		switch w.name {
		case "DownloadCSV":
			needed = c.DataURL != ""
		case "Share", "Total", "Other":
			needed = c.Kind == KindPartOfWhole
		case "NoData":
			needed = slices.ContainsFunc(c.Data, func(d Datum) bool { return d.Missing && isBlank(d.Text) })
		}
		if needed && isBlank(w.text) {
			missing = append(missing, w.name)
		}
	}
	return missing
}

// ErrPartsExceedTotal is wrapped by Draw's error when the parts of a
// part-of-whole chart add up to more than its total, which a bar of 100%
// cannot show; the figures' consistency rules usually catch it first.
var ErrPartsExceedTotal = errors.New("the parts add up to more than the total")
