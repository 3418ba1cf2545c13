package markdown

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// inLocale is the fake resolver of a page in a given language.
type inLocale struct {
	*fakeResolver
	locale string
}

func (r inLocale) Locale() string { return r.locale }

// renderIn converts src as a page in locale and fails the test on any error.
func renderIn(t *testing.T, c *Converter, locale, src string) string {
	t.Helper()
	doc, err := c.Convert([]byte(src), "content/2019/01-three-social-linkage.en.md", 1, inLocale{newFakeResolver(), locale})
	if err != nil {
		t.Fatalf("Convert(%q): %v", src, err)
	}
	return string(doc.HTML(""))
}

func TestEnglishTypography(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"double quotes", `the "three-social linkage" works`, `<p>the “three-social linkage” works</p>`},
		{"apostrophes", `Xiamen's and the people's`, `<p>Xiamen’s and the people’s</p>`},
		{"single quotes", `a 'model' city`, `<p>a ‘model’ city</p>`},
		{"nested quotes", `"a 'model' city"`, `<p>“a ‘model’ city”</p>`},
		{"plural possessive", `the workers' pay`, `<p>the workers’ pay</p>`},
		{"decade and elision", `the '90s, 'twas`, `<p>the ’90s, ’twas</p>`},
		{"quotes around punctuation", `("linkage"), "linkage".`, `<p>(“linkage”), “linkage”.</p>`},
		{"en dash", `2018--2019`, `<p>2018–2019</p>`},
		{"em dash", `four levels---city`, `<p>four levels—city</p>`},
		{"ellipsis", `and so on...`, `<p>and so on…</p>`},
		{"lone hyphen and full stop", `one-off. A.B`, `<p>one-off. A.B</p>`},
		{"angle quotes stay", `a << b >> c`, `<p>a &lt;&lt; b &gt;&gt; c</p>`},
		{"escaped quotes stay", `\"as typed\" and it\'s`, `<p>&quot;as typed&quot; and it's</p>`},
		{"quotes already typographic", `“linkage” and Xiamen’s`, `<p>“linkage” and Xiamen’s</p>`},
		{"around emphasis", `"*the linkage*" and *"the linkage"*`, `<p>“<em>the linkage</em>” and <em>“the linkage”</em></p>`},
		{"Chinese words in English", `the "三社联动" linkage`, `<p>the “三社联动” linkage</p>`},

		// Never inside code, addresses or attributes.
		{"code span", "`\"x\" it's -- ...` and \"y\"", `<p><code>&quot;x&quot; it's -- ...</code> and “y”</p>`},
		{"fenced code", "```\n\"x\" it's -- ...\n```", "<pre><code>&quot;x&quot; it's -- ...\n</code></pre>"},
		{"indented code", "    \"x\" it's", "<pre><code>&quot;x&quot; it's\n</code></pre>"},
		{"link destination and title", `[Xiamen's "plan"](https://example.org/it's--here "it's")`,
			`<p><a href="https://example.org/it's--here" title="it's">Xiamen’s “plan”</a></p>`},
		{"autolink", `<https://example.org/a--b'c>`, `<p><a href="https://example.org/a--b'c">https://example.org/a--b'c</a></p>`},
		{"bare address", `see https://example.org/a--b's...`, `<p>see <a href="https://example.org/a--b's">https://example.org/a--b's</a>…</p>`},
		{"address as link text", `[www.xm.gov.cn/a--b](http://www.xm.gov.cn/a--b)`, `<p><a href="http://www.xm.gov.cn/a--b">www.xm.gov.cn/a--b</a></p>`},
		{"bare address after a quote", `"https://example.org/it's" and "www.xm.gov.cn" and "info@xm.gov.cn"`,
			`<p>&quot;https://example.org/it's&quot; and &quot;www.xm.gov.cn&quot; and &quot;info@xm.gov.cn&quot;</p>`},
		{"address in a quotation", `("see https://example.org")`, `<p>(“see <a href="https://example.org">https://example.org</a>”)</p>`},
		{"apostrophe after a link", "[Xiamen](https://example.org/)'s and `code`'s", `<p><a href="https://example.org/">Xiamen</a>’s and <code>code</code>’s</p>`},
		{"e-mail address", `o'brien@example.org's--x`, `<p><a href="mailto:o'brien@example.org">o'brien@example.org</a>’s–x</p>`},
		{"image alt is text", `![Xiamen's "map"](map.png "it's")`, `<p><img src="map.png" alt="Xiamen’s “map”" title="it's"></p>`},

		// A figure reference reads as a word beside a quote.
		{"quote before a figure", `"{{grid-count}} grids"`, `<p>“<span class="fig" data-fig="grid-count">3000多个</span> grids”</p>`},
		{"quote after a figure", `"about {{grid-count}}"`, `<p>“about <span class="fig" data-fig="grid-count">3000多个</span>”</p>`},
		{"quotes around a figure", `("{{grid-count}}")`, `<p>(“<span class="fig" data-fig="grid-count">3000多个</span>”)</p>`},
		{"apostrophe after a figure", `{{grid-count}}'s share`, `<p><span class="fig" data-fig="grid-count">3000多个</span>’s share</p>`},

		// Quotes pair within a paragraph, never across two.
		{"unclosed quote ends with its paragraph", "\"open\n\nclose\" here", "<p>“open</p>\n<p>close&quot; here</p>"},
		{"quote across a line wrap", "\"open\nclose\" here", "<p>“open\nclose” here</p>"},
	}
	c := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := renderIn(t, c, "en", tt.src+"\n"); got != tt.want+"\n" {
				t.Errorf("got  %q\nwant %q", got, tt.want+"\n")
			}
		})
	}
}

func TestTypographyLeavesRawHTMLAttributes(t *testing.T) {
	src := `<span title="it's -- &quot;x&quot;">Xiamen's</span>` + "\n"
	want := `<p><span title="it's -- &quot;x&quot;">Xiamen’s</span></p>` + "\n"
	if got := renderIn(t, New(Options{RawHTML: true}), "en", src); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestTypographyInHeadingsAndTOC(t *testing.T) {
	src := "## The \"Three-Social Linkage\"\n\n## Xiamen's Work {#work}\n"
	doc, err := New(Options{}).Convert([]byte(src), "content/2019/a.en.md", 1, inLocale{newFakeResolver(), "en"})
	if err != nil {
		t.Fatal(err)
	}
	want := "<h2 id=\"the-three-social-linkage\">The “Three-Social Linkage”</h2>\n<h2 id=\"work\">Xiamen’s Work</h2>\n"
	if got := string(doc.HTML("")); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// The ids come from the text as written, so they do not change; the
	// table of contents shows the heading as the page does.
	if doc.TOC[0].ID != "the-three-social-linkage" || doc.TOC[0].Text != "The “Three-Social Linkage”" || doc.TOC[1].Text != "Xiamen’s Work" {
		t.Errorf("TOC = %+v", doc.TOC)
	}
}

// TestChineseKeepsQuotesAsWritten: a straight quote between Chinese
// characters cannot be paired reliably, so nothing but English is touched.
func TestChineseKeepsQuotesAsWritten(t *testing.T) {
	for _, src := range []string{
		`中"三社联动"中`,
		`推进"三社联动"，创新治理`,
		`推进 "三社联动" 创新`,
		`“三社联动”与'样板'`,
		`2018--2019年...`,
		`Xiamen's "model"`,
	} {
		want := render(t, src+"\n") // with no Language at all
		if strings.Contains(want, "”") != strings.Contains(src, "”") {
			t.Fatalf("without a language, %q became %q", src, want)
		}
		for _, locale := range []string{"zh-Hans", "zh", "fr", ""} {
			if got := renderIn(t, New(Options{}), locale, src+"\n"); got != want {
				t.Errorf("%s: %q became %q, want %q", locale, src, got, want)
			}
		}
	}
}

func TestTypographicLocales(t *testing.T) {
	for locale, want := range map[string]bool{
		"en": true, "en-GB": true, "EN-us": true,
		"zh-Hans": false, "zh": false, "fr": false, "": false,
		"eng": true, // BCP 47 writes English's three-letter code en
	} {
		if got := typographic(locale); got != want {
			t.Errorf("typographic(%q) = %v, want %v", locale, got, want)
		}
	}
}

func TestTypeset(t *testing.T) {
	tests := []struct{ in, want string }{
		{`Steadily Advancing the "Three-Social Linkage"`, `Steadily Advancing the “Three-Social Linkage”`},
		{`Highlights of Xiamen's Civil Affairs Work in 2019`, `Highlights of Xiamen’s Civil Affairs Work in 2019`},
		{`'Model' sites -- 2018--2019 --- and more...`, `‘Model’ sites – 2018–2019 — and more…`},
		{"\"a\nb\" c", "“a\nb” c"},
		// Plain text, not Markdown: nothing is an escape, code or emphasis.
		{"*x* `it's` \\\"y\\\" <b>", "*x* `it’s` \\“y\\” <b>"},
		{`see https://example.org/it's--here, "www.xm.gov.cn", ("https://example.org")`, `see https://example.org/it's--here, "www.xm.gov.cn", ("https://example.org")`},
		{`write to "info@xm.gov.cn"`, `write to "info@xm.gov.cn"`},
		{`("{{x}}")`, `(“{{x}}”)`},
		{`中"三社联动"中`, `中"三社联动"中`},
		{"", ""},
		{"no quotes at all", "no quotes at all"},
	}
	for _, tt := range tests {
		if got := Typeset("en", tt.in); got != tt.want {
			t.Errorf("Typeset(en, %q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Typeset("zh-Hans", tt.in); got != tt.in {
			t.Errorf("Typeset(zh-Hans, %q) = %q, want it unchanged", tt.in, got)
		}
	}
}

// TestTypesetMatchesTheBody: a title and the same words in the body look
// alike.
func TestTypesetMatchesTheBody(t *testing.T) {
	phrases := []string{
		`Steadily Advancing the "Three-Social Linkage" and Innovating Community-Level Social Governance`,
		`Highlights of Xiamen's Civil Affairs Work in 2019`,
		`the workers' "model" 'sites', the '90s, 'twas -- 2018--2019 --- and so on...`,
		`"quoted", ("quoted"); 'a', "b" 'c' d'e f' "g`,
	}
	c := New(Options{})
	for _, s := range phrases {
		body := renderIn(t, c, "en", s+"\n")
		body = html.UnescapeString(strings.TrimSuffix(strings.TrimPrefix(body, "<p>"), "</p>\n"))
		if got := Typeset("en", s); got != body {
			t.Errorf("Typeset(%q)\n = %q\nbody %q", s, got, body)
		}
	}
}

func TestTypesetAllocatesOnlyWhenItChanges(t *testing.T) {
	s := "Xiamen Civil Affairs Report 2019: one-off subsidies, Ph.D. holders"
	if n := testing.AllocsPerRun(100, func() { _ = Typeset("en", s) }); n != 0 {
		t.Errorf("Typeset allocated %v times on text it leaves as it is", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = Typeset("zh-Hans", `中"三社联动"中`) }); n != 0 {
		t.Errorf("Typeset allocated %v times on Chinese", n)
	}
}

// straighten maps typographic punctuation back to what an editor types,
// in HTML as goldmark escapes it.
var straighten = strings.NewReplacer("“", "&quot;", "”", "&quot;", "‘", "'", "’", "'", "–", "--", "—", "---", "…", "...")

// FuzzTypography: typography changes punctuation and nothing else. An
// English page is the page without typography once its punctuation is
// straightened again: the same elements, text, links, code and ids.
func FuzzTypography(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.md")
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	for _, s := range []string{
		`the "three-social linkage", Xiamen's people's 'model' -- 2018--2019 --- and...`,
		"`\"x\"` [it's \"y\"](https://e.org/it's--x \"t'\") <https://e.org/a--b> https://e.org/c's www.e.org/d--e",
		"\"{{grid-count}} grids\" (\"{{grid-count}}\") {{grid-count}}'s \"{{x}}\" '{{grid-count}}",
		"## \"Heading\" {#h}\n\n| \"a\" | b's |\n|---|---|\n| -- | ... |\n\n- \"item\n- item\"\n\n> \"quote\n\n[^1]: \"note\"",
		"中\"三社联动\"中 \"中\" '中' \\\"x\\\" **\"b\"** _'i'_ \"\"\"''' ---- ..... <<>>",
	} {
		f.Add(s)
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		if strings.ContainsAny(src, "“”‘’–—…") {
			return // already typographic: straightening would change it
		}
		plain, err := c.Convert([]byte(src), "content/2019/f.en.md", 1, inLocale{newFakeResolver(), "zh-Hans"})
		typeset, typesetErr := c.Convert([]byte(src), "content/2019/f.en.md", 1, inLocale{newFakeResolver(), "en"})
		if (err == nil) != (typesetErr == nil) {
			t.Fatalf("typography changed whether %q converts: %v, then %v", src, err, typesetErr)
		}
		// A page with a mistake is never published, so only how a correct
		// one is typeset matters ("{{'\ !" leaves "{{" unclosed).
		if err == nil {
			if got, want := straighten.Replace(string(typeset.HTML(""))), string(plain.HTML("")); got != want {
				t.Fatalf("typography changed more than punctuation in %q:\n got %q\nwant %q", src, got, want)
			}
		}
		if got := Typeset("en", src); strings.NewReplacer("“", `"`, "”", `"`, "‘", "'", "’", "'", "–", "--", "—", "---", "…", "...").Replace(got) != src {
			t.Fatalf("Typeset changed more than punctuation: %q became %q", src, got)
		}
	})
}
