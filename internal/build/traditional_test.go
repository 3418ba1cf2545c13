package build

import (
	"flag"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/htmltest"
	"github.com/xmca/almanac/internal/sitetest"
)

// The zh-hant edition is converted from the zh files when the site is
// built. Its golden file holds what a reader of the 2019 report sees in it
// (the home page and the print edition, which is the whole report: cover,
// every section, figure and chart), reviewed character by character for
// the characters with more than one traditional form and for the
// civil-affairs terms. After a change to the content or the conversion,
// rewrite it and review the difference before committing it:
//
//	go test ./internal/build -run TraditionalGolden -update-traditional
var updateTraditional = flag.Bool("update-traditional", false, "rewrite testdata/report-2019.zh-hant.txt")

const traditionalGolden = "testdata/report-2019.zh-hant.txt"

func TestTraditionalGolden(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	var b strings.Builder
	for _, page := range []string{"zh-hant/index.html", "zh-hant/2019/print/index.html"} {
		doc := parse(t, res.Files, page)
		b.WriteString("# " + page + "\n")
		b.WriteString(htmltest.Text(htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "title" })) + "\n")
		for _, line := range blockLines(htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "main" })) {
			b.WriteString(line + "\n")
		}
		b.WriteString("\n")
	}
	got := b.String()
	if *updateTraditional {
		if err := os.WriteFile(traditionalGolden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(traditionalGolden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		gotLines, wantLines := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range min(len(gotLines), len(wantLines)) {
			if gotLines[i] != wantLines[i] {
				t.Fatalf("the zh-hant edition differs from %s at line %d:\n got: %s\nwant: %s\n(review the conversion; rewrite with -update-traditional)", traditionalGolden, i+1, gotLines[i], wantLines[i])
			}
		}
		t.Fatalf("the zh-hant edition has %d lines, %s %d", len(gotLines), traditionalGolden, len(wantLines))
	}
}

// blockLines is the text of n one block (paragraph, heading, list item,
// table row, chart text) a line.
func blockLines(n *html.Node) []string {
	var lines []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if blockTags[n.Data] && !hasBlock(n) {
			if s := strings.Join(strings.Fields(htmltest.Text(n)), " "); s != "" {
				lines = append(lines, s)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return lines
}

var blockTags = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "dt": true, "dd": true, "tr": true, "caption": true, "figcaption": true,
	"title": true, "desc": true, "text": true, "div": true,
}

func hasBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockTags[c.Data] || hasBlock(c)) {
			return true
		}
	}
	return false
}

// simplifiedOnly are characters common in the report that Traditional
// text never has: one left on a zh-hant page was not converted.
const simplifiedOnly = "们这为会国说时对发过还进动开关长门问间东车语区组织务养网厦数据报儿业员设级划实现与"

func TestTraditionalEditionIsConvertedEverywhere(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	pages := 0
	for name := range res.Files {
		if !strings.HasPrefix(name, "zh/") || !strings.HasSuffix(name, ".html") {
			continue
		}
		twin := "zh-hant/" + strings.TrimPrefix(name, "zh/")
		if _, ok := res.Files[twin]; !ok {
			t.Errorf("%s has no zh-hant twin %s", name, twin)
			continue
		}
		pages++
		doc := parse(t, res.Files, twin)
		if root := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "html" }); htmltest.Attr(root, "lang") != "zh-Hant" {
			t.Errorf("%s: lang %q", twin, htmltest.Attr(root, "lang"))
		}
		if left := simplifiedIn(doc); left != "" {
			t.Errorf("%s: Simplified characters left: %s", twin, left)
		}
		var hreflangs []string
		for _, l := range htmltest.FindAll(doc, func(n *html.Node) bool { return n.Data == "link" && htmltest.Attr(n, "rel") == "alternate" }) {
			hreflangs = append(hreflangs, htmltest.Attr(l, "hreflang"))
		}
		if got := strings.Join(hreflangs, " "); twin != "zh-hant/404.html" && got != "zh-Hans en zh-Hant x-default" {
			t.Errorf("%s: hreflang %q", twin, got)
		}
	}
	if pages < 6 {
		t.Errorf("only %d zh pages were compared", pages)
	}
	for _, data := range []string{"zh-hant/2019/figures.csv", "zh-hant/2019/figures.json", "zh-hant/2019/charts/social-organizations-by-type.csv", "404.html"} {
		if _, ok := res.Files[data]; !ok {
			t.Errorf("%s was not built", data)
		}
	}
	sitemap := string(res.Files["sitemap.xml"])
	for _, want := range []string{"/report/zh-hant/2019/three-social-linkage/</loc>", `hreflang="zh-Hant" href="https://mzj.xm.gov.cn/report/zh-hant/2019/"`} {
		if !strings.Contains(sitemap, want) {
			t.Errorf("sitemap.xml lacks %s", want)
		}
	}
	csv := string(res.Files["zh-hant/2019/figures.csv"])
	if !strings.Contains(csv, "label_zh-hant") || !strings.Contains(csv, "全市社會組織") {
		t.Errorf("figures.csv has no zh-hant labels:\n%.300s", csv)
	}
}

// simplifiedIn lists the Simplified-only characters in doc's text, outside
// anything marked as written in Simplified Chinese (the language switch).
func simplifiedIn(doc *html.Node) string {
	var left []rune
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || strings.HasPrefix(htmltest.Attr(n, "lang"), "zh-Hans")) {
			return
		}
		if n.Type == html.TextNode {
			for _, r := range n.Data {
				if strings.ContainsRune(simplifiedOnly, r) && !strings.ContainsRune(string(left), r) {
					left = append(left, r)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return string(left)
}

// A section an editor writes in Traditional characters replaces the
// conversion of the Simplified one, and is shown exactly as written.
func TestHandWrittenTraditionalSectionWins(t *testing.T) {
	fsys := sitetest.MapFS(t)
	zh := fsys["content/2019/01-three-social-linkage.zh.md"].Data
	front := string(zh[:strings.Index(string(zh[3:]), "+++")+6])
	fsys["content/2019/01-three-social-linkage.zh-hant.md"] = &fstest.MapFile{Data: []byte(
		strings.Replace(front, "title = \"", "title = \"手寫：", 1) + "\n手寫的繁體版本，髮與發都照寫。\n")}
	res := buildOK(t, fsys)
	page := htmltest.Text(parse(t, res.Files, "zh-hant/2019/three-social-linkage/index.html"))
	if !strings.Contains(page, "手寫的繁體版本，髮與發都照寫。") || !strings.Contains(page, "手寫：") {
		t.Errorf("the hand-written section is not shown:\n%.600s", page)
	}
	if strings.Contains(page, "出臺《關於加快推進") {
		t.Error("the converted text is still shown")
	}
	if other := htmltest.Text(parse(t, res.Files, "zh-hant/2019/highlights/index.html")); !strings.Contains(other, "亮點") {
		t.Errorf("the other section should still be converted:\n%.300s", other)
	}
}

// Editors write once: a sentence changed in a .zh.md file changes both
// Chinese editions.
func TestChangingTheSimplifiedFileChangesBothEditions(t *testing.T) {
	fsys := sitetest.MapFS(t)
	file := "content/2019/01-three-social-linkage.zh.md"
	fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[file].Data), "打造社区治理的厦门样板", "打造社区治理的厦门样板和头发测试", 1))}
	res := buildOK(t, fsys)
	if s := htmltest.Text(parse(t, res.Files, "zh/2019/three-social-linkage/index.html")); !strings.Contains(s, "厦门样板和头发测试") {
		t.Error("the zh page does not show the change")
	}
	if s := htmltest.Text(parse(t, res.Files, "zh-hant/2019/three-social-linkage/index.html")); !strings.Contains(s, "廈門樣板和頭髮測試") {
		t.Error("the zh-hant page does not show the change, converted")
	}
}

// The words around a zh-hant figure are zh's converted (個, 餘, 萬 from the
// locale) unless site.toml gives zh-hant its own.
func TestTraditionalUnitWords(t *testing.T) {
	fsys := sitetest.MapFS(t)
	res := buildOK(t, fsys)
	page := htmltest.Text(parse(t, res.Files, "zh-hant/2019/three-social-linkage/index.html"))
	for _, want := range []string{"組建小區黨支部937個", "實施項目850餘個", "近430萬人次", "2.4億元"} {
		if !strings.Contains(page, want) {
			t.Errorf("the zh-hant section lacks %q", want)
		}
	}
	site := string(fsys["site.toml"].Data) + "\n[units.items]\nzh-hant = \"{0}件\"\n"
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	res = buildOK(t, fsys)
	if page := htmltest.Text(parse(t, res.Files, "zh-hant/2019/three-social-linkage/index.html")); !strings.Contains(page, "組建小區黨支部937件") {
		t.Error("zh-hant's own unit pattern in site.toml is not used")
	}
	if page := htmltest.Text(parse(t, res.Files, "zh/2019/three-social-linkage/index.html")); !strings.Contains(page, "组建小区党支部937个") {
		t.Error("zh should keep its pattern")
	}
}

// A mistake in a zh file is one mistake, although the zh-hant edition is
// made from the same file.
func TestMistakeInSimplifiedFileIsReportedOnce(t *testing.T) {
	fsys := sitetest.MapFS(t)
	file := "content/2019/01-three-social-linkage.zh.md"
	fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys[file].Data), "打造社区治理的厦门样板", "打造社区治理的厦门样板{{no-such-figure}}", 1))}
	_, err := Run(fsys, Options{})
	if err == nil {
		t.Fatal("the build should fail")
	}
	if n := strings.Count(err.Error(), `unknown figure "no-such-figure"`); n != 1 {
		t.Errorf("reported %d times:\n%v", n, err)
	}
}
