package markdown

import (
	"regexp"
	"strings"
	"testing"
)

// embedSource has headings of every level (ATX and setext, with links and
// ids inside), links of every kind, images, footnotes and figures, so that
// places and id markers interleave.
const embedSource = "## 儿童福利 {#child}\n\n见[上文](#child)、[甲](../alpha/)、[乙](../beta/#x \"标题\")、" +
	"[参考][ref]、<https://example.org/>、[空]()、[顶](#)和![图](../../img/a.png \"图\")。\n\n" +
	"### 子项 [链接](../gamma/?a=1&b=2)\n\n#### 四\n\n##### 五\n\n###### 六\n\n一级\n===\n\n二级\n---\n\n" +
	"[![图中链接](x.png)](y/)[^1]，{{social-organizations}}。\n\n[^1]: 注释，见[丙](../c/)。\n\n[ref]: ../ref/#r\n"

func TestEmbeddedHTMLMovesHeadings(t *testing.T) {
	doc := convert(t, New(Options{}), embedSource)
	got := string(doc.EmbeddedHTML(Embedding{IDPrefix: "s--", HeadingShift: 1}))
	for _, want := range []string{
		`<h3 id="s--child">儿童福利</h3>`,
		`<h4 id="s--子项-链接-gamma-a-1-b-2">子项 <a href="../gamma/?a=1&amp;b=2">链接</a></h4>`,
		`<h5 id="s--四">四</h5>`,
		`<h6 id="s--五">五</h6>`,
		`<h6 id="s--六">六</h6>`, // HTML has no <h7>: the deepest stay <h6>
		`<h2 id="s--一级">一级</h2>`,
		`<h3 id="s--二级">二级</h3>`,
		`<a href="#s--child">上文</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s:\n%s", want, got)
		}
	}
	if want := shiftHeadings(string(doc.HTML("s--")), 1); got != want {
		t.Errorf("EmbeddedHTML differs from HTML with its headings moved:\n got %q\nwant %q", got, want)
	}
	if up := string(doc.EmbeddedHTML(Embedding{HeadingShift: -1})); !strings.Contains(up, `<h1 id="一级">`) || !strings.Contains(up, `<h1 id="child">`) {
		t.Errorf("moved up, no heading goes above <h1>:\n%s", up)
	}
	if doc.TOC[0].Level != 2 || doc.TOC[0].ID != "child" {
		t.Errorf("the table of contents keeps the levels and ids as written: %+v", doc.TOC[0])
	}
}

func TestEmbeddedHTMLRewritesAddresses(t *testing.T) {
	doc := convert(t, New(Options{}), embedSource)
	var seen []string
	got := string(doc.EmbeddedHTML(Embedding{IDPrefix: "s--", URL: func(u string) string {
		seen = append(seen, u)
		if strings.HasPrefix(u, "../") {
			return "/r/" + strings.TrimPrefix(u, "../") + "&\""
		}
		return u
	}}))
	wantSeen := []string{"../alpha/", "../beta/#x", "../ref/#r", "", "#", "../../img/a.png", "../gamma/?a=1&b=2", "y/", "x.png", "../c/"}
	if strings.Join(seen, " | ") != strings.Join(wantSeen, " | ") {
		t.Errorf("URL was given\n%q\nwant (links and images in order, not those to an #anchor or autolinks)\n%q", seen, wantSeen)
	}
	for _, want := range []string{
		`<a href="/r/alpha/&amp;&#34;">甲</a>`,
		`<a href="/r/beta/#x&amp;&#34;" title="标题">`,
		`<a href="/r/ref/#r&amp;&#34;">参考</a>`,
		`<a href="https://example.org/">https://example.org/</a>`,
		`<a href="">空</a>`,
		`<a href="#">顶</a>`,
		`<img src="/r/../img/a.png&amp;&#34;" alt="图" title="图">`,
		`<a href="/r/gamma/?a=1&amp;b=2&amp;&#34;">链接</a>`,
		`<a href="y/"><img src="x.png" alt="图中链接"></a>`,
		`<a href="/r/c/&amp;&#34;">丙</a>`,
		`<a href="#s--child">上文</a>`,
		`<sup id="s--fnref:1"><a href="#s--fn:1"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s:\n%s", want, got)
		}
	}
	same := string(doc.EmbeddedHTML(Embedding{IDPrefix: "s--", URL: func(u string) string { return u }}))
	if want := string(doc.HTML("s--")); same != want {
		t.Errorf("addresses kept as they are must keep their bytes:\n got %q\nwant %q", same, want)
	}
}

func TestEmbeddedHTMLWithoutChangesIsHTML(t *testing.T) {
	doc := convert(t, New(Options{}), embedSource)
	for _, prefix := range []string{"", "s--"} {
		if got, want := doc.EmbeddedHTML(Embedding{IDPrefix: prefix}), doc.HTML(prefix); got != want {
			t.Errorf("EmbeddedHTML(%q) = %q, want HTML's %q", prefix, got, want)
		}
	}
}

// TestEmbeddedHTMLRawHTML: headings and links written as raw HTML are the
// editor's own, left as they are.
func TestEmbeddedHTMLRawHTML(t *testing.T) {
	doc := convert(t, New(Options{RawHTML: true}), "<h2>原样</h2>\n\n## 标题\n\n<a href=\"../a/\">原样</a>[链接](../b/)\n")
	got := string(doc.EmbeddedHTML(Embedding{HeadingShift: 1, URL: func(string) string { return "Z" }}))
	want := "<h2>原样</h2>\n<h3 id=\"标题\">标题</h3>\n<p><a href=\"../a/\">原样</a><a href=\"Z\">链接</a></p>\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

var headingTag = regexp.MustCompile(`<(/?)h([1-6])`)

// shiftHeadings is the reference for HeadingShift: every heading tag in
// html, moved by shift and kept between h1 and h6.
func shiftHeadings(html string, shift int) string {
	return headingTag.ReplaceAllStringFunc(html, func(tag string) string {
		return tag[:len(tag)-1] + string(shiftLevel(tag[len(tag)-1], shift))
	})
}
