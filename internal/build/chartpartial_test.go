package build

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/htmltest"
	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/sitetest"
)

// restyledChart is a designer's chart partial: the numbers as a list, and a
// link back to the chart, which must reach it in the print edition too.
const restyledChart = `{{define "chart"}}<div class="plot plot-{{.Kind}}" id="{{.ID}}"><h3>{{.Title}}</h3>{{.SVG}}` +
	`<ul class="plot-numbers">{{range .Rows}}<li>{{.Label}}{{$.Colon}}{{.Text}}{{with .Share}} ({{.}}){{end}}</li>{{end}}` +
	`{{with .Total}}<li class="plot-total">{{.Label}}{{$.Colon}}{{.Text}}</li>{{end}}</ul>` +
	`<a class="plot-data" href="{{.DataURL}}">{{.Words.DownloadCSV}}</a> <a class="plot-top" href="#{{.ID}}">↑</a></div>{{end}}`

// TestRestyledChart: a site whose layouts override the chart partial shows
// its markup around every chart, on the section's page and in the print
// edition, where the chart's ids and links to it get the section's prefix.
func TestRestyledChart(t *testing.T) {
	fsys := sitetest.MapFS(t)
	fsys[site.ChartPartial] = &fstest.MapFile{Data: []byte(restyledChart)}
	res := buildOK(t, fsys)
	for page, id := range map[string]string{
		"zh/2019/three-social-linkage/index.html": "chart-social-organizations-by-type",
		"zh/2019/print/index.html":                "three-social-linkage--chart-social-organizations-by-type",
	} {
		if strings.Contains(string(res.Files[page]), `<figure class="chart`) {
			t.Errorf("%s still has the repository's <figure>", page)
		}
		doc := parse(t, res.Files, page)
		plot := htmltest.ByID(doc, id)
		if plot == nil || plot.Data != "div" || htmltest.Attr(plot, "class") != "plot plot-part-of-whole" {
			t.Fatalf("%s: no restyled chart with id %q", page, id)
		}
		if h3 := htmltest.Elements(plot, "h3"); len(h3) != 1 || htmltest.Text(h3[0]) != "全市社会组织构成（截至2019年11月）" {
			t.Errorf("%s: the title is not the partial's heading", page)
		}
		if svg := htmltest.Elements(plot, "svg"); len(svg) != 1 || htmltest.Attr(svg[0], "aria-labelledby") != id+"-title "+id+"-desc" {
			t.Errorf("%s: the drawing is missing or its ids do not match the figure's", page)
		}
		var items []string
		for _, li := range htmltest.Elements(plot, "li") {
			items = append(items, htmltest.Text(li))
		}
		want := "社会团体：1622家 (27.2%)|民办非企业单位：1735家 (29.1%)|基金会：35家 (0.6%)|备案社区社会组织：2572家 (43.1%)|合计：5964家"
		if got := strings.Join(items, "|"); got != want {
			t.Errorf("%s: the list reads %q, want %q", page, got, want)
		}
		links := htmltest.Elements(plot, "a")
		if len(links) != 2 || htmltest.Attr(links[0], "href") != res.Config.BasePath()+"zh/2019/charts/social-organizations-by-type.csv" ||
			htmltest.Text(links[0]) != "下载本图数据（CSV）" || htmltest.Attr(links[1], "href") != "#"+id {
			t.Errorf("%s: the links are not the partial's: %v", page, links)
		}
	}
}

// TestBrokenChartPartial: a chart partial that does not parse is reported
// once, at its line, though the layouts and every chart meet it.
func TestBrokenChartPartial(t *testing.T) {
	fsys := sitetest.MapFS(t)
	fsys[site.ChartPartial] = &fstest.MapFile{Data: []byte("{{define \"chart\"}}\n<figure>{{.Title | nosuch}}</figure>{{end}}\n")}
	_, err := Run(fsys, Options{})
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].File != site.ChartPartial || list[0].Line != 2 || !strings.Contains(list[0].Msg, "nosuch") {
		t.Errorf("got %v; want one message at %s:2 naming nosuch", err, site.ChartPartial)
	}
}
