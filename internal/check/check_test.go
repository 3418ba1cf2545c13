package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/locale"
	"github.com/xmca/almanac/internal/sitetest"
)

func TestFixtureIsClean(t *testing.T) {
	if list := runCheck(t, fixture()); len(list) > 0 {
		t.Errorf("the fixture should be clean, got:\n%v", list)
	}
}

// TestRealSiteIsClean checks the repository's own report: whatever almanac
// check finds in it is a mistake to fix before publishing.
func TestRealSiteIsClean(t *testing.T) {
	if list := runCheck(t, sitetest.MapFS(t)); len(list) > 0 {
		t.Errorf("almanac check finds problems in the real site:\n%v", list)
	}
}

// want is one finding a case expects.
type want struct {
	sev       diag.Severity
	file      string
	line, col int // 0: any
	words     []string
}

func errAt(file string, line, col int, words ...string) want {
	return want{diag.Error, file, line, col, words}
}

func warnAt(file string, line, col int, words ...string) want {
	return want{diag.Warning, file, line, col, words}
}

const (
	alphaZh = "content/2019/01-alpha.zh.md"
	alphaEn = "content/2019/01-alpha.en.md"
	betaZh  = "content/2019/02-beta.zh.md"
	betaEn  = "content/2019/02-beta.en.md"
	figs    = "content/2019/figures.toml"
)

func TestFindings(t *testing.T) {
	tests := []struct {
		name string
		// edit breaks the fixture and says what must be found; only is set
		// when nothing else may be found.
		edit func(t *testing.T, f fstest.MapFS) []want
		only bool
	}{
		{"links that work", func(t *testing.T, f fstest.MapFS) []want {
			appendTo(f, betaZh, "\n见[甲](../alpha/)、[数据](../figures.csv)、[计划](/report/files/plan.pdf)、"+
				"[计划](../../../files/plan.pdf)、[英文](https://example.gov.cn/report/en/2019/alpha/#volunteers)、"+
				"[图表](../alpha/#chart-orgs-by-type)、[政府](https://www.gov.cn/)、[邮件](mailto:a@b.cn)、[电话](tel:123)。\n")
			appendTo(f, alphaZh, "\n## 儿童福利\n\n见[上文](#儿童福利)。\n")
			appendTo(f, alphaEn, "\n## Child welfare\n\nSee [above](#child-welfare).\n")
			return nil
		}, true},
		{"page that does not exist", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaZh, "\n再见[甲](../alpah/)。\n")
			return []want{errAt(betaZh, line+1, 3, `"../alpah/"`, "does not exist", "did you mean ../alpha/?")}
		}, true},
		{"anchor that does not exist", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaEn, "\nSee [them](../alpha/#volunteer).\n")
			return []want{errAt(betaEn, line+1, 5, "#volunteer", "not an anchor", "did you mean #volunteers")}
		}, true},
		{"anchor on the same page", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, alphaEn, "\nAs [above](#volunters), and [here](#volunteers).\n")
			return []want{errAt(alphaEn, line+1, 4, "#volunters", "did you mean #volunteers")}
		}, true},
		{"link outside the base path", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaEn, "\nSee [alpha](/en/2019/alpha/).\n")
			return []want{errAt(betaEn, line+1, 5, "outside the site", "/report/")}
		}, true},
		{"absolute link to a missing page", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaEn, "\nSee [gamma](https://example.gov.cn/report/en/2019/gamma/).\n")
			return []want{errAt(betaEn, line+1, 5, "does not exist")}
		}, true},
		{"missing static file and image", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaEn, "\nThe [plan](/report/files/plan.doc).\n\n![Chart](../../../images/none.png)\n")
			return []want{errAt(betaEn, line+1, 5, "plan.doc", "did you mean /report/files/plan.pdf"), errAt(betaEn, line+3, 1, "images/none.png")}
		}, true},
		{"folder without its slash", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaEn, "\nSee [alpha](../alpha).\n")
			return []want{warnAt(betaEn, line+1, 5, "without its final /")}
		}, true},
		{"folder without its slash beside the same link with it", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaEn, "\nSee [alpha](../alpha/) and [again](../alpha/#volunteers).\n\nOnly [this one](../alpha) lacks it.\n")
			return []want{warnAt(betaEn, line+3, 6, "without its final /")}
		}, true},
		{"footnote without its note", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaEn, "\nA claim[^1] and another[^src].\n\n[^1]: The note.\n")
			return []want{errAt(betaEn, line+1, 24, "[^src] has no note")}
		}, true},
		{"examples almanac new wrote, left in a published section", func(t *testing.T, f fstest.MapFS) []want {
			replaceIn(t, f, alphaZh, "title = \"社会组织\"\n", "title = \"本节标题\"\nsummary = \"用一两句话概括本节内容，显示在目录中。\"\n")
			replaceIn(t, f, alphaEn, "## Volunteer services {#volunteers}\n", "## Volunteer services {#volunteers}\n\nGive a subheading the same {#…} in every language, so a reader who switches language stays at the same place.\n")
			return []want{
				warnAt(alphaZh, 2, 0, `the title is still the example almanac new wrote: "本节标题"`),
				warnAt(alphaZh, 3, 0, `the summary is still the example almanac new wrote: "用一两句话概括本节内容，显示在目录中。"`),
				warnAt(alphaEn, 9, 0, "this line is still the example almanac new wrote"),
			}
		}, true},
		{"labels almanac import left to translate", func(t *testing.T, f fstest.MapFS) []want {
			replaceIn(t, f, figs, `label = { zh = "社会团体", en = "Social associations" }`, `label = { zh = "社会团体", en = "(to translate) 社会团体" }`)
			return []want{warnAt(figs, 9, 0, `the English (en) label of figure "assoc" is still to be translated: "(to translate) 社会团体"`)}
		}, true},
		{"raw HTML the page leaves out", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaZh, "\n第一行<br>第二行，<b>加粗</b>。\n\n<div class=\"note\">说明</div>\n\n代码`<br>`不算。\n")
			return []want{
				warnAt(betaZh, line+1, 4, `the HTML "<br>" is left out of the page`),
				warnAt(betaZh, line+3, 1, `the HTML block "<div class=\"note\">" is left out of the page, and the words in it too`),
			}
		}, true},
		{"raw HTML where the site publishes it", func(t *testing.T, f fstest.MapFS) []want {
			appendTo(f, "site.toml", "\n[build]\nraw_html = true\n")
			appendTo(f, betaZh, "\n第一行<br>第二行。\n\n<div class=\"note\">说明</div>\n")
			return nil
		}, true},
		{"note cited nowhere", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaEn, "\nA claim[^1].\n\n[^1]: The note.\n\n[^old]: A note whose reference was deleted.\n")
			return []want{warnAt(betaEn, line+5, 1, "the note [^old] is cited nowhere")}
		}, true},
		{"full-width braces and brackets", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaZh, "\n全市共有｛｛orgs｝｝，见[甲]（../alpha/）。代码`｛｛orgs｝｝`不算。\n\n比上年｛｛change orgs}}。\n")
			return []want{
				warnAt(betaZh, line+1, 5, "did you mean {{orgs}}"),
				warnAt(betaZh, line+1, 15, "did you mean [甲](../alpha/)"),
				warnAt(betaZh, line+3, 4, "did you mean {{change orgs}}"),
			}
		}, true},
		{"links between the report's pages, which the print edition leads into its page", func(t *testing.T, f fstest.MapFS) []want {
			// Right from the cover's address, the relative ones would be wrong
			// from the print edition's without its rewriting them.
			appendTo(f, "content/2019/_index.en.md", "\nStart with [alpha](alpha/), its [volunteers](alpha/#volunteers), "+
				"[beta](./beta/index.html), the [plan](../../files/plan.pdf) and the [data](figures.csv).\n")
			appendTo(f, betaZh, "\n见[封面](../)、[甲](/report/zh/2019/alpha/#volunteers)、[甲](https://example.gov.cn/report/zh/2019/alpha/)、[本节](./)。\n")
			return nil
		}, true},
		{"anchor of a page's layout, which the print edition has not", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaEn, "\nSee [alpha](../alpha/#main).\n")
			return []want{warnAt(betaEn, line+1, 5, "print edition", "en/2019/print/index.html", "#alpha--main", "{#id}")}
		}, true},
		{"print layout without the sections' anchors", func(t *testing.T, f fstest.MapFS) []want {
			replaceIn(t, f, "layouts/print.html", `<article id="{{.Section.Slug}}">`, `<article>`)
			line := appendTo(f, betaEn, "\nSee [alpha](../alpha/).\n")
			return []want{warnAt(betaEn, line+1, 5, "print edition", `"../alpha/" leads to #alpha`, "layouts/print.html", "{{.Section.Slug}}")}
		}, true},
		{"missing translation", func(t *testing.T, f fstest.MapFS) []want {
			delete(f, betaEn)
			return []want{errAt(betaEn, 0, 0, "no English (en) version", "this file is missing", "until then, keep the section off the site with draft = true in "+betaZh)}
		}, true},
		{"translation still a draft", func(t *testing.T, f fstest.MapFS) []want {
			replaceIn(t, f, betaEn, "+++\n\n", "draft = true\n+++\n\n")
			return []want{errAt(betaEn, 0, 0, "is a draft", "中文 (zh) only")}
		}, true},
		{"missing cover translation", func(t *testing.T, f fstest.MapFS) []want {
			delete(f, "content/2019/_index.en.md")
			return []want{errAt("content/2019/_index.en.md", 0, 0, "the cover of the 2019 report", "English (en)")}
		}, true},
		{"headings differ", func(t *testing.T, f fstest.MapFS) []want {
			appendTo(f, alphaZh, "\n## 其他\n\n其他工作。\n")
			return []want{warnAt(alphaEn, 0, 0, "has 1 heading", alphaZh, "has 2")}
		}, true},
		{"heading anchors differ", func(t *testing.T, f fstest.MapFS) []want {
			replaceIn(t, f, alphaEn, "{#volunteers}", "{#volunteer-services}")
			replaceIn(t, f, betaEn, "#volunteers", "#volunteer-services")
			return []want{warnAt(alphaEn, 7, 1, "{#volunteer-services}", "{#volunteers}", alphaZh)}
		}, true},
		{"figure in one language only", func(t *testing.T, f fstest.MapFS) []want {
			replaceIn(t, f, alphaEn, "funding of {{funding}}", "some funding")
			return []want{warnAt(alphaZh, 9, 21, `figure "funding"`, "not in "+alphaEn, "{{funding}}")}
		}, true},
		{"chart in one language only", func(t *testing.T, f fstest.MapFS) []want {
			replaceIn(t, f, alphaEn, "{{chart orgs-by-type}}", "")
			return []want{warnAt(alphaZh, 11, 1, `chart "orgs-by-type"`, "not in "+alphaEn)}
		}, true},
		{"cover key figures differ", func(t *testing.T, f fstest.MapFS) []want {
			replaceIn(t, f, "content/2019/_index.en.md", `key_figures = ["orgs"]`, `key_figures = ["orgs", "volunteers"]`)
			return []want{warnAt("content/2019/_index.en.md", 3, 0, "key_figures differ", "[orgs, volunteers]", "content/2019/_index.zh.md has [orgs]")}
		}, true},
		{"figure cited more often in one language", func(t *testing.T, f fstest.MapFS) []want {
			appendTo(f, alphaEn, "\nAgain, {{orgs}}.\n")
			return []want{warnAt(alphaEn, 5, 14, `figure "orgs"`, "cited 2 times here but once", alphaZh)}
		}, false},
		{"figure in two clauses of one language, joined by and in the other", func(t *testing.T, f fstest.MapFS) []want {
			replaceIn(t, f, alphaZh, "全市共有社会组织{{orgs}}，其中社会团体{{assoc}}、其他{{other}}。", "全市共有社会组织{{orgs}}；{{orgs}}中有社会团体{{assoc}}、其他{{other}}。")
			replaceIn(t, f, alphaEn, "The city had {{orgs}} social organizations, {{assoc}}", "The city had {{orgs}} social organizations, and of these {{orgs}}, {{assoc}}")
			return nil
		}, true},
		{"figure in two clauses of one language, two sentences in the other", func(t *testing.T, f fstest.MapFS) []want {
			replaceIn(t, f, alphaZh, "全市共有社会组织{{orgs}}，其中社会团体{{assoc}}、其他{{other}}。", "全市共有社会组织{{orgs}}；{{orgs}}中有社会团体{{assoc}}、其他{{other}}。")
			replaceIn(t, f, alphaEn, "The city had {{orgs}} social organizations, {{assoc}}", "The city had {{orgs}} social organizations. Of these {{orgs}}, {{assoc}}")
			return nil
		}, true},
		{"figure repeated within one sentence of one language", func(t *testing.T, f fstest.MapFS) []want {
			replaceIn(t, f, alphaZh, "全市共有社会组织{{orgs}}，", "全市共有社会组织{{orgs}}，已登记{{orgs}}，")
			return nil
		}, true},
		{"figure and chart never shown", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, figs, "\n[figure.unused]\nvalue = 12\nunit = \"items\"\nlabel = { zh = \"甲\", en = \"A\" }\n\n"+
				"[chart.unused-chart]\ntype = \"bar\"\nfigures = [\"orgs\", \"assoc\"]\ntitle = { zh = \"图\", en = \"Chart\" }\n")
			return []want{warnAt(figs, line+1, 0, `figure "unused"`, "not shown on any page"), warnAt(figs, line+6, 0, `chart "unused-chart"`, "not placed")}
		}, true},
		{"numbers typed into Chinese prose", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaZh, "\n截至2019年11月，共有5964家，志愿者69.31万名，资金2.4亿元，覆盖75%，`5964`，第6届，共7项，[链接](../alpha/?n=5964)。\n")
			return []want{
				warnAt(betaZh, line+1, 14, "5964 is typed", `"orgs"`, "5964家 / 5,964", "{{orgs}}"),
				warnAt(betaZh, line+1, 23, "69.31万 is typed", "{{volunteers}}"),
				warnAt(betaZh, line+1, 33, "2.4亿 is typed", "{{funding}}"),
				warnAt(betaZh, line+1, 41, "75% is typed", "{{coverage}}"),
			}
		}, true},
		{"half-width punctuation in Chinese prose", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaZh, "\n推进\"三社联动\",包括社会组织(含备案)。`a,b` 与 [链接](../alpha/?a=1,2)、2019, 2020 不算。\n")
			return []want{
				warnAt(betaZh, line+1, 3, `half-width "\""`, "“ or ”"),
				warnAt(betaZh, line+1, 8, `half-width "\""`, "“ or ”"),
				warnAt(betaZh, line+1, 9, `half-width ","`, "，"),
				warnAt(betaZh, line+1, 16, `half-width "("`, "（"),
				warnAt(betaZh, line+1, 20, `half-width ")"`, "）"),
			}
		}, true},
		{"numbers typed with a site's own qualifier", func(t *testing.T, f fstest.MapFS) []want {
			// A qualifier declared in site.toml, whose word follows the
			// digits as 余 does: 24000来万元 is the 2.4亿元 of {{funding}}.
			appendTo(f, "site.toml", "\n[qualifiers.odd]\nzh = \"{0}来\"\nen = \"some {0}\"\n")
			line := appendTo(f, betaZh, "\n资金24000来万元。\n")
			return []want{warnAt(betaZh, line+1, 3, "24000来万 is typed", "{{funding}}")}
		}, true},
		{"numbers typed into English prose", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaEn, "\nIn 2019 there were 5,964 of them, 693,100 volunteers, RMB 240 million and 75 percent; 4342 others, 12 sites.\n")
			return []want{
				warnAt(betaEn, line+1, 20, "5,964 is typed", "{{orgs}}"),
				warnAt(betaEn, line+1, 35, "693,100 is typed"),
				warnAt(betaEn, line+1, 59, "240 million is typed", "{{funding}}"),
				warnAt(betaEn, line+1, 75, "75 percent is typed"),
				warnAt(betaEn, line+1, 87, "4342 is typed", "{{other}}"),
			}
		}, true},
		{"second h1 from Markdown", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, betaZh, "\n# 另一个标题\n")
			return []want{errAt(betaZh, line+1, 1, "second <h1>", "use ##")}
		}, false},
		{"heading too deep for the print edition", func(t *testing.T, f fstest.MapFS) []want {
			zl := appendTo(f, alphaZh, "\n##### 细目\n\n###### 更细\n")
			el := appendTo(f, alphaEn, "\n##### Detail\n\n###### Finer detail\n")
			appendTo(f, "content/2019/_index.en.md", "\n###### Fine on the cover\n") // its headings keep their level
			appendTo(f, "content/2019/_index.zh.md", "\n###### 封面上无妨\n")
			return []want{
				warnAt(alphaZh, zl+3, 1, "###### heading is an <h6>", "at most #####", "1 level down"),
				warnAt(alphaEn, el+3, 1, "###### heading is an <h6>"),
			}
		}, true},
		{"heading id used twice", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, alphaZh, "\n## 再谈志愿服务 {#volunteers}\n")
			return []want{errAt(alphaZh, line+1, 1, "{#volunteers} is used twice", "line 7")}
		}, false},
		{"heading id taken by the layout", func(t *testing.T, f fstest.MapFS) []want {
			zl := appendTo(f, alphaZh, "\n## 正文 {#main}\n")
			el := appendTo(f, alphaEn, "\n## Main text {#main}\n")
			return []want{errAt(alphaZh, zl+1, 1, "{#main}", "also used by the page"), errAt(alphaEn, el+1, 1, "{#main}")}
		}, true},
		{"layout without h1", func(t *testing.T, f fstest.MapFS) []want {
			setFile(f, "layouts/section.html", `{{define "main"}}<h2>{{.Page.Title}}</h2>{{.Page.Body}}{{end}}`)
			return []want{errAt("layouts/section.html", 0, 0, "the page has no <h1>", "in the built pages en/2019/alpha/index.html, en/2019/beta/index.html, zh/2019/alpha/index.html and 1 more")}
		}, true},
		{"layout with unclosed element", func(t *testing.T, f fstest.MapFS) []want {
			setFile(f, "layouts/section.html", "{{define \"main\"}}<h1>{{.Page.Title}}</h1>\n<div><span>{{.Page.Body}}</div>{{end}}")
			return []want{errAt("layouts/section.html", 0, 0, "<span> is not closed before </div>", "zh/2019/alpha/index.html:8")}
		}, true},
		{"layout with a block in a paragraph", func(t *testing.T, f fstest.MapFS) []want {
			setFile(f, "layouts/home.html", "{{define \"main\"}}<h1>{{.Page.Title}}</h1>\n<p><div>{{.Page.Body}}</div></p>{{end}}")
			return []want{errAt("layouts/home.html", 0, 0, "</p> closes no open element", "use a <div> instead")}
		}, true},
		{"layout repeats an id", func(t *testing.T, f fstest.MapFS) []want {
			setFile(f, "layouts/section.html", `{{define "main"}}<h1 id="main">{{.Page.Title}}</h1>{{.Page.Body}}{{end}}`)
			return []want{errAt("layouts/section.html", 0, 0, `the id "main" is used twice`, "en/2019/alpha/index.html:7", "and 1 more")}
		}, true},
		{"interface string under a key almanac no longer reads", func(t *testing.T, f fstest.MapFS) []want {
			line := appendTo(f, "layouts/i18n/zh.toml", "change_points_up = \"上升{value}个百分点\"\n")
			return []want{warnAt("layouts/i18n/zh.toml", line, 0, "change_points_up is no longer used", "write it as change_rate_up")}
		}, true},
		{"search page without its index", func(t *testing.T, f fstest.MapFS) []want {
			setFile(f, "layouts/search.html", `{{define "main"}}<h1>{{.Page.Title}}</h1><div id="search"></div>{{end}}`)
			return []want{errAt("layouts/search.html", 0, 0, "does not name its search index", `data-index="{{.SearchIndex}}"`)}
		}, true},
		{"search form leading nowhere", func(t *testing.T, f fstest.MapFS) []want {
			setFile(f, "layouts/home.html", `{{define "main"}}<h1>{{.Page.Title}}</h1><form role="search" action="{{.URL .Page}}find/"><input name="q"></form>{{end}}`)
			return []want{errAt("layouts/home.html", 1, 0, "find/", "a link made by the layout")}
		}, false},
		{"layout link that leads nowhere", func(t *testing.T, f fstest.MapFS) []want {
			setFile(f, "layouts/section.html", "{{define \"main\"}}<h1>{{.Page.Title}}</h1>\n<a href=\"{{.URL .Page}}#nowhere\">x</a>{{.Page.Body}}{{end}}")
			return []want{errAt("layouts/section.html", 2, 0, "#nowhere", "a link made by the layout")}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fixture()
			wants := tt.edit(t, f)
			list := runCheck(t, f)
			matched := map[*diag.Diagnostic]bool{}
			for _, w := range wants {
				d := find(list, w)
				if d == nil {
					t.Errorf("want %s at %s:%d:%d saying %q; got:\n%v", w.sev, w.file, w.line, w.col, w.words, list)
					continue
				}
				matched[d] = true
			}
			if tt.only {
				for _, d := range list {
					if !matched[d] {
						t.Errorf("unexpected finding: %v", d)
					}
				}
			}
		})
	}
}

// TestBrokenLinkInConvertedEdition: a link broken in a Chinese file is
// broken in the edition converted from it too. It is reported once, as
// the Chinese page has it, and the correction offered is written relative
// to the page, as it must be to lead each edition to its own page.
func TestBrokenLinkInConvertedEdition(t *testing.T) {
	f := withTraditional(t)
	line := appendTo(f, betaZh, "\n再见[甲](../alpah/)和[乙](../../2018/alpha/#volunteers)。\n")
	var errs diag.List
	for _, d := range runCheck(t, f) {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	for _, w := range []want{
		errAt(betaZh, line+1, 3, "(zh/2019/alpah/index.html)", "did you mean ../alpha/?"),
		errAt(betaZh, line+1, 18, "(zh/2018/alpha/index.html)", "did you mean ../alpha/#volunteers?"),
	} {
		if find(errs, w) == nil {
			t.Errorf("want an error at %s:%d:%d saying %q; got:\n%v", w.file, w.line, w.col, w.words, errs)
		}
	}
	if len(errs) != 2 {
		t.Errorf("want each broken link reported once, got %d errors:\n%v", len(errs), errs)
	}
}

func find(list diag.List, w want) *diag.Diagnostic {
	for _, d := range list {
		if d.Severity != w.sev || d.File != w.file || (w.line != 0 && d.Line != w.line) || (w.col != 0 && d.Col != w.col) {
			continue
		}
		text := d.Msg + "\n" + d.Hint
		ok := true
		for _, word := range w.words {
			if !strings.Contains(text, word) {
				ok = false
			}
		}
		if ok {
			return d
		}
	}
	return nil
}

func TestTextOutputGroupsByFile(t *testing.T) {
	list := diag.List{
		{File: "b.md", Line: 3, Col: 2, Msg: "second", Hint: "fix b"},
		{File: "a.md", Line: 9, Severity: diag.Warning, Msg: "a warning"},
		{File: "a.md", Line: 1, Col: 5, Msg: "first", Hint: "fix a"},
	}
	var b bytes.Buffer
	if err := WriteText(&b, list); err != nil {
		t.Fatal(err)
	}
	want := `a.md
  1:5     error    first
                   fix a
  9       warning  a warning

b.md
  3:2     error    second
                   fix b

2 errors, 1 warning in 2 files
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	WriteText(&b, nil)
	if b.String() != "no problems found\n" {
		t.Errorf("empty report: %q", b.String())
	}
}

func TestJSONOutputIsStable(t *testing.T) {
	f := fixture()
	appendTo(f, betaZh, "\n共有5964家，见[坏](../nope/)。\n")
	delete(f, "content/2019/_index.en.md")
	var first []byte
	for i := range 3 {
		var b bytes.Buffer
		if err := WriteJSON(&b, runCheck(t, f)); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b.Bytes()
			continue
		}
		if !bytes.Equal(first, b.Bytes()) {
			t.Fatalf("run %d differs:\n%s\nfirst:\n%s", i, b.Bytes(), first)
		}
	}
	var r Report
	if err := json.Unmarshal(first, &r); err != nil {
		t.Fatal(err)
	}
	if r.Errors != 2 || r.Warnings != 1 || len(r.Findings) != 3 {
		t.Errorf("counts: %d errors, %d warnings, %d findings:\n%s", r.Errors, r.Warnings, len(r.Findings), first)
	}
	for _, key := range []string{`"file"`, `"line"`, `"col"`, `"severity"`, `"message"`, `"hint"`} {
		if !bytes.Contains(first, []byte(key)) {
			t.Errorf("JSON lacks %s", key)
		}
	}
	// Each kind of problem has its code, whatever the message says.
	codes := map[string]bool{}
	for _, f := range r.Findings {
		codes[f.Code] = true
	}
	for _, code := range []string{"the-link-leads-to-a-page", "is-typed-into-the-text-it", "has-no-version-this-file-is"} {
		if !codes[code] {
			t.Errorf("no finding has the code %q: %v", code, codes)
		}
	}
	var empty bytes.Buffer
	WriteJSON(&empty, nil)
	if !strings.Contains(empty.String(), `"findings": []`) {
		t.Errorf("no findings should be an empty list, not null: %s", empty.String())
	}
}

func TestReadNumber(t *testing.T) {
	tests := []struct {
		text string
		want string // "" when nothing is a quantity
	}{
		{"共5964家", "5964"},
		{"5,964 organizations", "5964"},
		{"69.31万名", "693100"},
		{"2.4亿元", "240000000"},
		{"4500余万元", "45000000"},
		{"RMB 7.6471 million", "7647100"},
		{"1.5 billion", "1500000000"},
		{"2019年", ""},
		{"11月", ""},
		{"第6届", ""},
		{"第6屆", ""},
		{"12號", ""},
		{"69.31萬名", "693100"},
		{"3D", ""},
		{"2019-11-30", ""},
		{"COVID19", ""},
		{"10:30", ""},
		{"#5964", ""},
		{"2050张", ""}, // a year-like number without separators is taken for a year
		{"2,100 beds", "2100"},
	}
	for _, tt := range tests {
		b := []byte(tt.text)
		got := ""
		if m := number.FindIndex(b); m != nil {
			if n, ok := readNumber(b, m[0], m[1], zhEnWords); ok {
				got = n.value.String()
			}
		}
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestNumbersInsideFigureReferencesAndCode(t *testing.T) {
	s := &source{file: "a.md", body: []byte("{{f2019-5964}} `5964`\n\n```\n5964\n```\n\n    5964\n\n[x](../5964/) <https://x.cn/5964> 5964\n"), bodyLine: 1}
	var found []string
	for _, seg := range s.parsed().texts {
		tx := s.body[seg.Start:seg.Stop]
		for _, m := range number.FindAllIndex(tx, -1) {
			if inFigureRef(tx, m[0]) {
				continue
			}
			if n, ok := readNumber(tx, m[0], m[1], zhEnWords); ok {
				line, col := s.position(seg.Start + m[0])
				found = append(found, fmt.Sprintf("%s@%d:%d", n.text, line, col))
			}
		}
	}
	if strings.Join(found, " ") != "5964@9:35" {
		t.Errorf("found %v, want only the last 5964 at 9:35", found)
	}
}

// zhEnWords are the number words of a site in zh-Hans and en with the
// shipped qualifiers.
var zhEnWords = numberWords{
	steps:      locale.StepWords(language.SimplifiedChinese, language.TraditionalChinese, language.English),
	qualifiers: []string{"余", "多"},
	ordinals:   locale.OrdinalWords(language.SimplifiedChinese, language.TraditionalChinese, language.English),
}
