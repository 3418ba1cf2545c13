package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/htmltest"
	"github.com/xmca/almanac/internal/sitetest"
)

// printSite is the real site with headings of every level and links
// between the 2019 report's pages written into its Chinese cover and
// highlights, in memory only: the real report has neither.
func printSite(t *testing.T) fstest.MapFS {
	f := sitetest.MapFS(t)
	add := func(name, text string) {
		f[name] = &fstest.MapFile{Data: append(append([]byte{}, f[name].Data...), text...)}
	}
	add("content/2019/_index.zh.md", "\n## 阅读说明 {#about}\n\n"+
		"先读[专题](three-social-linkage/)，再读[儿童福利](highlights/#child-welfare)，"+
		"另有[数据](figures.csv)、[英文版](../../en/2019/)和![标志](../../images/logo.png)。\n")
	add("content/2019/02-highlights.zh.md", "\n### 细目 {#details}\n\n#### 更细\n\n##### 再细\n\n###### 最细\n\n"+
		"见[社会组织](../three-social-linkage/#social-organizations)、[专题](/report/zh/2019/three-social-linkage/)、"+
		"[全文](https://mzj.xm.gov.cn/report/zh/2019/three-social-linkage/index.html)、[封面](../)、[说明](../#about)、"+
		"[本节](./)、[细目](#details)、[英文](/report/en/2019/highlights/#child-welfare)、[政府](https://www.gov.cn/)、"+
		"[打印版](../print/)和[数据](../figures.csv)。\n")
	return f
}

// TestPrintEditionHeadings: in the print edition a section's headings sit
// one level under its <h2> title, down to <h6>; the cover's sit under the
// page's <h1>, as on the cover itself; no heading skips a level.
func TestPrintEditionHeadings(t *testing.T) {
	res := buildOK(t, printSite(t))
	doc := parse(t, res.Files, "zh/2019/print/index.html")
	main := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "main" })

	var levels []string
	last := 0
	for _, h := range htmltest.FindAll(main, isHeading) {
		level := int(h.Data[1] - '0')
		if level > last+1 {
			t.Errorf("<%s> %q follows an <h%d>: a level is skipped", h.Data, htmltest.VisibleText(h), last)
		}
		last = level
		if part := enclosingPart(h); part == "highlights" {
			levels = append(levels, h.Data)
		}
	}
	want := "h2 h3 h3 h3 h3 h3 h3 h3 h4 h5 h6 h6" // the title, seven ##, then ### to ######
	if got := strings.Join(levels, " "); got != want {
		t.Errorf("highlights' headings in the print edition: %s, want %s", got, want)
	}
	if about := htmltest.ByID(doc, "cover-about"); about == nil || about.Data != "h2" {
		t.Errorf("the cover's ## heading should stay an <h2> under the page's <h1>, got %v", about)
	}

	// The section's own page keeps the levels as written.
	own := parse(t, res.Files, "zh/2019/highlights/index.html")
	if h := htmltest.ByID(own, "details"); h == nil || h.Data != "h3" {
		t.Errorf("the section's page should keep ### an <h3>, got %v", h)
	}
}

// TestPrintEditionLinks: links between the report's pages lead into the
// print page, the rest still lead where they did on their own page.
func TestPrintEditionLinks(t *testing.T) {
	res := buildOK(t, printSite(t))
	doc := parse(t, res.Files, "zh/2019/print/index.html")
	wantSection := map[string]string{
		"社会组织": "#three-social-linkage--social-organizations",
		"专题":   "#three-social-linkage",
		"全文":   "#three-social-linkage",
		"封面":   "#print-cover",
		"说明":   "#cover-about",
		"本节":   "#highlights",
		"细目":   "#highlights--details",
		"英文":   "/report/en/2019/highlights/#child-welfare",
		"政府":   "https://www.gov.cn/",
		"打印版":  "../print/",      // the same address from the print page
		"数据":   "../figures.csv", // likewise
	}
	checkLinks(t, "highlights", linksIn(htmltest.ByID(doc, "highlights")), wantSection)
	wantCover := map[string]string{
		"专题":   "#three-social-linkage",
		"儿童福利": "#highlights--child-welfare",
		"数据":   "/report/zh/2019/figures.csv", // relative to the cover's address, which is not the print page's
		"英文版":  "/report/en/2019/",
	}
	cover := htmltest.ByID(doc, "print-cover")
	checkLinks(t, "cover", linksIn(cover), wantCover)
	if img := htmltest.Elements(cover, "img"); len(img) != 1 || htmltest.Attr(img[0], "src") != "/report/images/logo.png" {
		t.Errorf("the cover's image in the print edition: %v, want src /report/images/logo.png", img)
	}

	// Every link into the page leads to something there.
	for _, a := range htmltest.Elements(doc, "a") {
		if href := htmltest.Attr(a, "href"); strings.HasPrefix(href, "#") && len(href) > 1 && htmltest.ByID(doc, href[1:]) == nil {
			t.Errorf("print edition: %q leads to no id on the page", href)
		}
	}

	// On their own pages, the links are as written.
	own := parse(t, res.Files, "zh/2019/highlights/index.html")
	checkLinks(t, "highlights' own page", linksIn(own), map[string]string{
		"社会组织": "../three-social-linkage/#social-organizations", "封面": "../", "本节": "./", "细目": "#details",
	})
}

func isHeading(n *html.Node) bool {
	return len(n.Data) == 2 && n.Data[0] == 'h' && '1' <= n.Data[1] && n.Data[1] <= '6'
}

// enclosingPart is the id of the print edition's <article> around n.
func enclosingPart(n *html.Node) string {
	for ; n != nil; n = n.Parent {
		if n.Data == "article" {
			return htmltest.Attr(n, "id")
		}
	}
	return ""
}

// linksIn maps the text of each link under n to its href.
func linksIn(n *html.Node) map[string]string {
	links := map[string]string{}
	if n == nil {
		return links
	}
	for _, a := range htmltest.Elements(n, "a") {
		links[htmltest.VisibleText(a)] = htmltest.Attr(a, "href")
	}
	return links
}

func checkLinks(t *testing.T, where string, got, want map[string]string) {
	t.Helper()
	for label, href := range want {
		if got[label] != href {
			t.Errorf("%s: link %q has href %q, want %q", where, label, got[label], href)
		}
	}
}

// TestPrintEditionSaysWhatItIs: the print edition shares its report's
// title with the cover; its window title (which is also the PDF's) and
// the last step of its breadcrumbs say it is the print edition.
func TestPrintEditionSaysWhatItIs(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	for _, r := range res.Site.Reports {
		for lang, pr := range r.Prints {
			cover := r.Covers[lang]
			edition := map[string]string{"zh": "打印版（全文）", "en": "Print edition (full report)", "zh-hant": "列印版（全文）"}[lang]
			doc := parse(t, res.Files, pr.Path+"index.html")
			coverDoc := parse(t, res.Files, cover.Path+"index.html")
			title := htmltest.VisibleText(htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "title" }))
			coverTitle := htmltest.VisibleText(htmltest.Find(coverDoc, func(n *html.Node) bool { return n.Data == "title" }))
			if title == coverTitle || !strings.Contains(title, edition) || !strings.Contains(title, cover.Title) {
				t.Errorf("%s: <title> %q (the cover's: %q); want the report's title and %q", pr.Path, title, coverTitle, edition)
			}
			var crumbs []string
			if nav := htmltest.Find(doc, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "breadcrumbs" }); nav != nil {
				for _, li := range htmltest.Elements(nav, "li") {
					crumbs = append(crumbs, htmltest.VisibleText(li))
				}
			}
			if len(crumbs) < 2 || crumbs[len(crumbs)-1] != edition || crumbs[len(crumbs)-2] != cover.Title {
				t.Errorf("%s: breadcrumbs %q, want them to end with the cover, %q, then %q", pr.Path, crumbs, cover.Title, edition)
			}
			if cur := htmltest.Find(doc, func(n *html.Node) bool { return htmltest.Attr(n, "aria-current") == "page" }); cur == nil || htmltest.VisibleText(cur) != edition {
				t.Errorf("%s: the current page in the breadcrumbs is not %q", pr.Path, edition)
			}
		}
	}
}
