package build

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/htmltest"
	"github.com/xmca/almanac/internal/messages"
)

// TestChartsOfValuesToBeFilledIn: a draft year started with `almanac new`
// has its values still to be filled in ("待填"). Its preview draws each
// chart with no bar for such a value, which says so, rather than a bar of
// zero; a part-of-whole chart, whose shares cannot be known yet, is drawn
// as bars, the total first, rather than refused with "the whole is 0".
func TestChartsOfValuesToBeFilledIn(t *testing.T) {
	fsys := archiveSite(t)
	startYear(t, fsys, "2004")
	figs := "content/2004/figures.toml"
	replace(fsys, figs, "[figure.social-organizations]\nvalue = \"待填\"", "[figure.social-organizations]\nvalue = 8000")
	replace(fsys, figs, "[defaults]", `[chart.bars]
type = "bar"
figures = ["social-organizations", "community-organizations"]
title = { zh = "社会组织", en = "Organizations" }

[chart.parts]
type = "part-of-whole"
total = "social-organizations"
figures = ["community-organizations"]
title = { zh = "社区社会组织所占比例", en = "Community social organizations among all" }

[chart.years]
type = "series"
figure = "community-organizations"
title = { zh = "历年社区社会组织", en = "Community social organizations by year" }

[defaults]`)
	for _, lang := range []string{"zh", "en"} {
		name := "content/2004/_index." + lang + ".md"
		fsys[name].Data = append(fsys[name].Data, "\n{{chart bars}}\n\n{{chart parts}}\n\n{{chart years}}\n"...)
	}
	res, err := Run(fsys, Options{Drafts: true})
	if err != nil {
		t.Fatalf("the draft's preview fails: %v", err)
	}
	for _, tt := range []struct {
		id, kind string
		rows     []string
		bars     int
	}{
		{"chart-bars", "bar", []string{"Social organizations 8,000", "Community social organizations [to be filled in]"}, 1},
		{"chart-parts", "bar", []string{"Social organizations 8,000", "Community social organizations [to be filled in]"}, 1},
		{"chart-years", "bar", []string{"2002 2,572", "2003 2,600", "2004 [to be filled in]"}, 2},
	} {
		rows, fig := chartRows(t, res, "en/2004/index.html", tt.id)
		if !slices.Equal(rows, tt.rows) {
			t.Errorf("%s: table rows\n%q\nwant\n%q", tt.id, rows, tt.rows)
		}
		if got := htmltest.Attr(fig, "class"); got != "chart chart-"+tt.kind {
			t.Errorf("%s: class %q, want a %s chart", tt.id, got, tt.kind)
		}
		svg := htmltest.Elements(fig, "svg")[0]
		bars := htmltest.FindAll(svg, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "chart-bar-rect" })
		ticks := htmltest.FindAll(svg, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "chart-axis" })
		if len(bars) != tt.bars || len(ticks) != tt.bars {
			t.Errorf("%s: %d bars and %d ticks at zero, want %d: a value to be filled in has neither", tt.id, len(bars), len(ticks), tt.bars)
		}
	}
}

// withPartsChart is the archive site with a part-of-whole chart in the 2003
// report of two parts and their total, in yuan, with the values given.
func withPartsChart(t *testing.T, a, b, total string) fstest.MapFS {
	fsys := archiveSite(t)
	replace(fsys, "content/2003/figures.toml", "[chart.trend]", `[figure.part-a]
value = `+a+`
unit = "yuan"
label = { zh = "甲类", en = "Kind A" }

[figure.part-b]
value = `+b+`
unit = "yuan"
label = { zh = "乙类", en = "Kind B" }

[figure.parts-total]
value = `+total+`
unit = "yuan"
label = { zh = "合计", en = "All kinds" }

[chart.parts]
type = "part-of-whole"
total = "parts-total"
figures = ["part-a", "part-b"]
title = { zh = "构成", en = "Kinds" }

[chart.trend]`)
	for _, lang := range []string{"zh", "en"} {
		name := "content/2003/01-overview." + lang + ".md"
		fsys[name].Data = append(fsys[name].Data, "\n{{chart parts}}\n"...)
	}
	return fsys
}

// TestPartOfWholeOfZeros: a year that counted nothing of a kind has a whole
// of zero, which has no shares; its chart shows the zeros as bars rather
// than keep the report from building.
func TestPartOfWholeOfZeros(t *testing.T) {
	res := buildOK(t, withPartsChart(t, "0", "0", "0"))
	rows, fig := chartRows(t, res, "en/2003/overview/index.html", "chart-parts")
	if want := []string{"All kinds RMB 0", "Kind A RMB 0", "Kind B RMB 0"}; !slices.Equal(rows, want) {
		t.Errorf("table rows %q, want %q", rows, want)
	}
	if got := htmltest.Attr(fig, "class"); got != "chart chart-bar" {
		t.Errorf("class %q, want bars", got)
	}
}

// TestPartOfWholeRestHasItsUnit: the part of a total its parts leave
// ("Other") is written with the unit, as the parts are, in each language.
func TestPartOfWholeRestHasItsUnit(t *testing.T) {
	res := buildOK(t, withPartsChart(t, "1", "2", "5"))
	for page, want := range map[string][]string{
		"en/2003/overview/index.html": {"Kind A RMB 1 20.0%", "Kind B RMB 2 40.0%", "Other RMB 2 40.0%", "Total RMB 5 100.0%"},
		"zh/2003/overview/index.html": {"甲类 1元 20.0%", "乙类 2元 40.0%", "其他 2元 40.0%", "合计 5元 100.0%"},
	} {
		rows, _ := chartRows(t, res, page, "chart-parts")
		if !slices.Equal(rows, want) {
			t.Errorf("%s: table rows\n%q\nwant\n%q", page, rows, want)
		}
	}
}

// TestPartOfWholeBelowZero: a part below zero has no share of a whole; the
// build names the figure and the chart type that shows it, at the chart.
func TestPartOfWholeBelowZero(t *testing.T) {
	_, err := Run(withPartsChart(t, "-5", "10", "5"), Options{})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want diagnostics, got %v", err)
	}
	i := slices.IndexFunc(list, func(d *diag.Diagnostic) bool { return d.File == "content/2003/01-overview.en.md" })
	if i < 0 {
		t.Fatalf("no diagnostic at the chart in\n%v", err)
	}
	if d := list[i]; d.Line == 0 || !strings.Contains(d.Msg, "part-a is below zero (") || !strings.Contains(d.Hint, `type = "bar" in [chart.parts] of content/2003/figures.toml`) {
		t.Errorf("got %s (hint %q)", d, d.Hint)
	}
}

// TestPartOfWholeTotalBelowZero: a total below zero has no shares; the
// build names it once, at the total's figure, with the chart type that
// shows it, not once per page that shows the chart.
func TestPartOfWholeTotalBelowZero(t *testing.T) {
	fsys := withPartsChart(t, "1", "2", "-5")
	_, err := Run(fsys, Options{})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want diagnostics, got %v", err)
	}
	src := string(fsys["content/2003/figures.toml"].Data)
	line := 1 + strings.Count(src[:strings.Index(src, "[figure.parts-total]")], "\n")
	want := fmt.Sprintf("content/2003/figures.toml:%d: part-of-whole chart parts: its total parts-total is below zero (-5), and a whole cannot be\n"+
		"\tto show figures below zero, use type = \"bar\" in [chart.parts] of content/2003/figures.toml", line)
	if got := list.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	zh := list[0].Localize(messages.For(messages.Simplified))
	if zh.Msg != "构成图 parts：总数 parts-total 小于零（-5），而整体不能小于零" {
		t.Errorf("in Chinese: %s", zh.Msg)
	}
}
