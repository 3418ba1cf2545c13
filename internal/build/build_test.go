package build

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/htmltest"
	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/sitetest"
)

func buildOK(t testing.TB, fsys fstest.MapFS) *Result {
	t.Helper()
	res, err := Run(fsys, Options{})
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return res
}

func parse(t testing.TB, files output.Files, name string) *html.Node {
	t.Helper()
	b, ok := files[name]
	if !ok {
		t.Fatalf("%s was not built", name)
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

func TestRealSitePages(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	for _, name := range []string{
		"index.html", "404.html", "zh/index.html", "en/index.html", "zh/404.html", "en/404.html",
		"zh/2019/index.html", "en/2019/index.html", "zh/2019/print/index.html", "en/2019/print/index.html",
		"zh/2019/three-social-linkage/index.html", "en/2019/three-social-linkage/index.html",
		"zh/2019/highlights/index.html", "en/2019/highlights/index.html",
		"zh/2019/figures.csv", "en/2019/figures.json", "css/site.css", "js/site.js",
	} {
		if _, ok := res.Files[name]; !ok {
			t.Errorf("missing %s", name)
		}
	}
	for name, b := range res.Files {
		if strings.HasSuffix(name, ".html") && bytes.Contains(b, []byte("{{")) {
			t.Errorf("%s still contains a figure reference {{…}}", name)
		}
	}
}

func TestRealSiteHead(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	base := res.Config.BaseURL
	tests := []struct {
		file, lang, canonical string
		alternates            map[string]string
	}{
		{"zh/2019/three-social-linkage/index.html", "zh-Hans", base + "zh/2019/three-social-linkage/", map[string]string{
			"zh-Hans": base + "zh/2019/three-social-linkage/", "en": base + "en/2019/three-social-linkage/", "x-default": base + "zh/2019/three-social-linkage/"}},
		{"en/2019/index.html", "en", base + "en/2019/", map[string]string{
			"zh-Hans": base + "zh/2019/", "en": base + "en/2019/", "x-default": base + "zh/2019/"}},
		{"index.html", "zh-Hans", base, map[string]string{"zh-Hans": base + "zh/", "en": base + "en/", "x-default": base}},
		{"en/index.html", "en", base + "en/", map[string]string{"zh-Hans": base + "zh/", "en": base + "en/", "x-default": base}},
	}
	for _, tt := range tests {
		doc := parse(t, res.Files, tt.file)
		htmlEl := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "html" })
		if got := htmltest.Attr(htmlEl, "lang"); got != tt.lang {
			t.Errorf("%s: lang = %q, want %q", tt.file, got, tt.lang)
		}
		if title := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "title" }); title == nil || htmltest.VisibleText(title) == "" {
			t.Errorf("%s: no <title>", tt.file)
		}
		got := map[string]string{}
		canonical := ""
		for _, l := range htmltest.FindAll(doc, func(n *html.Node) bool { return n.Data == "link" }) {
			switch htmltest.Attr(l, "rel") {
			case "canonical":
				canonical = htmltest.Attr(l, "href")
			case "alternate":
				got[htmltest.Attr(l, "hreflang")] = htmltest.Attr(l, "href")
			}
		}
		if canonical != tt.canonical {
			t.Errorf("%s: canonical = %q, want %q", tt.file, canonical, tt.canonical)
		}
		for lang, want := range tt.alternates {
			if got[lang] != want {
				t.Errorf("%s: hreflang %s = %q, want %q", tt.file, lang, got[lang], want)
			}
		}
	}
}

// TestLocaleWrittenAsComputersDo: locale = "zh_CN", as a computer's
// settings name it, gives pages the lang and hreflang a browser reads,
// zh-CN, and Chinese numbers.
func TestLocaleWrittenAsComputersDo(t *testing.T) {
	fsys := sitetest.MapFS(t)
	fsys["site.toml"].Data = bytes.Replace(fsys["site.toml"].Data, []byte(`locale = "zh-Hans"`), []byte(`locale = "zh_CN"`), 1)
	res := buildOK(t, fsys)
	page := string(res.Files["zh/2019/index.html"])
	for _, want := range []string{`<html lang="zh-CN"`, `hreflang="zh-CN"`, "5964家"} {
		if !strings.Contains(page, want) {
			t.Errorf("zh/2019/index.html lacks %s", want)
		}
	}
	if strings.Contains(page, "zh_CN") {
		t.Error("zh/2019/index.html writes zh_CN, which is no language tag")
	}
}

func TestRealSiteFiguresPerLanguage(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	want := map[string][]string{
		"zh/2019/three-social-linkage/index.html": {"5964家", "2.4亿元", "近430万人次", "75%", "1622家"},
		"en/2019/three-social-linkage/index.html": {"5,964", "RMB 240 million", "nearly 4.3 million person-times", "75%", "1,622"},
		"zh/2019/highlights/index.html":           {"每人每月800元", "69.31万名"},
		"en/2019/highlights/index.html":           {"RMB 800 per person per month", "693,100"},
	}
	for file, texts := range want {
		body := htmltest.VisibleText(parse(t, res.Files, file))
		for _, s := range texts {
			if !strings.Contains(body, s) {
				t.Errorf("%s does not show %q", file, s)
			}
		}
	}
}

func TestLanguageSwitchAndNeighbours(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	bp := res.Config.BasePath()
	doc := parse(t, res.Files, "zh/2019/three-social-linkage/index.html")
	sw := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "a" && htmltest.Attr(n, "hreflang") == "en" })
	if sw == nil || htmltest.Attr(sw, "href") != bp+"en/2019/three-social-linkage/" || htmltest.Attr(sw, "lang") != "en" {
		t.Errorf("language switch should link to the English twin with lang and hreflang, got %v", sw)
	}
	prev := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "a" && htmltest.Attr(n, "rel") == "prev" })
	next := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "a" && htmltest.Attr(n, "rel") == "next" })
	if prev == nil || htmltest.Attr(prev, "href") != bp+"zh/2019/" {
		t.Errorf("previous of the first section should be the cover, got %v", prev)
	}
	if next == nil || htmltest.Attr(next, "href") != bp+"zh/2019/highlights/" {
		t.Errorf("next of the first section should be the highlights, got %v", next)
	}
}

// TestChartsLinkTheirOwnData: a chart's download link gives the figures it
// draws (with its total), not the whole year's.
func TestChartsLinkTheirOwnData(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	bp := res.Config.BasePath()
	want := map[string]string{ // chart → its figures' keys, in its order
		"social-organizations-by-type": "social-associations private-non-enterprise-units foundations community-social-organizations social-organizations",
	}
	isChart := func(n *html.Node) bool {
		return n.Data == "figure" && strings.HasPrefix(htmltest.Attr(n, "id"), "chart-")
	}
	seen := 0
	for _, page := range []string{"zh/2019/three-social-linkage/index.html", "en/2019/three-social-linkage/index.html"} {
		doc := parse(t, res.Files, page)
		for _, fig := range htmltest.FindAll(doc, isChart) {
			chart := strings.TrimPrefix(htmltest.Attr(fig, "id"), "chart-")
			link := htmltest.Find(fig, func(n *html.Node) bool { return n.Data == "a" && strings.HasSuffix(htmltest.Attr(n, "href"), ".csv") })
			if link == nil {
				t.Errorf("%s: chart %s has no data link", page, chart)
				continue
			}
			file := strings.TrimPrefix(htmltest.Attr(link, "href"), bp)
			data, ok := res.Files[file]
			if !ok {
				t.Errorf("%s: chart %s links %s, which was not built", page, chart, file)
				continue
			}
			var keys []string
			for _, line := range strings.Split(strings.TrimSpace(string(data)), "\r\n")[1:] {
				keys = append(keys, strings.SplitN(line, ",", 2)[0])
			}
			if w, ok := want[chart]; ok {
				seen++
				if got := strings.Join(keys, " "); got != w {
					t.Errorf("%s: chart %s's data has %q, want %q", page, chart, got, w)
				}
			}
		}
	}
	if seen != 2 {
		t.Errorf("checked the data of %d charts, want the social organizations chart in both languages", seen)
	}
}

// TestKeyFiguresSayTheirDate: on the cover, apart from the sentence that
// states it, a figure counted in November would read as the year's.
func TestKeyFiguresSayTheirDate(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	for page, want := range map[string][2]string{
		"zh/2019/index.html": {"全市社会组织（截至2019年11月）", "5964家"},
		"en/2019/index.html": {"Social organizations in the city (as of November 2019)", "5,964"},
	} {
		doc := parse(t, res.Files, page)
		var found bool
		for _, kf := range htmltest.FindAll(doc, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "key-figure" }) {
			dt := htmltest.Find(kf, func(n *html.Node) bool { return n.Data == "dt" })
			dd := htmltest.Find(kf, func(n *html.Node) bool { return n.Data == "dd" })
			if dt != nil && dd != nil && htmltest.VisibleText(dt) == want[0] && htmltest.VisibleText(dd) == want[1] {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no key figure %q = %q", page, want[0], want[1])
		}
	}
}

// TestBilingualPagesSpeakBothLanguages: the entry page and the root 404
// page are for readers of either language, header and footer included, and
// are their own home.
func TestBilingualPagesSpeakBothLanguages(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	bp := res.Config.BasePath()
	for _, name := range []string{"index.html", "404.html"} {
		doc := parse(t, res.Files, name)
		class := func(c string) *html.Node {
			return htmltest.Find(doc, func(n *html.Node) bool { return htmltest.Attr(n, "class") == c })
		}
		if home := class("site-title"); home == nil || htmltest.Attr(home, "href") != bp {
			t.Errorf("%s: the site title should lead to the entry page %s, got %v", name, bp, home)
		}
		for _, c := range []string{"site-name", "site-footer-publisher"} {
			n := class(c)
			if n == nil {
				t.Errorf("%s: no %s", name, c)
				continue
			}
			for _, title := range []string{"厦门市民政工作年度报告", "Xiamen Civil Affairs Annual Reports"} {
				if !strings.Contains(htmltest.VisibleText(n), title) {
					t.Errorf("%s: %s says %q, without %q", name, c, htmltest.VisibleText(n), title)
				}
			}
		}
		if sw := class("language-switch"); sw == nil || htmltest.Attr(sw, "aria-label") != "语言 / Language / 語言" {
			t.Errorf("%s: the language switch should be named in every language, got %v", name, sw)
		}
	}
}

// TestFigureChangeReachesEveryPage is the promise to editors: a number
// written once changes everywhere, in both languages.
func TestFigureChangeReachesEveryPage(t *testing.T) {
	fsys := sitetest.MapFS(t)
	src := string(fsys["content/2019/figures.toml"].Data)
	if !strings.Contains(src, "value = 693100") {
		t.Fatal("the volunteers figure moved; update this test")
	}
	fsys["content/2019/figures.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(src, "value = 693100", "value = 712300", 1))}
	res := buildOK(t, fsys)
	for file, want := range map[string]string{
		"zh/2019/highlights/index.html": "71.23万名",
		"en/2019/highlights/index.html": "712,300",
		"zh/2019/print/index.html":      "71.23万名",
		"en/2019/print/index.html":      "712,300",
		"zh/2019/index.html":            "71.23万名",
		"en/2019/index.html":            "712,300",
	} {
		body := htmltest.VisibleText(parse(t, res.Files, file))
		if !strings.Contains(body, want) {
			t.Errorf("%s does not show the new value %q", file, want)
		}
		if strings.Contains(body, "69.31万") || strings.Contains(body, "693,100") {
			t.Errorf("%s still shows the old value", file)
		}
	}
}

func TestBadInputNamesFileAndLine(t *testing.T) {
	tests := []struct {
		name string
		edit func(fstest.MapFS)
		file string
		line int
		want string
	}{
		{"unknown figure", func(f fstest.MapFS) {
			replace(f, "content/2019/02-highlights.zh.md", "{{volunteers}}", "{{volunteer}}")
		}, "content/2019/02-highlights.zh.md", 0, `unknown figure "volunteer"`},
		{"figure on a home page", func(f fstest.MapFS) {
			replace(f, "content/_index.zh.md", "欢迎访问", "{{volunteers}}欢迎访问")
		}, "content/_index.zh.md", 6, "there are no figures outside a report year"},
		{"broken rule", func(f fstest.MapFS) {
			replace(f, "content/2019/figures.toml", "value = 1622", "value = 1621")
		}, "content/2019/figures.toml", 0, "1621"},
		{"layout action", func(f fstest.MapFS) {
			replace(f, "layouts/section.html", "{{.Page.Title}}", "{{.Page.Titel}}")
		}, "layouts/section.html", 4, "Titel"},
		{"layout parse", func(f fstest.MapFS) {
			replace(f, "layouts/section.html", "{{template \"toc\" .}}", "{{template \"toc\" .")
		}, "layouts/section.html", 0, "template"},
		{"layout escaping", func(f fstest.MapFS) {
			replace(f, "layouts/section.html", "{{template \"toc\" .}}", "<a href=\"{{if .Page.Title}}/a/{{else}}/b?q={{end}}{{.Page.Title}}\">x</a>")
		}, "layouts/section.html", 8, "ambiguous context"},
		{"unknown string", func(f fstest.MapFS) {
			replace(f, "layouts/section.html", "{{template \"toc\" .}}", "{{.T \"no_such_key\"}}")
		}, "layouts/section.html", 0, "no_such_key"},
		{"missing string", func(f fstest.MapFS) {
			replace(f, "layouts/i18n/en.toml", "back_to_top =", "back_to_the_top =")
		}, "layouts/i18n/en.toml", 0, `"back_to_top" is missing`},
		{"site.toml", func(f fstest.MapFS) {
			replace(f, "site.toml", "[build]", "[build]\nminfy = true")
		}, "site.toml", 0, "minfy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.MapFS(t)
			tt.edit(fsys)
			_, err := Run(fsys, Options{})
			var list diag.List
			var d *diag.Diagnostic
			if errors.As(err, &list) {
				for _, x := range list {
					if x.File == tt.file {
						d = x
					}
				}
			} else {
				errors.As(err, &d)
			}
			if d == nil {
				t.Fatalf("want a diagnostic for %s, got %v", tt.file, err)
			}
			if !strings.Contains(d.Error(), tt.want) || (tt.line > 0 && d.Line != tt.line) || d.Hint == "" {
				t.Errorf("got %v\nwant %s:%d containing %q with a hint", d, tt.file, tt.line, tt.want)
			}
		})
	}
}

func replace(f fstest.MapFS, name, old, new string) {
	s := string(f[name].Data)
	if !strings.Contains(s, old) {
		panic(name + " does not contain " + old)
	}
	f[name] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

// TestProductionBuildIsDeterministic: deploys upload only real changes, so
// the same input must give the same bytes, file for file.
func TestProductionBuildIsDeterministic(t *testing.T) {
	fsys := sitetest.MapFS(t)
	a, err := Run(fsys, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(fsys, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for name, content := range a.Files {
		if !bytes.Equal(content, b.Files[name]) {
			t.Errorf("%s differs between two builds of the same input", name)
		}
	}
	for _, name := range []string{"sitemap.xml", "robots.txt", "_headers", "_redirects", "index.html.br", "index.html.gz"} {
		if _, ok := a.Files[name]; !ok {
			t.Errorf("production build lacks %s", name)
		}
	}
	if _, ok := a.Files["css/site.css"]; ok {
		t.Error("css/site.css should have a fingerprinted name")
	}
}

// TestPrintEditionIDsUnique: the print edition holds every section, so
// every id from Markdown (headings, footnotes, charts) is prefixed by its
// section and none repeats.
func TestPrintEditionIDsUnique(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	for _, lang := range []string{"zh", "en"} {
		doc := parse(t, res.Files, lang+"/2019/print/index.html")
		seen := map[string]bool{}
		for _, n := range htmltest.FindAll(doc, func(n *html.Node) bool { return htmltest.Attr(n, "id") != "" }) {
			id := htmltest.Attr(n, "id")
			if seen[id] {
				t.Errorf("%s print edition: id %q repeats", lang, id)
			}
			seen[id] = true
		}
		if !seen["three-social-linkage--chart-social-organizations-by-type"] || !seen["highlights--child-welfare"] {
			t.Errorf("%s print edition: section ids are not prefixed", lang)
		}
	}
}

// TestQRCodeNamedOnce: a QR code's image is named for what it is; the
// caption beside it says what it does. A <title> repeating the caption
// has screen readers read it twice.
func TestQRCodeNamedOnce(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	seen := 0
	for name := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		doc := parse(t, res.Files, name)
		for _, fig := range htmltest.FindAll(doc, func(n *html.Node) bool {
			return n.Data == "figure" && strings.Contains(htmltest.Attr(n, "class"), "qr-figure")
		}) {
			seen++
			svg := htmltest.Find(fig, func(n *html.Node) bool { return n.Data == "svg" })
			caption := htmltest.Find(fig, func(n *html.Node) bool { return n.Data == "figcaption" })
			if svg == nil || caption == nil {
				t.Errorf("%s: a QR figure without its image or caption", name)
				continue
			}
			title := ""
			if tn := htmltest.Find(svg, func(n *html.Node) bool { return n.Data == "title" }); tn != nil {
				title = strings.TrimSpace(htmltest.VisibleText(tn))
			}
			if title == "" && htmltest.Attr(svg, "aria-labelledby") == "" {
				t.Errorf("%s: the QR code has no name", name)
			}
			if title != "" && strings.Contains(htmltest.VisibleText(caption), title) {
				t.Errorf("%s: the QR code is titled %q, which its caption %q repeats", name, title, strings.TrimSpace(htmltest.VisibleText(caption)))
			}
		}
	}
	if seen == 0 {
		t.Fatal("no QR codes in the built site")
	}
}

// TestFavicon: browsers ask every site for an icon; the site ships its
// own, an ICO file of PNG images, and every page names it.
func TestFavicon(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	ico := res.Files["favicon.ico"]
	if !bytes.HasPrefix(ico, []byte{0, 0, 1, 0}) || len(ico) > 4096 {
		t.Fatalf("favicon.ico: %d bytes starting %q, want a small ICO file", len(ico), ico[:min(4, len(ico))])
	}
	if !bytes.Contains(ico, []byte("\x89PNG")) {
		t.Error("favicon.ico holds no PNG image")
	}
	want := res.Config.BasePath() + "favicon.ico"
	for name := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		icons := htmltest.FindAll(parse(t, res.Files, name), func(n *html.Node) bool {
			return n.Data == "link" && htmltest.Attr(n, "rel") == "icon"
		})
		if len(icons) != 1 || htmltest.Attr(icons[0], "href") != want {
			t.Errorf("%s: want one <link rel=icon href=%q>", name, want)
		}
	}
}
