package markdown

import (
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestLineBreaks(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"between Chinese characters", "推进基层治理\n体系建设\n", "<p>推进基层治理体系建设</p>\n"},
		{"after full-width punctuation", "激发多元参与、\n合作共治，\n构建体系。\n", "<p>激发多元参与、合作共治，构建体系。</p>\n"},
		{"between English words", "community\ngovernance\n", "<p>community\ngovernance</p>\n"},
		{"English before emphasis", "a *model*\nof\n*community* governance\n", "<p>a <em>model</em>\nof\n<em>community</em> governance</p>\n"},
		{"English before a figure", "the city had\n{{grid-count}} grids\n", "<p>the city had\n<span class=\"fig\" data-fig=\"grid-count\">3000多个</span> grids</p>\n"},
		{"Chinese before a figure", "划分了\n{{grid-count}}网格\n", "<p>划分了<span class=\"fig\" data-fig=\"grid-count\">3000多个</span>网格</p>\n"},
		{"Chinese before a digit", "共补贴\n65人\n", "<p>共补贴65人</p>\n"},
		{"Chinese around emphasis", "打造\n**厦门样板**\n。\n", "<p>打造<strong>厦门样板</strong>。</p>\n"},
		{"hard break is kept", "第一行\\\n第二行\n", "<p>第一行<br>\n第二行</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, tt.src); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestHeadingIDs(t *testing.T) {
	src := strings.Join([]string{
		"## 儿童福利",
		"## Child Welfare",
		"## 儿童福利",
		"## 儿童福利",
		"## 标题 {#my-id}",
		"## “三社联动”：  创新 —— 治理！",
		"## ***",
		"## ……",
		"### 2019年 Annual Report",
		"#### Café Déjà-vu",
		"Setext 标题\n---",
	}, "\n\n") + "\n"
	want := []string{
		"儿童福利",
		"child-welfare",
		"儿童福利-2",
		"儿童福利-3",
		"my-id",
		"三社联动-创新-治理",
		"section-1",
		"section-2",
		"2019年-annual-report",
		"café-déjà-vu",
		"setext-标题",
	}
	html := render(t, src)
	var got []string
	for _, part := range strings.Split(html, ` id="`)[1:] {
		got = append(got, part[:strings.IndexByte(part, '"')])
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ids\n got %q\nwant %q", got, want)
	}
	if strings.Contains(html, `id="heading`) {
		t.Errorf("goldmark's fallback id leaked:\n%s", html)
	}
}

func TestRepeatedHeadings(t *testing.T) {
	doc := convert(t, New(Options{}), "## a\n\n## a-2\n\n## a\n\n"+strings.Repeat("## a\n\n", 3000))
	var got []string
	for _, h := range doc.TOC[:4] {
		got = append(got, h.ID)
	}
	if want := []string{"a", "a-2", "a-3", "a-4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ids = %q, want %q", got, want)
	}
	if last := doc.TOC[len(doc.TOC)-1].ID; last != "a-3003" {
		t.Errorf("last id = %q, want a-3003", last)
	}
}

func TestExplicitIDWinsOverGenerated(t *testing.T) {
	got := render(t, "## 概述 {#overview}\n\n## Overview\n")
	want := "<h2 id=\"overview\">概述</h2>\n<h2 id=\"overview-2\">Overview</h2>\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestExplicitIDLaterOnThePage: an automatic id never takes an id written
// explicitly further down; the automatic one moves aside.
func TestExplicitIDLaterOnThePage(t *testing.T) {
	for src, want := range map[string]string{
		"## ！！！\n\n## Foo {#section-1}\n": "<h2 id=\"section-1-2\">！！！</h2>\n<h2 id=\"section-1\">Foo</h2>\n",
		"## 概述\n\n## Summary {#概述}\n":     "<h2 id=\"概述-2\">概述</h2>\n<h2 id=\"概述\">Summary</h2>\n",
		"```\n## not {#x}\n```\n\n## X\n": "<pre><code>## not {#x}\n</code></pre>\n<h2 id=\"x-2\">X</h2>\n",
	} {
		got := render(t, src)
		if strings.Count(got, `id="section-1"`) > 1 || strings.Count(got, `id="概述"`) > 1 {
			t.Errorf("%q: an id is given twice: %q", src, got)
		}
		if !strings.HasPrefix(src, "```") && got != want {
			t.Errorf("%q:\ngot  %q\nwant %q", src, got, want)
		}
	}
}

func TestTOC(t *testing.T) {
	src := "# 报告\n\n## 儿童福利 {#children}\n\n### 留守儿童*关爱*\n\n#### 细节\n\n## 社会组织{{social-organizations}}\n"
	doc := convert(t, New(Options{}), src)
	want := []Heading{
		{Level: 2, ID: "children", Text: "儿童福利"},
		{Level: 3, ID: "留守儿童-关爱", Text: "留守儿童关爱"},
		{Level: 2, ID: "社会组织-social-organizations", Text: "社会组织5964家"},
	}
	if !reflect.DeepEqual(doc.TOC, want) {
		t.Errorf("TOC = %+v\nwant  %+v", doc.TOC, want)
	}
}

func TestIDPrefix(t *testing.T) {
	src := "## 儿童福利\n\n见[上文](#儿童福利)与[附注](#notes)[^1]，[顶部](#)，[外部](https://example.org/#x)。\n\n[^1]: 注释。\n"
	doc := convert(t, New(Options{}), src)

	page := string(doc.HTML(""))
	if strings.Contains(page, idMarker) {
		t.Errorf("HTML(\"\") contains the marker:\n%q", page)
	}
	wantPage := "<h2 id=\"儿童福利\">儿童福利</h2>\n" +
		"<p>见<a href=\"#%E5%84%BF%E7%AB%A5%E7%A6%8F%E5%88%A9\">上文</a>与<a href=\"#notes\">附注</a>" +
		"<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>，" +
		"<a href=\"#\">顶部</a>，<a href=\"https://example.org/#x\">外部</a>。</p>\n" +
		"<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"fn:1\">\n" +
		"<p>注释。&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n" +
		"</li>\n</ol>\n</div>\n"
	if page != wantPage {
		t.Errorf("HTML(\"\")\n got %q\nwant %q", page, wantPage)
	}

	print := string(doc.HTML("three-social-linkage--"))
	for _, want := range []string{
		`<h2 id="three-social-linkage--儿童福利">`,
		`<a href="#three-social-linkage--%E5%84%BF%E7%AB%A5%E7%A6%8F%E5%88%A9">`,
		`<a href="#three-social-linkage--notes">`,
		`<sup id="three-social-linkage--fnref:1"><a href="#three-social-linkage--fn:1"`,
		`<li id="three-social-linkage--fn:1">`,
		`<a href="#three-social-linkage--fnref:1" class="footnote-backref"`,
		`<a href="#">顶部</a>`,
		`<a href="https://example.org/#x">`,
	} {
		if !strings.Contains(print, want) {
			t.Errorf("HTML(prefix) lacks %s:\n%s", want, print)
		}
	}
	if got := strings.Count(print, "three-social-linkage--"); got != 7 {
		t.Errorf("prefix appears %d times, want 7:\n%s", got, print)
	}
	if doc.TOC[0].ID != "儿童福利" {
		t.Errorf("TOC id = %q, want it without prefix", doc.TOC[0].ID)
	}
	if got := string(doc.HTML(`a"b`)); !strings.Contains(got, `id="a&#34;b儿童福利"`) {
		t.Errorf("prefix not escaped:\n%s", got)
	}
}

func TestNULInInputCannotForgeTheMarker(t *testing.T) {
	src := "## a\x00b\n\n`x\x00`\n\n<div id=\"\x00x\">\n\n[l](#\x00y)\n"
	for _, raw := range []bool{false, true} {
		doc := convert(t, New(Options{RawHTML: raw}), src)
		if got := string(doc.HTML("")); strings.Contains(got, "\x00") {
			t.Errorf("RawHTML=%v: NUL reached the output: %q", raw, got)
		}
		if got := string(doc.HTML("P")); strings.Count(got, "P") != 2 { // the heading id and the #link
			t.Errorf("RawHTML=%v: want exactly 2 prefixes: %q", raw, got)
		}
	}
}

func TestRawHTML(t *testing.T) {
	src := "<div class=\"note\">\n提示\n</div>\n\n文字<b>加粗</b><script>alert(1)</script>\n"
	if got, want := render(t, src), "<!-- raw HTML omitted -->\n<p>文字<!-- raw HTML omitted -->加粗<!-- raw HTML omitted --><!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --></p>\n"; got != want {
		t.Errorf("RawHTML off:\n got %q\nwant %q", got, want)
	}
	doc := convert(t, New(Options{RawHTML: true}), src)
	if got, want := string(doc.HTML("")), "<div class=\"note\">\n提示\n</div>\n<p>文字<b>加粗</b><script>alert(1)</script></p>\n"; got != want {
		t.Errorf("RawHTML on:\n got %q\nwant %q", got, want)
	}
}

func TestUnsafeURLsAreDropped(t *testing.T) {
	tests := []struct{ src, want string }{
		{"[点击](javascript:alert(1))", "<p>点击</p>\n"},
		{"[x](JavaScript:alert(1))", "<p>x</p>\n"},
		{"[x](<  javascript:alert(1)>)", "<p>x</p>\n"},
		{"[x](jav&#x61;script:alert(1))", "<p>x</p>\n"},
		{"[x](&#106;avascript&colon;alert(1))", "<p>x</p>\n"},
		{"[x](java&#9;script:alert(1))", "<p>x</p>\n"},
		{"[x](&#x01;javascript:alert(1))", "<p>x</p>\n"},
		{"[x](vbscript:msgbox)", "<p>x</p>\n"},
		{"[x](file:///etc/passwd)", "<p>x</p>\n"},
		{"[x](data:text/html;base64,PHNjcmlwdD4=)", "<p>x</p>\n"},
		{"[x][r]\n\n[r]: javascript:alert(1)", "<p>x</p>\n"},
		{"![图](data:image/png;base64,iVBORw0KGgo=)", "<p>图</p>\n"},
		{"![图](DATA:image/svg+xml,<svg/>)", "<p>图</p>\n"},
		{"<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n"},
		{"<data:text/html,x>", "<p>data:text/html,x</p>\n"},
		{"[**粗** 链接](javascript:x)", "<p><strong>粗</strong> 链接</p>\n"},
		// Not schemes: kept.
		{"[x](javascript-guide.html)", "<p><a href=\"javascript-guide.html\">x</a></p>\n"},
		{"[x](./data:1)", "<p><a href=\"./data:1\">x</a></p>\n"},
		{"[x](https://example.org/?u=javascript:1)", "<p><a href=\"https://example.org/?u=javascript:1\">x</a></p>\n"},
		{"[x](mailto:mz@example.org)", "<p><a href=\"mailto:mz@example.org\">x</a></p>\n"},
	}
	for _, tt := range tests {
		if got := render(t, tt.src); got != tt.want {
			t.Errorf("%s\n got %q\nwant %q", tt.src, got, tt.want)
		}
	}
}

func TestUnsafeURLsAreKeptWithRawHTML(t *testing.T) {
	doc := convert(t, New(Options{RawHTML: true}), "[x](javascript:go()) ![i](data:image/png;base64,AA==)\n")
	want := "<p><a href=\"javascript:go()\">x</a> <img src=\"data:image/png;base64,AA==\" alt=\"i\"></p>\n"
	if got := string(doc.HTML("")); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGFM(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"strikethrough", "~~旧~~新\n", "<p><del>旧</del>新</p>\n"},
		{"linkify", "见 https://mzj.xm.gov.cn/ 。\n", "<p>见 <a href=\"https://mzj.xm.gov.cn/\">https://mzj.xm.gov.cn/</a> 。</p>\n"},
		{"task list", "- [x] 完成\n- [ ] 待办\n", "<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> 完成</li>\n<li><input disabled=\"\" type=\"checkbox\"> 待办</li>\n</ul>\n"},
		{"table is not wrapped", "| a |\n|---|\n| 1 |\n", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"},
		{"aligned columns are classes, not styles", "| 项目 | 数量 | 备注 |\n|:---|---:|:---:|\n| 床位 | 2100 | 新增 |\n",
			"<table>\n<thead>\n<tr>\n<th class=\"align-left\">项目</th>\n<th class=\"align-right\">数量</th>\n<th class=\"align-center\">备注</th>\n</tr>\n</thead>\n" +
				"<tbody>\n<tr>\n<td class=\"align-left\">床位</td>\n<td class=\"align-right\">2100</td>\n<td class=\"align-center\">新增</td>\n</tr>\n</tbody>\n</table>\n"},
		{"image", "![厦门](img/xiamen.jpg \"厦门\")\n", "<p><img src=\"img/xiamen.jpg\" alt=\"厦门\" title=\"厦门\"></p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, tt.src); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestFootnotes(t *testing.T) {
	got := render(t, "正文[^a]，又见[^b]。\n\n[^a]: 第一条。\n[^b]: 第二条，{{grid-count}}。\n")
	want := "<p>正文<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>，" +
		"又见<sup id=\"fnref:2\"><a href=\"#fn:2\" class=\"footnote-ref\" role=\"doc-noteref\">2</a></sup>。</p>\n" +
		"<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n" +
		"<li id=\"fn:1\">\n<p>第一条。&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n" +
		"<li id=\"fn:2\">\n<p>第二条，<span class=\"fig\" data-fig=\"grid-count\">3000多个</span>。&#160;<a href=\"#fnref:2\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n" +
		"</ol>\n</div>\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// TestSection converts a whole section as an editor writes it.
func TestSection(t *testing.T) {
	for _, name := range []string{"three-social-linkage.zh.md", "three-social-linkage.en.md"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile("testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := New(Options{}).Convert(src, "content/2019/01-"+name, 6, newFakeResolver())
			if err != nil {
				t.Fatal(err)
			}
			html := string(doc.HTML("s1--"))
			for _, want := range []string{
				`<div class="key-figures">social-organizations,service-recipients,grid-count</div>`,
				`<figure class="chart" data-chart="social-organizations-by-type">`,
				`<span class="fig" data-fig="social-associations">1622家</span>`,
				`<li id="s1--fn:1">`,
			} {
				if !strings.Contains(html, want) {
					t.Errorf("output lacks %s", want)
				}
			}
			if len(doc.TOC) == 0 || !strings.Contains(html, `href="#s1--`) {
				t.Errorf("in-page link or TOC missing:\n%s", html)
			}
			for _, h := range doc.TOC {
				if !strings.Contains(html, `id="s1--`+h.ID+`"`) {
					t.Errorf("TOC entry %q has no matching heading", h.ID)
				}
			}
		})
	}
}

func TestConcurrentConvert(t *testing.T) {
	c := New(Options{})
	src, err := os.ReadFile("testdata/three-social-linkage.zh.md")
	if err != nil {
		t.Fatal(err)
	}
	first, err := c.Convert(src, "a.md", 1, newFakeResolver())
	if err != nil {
		t.Fatal(err)
	}
	want := first.HTML("")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				doc, err := c.Convert(src, "a.md", 1, newFakeResolver())
				if err != nil || doc.HTML("") != want {
					t.Errorf("concurrent Convert differs (err %v)", err)
					return
				}
			}
		})
	}
	wg.Wait()
}
