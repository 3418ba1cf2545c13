package chart

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/htmltest"
)

// fiveYears is a figure over 2018–2022 that was not counted in 2020.
func fiveYears(lang string) Chart {
	return Chart{ID: "c", Kind: KindBar, Lang: lang, Title: "T", Data: []Datum{
		{Label: "2018", Value: 100, Text: "100"},
		{Label: "2019", Value: 120, Text: "120"},
		{Label: "2020", Missing: true},
		{Label: "2021", Value: 130, Text: "130"},
		{Label: "2022", Value: 90, Text: "90"},
	}}
}

// TestMissingValueKeepsItsPlace: a year with no value keeps its row, with
// no bar and no tick at zero (which would say zero), and says "no data" in
// the drawing, its description and its table; the years beside it do not
// look consecutive.
func TestMissingValueKeepsItsPlace(t *testing.T) {
	fig := render(t, fiveYears("en"))
	svg := one(t, fig, "svg")
	rows := htmltest.FindAll(svg, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "chart-row" })
	var labels []string
	for _, r := range rows {
		labels = append(labels, allText(r, "text"))
	}
	want := []string{"2018\n100", "2019\n120", "2020\nno data", "2021\n130", "2022\n90"}
	if !slices.Equal(labels, want) {
		t.Fatalf("rows %q, want %q", labels, want)
	}
	if n := len(htmltest.Elements(rows[2], "rect")) + len(htmltest.Elements(rows[2], "path")); n != 0 {
		t.Errorf("the missing year draws %d bars or ticks", n)
	}
	if n := len(rects(t, svg, "chart-bar-rect")); n != 4 {
		t.Errorf("%d bars, want one for each of the 4 years with a value", n)
	}
	if got := htmltest.Text(one(t, svg, "desc")); got != "2018: 100; 2019: 120; 2020: no data; 2021: 130; 2022: 90." {
		t.Errorf("description %q", got)
	}
	var table []string
	for _, tr := range htmltest.Elements(one(t, fig, "tbody"), "tr") {
		table = append(table, htmltest.Text(tr))
	}
	if !slices.Equal(table, []string{"2018100", "2019120", "2020no data", "2021130", "202290"}) {
		t.Errorf("table rows %q", table)
	}
	checkTextInside(t, svg)
}

// TestMissingValueLayouts: the words for a missing value stay inside the
// chart whether values go beside the bars or above them, beside negative
// values, and when no year has a value.
func TestMissingValueLayouts(t *testing.T) {
	wide := fiveYears("zh")
	wide.Data[0].Text = strings.Repeat("很长的数值说明", 4) // values then go above their bars
	negative := fiveYears("en")
	negative.Data[1].Value, negative.Data[1].Text = -50, "−50"
	none := Chart{ID: "c", Kind: KindBar, Lang: "en", Title: "T", Data: []Datum{{Label: "2019", Missing: true}, {Label: "2020", Missing: true}}}
	for name, tt := range map[string]struct {
		c       Chart
		missing int // the values to be filled in the chart has
	}{"values above": {wide, 1}, "negative": {negative, 1}, "no values": {none, 2}} {
		c := tt.c
		t.Run(name, func(t *testing.T) {
			svg := one(t, render(t, c), "svg")
			checkTextInside(t, svg)
			missing := htmltest.FindAll(svg, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "chart-missing" })
			var words []string
			for _, m := range missing {
				words = append(words, allText(m, "text"))
			}
			noData := withWords(c).Strings.NoData
			for _, w := range words {
				if w != noData {
					t.Errorf("a missing value shows %q, want %q", w, noData)
				}
			}
			if len(words) != tt.missing {
				t.Errorf("%d missing values drawn, want %d", len(words), tt.missing)
			}
		})
	}
	if n := len(rects(t, one(t, render(t, none), "svg"), "chart-bar-rect")); n != 0 {
		t.Errorf("a chart with no values draws %d bars", n)
	}
}

// TestMissingValueNeedsItsWords: a missing value is said in the page's
// words, which a chart without them cannot; and a part of a whole cannot
// be missing, as the shares of the others would be untrue.
func TestMissingValueNeedsItsWords(t *testing.T) {
	c := fiveYears("en")
	c.Strings = DefaultStrings("en")
	c.Strings.NoData = ""
	if _, err := Draw(c); err == nil || !strings.Contains(err.Error(), "NoData") {
		t.Errorf("without the words for a missing value: %v", err)
	}
	c = socialOrganizations("en")
	c.Data[2] = Datum{Label: "Foundations", Missing: true}
	if _, err := Draw(withWords(c)); err == nil || !strings.Contains(err.Error(), "Foundations") {
		t.Errorf("a missing part of a whole: %v", err)
	}
	c = socialOrganizations("en")
	c.Total.Missing = true
	if _, err := Draw(withWords(c)); err == nil || !strings.Contains(err.Error(), "the total has no value") {
		t.Errorf("a missing total: %v", err)
	}
}

// TestMissingValueSaysWhy: a missing value may give its own words, as a
// value still to be filled in does in a draft preview; the chart's words
// for no data are then not needed.
func TestMissingValueSaysWhy(t *testing.T) {
	c := fiveYears("zh")
	c.Strings = DefaultStrings("zh")
	c.Strings.NoData = ""
	c.Data[2].Text = "〔待填〕"
	fig := render(t, c)
	if got := allText(one(t, fig, "svg"), "text"); !strings.Contains(got, "2020\n〔待填〕") {
		t.Errorf("the missing value does not say its own words:\n%s", got)
	}
	if n := len(rects(t, fig, "chart-bar-rect")); n != 4 {
		t.Errorf("%d bars, want 4: a value still to be filled in has none", n)
	}
}
