package messages_test

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/check"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/messages"
	"github.com/xmca/almanac/internal/sitetest"
)

// TestLayoutMistakesInChinese: a mistake made in the real site's layouts
// reaches the editor as almanac prints it, a library's message inside
// almanac's ("template: … (while rendering …)", a partial's error inside
// a layout's), in one Chinese sentence: names (fields, types, templates)
// as the layout writes them, and the library's English once, at the end.
// In English the message is the one almanac printed before it spoke
// Chinese.
func TestLayoutMistakesInChinese(t *testing.T) {
	const (
		cover    = "en/2019/index.html, zh-hant/2019/index.html, zh/2019/index.html"
		coverZh  = "（生成 en/2019/index.html、zh-hant/2019/index.html、zh/2019/index.html 时）"
		partial  = "layouts/partials/key-figures.html"
		fixLine  = `fix the {{ }} action at this line; layouts use Go html/template syntax (README: "Layouts")`
		fixLineZ = "请修正这一行的 {{ }} 指令；布局使用 Go html/template 语法（见 README：“Layouts”）"
	)
	for _, c := range []struct {
		file, old, new string
		at             string // the diagnostic's position
		en, zh         string // its message
		hintZh         string // its hint, when it is not fixLine
	}{
		{"layouts/cover.html", `<p class="page-context">`, `<p class="page-context>`, "layouts/base.html",
			`template: "\"" in attribute name: "lead\">" (while rendering ` + cover + `)`,
			`模板：属性名称中出现了 "\""："lead\">"（检查这个标签的引号是否成对）` + coverZh + `（"\"" in attribute name: "lead\">"）`,
			"请检查这一行附近的标记：html/template 必须能判断每个 {{ }} 指令是在文字、标签、属性、网址、脚本还是样式中（见 README：“Layouts”）"},
		{partial, `{{define "key-figures" -}}`, `{{define "keyfigures" -}}`, "layouts/cover.html:10:9",
			`template: error calling KeyFigures: ` + partial + `: ` + partial + ` defines no template "key-figures", which marks up a block of key figures (while rendering ` + cover + `)`,
			`模板：调用 KeyFigures 出错：` + partial + `: ` + partial + ` 中没有定义模板 "key-figures"，它用来排版主要数据块` + coverZh +
				`（error calling KeyFigures: ` + partial + `: ` + partial + ` defines no template "key-figures", which marks up a block of key figures）`, ""},
		{partial, `<dl class="key-figures">`, `<dl class="key-figures>`, "layouts/cover.html:10:9",
			`template: error calling KeyFigures: ` + partial + `: template: html/template:key-figures: "\"" in attribute name: "key-figure\"><dt>" (while rendering ` + cover + `)`,
			`模板：调用 KeyFigures 出错：` + partial + `: 模板：属性名称中出现了 "\""："key-figure\"><dt>"（检查这个标签的引号是否成对）` + coverZh +
				`（error calling KeyFigures: ` + partial + `: template: html/template:key-figures: "\"" in attribute name: "key-figure\"><dt>"）`, ""},
		{"layouts/cover.html", `<h1>{{.Page.Title}}</h1>`, `<h1>{{.Page.chart}}</h1>`, "layouts/cover.html:5:15",
			`template: executing "main" at <.Page.chart>: can't evaluate field chart in type *site.Page (while rendering ` + cover + `)`,
			`模板：执行模板 "main" 的 <.Page.chart> 时：*site.Page 中没有字段 chart（检查点号后面的名称拼写）` + coverZh +
				`（executing "main" at <.Page.chart>: can't evaluate field chart in type *site.Page）`, ""},
		{"layouts/cover.html", `<h1>{{.Page.Title}}</h1>`, `<h1>{{.Page.Title.file}}</h1>`, "layouts/cover.html:5:15",
			`template: executing "main" at <.Page.Title.file>: can't evaluate field file in type string (while rendering ` + cover + `)`,
			`模板：执行模板 "main" 的 <.Page.Title.file> 时：string 中没有字段 file（检查点号后面的名称拼写）` + coverZh +
				`（executing "main" at <.Page.Title.file>: can't evaluate field file in type string）`, ""},
		{"layouts/cover.html", `<h1>{{.Page.Title}}</h1>`, `<h1>{{with .Page.Title}}x{{else if}}{{end}}</h1>`, "layouts/cover.html:5",
			`template: unexpected <if> in input`,
			`模板：这里不应出现 <if>（unexpected <if> in input）`, ""},
		{"layouts/cover.html", `<h1>{{.Page.Title}}</h1>`, `<h1>{{.Page.Title}</h1>`, "layouts/cover.html:5",
			`template: bad character U+007D '}'`,
			`模板：这里只有一个 }：{{ }} 指令要以两个 }} 结尾（bad character U+007D '}'）`, ""},
		{"layouts/cover.html", `<h1>{{.Page.Title}}</h1>`, `<h1>{{.Page.Title)}}</h1>`, "layouts/cover.html:5",
			`template: unexpected right paren`,
			`模板：多了一个 )，它前面没有对应的 (（unexpected right paren）`, ""},
		{"layouts/partials/chart.html", `{{define "chart" -}}`, `{{define "chartx" -}}`, "content/2019/02-highlights.zh.md:10:1",
			`layouts/partials/chart.html defines no template "chart", which marks up a chart with its data table`,
			`layouts/partials/chart.html 中没有定义模板 "chart"，它用来排版图表及其数据表`,
			`请在那里定义它：{{define "chart"}} … {{end}}，或从 almanac 仓库恢复这个文件`},
	} {
		fsys := sitetest.MapFS(t)
		edit(t, fsys, c.file, c.old, c.new)
		_, err := build.Run(fsys, build.Options{})
		var list diag.List
		if !errors.As(err, &list) {
			t.Fatalf("%s: %q → %q gives %v, not diagnostics", c.file, c.old, c.new, err)
		}
		i := slices.IndexFunc(list, func(d *diag.Diagnostic) bool { return d.Pos() == c.at })
		if i < 0 {
			t.Errorf("%s: %q → %q is reported, but not at %s:\n%v", c.file, c.old, c.new, c.at, list)
			continue
		}
		d := list[i]
		if en := d.Localize(messages.For(messages.English)); en.Msg != c.en || d.Msg != c.en {
			t.Errorf("%s in English:\n got %q\nwant %q", c.new, en.Msg, c.en)
		}
		zh := d.Localize(messages.For(messages.Simplified))
		if zh.Msg != c.zh {
			t.Errorf("%s in Chinese:\n got %q\nwant %q", c.new, zh.Msg, c.zh)
		}
		if hint := cmp.Or(c.hintZh, fixLineZ); zh.Hint != hint {
			t.Errorf("%s: the hint in Chinese:\n got %q\nwant %q", c.new, zh.Hint, hint)
		}
		// Taiwan's and Hong Kong's catalogs say the same, with the same English.
		english := ""
		if i := strings.LastIndex(c.zh, "（"); i >= 0 && !strings.ContainsFunc(c.zh[i:], isHan) {
			english = c.zh[i:]
		}
		for _, l := range []messages.Lang{messages.Traditional, messages.HongKong} {
			hant := d.Localize(messages.For(l)).Msg
			if !strings.HasSuffix(hant, english) || !strings.ContainsAny(hant, "模板圖表") || hant == c.zh {
				t.Errorf("%s in %s: %q", c.new, l, hant)
			}
		}
	}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// edit replaces the first old, which must be there, with new in the file
// name of fsys.
func edit(t *testing.T, fsys fstest.MapFS, name, old, new string) {
	t.Helper()
	f := fsys[name]
	if f == nil || !strings.Contains(string(f.Data), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1)), Mode: f.Mode}
}

// TestLayoutLinkInChinese: a link a layout makes to a page that does not
// exist is reported at the layout, every word of it in Chinese under
// zh_CN: the message, where it shows, the advice and the layout's files.
func TestLayoutLinkInChinese(t *testing.T) {
	fsys := sitetest.MapFS(t)
	edit(t, fsys, "layouts/section.html", `</h1>`, `</h1><a href="../nowhere/">x</a>`)
	res, err := build.Run(fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	list := check.Errors(res, fsys) // what almanac build refuses
	i := slices.IndexFunc(list, func(d *diag.Diagnostic) bool { return d.File == "layouts/section.html" })
	if i < 0 {
		t.Fatalf("nothing at layouts/section.html:\n%v", list)
	}
	zh := list[i].Localize(messages.For(messages.Simplified))
	t.Logf("%s: %s / %s", list[i].Pos(), zh.Msg, zh.Hint)
	if want := layoutLine(t, fsys, "layouts/section.html", "../nowhere/"); list[i].Line != want {
		t.Errorf("reported at line %d of the layout, want %d, where it writes the link", list[i].Line, want)
	}
	if !strings.Contains(zh.Msg, "（在生成的页面 ") || !strings.Contains(zh.Msg, ":") || !strings.Contains(zh.Msg, "、") {
		t.Errorf("the pages are not listed as 在生成的页面 a:1、b:2 …:\n%s", zh.Msg)
	}
	for _, english := range []string{"made by the layout", " line ", "check the address", "the page is made from", ", "} {
		if strings.Contains(zh.Msg+"\n"+zh.Hint, english) {
			t.Errorf("%q is left in English:\n%s\n%s", english, zh.Msg, zh.Hint)
		}
	}
}

// layoutLine is the line of the layout file name that has text.
func layoutLine(t *testing.T, fsys fstest.MapFS, name, text string) int {
	t.Helper()
	src := string(fsys[name].Data)
	i := strings.Index(src, text)
	if i < 0 {
		t.Fatalf("%s does not have %q", name, text)
	}
	return 1 + strings.Count(src[:i], "\n")
}
