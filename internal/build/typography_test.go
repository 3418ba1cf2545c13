package build

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/htmltest"
	"github.com/xmca/almanac/internal/sitetest"
)

// TestRealSiteEnglishTypography: the editors type straight quotes and
// apostrophes in the English report; no reader of an English page sees
// one, in the text or in what the page says of itself (its description,
// image descriptions).
func TestRealSiteEnglishTypography(t *testing.T) {
	res := buildOK(t, sitetest.MapFS(t))
	pages := 0
	for name := range res.Files {
		if !strings.HasPrefix(name, "en/") || !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		for _, s := range readerText(parse(t, res.Files, name)) {
			if strings.ContainsAny(s, `"'`) {
				t.Errorf("%s shows a straight quote in %q", name, s)
			}
		}
	}
	if pages < 4 {
		t.Fatalf("only %d English pages", pages)
	}

	linkage := "Steadily Advancing the “Three-Social Linkage” and Innovating Community-Level Social Governance"
	highlights := "Highlights of Xiamen’s Civil Affairs Work in 2019"
	for file, wants := range map[string][]string{
		"en/2019/three-social-linkage/index.html": {
			"<title>" + linkage + " · ",
			`<h1 id="page-title">` + linkage + "</h1>",
			`<meta name="description" content="In 2019, Xiamen focused on the needs of the people and accelerated the “three-social linkage” of communities`,
			"accelerated the “three-social linkage” (communities",
			"people’s livelihoods",
			"Improve the “Three-Social Linkage” Mechanism",
			`<span class="prev-next-title">` + highlights + "</span>",
		},
		"en/2019/highlights/index.html": {"<title>" + highlights + " · ", `<span class="prev-next-title">` + linkage + "</span>"},
		"en/2019/index.html": { // the cover: its contents list and summary
			">" + linkage + "</a>", ">" + highlights + "</a>",
			"steadily advanced the “three-social linkage” to innovate",
			"<em>Steadily Advancing the “Three-Social Linkage” and Innovating Community-Level Social Governance</em>",
		},
		"en/2019/print/index.html": {linkage, highlights, "people’s livelihoods"},
		"en/index.html":            {"Xiamen Civil Affairs Bureau’s annual reports"},
	} {
		page := string(res.Files[file])
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", file, want)
			}
		}
	}
}

// TestTypographyInBuiltPages puts the cases editors meet into the real
// site and reads the built pages: what is and is not converted in English,
// and Chinese shown exactly as typed.
func TestTypographyInBuiltPages(t *testing.T) {
	fsys := sitetest.MapFS(t)
	en, zh := "content/2019/02-highlights.en.md", "content/2019/02-highlights.zh.md"
	replace(fsys, en, `title = "Highlights of Xiamen's Civil Affairs Work in 2019"`, `title = "Highlights of the \"Xiamen Model\" in 2019"`)
	replace(fsys, en, "## Basic Living Assistance", "Code stays `\"as typed\" it's`, so do [Xiamen's \"site\"](https://example.org/it's--here \"it's\") and https://example.org/a--b.\n\nA "+
		"figure reads as a word: \"{{volunteers}} volunteers\" and (\"{{volunteers}}\").\n\n"+
		"```\nit's \"fenced\"\n```\n\n## Basic Living Assistance")
	replace(fsys, zh, `title = "2019年厦门市民政亮点"`, `title = "2019年厦门市民政\"亮点\""`)
	replace(fsys, zh, "## 困难群众基本生活保障", "中\"三社联动\"中，\"样板\"与'试点'。\n\n## 困难群众基本生活保障")
	replace(fsys, "content/2019/figures.toml", `en = "Volunteers registered under their real names"`, `en = "The city's \"real-name\" volunteers"`)
	replace(fsys, "content/2019/figures.toml", `en = "Social Organizations by Type (as of November 2019)"`, `en = "Xiamen's Social Organizations by Type"`)
	res := buildOK(t, fsys)

	for file, wants := range map[string][]string{
		"en/2019/highlights/index.html": {
			"<title>Highlights of the “Xiamen Model” in 2019 · ",
			"<code>&#34;as typed&#34; it&#39;s</code>",
			`<a href="https://example.org/it&#39;s--here" title="it&#39;s">Xiamen’s “site”</a>`,
			`<a href="https://example.org/a--b">https://example.org/a--b</a>`,
			"“<span class=\"fig\" data-fig=\"volunteers\">693,100</span> volunteers” and (“<span class=\"fig\" data-fig=\"volunteers\">693,100</span>”)",
			"<pre><code>it&#39;s &#34;fenced&#34;\n</code></pre>",
		},
		"en/2019/index.html":                      {"The city’s “real-name” volunteers"}, // key figures
		"en/2019/three-social-linkage/index.html": {"Xiamen’s Social Organizations by Type"},
		"en/2019/print/index.html":                {"Highlights of the “Xiamen Model” in 2019", "Xiamen’s Social Organizations by Type"},
		"zh/2019/highlights/index.html": {
			"<title>2019年厦门市民政&#34;亮点&#34; · ",
			"中&#34;三社联动&#34;中，&#34;样板&#34;与&#39;试点&#39;。",
		},
		"zh/2019/print/index.html": {"2019年厦门市民政&#34;亮点&#34;"},
		// The data files keep the editors' text as written, for reuse.
		"en/2019/figures.csv": {`The city's ""real-name"" volunteers`},
	} {
		page := string(normalise(t, file, res.Files[file]))
		for _, want := range wants {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %q", file, want)
			}
		}
	}
}

// normalise re-renders an HTML page, so that expectations can be written
// one way whatever escaping the layouts and goldmark chose ("&quot;",
// "&#34;"); other files are returned as they are.
func normalise(t *testing.T, name string, b []byte) []byte {
	t.Helper()
	if !strings.HasSuffix(name, ".html") {
		return b
	}
	var out strings.Builder
	if err := html.Render(&out, parse(t, map[string][]byte{name: b}, name)); err != nil {
		t.Fatal(err)
	}
	return []byte(out.String())
}

// readerText lists the text a reader of the page gets: text outside code,
// scripts and styles, and the descriptions in attributes.
func readerText(n *html.Node) []string {
	var texts []string
	for d := range n.Descendants() {
		switch {
		case d.Type == html.TextNode && !inside(d, "code", "pre", "script", "style"):
			texts = append(texts, d.Data)
		case d.Type == html.ElementNode:
			for _, key := range []string{"alt", "title", "aria-label"} {
				texts = append(texts, htmltest.Attr(d, key))
			}
			if d.Data == "meta" && htmltest.Attr(d, "name") == "description" {
				texts = append(texts, htmltest.Attr(d, "content"))
			}
		}
	}
	return texts
}

func inside(n *html.Node, tags ...string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		for _, tag := range tags {
			if p.Type == html.ElementNode && p.Data == tag {
				return true
			}
		}
	}
	return false
}
