package main

import (
	"github.com/xmca/almanac/internal/htmltest"
	"github.com/xmca/almanac/internal/sitetest"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/markdown"
)

// hostile is Markdown an editor could paste, or an attacker slip into a
// content file: raw HTML and links that run code when clicked or loaded.
const hostile = `
<script>alert("script")</script>

<img src=x onerror=alert("img")>

<iframe src="https://evil.example/"></iframe>

Links: [js](javascript:alert("js")) [JS](JaVaScRiPt:alert("JS")) [entity](jav&#x61;script:alert("entity"))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgpPC9zY3JpcHQ+) [vb](vbscript:msgbox) [file](file:///etc/passwd)
![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoKT4=) <javascript:alert("auto")>
Inline <span onmouseover="alert('span')">raw</span> and <a href="javascript:alert('a')">raw link</a>.
`

const hostilePage = "en/2019/highlights/index.html"

func parseOutput(t *testing.T, dir, name string) *html.Node {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "public", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func elements(n *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// scheme is how a browser reads a URL's scheme.
func scheme(v string) string {
	v = strings.TrimLeft(v, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	v = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(v)
	if i := strings.IndexByte(v, ':'); i > 0 && !strings.ContainsAny(v[:i], "/?#") {
		return strings.ToLower(v[:i])
	}
	return ""
}

// unsafeThings lists what in a page could run code: scripts other than the
// layout's own files, event-handler attributes, frames, and URLs with a
// scheme that runs code or smuggles content.
func unsafeThings(doc *html.Node) []string {
	var found []string
	for _, el := range elements(doc) {
		switch el.Data {
		case "script":
			// The escaping test's layout has a script of its own, id="data",
			// whose escaped strings may mention alert; its safety is checked there.
			if strings.Contains(textOf(el), "alert") && htmltest.Attr(el, "id") != "data" {
				found = append(found, "inline script "+textOf(el))
			}
			for _, a := range el.Attr {
				if a.Key == "src" && scheme(a.Val) != "" {
					found = append(found, "script from "+a.Val)
				}
			}
		case "iframe", "object", "embed":
			found = append(found, "<"+el.Data+">")
		}
		for _, a := range el.Attr {
			if strings.HasPrefix(a.Key, "on") {
				found = append(found, "<"+el.Data+" "+a.Key+">")
			}
			if a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction" {
				switch scheme(a.Val) {
				case "javascript", "vbscript", "data", "file":
					found = append(found, "<"+el.Data+" "+a.Key+"="+a.Val+">")
				}
			}
		}
	}
	return found
}

// TestRawHTMLAndScriptLinksAreDropped: with raw_html off (the default), none
// of the hostile Markdown reaches the page; with it on, the editor's HTML is
// kept, which shows the switch is what guards the output.
func TestRawHTMLAndScriptLinksAreDropped(t *testing.T) {
	s := site{t, sitetest.Copy(t)}
	s.add("content/2019/02-highlights.en.md", hostile)
	if code, _, errs := runCmd("build", "-s", s.dir); code != 0 {
		t.Fatalf("build failed: %s", errs)
	}
	doc := parseOutput(t, s.dir, hostilePage)
	if found := unsafeThings(doc); len(found) > 0 {
		t.Errorf("unsafe HTML reached %s:\n%s", hostilePage, strings.Join(found, "\n"))
	}
	body := textOf(doc)
	for _, kept := range []string{"Links: js JS entity", "raw link"} {
		if !strings.Contains(body, kept) {
			t.Errorf("the text of dropped links should stay: no %q in the page", kept)
		}
	}

	hasKbd := func() bool {
		for _, el := range elements(parseOutput(t, s.dir, hostilePage)) {
			if el.Data == "kbd" {
				return true
			}
		}
		return false
	}
	// Harmless raw HTML shows the switch at work (the production build's
	// Content-Security-Policy check refuses inline scripts even then).
	s2 := site{t, sitetest.Copy(t)}
	s2.add("content/2019/02-highlights.en.md", "\nPress <kbd>Ctrl</kbd>.\n")
	s = s2
	if code, _, errs := runCmd("build", "-s", s.dir); code != 0 || hasKbd() {
		t.Fatalf("raw HTML reached the page with raw_html off (exit %d %s)", code, errs)
	}
	s.replace("site.toml", "raw_html = false", "raw_html = true")
	if code, _, errs := runCmd("build", "-s", s.dir); code != 0 || !hasKbd() {
		t.Errorf("with raw_html = true the editor's raw HTML should be kept (exit %d %s)", code, errs)
	}
}

// evil is text that breaks out of every context a value can land in.
const evil = `</script><script>alert(1)</script>"'><img src=x onerror=alert(2)>{{.Site.Config.BaseURL}}`

// TestContentIsEscapedInEveryContext puts hostile text in front matter,
// parameters, figure labels and interface strings, and a layout that uses
// them in text, attributes, URLs, JavaScript and CSS. html/template must
// escape each for its context, and nothing may run as template code.
func TestContentIsEscapedInEveryContext(t *testing.T) {
	s := site{t, sitetest.Copy(t)}
	tomlEvil := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(evil)
	s.replace("content/2019/02-highlights.en.md", "+++\n", "+++\n"+
		"link = \"javascript:alert(3)\"\n"+
		"color = \"red; background: url(javascript:alert(4))\"\n"+
		"param = \""+tomlEvil+"\"\n")
	s.replace("content/2019/02-highlights.en.md", `title = "Highlights of Xiamen's Civil Affairs Work in 2019"`, `title = "`+tomlEvil+`"`)
	s.replace("content/2019/02-highlights.en.md", `summary = "`, `summary = "`+tomlEvil)
	// A figure label shows on the cover (key figures) and in a chart.
	s.replace("content/2019/figures.toml", `en = "Volunteers registered under their real names"`, `en = "`+tomlEvil+`"`)
	s.replace("content/2019/figures.toml", `en = "Social associations"`, `en = "`+tomlEvil+`"`)
	s.add("layouts/i18n/en.toml", "zz_evil = \""+tomlEvil+"\"\n")
	s.add("layouts/i18n/zh.toml", "zz_evil = \""+tomlEvil+"\"\n")
	s.write("layouts/section.html", `{{define "main"}}<h1 id="t">{{.Page.Title}}</h1>
<p class="summary" title="{{.Page.Title}}" data-param='{{.Page.Params.param}}'>{{.Page.Summary}}</p>
<a id="search" href="/search?q={{.Page.Title}}&amp;p={{.Page.Params.param}}">search</a>
<a id="link" href="{{.Page.Params.link}}">link</a>
<script id="data">var title = {{.Page.Title}}; var param = "{{.Page.Params.param}}"; var s = '{{.T "zz_evil"}}';</script>
<div id="styled" style="color: {{.Page.Params.color}}; font-family: {{.Page.Params.param}}">styled</div>
<style>.x { content: "{{.Page.Params.param}}"; }</style>
<p id="string">{{.T "zz_evil"}}</p>
<p id="figure">{{.Figure "volunteers"}}</p>
<div class="prose">{{.Page.Body}}</div>
{{end}}`)
	// Built in memory without the production post-processing: its
	// Content-Security-Policy check refuses inline scripts and styles, a
	// second guard; this test is about the escaping in front of it.
	fsys, err := openSite(s.dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := build.Run(fsys, build.Options{Dev: true})
	if err != nil {
		t.Fatalf("build failed: %v", err)
	}
	page := string(res.Files[hostilePage])
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if found := unsafeThings(doc); len(found) > 0 {
		t.Errorf("unescaped content in %s:\n%s", hostilePage, strings.Join(found, "\n"))
	}
	byID := map[string]*html.Node{}
	scripts, styles := 0, 0
	for _, el := range elements(doc) {
		for _, a := range el.Attr {
			if a.Key == "id" {
				byID[a.Val] = el
			}
		}
		if el.Data == "script" && textOf(el) != "" {
			scripts++
		}
		if el.Data == "style" {
			styles++
		}
	}
	// Text and attributes show the value escaped, not lost: as written,
	// apart from the typography titles and figure labels get on an English
	// page (its "'> becomes "’>).
	shown := markdown.Typeset("en", evil)
	if got := textOf(byID["t"]); got != shown {
		t.Errorf("the title shows as %q, want the text as written, %q", got, shown)
	}
	if got := textOf(byID["string"]); got != evil {
		t.Errorf("the interface string shows as %q", got)
	}
	for _, a := range byID["search"].Attr {
		if a.Key == "href" && (strings.ContainsAny(a.Val, `<>"' `) || !strings.HasPrefix(a.Val, "/search?q=")) {
			t.Errorf("the URL is not query-escaped: %q", a.Val)
		}
	}
	for _, a := range byID["link"].Attr {
		if a.Key == "href" && a.Val != "#ZgotmplZ" {
			t.Errorf("a javascript: parameter became the link %q", a.Val)
		}
	}
	for _, a := range byID["styled"].Attr {
		if a.Key == "style" && !strings.Contains(a.Val, "ZgotmplZ") {
			t.Errorf("unsafe CSS was let through: %q", a.Val)
		}
	}
	// The inline script and style are the layout's only ones, and the values
	// inside them cannot close them.
	if scripts != 1 || styles != 1 {
		t.Errorf("%d inline scripts and %d style elements, want the layout's 1 each", scripts, styles)
	}
	if js := textOf(byID["data"]); strings.Contains(js, "<") || !strings.HasPrefix(js, `var title = "`) {
		t.Errorf("the script's values are not JavaScript-escaped: %s", js)
	}
	// Nothing ran as template code.
	if strings.Contains(page, "https://mzj.xm.gov.cn/report/</") || strings.Count(page, "{{.Site.Config.BaseURL}}") < 3 {
		t.Error("{{.Site.Config.BaseURL}} in content was executed instead of shown")
	}
	if figure := textOf(byID["figure"]); figure != "693,100" {
		t.Errorf("the figure shows as %q", figure)
	}
	for _, name := range []string{"en/2019/index.html", "en/2019/three-social-linkage/index.html", "en/2019/print/index.html"} {
		doc, err := html.Parse(strings.NewReader(string(res.Files[name])))
		if err != nil {
			t.Fatal(err)
		}
		if found := unsafeThings(doc); len(found) > 0 {
			t.Errorf("a figure label is not escaped in %s:\n%s", name, strings.Join(found, "\n"))
		}
		if !strings.Contains(textOf(doc), shown) {
			t.Errorf("%s does not show the label as written", name)
		}
	}
}

// TestTemplateSyntaxInMarkdownIsNotExecuted: {{…}} in Markdown is the figure
// syntax, never template code: anything else in braces is a mistake the
// build reports, and in code it is shown as written.
func TestTemplateSyntaxInMarkdownIsNotExecuted(t *testing.T) {
	s := site{t, sitetest.Copy(t)}
	line := s.add("content/2019/02-highlights.en.md", "\nIn code: `{{.Site.Config.BaseURL}}`.\n\n```\n{{template \"base\" .}}\n```\n")
	if code, _, errs := runCmd("build", "-s", s.dir); code != 0 {
		t.Fatalf("build failed: %s", errs)
	}
	text := textOf(parseOutput(t, s.dir, hostilePage))
	for _, literal := range []string{"{{.Site.Config.BaseURL}}", `{{template "base" .}}`} {
		if !strings.Contains(text, literal) {
			t.Errorf("%q should be shown as written", literal)
		}
	}
	s.add("content/2019/02-highlights.en.md", "\nOutside code: {{.Site.Config.BaseURL}}\n")
	code, _, errs := runCmd("build", "-s", s.dir)
	if code != 1 || !strings.Contains(errs, "malformed figure reference") || !strings.Contains(errs, at("content/2019/02-highlights.en.md", line+7, 15)) {
		t.Errorf("exit %d; want a malformed figure reference at line %d:\n%s", code, line+7, errs)
	}
}

// TestLeftoversAreNeverPublished fills static/ and content/ with what
// editors' machines leave behind (a git folder, Finder and Explorer files,
// Office lock files, editor backups, links to secrets outside the site):
// the build succeeds, publishes none of them, and lists each once; check
// names each one.
func TestLeftoversAreNeverPublished(t *testing.T) {
	const secret = "TOP-SECRET-9b2e"
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "passwd"), []byte(secret), 0o644)
	s := site{t, sitetest.Copy(t)}
	leftovers := []string{
		"static/.git/config", "static/.DS_Store", "static/img/Thumbs.db", "static/img/desktop.ini",
		"static/~$report.docx", "static/css/site.css~", "static/css/.#site.css", "static/js/.site.js.swp",
		"content/2019/~$draft.docx", "content/2019/.DS_Store", "content/Thumbs.db",
	}
	for _, f := range leftovers {
		s.write(f, secret)
	}
	links := []string{"static/passwd", "static/data"}
	if os.Symlink(filepath.Join(outside, "passwd"), s.path(links[0])) != nil || os.Symlink(outside, s.path(links[1])) != nil {
		t.Skip("no symlinks here")
	}
	code, out, errs := runCmd("build", "-s", s.dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	pub := filepath.Join(s.dir, "public")
	filepath.WalkDir(pub, func(p string, d fs.DirEntry, err error) error {
		if b, _ := os.ReadFile(p); !d.IsDir() && strings.Contains(string(b), secret) {
			t.Errorf("published: %s", p)
		}
		return nil
	})
	want := []string{"static/.git/ (", "static/.DS_Store (", "static/img/Thumbs.db (", "static/img/desktop.ini (",
		"static/~$report.docx (", "static/css/site.css~ (", "static/css/.#site.css (", "static/js/.site.js.swp (",
		"content/2019/~$draft.docx (", "content/2019/.DS_Store (", "content/Thumbs.db (",
		"static/passwd (a link to somewhere outside the site)", "static/data (a link"}
	for _, w := range want {
		if n := strings.Count(out, "  "+w); n != 1 {
			t.Errorf("build lists %q %d times, want once:\n%s", w, n, out)
		}
	}
	_, out, errs = runCmd("check", "-s", s.dir)
	for _, f := range append(leftovers[1:], "static/.git", "static/passwd", "static/data") {
		if !strings.Contains(out+errs, f+"\n") {
			t.Errorf("check does not name %s:\n%s%s", f, out, errs)
		}
	}
	if strings.Contains(out+errs, "static/.git/config") {
		t.Error("check lists the files inside a hidden folder rather than the folder once")
	}
}

// TestPageAndStaticFileCollide: a static file at a page's path is an error
// naming both, and nothing is written.
func TestPageAndStaticFileCollide(t *testing.T) {
	s := site{t, sitetest.Copy(t)}
	s.write("static/zh/2019/three-social-linkage/index.html", "<p>old copy</p>")
	s.write("static/en/2019/figures.csv", "a,b\n")
	code, _, errs := runCmd("build", "-s", s.dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, errs)
	}
	for _, w := range []string{
		"static/zh/2019/three-social-linkage/index.html and the page from content/2019/01-three-social-linkage.zh.md",
		"static/en/2019/figures.csv and the report's data file",
	} {
		if !strings.Contains(errs, w) {
			t.Errorf("the message does not say %q:\n%s", w, errs)
		}
	}
	if _, err := os.Stat(s.path("public")); err == nil {
		t.Error("public/ was written")
	}
}

// TestSymlinksOutOfTheSiteAreRefused links every kind of site file to a
// secret outside the site folder: the build refuses each, naming the link,
// and the secret never reaches the output.
func TestSymlinksOutOfTheSiteAreRefused(t *testing.T) {
	const secret = "TOP-SECRET-7f3a"
	outside := t.TempDir()
	secretFile := filepath.Join(outside, "secret.txt")
	os.WriteFile(secretFile, []byte("+++\ntitle = \""+secret+"\"\n+++\n"+secret+"\n"), 0o644)
	os.MkdirAll(filepath.Join(outside, "year"), 0o755)
	os.WriteFile(filepath.Join(outside, "year", "01-leak.zh.md"), []byte("+++\ntitle = \""+secret+"\"\n+++\n"), 0o644)
	tests := []struct {
		link, target string
		words        []string
	}{
		{"content/2019/03-leak.zh.md", secretFile, []string{"outside the site folder"}},
		{"content/2018", filepath.Join(outside, "year"), []string{"content/2018"}},
		{"layouts/partials/leak.html", secretFile, []string{"layouts/partials/leak.html"}},
		{"layouts/i18n/en.toml", secretFile, []string{"layouts/i18n/en.toml"}},
		{"content/2019/figures.toml", secretFile, []string{"content/2019/figures.toml", "outside the site folder"}},
		{"site.toml", secretFile, []string{"site.toml"}},
	}
	for _, tt := range tests {
		t.Run(tt.link, func(t *testing.T) {
			s := site{t, sitetest.Copy(t)}
			link := s.path(tt.link)
			os.RemoveAll(link)
			os.MkdirAll(filepath.Dir(link), 0o755)
			if err := os.Symlink(tt.target, link); err != nil {
				t.Skip("no symlinks here:", err)
			}
			code, out, errs := runCmd("build", "-s", s.dir)
			t.Logf("stderr:\n%s", errs)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			for _, w := range tt.words {
				if !strings.Contains(errs, w) {
					t.Errorf("the message does not say %q", w)
				}
			}
			if strings.Contains(out+errs, secret) {
				t.Error("the secret was read")
			}
			if stackTrace.MatchString(errs) {
				t.Error("stack trace")
			}
			if _, err := os.Stat(s.path("public")); err == nil {
				t.Error("public/ was written")
			}
		})
	}
}
