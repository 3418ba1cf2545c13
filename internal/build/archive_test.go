package build

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/htmltest"
	"github.com/xmca/almanac/internal/messages"
	"github.com/xmca/almanac/internal/scaffold"
	"github.com/xmca/almanac/internal/sitegen"
)

func archiveSite(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys, err := sitegen.Archive(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// prose is the visible text of a page's Markdown body.
func prose(t *testing.T, res *Result, name string) string {
	t.Helper()
	body := htmltest.Find(parse(t, res.Files, name), func(n *html.Node) bool { return htmltest.Attr(n, "class") == "prose" })
	if body == nil {
		t.Fatalf("%s has no prose", name)
	}
	return htmltest.VisibleText(body)
}

func TestComparisonsAcrossYears(t *testing.T) {
	res := buildOK(t, archiveSite(t))
	for file, want := range map[string][]string{
		"zh/2002/overview/index.html": {"比上年的2763家增长156.5%", "覆盖率75%，提高16个百分点", "养老床位下降12.3%"},
		"en/2002/overview/index.html": {"up 156.5% from 2,763", "Coverage 75%, up 16 percentage points", "Beds down 12.3%"},
		"zh/2003/overview/index.html": {"社会组织持平，比2001年增长156.5%", "覆盖率降低1个百分点", "上年养老床位1754张，2001年2000张"},
		"en/2003/overview/index.html": {"Social organizations unchanged, up 156.5% since 2001", "Coverage down 1 percentage point.", "Beds: 1,754 last year, 2,000 in 2001"},
	} {
		got := prose(t, res, file)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: want %q in\n%s", file, w, got)
			}
		}
		if strings.Contains(got, "{{") {
			t.Errorf("%s still holds a reference: %s", file, got)
		}
	}
	// The print edition shows the same words.
	if got := htmltest.VisibleText(parse(t, res.Files, "zh/2002/print/index.html")); !strings.Contains(got, "增长156.5%") {
		t.Errorf("the 2002 print edition lacks the change")
	}
}

// TestComparisonWordsComeFromStrings: the words of a change are interface
// strings, which editors can change without Go.
func TestComparisonWordsComeFromStrings(t *testing.T) {
	fsys := archiveSite(t)
	replace(fsys, "layouts/i18n/zh.toml", `change_up = "增长{value}"`, `change_up = "同比增长{value}"`)
	res := buildOK(t, fsys)
	if got := prose(t, res, "zh/2002/overview/index.html"); !strings.Contains(got, "同比增长156.5%") {
		t.Errorf("the changed string is not used: %s", got)
	}
}

func TestComparisonErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, file, add, want, hint string
	}{
		{"no earlier year", "content/2001/01-overview.zh.md", "{{change social-organizations}}", `no report before 2001 has the figure "social-organizations"`, "earlier"},
		{"no earlier year has the key", "content/2002/01-overview.en.md", "{{previous community-organizations}}", `no report before 2002 has the figure "community-organizations"`, "earlier"},
		{"named year lacks the key", "content/2003/01-overview.zh.md", "{{change community-organizations 2001}}", `the 2001 report has no figure "community-organizations"`, "content/2001/figures.toml"},
		{"named year not in the site", "content/2003/01-overview.zh.md", "{{previous coverage 1999}}", "there is no 1999 report", "2001"},
		{"named year not in the site, between", "content/2002/01-overview.zh.md", "{{previous coverage 1999}}", "there is no 1999 report", "the site's reports before 2002 are those of 2001;"},
		{"named year not in the site, in the first report", "content/2001/01-overview.zh.md", "{{previous coverage 1999}}", "there is no 1999 report", "no report before 2001"},
		{"named year not earlier", "content/2002/01-overview.zh.md", "{{change coverage 2003}}", "2003 is not before this 2002 report", "earlier"},
		{"units differ", "content/2002/01-overview.en.md", "{{change served}}", "served counts people in 2001 but person-times in 2002", "like with like"},
		{"qualifier", "content/2002/01-overview.zh.md", "{{change volunteers}}", `volunteers is over 6,700 in 2001 (qualifier = "over"), not an exact number`, "words"},
		{"unknown key", "content/2002/01-overview.zh.md", "{{change volunter}}", `unknown figure "volunter"`, "volunteers"},
		{"malformed", "content/2002/01-overview.zh.md", "{{change coverage last-year}}", "malformed figure reference", "{{change key 2015}}"},
		{"misspelt key", "content/2002/01-overview.zh.md", "{{previous social-organisations}}", `no report before 2002 has the figure "social-organisations"`, "did you mean {{previous social-organizations}}?"},
		{"misspelt key in a named year", "content/2003/01-overview.en.md", "{{previous coverge 2001}}", `the 2001 report has no figure "coverge"`, "did you mean {{previous coverage 2001}}?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := archiveSite(t)
			src := string(fsys[tt.file].Data)
			line := strings.Count(src, "\n") + 2
			fsys[tt.file] = &fstest.MapFile{Data: []byte(src + "\n" + tt.add + "\n")}
			_, err := Run(fsys, Options{})
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("want diagnostics, got %v", err)
			}
			i := slices.IndexFunc(list, func(d *diag.Diagnostic) bool { return d.File == tt.file })
			if i < 0 {
				t.Fatalf("no diagnostic for %s in\n%v", tt.file, err)
			}
			d := list[i]
			if d.Line != line || d.Col != 1 || !strings.Contains(d.Msg, tt.want) || !strings.Contains(d.Hint, tt.hint) {
				t.Errorf("got %s:%d:%d %s (hint %q)\nwant line %d, %q, hint containing %q", d.File, d.Line, d.Col, d.Msg, d.Hint, line, tt.want, tt.hint)
			}
		})
	}
}

// TestChangeAcrossZero: from a value below zero to one above it, a share
// of the earlier value would be untrue ("up 133.3%"), so the build asks
// for both values instead, at the comparison's line.
func TestChangeAcrossZero(t *testing.T) {
	fsys := archiveSite(t)
	for year, value := range map[string]string{"2001": "-1500000", "2002": "500000"} {
		figs := "content/" + year + "/figures.toml"
		fsys[figs] = &fstest.MapFile{Data: []byte(string(fsys[figs].Data) +
			"\n[figure.balance]\nvalue = " + value + "\nunit = \"yuan\"\nlabel = { zh = \"结余\", en = \"Balance\" }\n")}
	}
	file := "content/2002/01-overview.zh.md"
	src := string(fsys[file].Data)
	fsys[file] = &fstest.MapFile{Data: []byte(src + "\n结余{{balance}}，{{change balance}}。\n")}
	_, err := Run(fsys, Options{})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want diagnostics, got %v", err)
	}
	i := slices.IndexFunc(list, func(d *diag.Diagnostic) bool { return d.File == file })
	if i < 0 || list[i].Line != strings.Count(src, "\n")+2 || !strings.Contains(list[i].Msg, "one value is below zero and the other above it") {
		t.Fatalf("got %v\nwant the change in %s refused at its line", err, file)
	}
}

func TestSeriesChart(t *testing.T) {
	res := buildOK(t, archiveSite(t))
	for _, tt := range []struct {
		page, id, csv string
		rows          []string // the data table's rows: header cell, value
	}{
		{"zh/2002/overview/index.html", "chart-organizations-by-year", "zh/2002/charts/organizations-by-year.csv",
			[]string{"2001年 2763家", "2002年 7087家"}},
		{"en/2002/overview/index.html", "chart-organizations-by-year", "en/2002/charts/organizations-by-year.csv",
			[]string{"2001 2,763", "2002 7,087"}},
		{"en/2003/overview/index.html", "chart-trend", "en/2003/charts/trend.csv",
			[]string{"Social organizations, 2001 2,763", "Social organizations, 2002 7,087", "Social organizations, 2003 7,087",
				"Community social organizations, 2002 2,572", "Community social organizations, 2003 2,600"}},
	} {
		doc := parse(t, res.Files, tt.page)
		fig := htmltest.Find(doc, func(n *html.Node) bool { return htmltest.Attr(n, "id") == tt.id })
		if fig == nil {
			t.Fatalf("%s: no chart %s", tt.page, tt.id)
		}
		svg := htmltest.Elements(fig, "svg")
		if len(svg) != 1 || htmltest.Attr(svg[0], "role") != "img" || len(htmltest.Elements(svg[0], "title")) == 0 || len(htmltest.Elements(svg[0], "desc")) == 0 {
			t.Errorf("%s: the chart's SVG lacks its role, title or description", tt.page)
		}
		var rows []string
		for _, tr := range htmltest.Elements(fig, "tr")[1:] {
			var cells []string
			for c := tr.FirstChild; c != nil; c = c.NextSibling {
				cells = append(cells, htmltest.Text(c))
			}
			rows = append(rows, strings.Join(cells, " "))
		}
		if !slices.Equal(rows, tt.rows) {
			t.Errorf("%s: table rows\n%q\nwant\n%q", tt.page, rows, tt.rows)
		}
		link := htmltest.Find(fig, func(n *html.Node) bool { return n.Data == "a" })
		if link == nil || htmltest.Attr(link, "href") != "/report/"+tt.csv {
			t.Errorf("%s: the chart does not link /report/%s", tt.page, tt.csv)
		}
		csv := string(res.Files[tt.csv])
		if got := strings.Count(csv, "\r\n"); got != len(tt.rows)+1 || !strings.HasPrefix(csv, "\uFEFFyear,key,") {
			t.Errorf("%s: want a header with a year column and %d rows, got\n%s", tt.csv, len(tt.rows), csv)
		}
	}
	// The 2003 report's chart does not reach back into 2002's: a report
	// draws the years up to its own.
	if strings.Contains(string(res.Files["zh/2002/charts/organizations-by-year.csv"]), "2003,") {
		t.Error("the 2002 chart shows 2003")
	}
	if !strings.Contains(string(res.Files["zh/2002/print/index.html"]), `id="overview--chart-organizations-by-year"`) {
		t.Error("the print edition lacks the series chart")
	}
}

func TestArchiveListsEveryYear(t *testing.T) {
	res := buildOK(t, archiveSite(t))
	for _, lang := range []string{"zh", "en"} {
		home := parse(t, res.Files, lang+"/index.html")
		var years []string
		for _, card := range htmltest.FindAll(home, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "report-card" }) {
			a := htmltest.Find(card, func(n *html.Node) bool { return n.Data == "a" })
			years = append(years, htmltest.Attr(a, "href"))
			if len(htmltest.Elements(card, "dd")) != 2 {
				t.Errorf("%s home: %s lists no key figures", lang, htmltest.Attr(a, "href"))
			}
		}
		want := []string{"/report/" + lang + "/2003/", "/report/" + lang + "/2002/", "/report/" + lang + "/2001/"}
		if !slices.Equal(years, want) {
			t.Errorf("%s home lists %v, want newest first %v", lang, years, want)
		}
		// Each cover links the years before and after it.
		for year, links := range map[string][]string{"2001": {"2002"}, "2002": {"2001", "2003"}, "2003": {"2002"}} {
			cover := parse(t, res.Files, lang+"/"+year+"/index.html")
			nav := htmltest.Find(cover, func(n *html.Node) bool { return strings.Contains(htmltest.Attr(n, "class"), "report-years") })
			if nav == nil {
				t.Fatalf("%s/%s: no links to other years", lang, year)
			}
			var got []string
			for _, a := range htmltest.Elements(nav, "a") {
				got = append(got, strings.Split(htmltest.Attr(a, "href"), "/")[3])
			}
			if !slices.Equal(got, links) {
				t.Errorf("%s/%s links years %v, want %v", lang, year, got, links)
			}
		}
		csv := string(res.Files[lang+"/figures.csv"])
		for _, row := range []string{"2003,coverage,", "2002,served,", "2001,volunteers,"} {
			if !strings.Contains(csv, "\r\n"+row) {
				t.Errorf("%s/figures.csv lacks a row %q", lang, row)
			}
		}
		if !strings.Contains(string(res.Files[lang+"/figures.json"]), `"year": 2001,`) {
			t.Errorf("%s/figures.json has no year field", lang)
		}
		if _, ok := res.Files[lang+"/2002/figures.csv"]; !ok {
			t.Errorf("the per-year %s/2002/figures.csv is gone", lang)
		}
	}
	root := htmltest.VisibleText(parse(t, res.Files, "index.html"))
	if !strings.Contains(root, "2003年报告") || strings.Contains(root, "2002年报告") {
		t.Errorf("the entry page does not show just the latest report: %s", root)
	}
}

// startYear adds what `almanac new YEAR` writes to fsys.
func startYear(t *testing.T, fsys fstest.MapFS, year string) {
	t.Helper()
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	files, err := scaffold.Year(fsys, cfg, year)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		fsys[f.Path] = &fstest.MapFile{Data: f.Data}
	}
}

// TestNewYearPlaceholdersNeverPublish: `almanac new` starts a year with
// last year's figures waiting for their values; a draft preview marks
// them, and a build that would publish them names each one.
func TestNewYearPlaceholdersNeverPublish(t *testing.T) {
	fsys := archiveSite(t)
	startYear(t, fsys, "2004")
	fsys["content/2004/01-overview.zh.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"概况\"\n+++\n\n社会组织{{social-organizations}}，{{change social-organizations}}。\n")}

	// A draft year is left out of the published site, and shows in a preview.
	res := buildOK(t, fsys)
	if _, ok := res.Files["zh/2004/index.html"]; ok {
		t.Error("the draft year was published")
	}
	res, err := Run(fsys, Options{Drafts: true})
	if err != nil {
		t.Fatalf("a draft preview of the new year fails:\n%v", err)
	}
	if got := prose(t, res, "zh/2004/overview/index.html"); !strings.Contains(got, "社会组织〔待填〕，〔待填〕") {
		t.Errorf("the preview does not mark the values to fill in: %s", got)
	}

	// Once the covers are no longer drafts, every placeholder is an error.
	for _, lang := range []string{"zh", "en"} {
		replace(fsys, "content/2004/_index."+lang+".md", "\ndraft = true", "\n")
	}
	_, err = Run(fsys, Options{})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want the placeholders refused, got %v", err)
	}
	src := string(fsys["content/2004/figures.toml"].Data)
	var refused []string
	for _, d := range list {
		if d.File != "content/2004/figures.toml" || !strings.Contains(d.Msg, "has no value yet") || d.Hint == "" {
			continue
		}
		line := strings.Split(src, "\n")[d.Line-1]
		key := strings.TrimSuffix(strings.TrimPrefix(line, "[figure."), "]")
		if !strings.Contains(d.Msg, "figure "+key+" ") {
			t.Errorf("line %d (%s) is not the figure the message names: %s", d.Line, line, d.Msg)
		}
		refused = append(refused, key)
	}
	if want := []string{"social-organizations", "coverage", "community-organizations"}; !slices.Equal(refused, want) {
		t.Errorf("refused %v, want the figures of 2003, %v", refused, want)
	}
}

// TestComparisonWithDraftYear: a year whose covers are all drafts is not
// published, so nothing compares with it; the message says it is a draft
// rather than that the site has no such report.
func TestComparisonWithDraftYear(t *testing.T) {
	fsys := archiveSite(t)
	for _, lang := range []string{"zh", "en"} {
		name := "content/2001/_index." + lang + ".md"
		fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[name].Data), "+++\n", "+++\ndraft = true\n", 1))}
	}
	_, err := Run(fsys, Options{})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want diagnostics, got %v", err)
	}
	var named, latest *diag.Diagnostic
	for _, d := range list {
		switch {
		case d.File == "content/2003/01-overview.zh.md" && strings.Contains(d.Msg, "2001}}"):
			named = d
		case d.File == "content/2002/01-overview.zh.md" && strings.Contains(d.Msg, "{{previous social-organizations}}"):
			latest = d
		}
	}
	if named == nil || !strings.Contains(named.Msg, "the 2001 report is a draft") || !strings.Contains(named.Hint, "draft = true") {
		t.Errorf("{{change key 2001}} against a draft year: %v", named)
	}
	if latest == nil || !strings.Contains(latest.Hint, "2001") || !strings.Contains(latest.Hint, "draft") {
		t.Errorf("{{previous key}} with only a draft year before: %v", latest)
	}
	if _, err := Run(fsys, Options{Drafts: true}); err != nil {
		t.Errorf("a preview with drafts compares with the draft year, but failed:\n%v", err)
	}
}

// TestPendingWordsComeFromStrings: what a draft preview shows for a value
// still to be filled in is an interface string, in every language.
func TestPendingWordsComeFromStrings(t *testing.T) {
	fsys := archiveSite(t)
	startYear(t, fsys, "2004")
	fsys["content/2004/01-overview.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Overview\"\n+++\n\n{{social-organizations}} social organizations, {{change social-organizations}}.\n")}
	replace(fsys, "layouts/i18n/en.toml", `figure_pending = "[to be filled in]"`, `figure_pending = "(number to come)"`)
	res, err := Run(fsys, Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(prose(t, res, "en/2004/overview/index.html")); got != "(number to come) social organizations, (number to come)." {
		t.Errorf("the preview does not use the interface string: %q", got)
	}
	if cover := htmltest.VisibleText(parse(t, res.Files, "en/2004/index.html")); strings.Count(cover, "(number to come)") != 2 {
		t.Errorf("the cover's key figures do not use the interface string: %s", cover)
	}

	// Strings that predate the mark show almanac's own, never a blank.
	replace(fsys, "layouts/i18n/en.toml", `figure_pending = "(number to come)"`, "")
	replace(fsys, "layouts/i18n/zh.toml", `figure_pending = "〔待填〕"`, "")
	if res, err = Run(fsys, Options{Drafts: true}); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(prose(t, res, "en/2004/overview/index.html")); got != "[to be filled in] social organizations, [to be filled in]." {
		t.Errorf("without figure_pending the preview shows %q", got)
	}
}

// TestComparisonWordsMissing: a site whose interface strings lack the
// words of a change or a series chart (one made before comparisons
// existed) gets almanac's own for its language, never a blank.
func TestComparisonWordsMissing(t *testing.T) {
	fsys := archiveSite(t)
	for _, lang := range []string{"zh", "en"} {
		name := "layouts/i18n/" + lang + ".toml"
		var kept []string
		for _, line := range strings.Split(string(fsys[name].Data), "\n") {
			if !strings.HasPrefix(line, "change_up ") && !strings.HasPrefix(line, "series_item ") {
				kept = append(kept, line)
			}
		}
		fsys[name] = &fstest.MapFile{Data: []byte(strings.Join(kept, "\n"))}
	}
	res := buildOK(t, fsys)
	if got := prose(t, res, "zh/2002/overview/index.html"); !strings.Contains(got, "增长156.5%") {
		t.Errorf("the change lacks its words: %s", got)
	}
	if got := prose(t, res, "en/2003/overview/index.html"); !strings.Contains(got, "Social organizations, 2001") {
		t.Errorf("the series chart lacks its labels: %s", got)
	}
}

// TestChangeFromPendingValue: in a draft preview, a change from a year
// whose value is still to be filled in is marked as such, not shown as
// this year's value.
func TestChangeFromPendingValue(t *testing.T) {
	fsys := archiveSite(t)
	startYear(t, fsys, "2004")
	fsys["content/2005/figures.toml"] = &fstest.MapFile{Data: []byte("[figure.social-organizations]\nvalue = 8000\nunit = \"organizations\"\nlabel = { zh = \"社会组织\", en = \"Social organizations\" }\n")}
	for _, lang := range []string{"zh", "en"} {
		fsys["content/2005/_index."+lang+".md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"2005\"\ndraft = true\n+++\n\n{{social-organizations}}: {{change social-organizations}}, {{previous social-organizations}}.\n")}
	}
	res, err := Run(fsys, Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(prose(t, res, "zh/2005/index.html")); got != "8000家: 〔待填〕, 〔待填〕." {
		t.Errorf("a change from a value still to be filled in shows %q", got)
	}
}

// TestSeriesChartMixedUnits: a series chart whose figure changed its unit
// between years is an error at the chart's place, naming both years.
func TestSeriesChartMixedUnits(t *testing.T) {
	fsys := archiveSite(t)
	replace(fsys, "content/2002/figures.toml", "[chart.organizations-by-year]", "[chart.served]\ntype = \"series\"\nfigure = \"served\"\ntitle = { zh = \"服务\", en = \"Served\" }\n\n[chart.organizations-by-year]")
	name := "content/2002/01-overview.en.md"
	src := string(fsys[name].Data) + "\n{{chart served}}\n"
	fsys[name] = &fstest.MapFile{Data: []byte(src)}
	_, err := Run(fsys, Options{})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want diagnostics, got %v", err)
	}
	i := slices.IndexFunc(list, func(d *diag.Diagnostic) bool { return d.File == name })
	if i < 0 {
		t.Fatalf("no diagnostic for %s in\n%v", name, err)
	}
	want := "series chart served mixes units: served counts people in 2001 but person-times in 2002"
	if d := list[i]; d.Line != strings.Count(src, "\n") || d.Msg != want || !strings.Contains(d.Hint, "like with like") {
		t.Errorf("got %s\nwant line %d: %s", d, strings.Count(src, "\n"), want)
	}
}

// TestComparisonWithDraftYearsHintInChinese: a comparison whose only
// earlier reports are drafts is explained, the drafts included, in
// Chinese under zh_CN, with nothing left in English.
func TestComparisonWithDraftYearsHintInChinese(t *testing.T) {
	fsys := archiveSite(t)
	for _, lang := range []string{"zh", "en"} {
		replace(fsys, "content/2001/_index."+lang+".md", "+++\n", "+++\ndraft = true\n")
	}
	_, err := Run(fsys, Options{})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want the comparisons with 2001 refused, got %v", err)
	}
	i := slices.IndexFunc(list, func(d *diag.Diagnostic) bool { return strings.Contains(d.Hint, "draft") })
	if i < 0 {
		t.Fatalf("no hint names the draft year:\n%v", err)
	}
	zh := messages.For(messages.Simplified).Text(list[i].Hint)
	if !strings.Contains(zh, "2001") || !strings.Contains(zh, "草稿") || strings.Contains(zh, "compares with") || strings.Contains(zh, "left out") {
		t.Errorf("the hint %q reads under zh_CN as\n%s", list[i].Hint, zh)
	}
	// Said as a comparison with a draft year named outright is.
	const publish = "publish that year by deleting draft = true in its covers (_index.*.md), or preview with drafts (almanac serve, almanac build --drafts)"
	const publishZh = "请删除该年封面（_index.*.md）中的 draft = true 来发布它，或包括草稿来预览（almanac serve、almanac build --drafts）"
	if !strings.HasSuffix(list[i].Hint, " (the 2001 report is a draft, left out of this build: "+publish+")") ||
		!strings.HasSuffix(zh, "（2001 年的报告是草稿，这次生成不包括草稿："+publishZh+"）") {
		t.Errorf("the hint does not end with what publishes a draft:\n%s\n%s", list[i].Hint, zh)
	}
}
