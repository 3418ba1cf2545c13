package check

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/diag"
)

// fixture is a small bilingual site with its own plain layouts, so the
// tests here do not move when the designers change the real ones.
func fixture() fstest.MapFS {
	f := fstest.MapFS{}
	add := func(name, text string) { f[name] = &fstest.MapFile{Data: []byte(text)} }
	add("site.toml", `base_url = "https://example.gov.cn/report/"
default_language = "zh"

[languages.zh]
locale = "zh-Hans"
name = "中文"
title = "年度报告"

[languages.en]
locale = "en"
name = "English"
title = "Annual Reports"
`)
	add("layouts/base.html", `{{define "base"}}<!DOCTYPE html>
<html lang="{{.Locale}}">
<head><meta charset="utf-8"><title>{{.Page.Title}}</title>
<link rel="stylesheet" href="{{.Asset "css/site.css"}}"></head>
<body>
<main id="main">
{{block "main" .}}{{end}}
</main>
<a href="#main">{{.T "top"}}</a>
</body>
</html>
{{end}}`)
	add("layouts/root.html", `{{define "main"}}<h1>{{.Page.Title}}</h1>{{range .Site.Homes}}<a href="{{$.URL .}}">{{.Title}}</a>{{end}}{{end}}`)
	add("layouts/home.html", `{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Page.Body}}{{end}}`)
	add("layouts/cover.html", `{{define "main"}}<h1>{{.Page.Title}}</h1>
{{.KeyFigures}}
<div class="prose">{{.Page.Body}}</div>
<ol>{{range .Page.Report.SectionPages .Lang}}<li><a href="{{$.URL .}}">{{.Title}}</a></li>{{end}}</ol>
<a href="{{.URL (index .Page.Report.Prints .Lang)}}">{{.T "print"}}</a>
<a href="{{.DataURL .Page.Report "figures.csv"}}">CSV</a>
{{end}}`)
	add("layouts/partials/key-figures.html", `{{define "key-figures"}}<dl class="key-figures">{{range .}}<div><dt>{{.Label}}</dt><dd>{{.Text}}</dd></div>{{end}}</dl>{{end}}`)
	add("layouts/partials/chart.html", `{{define "chart"}}<figure class="chart" id="{{.ID}}"><figcaption>{{.Title}}</figcaption>{{.SVG}}<table>{{range .Rows}}<tr><th>{{.Label}}</th><td>{{.Text}}</td></tr>{{end}}</table></figure>{{end}}`)
	add("layouts/section.html", `{{define "main"}}<h1>{{.Page.Title}}</h1>
<div class="prose">{{.Page.Body}}</div>
{{end}}`)
	add("layouts/print.html", `{{define "main"}}{{$r := .Page.Report}}{{$cover := index $r.Covers .Lang}}<section id="{{.PrintAnchor $cover}}"><h1>{{$cover.Title}}</h1>
<div class="prose">{{.PrintBody $cover}}</div></section>
{{range $r.SectionPages .Lang}}<article id="{{.Section.Slug}}"><h2>{{.Title}}</h2>
<div class="prose">{{$.PrintBody .}}</div></article>
{{end}}{{end}}`)
	add("layouts/404.html", `{{define "main"}}<h1>404</h1>{{end}}`)
	add("layouts/search.html", `{{define "main"}}<h1>{{.Page.Title}}</h1><div id="search" data-index="{{.SearchIndex}}"></div>{{end}}`)
	add("layouts/i18n/zh.toml", "top = \"返回顶部\"\nprint = \"打印版\"\n"+
		"chart_data_table = \"数据表\"\nchart_item = \"项目\"\nchart_value = \"数值\"\nchart_share = \"占比\"\nchart_total = \"合计\"\nchart_other = \"其他\"\nchart_download = \"下载数据\"\n")
	add("layouts/i18n/en.toml", "top = \"Back to top\"\nprint = \"Print edition\"\n"+
		"chart_data_table = \"Data table\"\nchart_item = \"Item\"\nchart_value = \"Value\"\nchart_share = \"Share\"\nchart_total = \"Total\"\nchart_other = \"Other\"\nchart_download = \"Download the data\"\n")
	add("static/css/site.css", "body { margin: 0 }\n")
	add("static/files/plan.pdf", "%PDF-1.4\n")

	add("content/_index.zh.md", "+++\ntitle = \"首页\"\n+++\n\n欢迎。\n")
	add("content/_index.en.md", "+++\ntitle = \"Home\"\n+++\n\nWelcome.\n")
	add("content/2019/_index.zh.md", "+++\ntitle = \"2019年报告\"\nkey_figures = [\"orgs\"]\n+++\n\n本报告介绍2019年的工作。\n")
	add("content/2019/_index.en.md", "+++\ntitle = \"Report 2019\"\nkey_figures = [\"orgs\"]\n+++\n\nThis report presents the work of 2019.\n")
	add("content/2019/figures.toml", `[defaults]
as_of = "2019"

[figure.orgs]
value = 5964
unit = "organizations"
label = { zh = "社会组织", en = "Social organizations" }

[figure.assoc]
value = 1622
unit = "organizations"
label = { zh = "社会团体", en = "Social associations" }

[figure.other]
value = 4342
unit = "organizations"
label = { zh = "其他", en = "Others" }

[figure.volunteers]
value = 693100
unit = "people"
label = { zh = "志愿者", en = "Volunteers" }

[figure.funding]
value = 240000000
unit = "yuan"
label = { zh = "资金", en = "Funding" }

[figure.coverage]
value = 75
unit = "percent"
label = { zh = "覆盖率", en = "Coverage" }

[[rule]]
total = "orgs"
parts = ["assoc", "other"]

[chart.orgs-by-type]
type = "part-of-whole"
total = "orgs"
figures = ["assoc", "other"]
title = { zh = "构成", en = "By type" }
`)
	add("content/2019/01-alpha.zh.md", `+++
title = "社会组织"
+++

全市共有社会组织{{orgs}}，其中社会团体{{assoc}}、其他{{other}}。

## 志愿服务 {#volunteers}

志愿者{{volunteers}}，资金{{funding}}，覆盖{{coverage}}。

{{chart orgs-by-type}}
`)
	add("content/2019/01-alpha.en.md", `+++
title = "Social organizations"
+++

The city had {{orgs}} social organizations, {{assoc}} of them social associations and {{other}} others.

## Volunteer services {#volunteers}

There were {{volunteers}} volunteers, funding of {{funding}} and coverage of {{coverage}}.

{{chart orgs-by-type}}
`)
	add("content/2019/02-beta.zh.md", "+++\ntitle = \"乙\"\n+++\n\n见[志愿服务](../alpha/#volunteers)。\n")
	add("content/2019/02-beta.en.md", "+++\ntitle = \"Beta\"\n+++\n\nSee [volunteer services](../alpha/#volunteers).\n")
	return f
}

// appendTo adds text on a new line at the end of name and returns the line
// the text starts on.
func appendTo(f fstest.MapFS, name, text string) int {
	old := string(f[name].Data)
	if !strings.HasSuffix(old, "\n") {
		old += "\n"
	}
	f[name] = &fstest.MapFile{Data: []byte(old + text)}
	return strings.Count(old, "\n") + 1
}

func setFile(f fstest.MapFS, name, text string) {
	f[name] = &fstest.MapFile{Data: []byte(text)}
}

func replaceIn(t *testing.T, f fstest.MapFS, name, old, new string) {
	t.Helper()
	s := string(f[name].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	f[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

func runCheck(t *testing.T, fsys fs.FS) diag.List {
	t.Helper()
	res, err := build.Run(fsys, build.Options{Dev: true})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	list := Run(res, fsys)
	var errs diag.List
	for _, d := range list {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	// The build refuses what Errors finds: it must be what Run calls an error.
	if got, want := describeAll(Errors(res, fsys)), describeAll(errs); got != want {
		t.Errorf("Errors finds:\n%s\nRun's errors are:\n%s", got, want)
	}
	return list
}

func describeAll(list diag.List) string {
	var b strings.Builder
	for _, d := range list {
		b.WriteString(d.Error() + " (" + d.Hint + ")\n")
	}
	return b.String()
}
