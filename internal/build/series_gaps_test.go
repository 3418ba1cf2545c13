package build

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/htmltest"
)

// withGaps is the archive site with a 2005 report and none for 2004: its
// series chart of elderly care beds has values for 2001, 2002 and 2005, the
// 2003 report not having counted them.
func withGaps(t *testing.T) fstest.MapFS {
	fsys := archiveSite(t)
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys["content/2005/figures.toml"] = file(`[defaults]
as_of = "2005"
source = { zh = "市民政局", en = "Civil Affairs Bureau" }

[figure.social-organizations]
value = 8000
unit = "organizations"
label = { zh = "社会组织", en = "Social organizations" }

[figure.coverage]
value = 80
unit = "percent"
label = { zh = "覆盖率", en = "Coverage" }

[figure.community-organizations]
value = 2800
unit = "organizations"
label = { zh = "社区社会组织", en = "Community social organizations" }

[figure.beds]
value = 1800
unit = "beds"
label = { zh = "养老床位", en = "Elderly care beds" }

[chart.beds]
type = "series"
figure = "beds"
title = { zh = "历年养老床位", en = "Elderly care beds by year" }

[chart.trend]
type = "series"
figures = ["social-organizations", "community-organizations"]
title = { zh = "社会组织与社区社会组织", en = "Social organizations and community social organizations" }
`)
	for lang, title := range map[string]string{"zh": "2005年报告", "en": "Report 2005"} {
		fsys["content/2005/_index."+lang+".md"] = file("+++\ntitle = \"" + title + "\"\nkey_figures = [\"social-organizations\", \"coverage\"]\n+++\n2005.\n")
		fsys["content/2005/01-overview."+lang+".md"] = file("+++\ntitle = \"" + title + "\"\n+++\n\n{{beds}}\n\n{{chart beds}}\n\n{{chart trend}}\n")
	}
	return fsys
}

// chartRows are the data table rows of the chart id on page, each its
// header cell and value joined by a space.
func chartRows(t *testing.T, res *Result, page, id string) (rows []string, fig *html.Node) {
	t.Helper()
	fig = htmltest.Find(parse(t, res.Files, page), func(n *html.Node) bool { return htmltest.Attr(n, "id") == id })
	if fig == nil {
		t.Fatalf("%s: no chart %s", page, id)
	}
	for _, tr := range htmltest.Elements(fig, "tr")[1:] {
		var cells []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			cells = append(cells, htmltest.Text(c))
		}
		rows = append(rows, strings.Join(cells, " "))
	}
	return rows, fig
}

// TestSeriesChartKeepsMissingYears: a year without the figure, whether its
// report did not count it (2003) or there is no report (2004), keeps its
// place in the chart, its table and its data file, and says there is no
// value, in each language's words; the years either side are not drawn as
// if consecutive.
func TestSeriesChartKeepsMissingYears(t *testing.T) {
	res := buildOK(t, withGaps(t))
	for _, tt := range []struct {
		lang, desc string
		rows       []string
	}{
		{"zh", "2003年：无数据", []string{"2001年 2000张", "2002年 1754张", "2003年 无数据", "2004年 无数据", "2005年 1800张"}},
		{"en", "2003: no data", []string{"2001 2,000", "2002 1,754", "2003 no data", "2004 no data", "2005 1,800"}},
		{"zh-hant", "2003年：無資料", []string{"2001年 2000張", "2002年 1754張", "2003年 無資料", "2004年 無資料", "2005年 1800張"}},
	} {
		page := tt.lang + "/2005/overview/index.html"
		rows, fig := chartRows(t, res, page, "chart-beds")
		if !slices.Equal(rows, tt.rows) {
			t.Errorf("%s: table rows\n%q\nwant\n%q", page, rows, tt.rows)
		}
		svg := htmltest.Elements(fig, "svg")[0]
		if desc := htmltest.Text(htmltest.Elements(svg, "desc")[0]); !strings.Contains(desc, tt.desc) {
			t.Errorf("%s: the description %q does not say %q", page, desc, tt.desc)
		}
		bars := htmltest.FindAll(svg, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "chart-bar-rect" })
		if len(bars) != 3 {
			t.Errorf("%s: %d bars, want 3, for the years with a value", page, len(bars))
		}
	}
	csv := string(res.Files["en/2005/charts/beds.csv"])
	lines := strings.Split(strings.TrimSuffix(csv, "\r\n"), "\r\n")
	var years []string
	for _, l := range lines[1:] {
		years = append(years, l[:strings.IndexByte(l, ',')])
	}
	if !slices.Equal(years, []string{"2001", "2002", "2003", "2004", "2005"}) || !strings.HasPrefix(lines[3], "2003,beds,,") || strings.Trim(lines[3][len("2003,beds"):], ",") != "" {
		t.Errorf("beds.csv: want a row for every year, with the year and key only where there is no value:\n%s", csv)
	}
	// A chart of several figures keeps each one's missing years, labelled by
	// the figure.
	rows, _ := chartRows(t, res, "en/2005/overview/index.html", "chart-trend")
	want := []string{"Social organizations, 2001 2,763", "Social organizations, 2002 7,087", "Social organizations, 2003 7,087",
		"Social organizations, 2004 no data", "Social organizations, 2005 8,000",
		"Community social organizations, 2002 2,572", "Community social organizations, 2003 2,600",
		"Community social organizations, 2004 no data", "Community social organizations, 2005 2,800"}
	if !slices.Equal(rows, want) {
		t.Errorf("trend: table rows\n%q\nwant\n%q", rows, want)
	}
}
