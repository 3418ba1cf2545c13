package publish

import (
	"bytes"
	"compress/gzip"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/output"
)

func parseHTML(t *testing.T, b []byte) *html.Node {
	t.Helper()
	n, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func getAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val, true
		}
	}
	return "", false
}

// pageRefs lists every URL a page refers to: href, src, srcset candidates,
// poster, xlink:href, and image <meta content>.
func pageRefs(n *html.Node) []string {
	var refs []string
	walk(n, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		imageMeta := false
		if n.Data == "meta" {
			p, _ := getAttr(n, "property")
			imageMeta = strings.Contains(p, "image")
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "href" || a.Key == "src" || a.Key == "poster" || imageMeta && a.Key == "content":
				refs = append(refs, a.Val)
			case a.Key == "srcset":
				for _, c := range strings.Split(a.Val, ",") {
					refs = append(refs, strings.Fields(c)[0])
				}
			}
		}
	})
	return refs
}

func mustSite(t *testing.T) *site {
	t.Helper()
	s, err := newSite(testBase)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFingerprintNamesAndReferences(t *testing.T) {
	files := fixture()
	orig := cloneFiles(files)
	renamed, err := Fingerprint(files, testBase)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"css/print.css", "css/site.css", "fonts/noto.woff", "fonts/noto.woff2",
		"images/bg.png", "images/logo.png", "images/logo@2x.png", "js/site.js"}
	var got []string
	for old := range renamed {
		got = append(got, old)
	}
	sort.Strings(got)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("renamed %v, want %v", got, want)
	}
	nameRE := regexp.MustCompile(`^(.*)\.([0-9a-f]{8})(\.[a-z0-9]+)$`)
	for old, nw := range renamed {
		if _, ok := files[old]; ok {
			t.Errorf("%s still present after renaming to %s", old, nw)
		}
		m := nameRE.FindStringSubmatch(nw)
		if m == nil || m[1]+m[3] != old {
			t.Errorf("%s renamed to %s, want stem.<8 hex>.ext", old, nw)
			continue
		}
		if !IsFingerprinted(nw, files[nw]) {
			t.Errorf("%s: name hash does not match its content", nw)
		}
	}
	for _, keep := range []string{"favicon.ico", "zh/2019/figures.csv", "zh/2019/figures.json", "index.html"} {
		if _, ok := files[keep]; !ok {
			t.Errorf("%s should keep its name", keep)
		}
	}

	// Every local reference in every page resolves to a file.
	s := mustSite(t)
	for p, b := range files {
		if !isHTML(p) {
			continue
		}
		for _, ref := range pageRefs(parseHTML(t, b)) {
			k, ok := s.local(p, ref)
			if !ok {
				continue
			}
			if _, exists := files[k]; !exists {
				t.Errorf("%s: %q resolves to %s, which does not exist", p, ref, k)
			}
		}
	}

	// Apart from the rewritten names and the added attributes, pages are byte-identical.
	sriRE := regexp.MustCompile(` integrity="sha384-[A-Za-z0-9+/=]+" crossorigin="anonymous"`)
	for p, b := range files {
		if !isHTML(p) {
			continue
		}
		back := sriRE.ReplaceAllString(string(b), "")
		for old, nw := range renamed {
			back = strings.ReplaceAll(back, path.Base(nw), path.Base(old))
		}
		if back != string(orig[p]) {
			t.Errorf("%s: changed beyond asset references:\n%s", p, back)
		}
	}

	// The absolute og:image URL and the srcset were rewritten.
	zh := string(files["zh/2019/index.html"])
	if !strings.Contains(zh, `content="https://mzj.xm.gov.cn/report/`+renamed["images/logo.png"]+`"`) {
		t.Errorf("og:image not rewritten:\n%s", zh)
	}
	if !strings.Contains(zh, `poster="../../`+renamed["images/bg.png"]+`"`) {
		t.Errorf("video poster not rewritten")
	}
	root := string(files["index.html"])
	if !strings.Contains(root, `srcset="`+renamed["images/logo.png"]+` 1x, `+renamed["images/logo@2x.png"]+` 2x"`) {
		t.Errorf("srcset not rewritten:\n%s", root)
	}
	// The form of each reference is kept: prefixed root-relative, relative, bare root-relative.
	for p, want := range map[string]string{
		"index.html":         `href="/report/` + renamed["css/site.css"] + `"`,
		"zh/2019/index.html": `href="../../` + renamed["css/site.css"] + `"`,
		"en/2019/index.html": `href="/` + renamed["css/site.css"] + `"`,
	} {
		if !strings.Contains(string(files[p]), want) {
			t.Errorf("%s: want %s", p, want)
		}
	}
}

func TestSRI(t *testing.T) {
	files := fixture()
	if err := Process(files, Options{BaseURL: testBase, Minify: true, Fingerprint: true}); err != nil {
		t.Fatal(err)
	}
	s := mustSite(t)
	checked := 0
	for p, b := range files {
		if !isHTML(p) || strings.HasSuffix(p, ".gz") {
			continue
		}
		walk(parseHTML(t, b), func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			var ref string
			switch {
			case n.Data == "link":
				if rel, _ := getAttr(n, "rel"); rel != "stylesheet" {
					return
				}
				ref, _ = getAttr(n, "href")
			case n.Data == "script":
				ref, _ = getAttr(n, "src")
			default:
				return
			}
			k, _ := s.local(p, ref)
			content, ok := files[k]
			if !ok {
				t.Errorf("%s: <%s> refers to missing %s", p, n.Data, k)
				return
			}
			sum := sha512.Sum384(content)
			want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:])
			if got, _ := getAttr(n, "integrity"); got != want {
				t.Errorf("%s: <%s %s> integrity %q, want %q", p, n.Data, ref, got, want)
			}
			if got, _ := getAttr(n, "crossorigin"); got != "anonymous" {
				t.Errorf("%s: <%s> crossorigin %q", p, n.Data, got)
			}
			checked++
		})
	}
	if checked < 16 {
		t.Errorf("checked only %d tags", checked)
	}
}

func TestCSSURLsRewritten(t *testing.T) {
	files := fixture()
	renamed, err := Fingerprint(files, testBase)
	if err != nil {
		t.Fatal(err)
	}
	site := string(files[renamed["css/site.css"]])
	b := func(p string) string { return path.Base(renamed[p]) }
	for _, want := range []string{
		`@import "` + b("css/print.css") + `" print;`,
		`url("../fonts/` + b("fonts/noto.woff2") + `")`,
		`url(../fonts/` + b("fonts/noto.woff") + `)`,
		`url( '../images/` + b("images/bg.png") + `' )`,
		`url(/report/images/` + b("images/logo.png") + `)`,
		`url(not-a-file.png)`, // in a comment: untouched
		`url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E")`,
	} {
		if !strings.Contains(site, want) {
			t.Errorf("site.css lacks %s:\n%s", want, site)
		}
	}
	if print := string(files[renamed["css/print.css"]]); !strings.Contains(print, "url(../images/"+b("images/logo.png")+")") {
		t.Errorf("print.css not rewritten:\n%s", print)
	}
	// The name covers the rewritten bytes.
	if got := fingerprintedName("css/site.css", files[renamed["css/site.css"]]); got != renamed["css/site.css"] {
		t.Errorf("site.css named %s, its content hashes to %s", renamed["css/site.css"], got)
	}
}

func TestCSSImportCycle(t *testing.T) {
	files := output.Files{
		"a.css": []byte(`@import "b.css"; body{}`),
		"b.css": []byte(`@import url(a.css); p{}`),
	}
	_, err := Fingerprint(files, testBase)
	if err == nil || !strings.Contains(err.Error(), "circle") {
		t.Fatalf("want a circular import error, got %v", err)
	}
}

// sameTree compares two parsed documents: the same elements with the same
// attributes in the same order, and the same text once whitespace is
// collapsed (exactly the same inside <pre> and <textarea>).
func sameTree(t *testing.T, p string, a, b *html.Node, pre bool) {
	t.Helper()
	kids := func(n *html.Node) []*html.Node {
		var out []*html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.CommentNode {
				continue
			}
			if c.Type == html.TextNode && !pre && strings.TrimSpace(c.Data) == "" {
				continue
			}
			out = append(out, c)
		}
		return out
	}
	if a.Type != b.Type || a.Type != html.TextNode && a.Data != b.Data {
		t.Errorf("%s: node %v %q became %v %q", p, a.Type, a.Data, b.Type, b.Data)
		return
	}
	if a.Type == html.TextNode {
		x, y := a.Data, b.Data
		if !pre {
			x, y = strings.Join(strings.Fields(x), " "), strings.Join(strings.Fields(y), " ")
		}
		if x != y {
			t.Errorf("%s: text %q became %q", p, a.Data, b.Data)
		}
		return
	}
	if x, y := normAttrs(a), normAttrs(b); x != y {
		t.Errorf("%s: <%s> attributes %v became %v", p, a.Data, x, y)
	}
	ka, kb := kids(a), kids(b)
	if len(ka) != len(kb) {
		t.Errorf("%s: <%s> had %d children, has %d", p, a.Data, len(ka), len(kb))
		return
	}
	pre = pre || a.Data == "pre" || a.Data == "textarea"
	for i := range ka {
		sameTree(t, p, ka[i], kb[i], pre)
	}
}

// normAttrs renders an element's attributes for comparison, allowing the two
// changes the HTML minifier makes that mean the same: spaces after commas in
// the viewport <meta> go, and an inline <svg> loses its xmlns attribute, which
// HTML parsers ignore.
func normAttrs(n *html.Node) string {
	var parts []string
	viewport := false
	for _, a := range n.Attr {
		if a.Key == "name" && a.Val == "viewport" {
			viewport = true
		}
	}
	for _, a := range n.Attr {
		if n.Data == "svg" && a.Key == "xmlns" {
			continue
		}
		v := a.Val
		if viewport && a.Key == "content" {
			v = strings.ReplaceAll(v, " ", "")
		}
		parts = append(parts, a.Namespace+":"+a.Key+"="+v)
	}
	return strings.Join(parts, " ")
}

func TestMinifyKeepsMeaning(t *testing.T) {
	files := fixture()
	orig := cloneFiles(files)
	if err := Minify(files); err != nil {
		t.Fatal(err)
	}
	for p := range orig {
		if !isHTML(p) {
			continue
		}
		if len(files[p]) >= len(orig[p]) {
			t.Errorf("%s: not smaller (%d → %d)", p, len(orig[p]), len(files[p]))
		}
		sameTree(t, p, parseHTML(t, orig[p]), parseHTML(t, files[p]), false)
	}
	// Chinese text keeps its line break (not turned into a space).
	if !strings.Contains(string(files["zh/index.html"]), "5964家，\n比上年") {
		t.Errorf("line break in Chinese text not kept:\n%s", files["zh/index.html"])
	}
	for _, p := range []string{"css/site.css", "js/site.js"} {
		if len(files[p]) >= len(orig[p]) {
			t.Errorf("%s not minified", p)
		}
	}
	// JSON means the same, numbers as written.
	var x, y any
	dx := json.NewDecoder(bytes.NewReader(orig["zh/2019/figures.json"]))
	dx.UseNumber()
	dy := json.NewDecoder(bytes.NewReader(files["zh/2019/figures.json"]))
	dy.UseNumber()
	if err := dx.Decode(&x); err != nil {
		t.Fatal(err)
	}
	if err := dy.Decode(&y); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(x) != fmt.Sprint(y) {
		t.Errorf("figures.json changed meaning: %v → %v", x, y)
	}
	// The stylesheet keeps its references.
	if refs := cssRefs(files["css/site.css"]); len(refs) != 6 {
		t.Errorf("minified site.css has %d URLs, want 6: %s", len(refs), files["css/site.css"])
	}
}

func TestMinifySyntaxError(t *testing.T) {
	files := output.Files{"js/bad.js": []byte("function (")}
	err := Minify(files)
	var l diag.List
	if !errors.As(err, &l) || len(l) != 1 || l[0].File != "js/bad.js" {
		t.Fatalf("want one diagnostic for js/bad.js, got %v", err)
	}
}

type sitemapXML struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc   string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		Links []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

func TestSitemapAndRobots(t *testing.T) {
	for _, minify := range []bool{false, true} {
		files := fixture()
		opt := fixtureOptions()
		opt.Minify, opt.Fingerprint = minify, true
		if err := Process(files, opt); err != nil {
			t.Fatal(err)
		}
		var sm sitemapXML
		if err := xml.Unmarshal(files["sitemap.xml"], &sm); err != nil {
			t.Fatalf("minify=%v: %v\n%s", minify, err, files["sitemap.xml"])
		}
		var locs []string
		for _, u := range sm.URLs {
			locs = append(locs, u.Loc)
			got := map[string]string{}
			for _, l := range u.Links {
				if l.Rel != "alternate" || !strings.HasPrefix(l.Href, testBase) {
					t.Errorf("%s: bad alternate %+v", u.Loc, l)
				}
				got[l.Hreflang] = l.Href
			}
			if len(got) != 3 || got["zh-Hans"] == "" || got["en"] == "" || got["x-default"] != testBase {
				t.Errorf("%s: alternates %v, want zh-Hans, en and x-default", u.Loc, got)
			}
		}
		want := []string{testBase, testBase + "en/", testBase + "en/2019/", testBase + "zh/", testBase + "zh/2019/"}
		if fmt.Sprint(locs) != fmt.Sprint(want) {
			t.Errorf("minify=%v: sitemap lists %v, want %v (sorted; no 404 or noindex print pages)", minify, locs, want)
		}
		if got := string(files["robots.txt"]); got != "User-agent: *\nAllow: /\n\nSitemap: "+testBase+"sitemap.xml\n" {
			t.Errorf("robots.txt:\n%s", got)
		}
	}
}

func TestHostFilesNeedBaseURL(t *testing.T) {
	err := Process(fixture(), Options{})
	if err == nil || !strings.Contains(err.Error(), "base URL") {
		t.Fatalf("want a base URL error, got %v", err)
	}
	if _, err := newSite("mzj.xm.gov.cn/report"); err == nil {
		t.Error("a relative base URL should be refused")
	}
}

func TestRobotsKeepsSiteOwn(t *testing.T) {
	s := mustSite(t)
	got := string(robots([]byte("User-agent: *\nDisallow: /drafts/"), s))
	if got != "User-agent: *\nDisallow: /drafts/\n\nSitemap: "+testBase+"sitemap.xml\n" {
		t.Errorf("got %q", got)
	}
	own := "User-agent: *\nSitemap: https://x/y.xml\n"
	if got := string(robots([]byte(own), s)); got != own {
		t.Errorf("robots.txt with a Sitemap line changed: %q", got)
	}
}

// headerRules parses a _headers file: pattern → header name → values.
func headerRules(t *testing.T, b []byte) (order []string, rules map[string]map[string][]string) {
	t.Helper()
	rules = map[string]map[string][]string{}
	var cur string
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case !strings.HasPrefix(line, " "):
			cur = line
			if rules[cur] != nil {
				t.Errorf("pattern %s twice", cur)
			}
			rules[cur] = map[string][]string{}
			order = append(order, cur)
		default:
			k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok || cur == "" {
				t.Fatalf("bad line %q", line)
			}
			rules[cur][k] = append(rules[cur][k], v)
		}
	}
	return order, rules
}

// checkHeaders checks that every path a host serves gets exactly one
// Cache-Control, and that a year of caching goes only to fingerprinted files.
func checkHeaders(t *testing.T, files output.Files, s *site, exact bool) (order []string, rules map[string]map[string][]string) {
	t.Helper()
	order, rules = headerRules(t, files["_headers"])
	if len(order) >= MaxHeaderRules {
		t.Errorf("%d rules, limit %d", len(order), MaxHeaderRules)
	}
	var paths []string
	for p := range files {
		if p != "_headers" && p != "_redirects" {
			paths = append(paths, p)
		}
	}
	tree := newPathTree(paths, s)
	for _, f := range tree.forms {
		var cc []string
		for pat, h := range rules {
			if patternMatches(pat, f.path) {
				cc = append(cc, h["Cache-Control"]...)
			}
		}
		fp := IsFingerprinted(f.file, files[f.file])
		want := CacheControl(f.file, fp)
		switch {
		case len(cc) > 1:
			t.Errorf("%s (%s): %d Cache-Control values %v", f.path, f.file, len(cc), cc)
		case exact && (len(cc) != 1 || cc[0] != want):
			t.Errorf("%s (%s): Cache-Control %v, want %q", f.path, f.file, cc, want)
		case len(cc) == 1 && cc[0] == CacheImmutable && !fp:
			t.Errorf("%s (%s): cached for a year but not fingerprinted", f.path, f.file)
		}
	}
	return order, rules
}

func TestHeaders(t *testing.T) {
	files := fixture()
	if err := Process(files, Options{BaseURL: testBase, Minify: true, Fingerprint: true, Precompress: true}); err != nil {
		t.Fatal(err)
	}
	s := mustSite(t)
	order, rules := checkHeaders(t, files, s, true)
	if order[0] != "/report/*" {
		t.Fatalf("first rule %q, want /report/*", order[0])
	}
	all := rules["/report/*"]
	if all["Content-Security-Policy"][0] != ContentSecurityPolicy ||
		all["X-Content-Type-Options"][0] != "nosniff" ||
		all["Referrer-Policy"][0] != "strict-origin-when-cross-origin" {
		t.Errorf("security headers: %v", all)
	}
	for _, dir := range []string{"css", "js", "images", "fonts"} {
		r := rules["/report/"+dir+"/*"]
		if r == nil || r["Cache-Control"][0] != CacheImmutable || r["Access-Control-Allow-Origin"][0] != "*" {
			t.Errorf("/report/%s/*: %v", dir, r)
		}
	}
	for _, want := range []string{"/report/", "/report/zh/2019/print/*"} {
		if r := rules[want]; r == nil || r["Cache-Control"][0] != CacheRevalidate {
			t.Errorf("%s: %v, want no-cache", want, r)
		}
	}
	for _, pat := range order {
		if HasFingerprintName(strings.TrimSuffix(pat, "*")) {
			t.Errorf("rule for a single fingerprinted file: %s", pat)
		}
	}
	t.Logf("%d rules:\n%s", len(order), files["_headers"])
}

// TestHeadersLargeSite checks the rule limit on a site with many years and
// sections, and images beside pages.
func TestHeadersLargeSite(t *testing.T) {
	for _, imagesBesidePages := range []bool{false, true} {
		files := fixture()
		for year := 2015; year <= 2024; year++ {
			for _, lang := range []string{"zh", "en"} {
				d := fmt.Sprintf("%s/%d/", lang, year)
				files[d+"index.html"] = []byte("<!DOCTYPE html><title>x</title>")
				files[d+"figures.csv"] = []byte("a,b\n")
				files[d+"figures.json"] = []byte("{}")
				files[d+"report.pdf"] = []byte("%PDF")
				files[d+"print/index.html"] = []byte("<!DOCTYPE html><title>x</title>")
				for sec := 0; sec < 12; sec++ {
					sd := fmt.Sprintf("%ssection-%d/", d, sec)
					files[sd+"index.html"] = []byte("<!DOCTYPE html><title>x</title>")
					if imagesBesidePages {
						files[sd+"photo.jpg"] = []byte(sd)
					}
				}
			}
		}
		if err := Process(files, Options{BaseURL: testBase, Fingerprint: true}); err != nil {
			t.Fatal(err)
		}
		order, _ := checkHeaders(t, files, mustSite(t), false)
		t.Logf("images beside pages %v: %d rules", imagesBesidePages, len(order))
	}
}

func TestHeadersAtRoot(t *testing.T) {
	files := output.Files{
		"index.html":    []byte("<!DOCTYPE html><title>x</title>"),
		"css/a.css":     []byte("body{}"),
		"zh/index.html": []byte("<!DOCTYPE html><title>x</title>"),
		"zh/404.html":   []byte("<!DOCTYPE html><title>x</title>"),
		"zh/data.csv":   []byte("a"),
		"zh/more.csv":   []byte("b"),
	}
	if err := Process(files, Options{BaseURL: "https://example.org", Fingerprint: true}); err != nil {
		t.Fatal(err)
	}
	s, _ := newSite("https://example.org")
	_, rules := checkHeaders(t, files, s, true)
	for _, want := range []string{"/*", "/css/*", "/", "/index.html", "/zh/404*", "/zh/*.csv"} {
		if rules[want] == nil {
			t.Errorf("no rule %s in\n%s", want, files["_headers"])
		}
	}
}

func TestCacheControl(t *testing.T) {
	for _, c := range []struct {
		p    string
		fp   bool
		want string
	}{
		{"css/site.3f9a2c1b.css", true, CacheImmutable},
		{"css/site.3f9a2c1b.css.br", true, CacheImmutable},
		{"zh/2019/index.html", false, CacheRevalidate},
		{"zh/2019/index.html.gz", false, CacheRevalidate},
		{"zh/2019/figures.csv", false, CacheDefault},
		{"robots.txt", false, CacheDefault},
	} {
		if got := CacheControl(c.p, c.fp); got != c.want {
			t.Errorf("CacheControl(%q, %v) = %q, want %q", c.p, c.fp, got, c.want)
		}
	}
	content := []byte("body{}")
	name := fingerprintedName("css/site.css", content)
	gz, _ := gzipBytes(content)
	br, _ := brotliBytes(content)
	if !IsFingerprinted(name, content) || !IsFingerprinted(name+".gz", gz) || !IsFingerprinted(name+".br", br) {
		t.Error("IsFingerprinted false for a fingerprinted file or its siblings")
	}
	if IsFingerprinted(name, []byte("changed")) || IsFingerprinted("css/site.css", content) ||
		IsFingerprinted("zh/report.3f9a2c1b.pdf", content) {
		t.Error("IsFingerprinted true for a file whose name does not match its content")
	}
}

func TestCSPViolations(t *testing.T) {
	bad := `<!DOCTYPE html>
<html><head><title>bad</title>
<script>alert(1)</script>
<style>p { color: red }</style>
<script src="https://cdn.example.com/x.js"></script>
<link rel="stylesheet" href="https://fonts.googleapis.com/css">
</head><body>
<div style="color: red">x</div>
<svg viewBox="0 0 1 1"><rect style="fill: red" width="1" height="1"/></svg>
<button onclick="go()">go</button>
<a href="javascript:void(0)">x</a>
<img src="https://other.example/x.png" alt="">
<object data="x.swf"></object>
</body></html>`
	ok := `<!DOCTYPE html>
<html><head><title>ok</title>
<script type="application/ld+json">{"@type": "Report"}</script>
<script src="/report/js/x.js"></script>
<script src="https://mzj.xm.gov.cn/report/js/y.js"></script>
<link rel="alternate" hreflang="en" href="https://elsewhere.example/en/">
</head><body style="">
<img src="data:image/png;base64,AAAA" alt="">
<a href="https://www.gov.cn/">elsewhere</a> <a href="mailto:mzj@xm.gov.cn">mail</a>
<script></script>
</body></html>`
	files := output.Files{
		"bad/index.html": []byte(bad),
		"ok/index.html":  []byte(ok),
		"css/bad.css":    []byte("@import url(https://fonts.googleapis.com/css2);\n@font-face { src: url(data:font/woff2;base64,AAAA) }\n.x { background: url(data:image/png;base64,AAAA) }\n"),
	}
	err := CheckCSP(files, testBase)
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("want a diag.List, got %v", err)
	}
	l.Sort()
	type found struct {
		file string
		line int
		what string
	}
	want := []found{
		{"bad/index.html", 3, "inline <script>"},
		{"bad/index.html", 4, "inline <style>"},
		{"bad/index.html", 5, "<script src="},
		{"bad/index.html", 6, "<link href="},
		{"bad/index.html", 8, "style attribute on <div>"},
		{"bad/index.html", 9, "style attribute on <rect>"},
		{"bad/index.html", 10, "onclick"},
		{"bad/index.html", 11, "javascript:"},
		{"bad/index.html", 12, "<img src="},
		{"bad/index.html", 13, "<object>"},
		{"css/bad.css", 1, "url(https://fonts.googleapis.com/css2)"},
		{"css/bad.css", 2, "url(data:font/woff2"},
	}
	if len(l) != len(want) {
		t.Errorf("got %d findings, want %d:\n%v", len(l), len(want), l)
	}
	for i := 0; i < len(l) && i < len(want); i++ {
		d, w := l[i], want[i]
		if d.File != w.file || d.Line != w.line || !strings.Contains(d.Msg, w.what) || d.Hint == "" {
			t.Errorf("finding %d: %s:%d %q (hint %q), want %s:%d containing %q", i, d.File, d.Line, d.Msg, d.Hint, w.file, w.line, w.what)
		}
	}
	// Process refuses to write _headers that would break the page.
	pf := output.Files{"index.html": []byte(bad)}
	if err := Process(pf, Options{BaseURL: testBase}); err == nil || !strings.Contains(err.Error(), "index.html:3") {
		t.Errorf("Process should fail naming the page, got %v", err)
	}
}

func TestFixturePassesCSP(t *testing.T) {
	if err := CheckCSP(fixture(), testBase); err != nil {
		t.Fatal(err)
	}
}

func TestPrecompress(t *testing.T) {
	big := []byte(strings.Repeat("<p>2019年全市社会组织5964家。</p>\n", 100))
	noise := make([]byte, 4000)
	x := uint32(1)
	for i := range noise {
		x = x*1664525 + 1013904223
		noise[i] = byte(x >> 24)
	}
	files := output.Files{
		"zh/index.html":  big,
		"css/small.css":  []byte("body{color:#111}"),
		"data/noise.txt": noise,
		"images/big.png": bytes.Repeat([]byte("png"), 1000),
		"_headers":       bytes.Repeat([]byte("# x\n"), 600),
	}
	if err := Precompress(files, ""); err != nil {
		t.Fatal(err)
	}
	var names []string
	for k := range files {
		names = append(names, k)
	}
	sort.Strings(names)
	want := "[_headers css/small.css data/noise.txt images/big.png zh/index.html zh/index.html.br zh/index.html.gz]"
	if fmt.Sprint(names) != want {
		t.Errorf("files %v, want %s", names, want)
	}
	zr, err := gzip.NewReader(bytes.NewReader(files["zh/index.html.gz"]))
	if err != nil {
		t.Fatal(err)
	}
	if zr.Name != "" || !zr.ModTime.IsZero() {
		t.Errorf("gzip header has name %q, time %v", zr.Name, zr.ModTime)
	}
	if got, _ := io.ReadAll(zr); !bytes.Equal(got, big) {
		t.Error("gzip round trip differs")
	}
	if got, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(files["zh/index.html.br"]))); !bytes.Equal(got, big) {
		t.Error("brotli round trip differs")
	}
	if len(files["zh/index.html.br"]) > len(files["zh/index.html.gz"]) {
		t.Errorf("brotli (%d) larger than gzip (%d)", len(files["zh/index.html.br"]), len(files["zh/index.html.gz"]))
	}
}

func TestDeterministic(t *testing.T) {
	opt := Options{BaseURL: testBase, Minify: true, Fingerprint: true, Precompress: true}
	first := fixture()
	if err := Process(first, opt); err != nil {
		t.Fatal(err)
	}
	for run := 0; run < 3; run++ {
		again := fixture()
		if err := Process(again, opt); err != nil {
			t.Fatal(err)
		}
		if len(again) != len(first) {
			t.Fatalf("run %d: %d files, first run %d", run, len(again), len(first))
		}
		for k, v := range first {
			if !bytes.Equal(again[k], v) {
				t.Errorf("run %d: %s differs", run, k)
			}
		}
	}
	for _, want := range []string{"sitemap.xml", "robots.txt", "_headers", "_redirects", "index.html.gz", "index.html.br"} {
		if _, ok := first[want]; !ok {
			t.Errorf("no %s", want)
		}
	}
}

// TestRedirectsKeepTraditionalApart: zh-Hans and zh-Hant share the primary
// subtag zh; the Traditional edition is matched by its whole tag, first.
func TestRedirectsKeepTraditionalApart(t *testing.T) {
	files := fixture()
	files["zh-hant/index.html"] = []byte(page("zh-Hant", "Home", testBase+"zh-hant/", nil, "../css/site.css", "../js/site.js", "<p>home</p>"))
	opt := fixtureOptions()
	opt.Languages = append(opt.Languages, Language{"zh-Hant", "zh-hant/index.html"})
	if err := Process(files, opt); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(files["_redirects"]), "\n") {
		if strings.Contains(l, "Language=") && !strings.HasPrefix(l, "#") {
			lines = append(lines, strings.Join(strings.Fields(l), " "))
		}
	}
	want := []string{
		"/report/ /report/zh-hant/ 302 Language=zh-hant",
		"/report/ /report/zh/ 302 Language=zh",
		"/report/ /report/en/ 302 Language=en",
	}
	if fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("_redirects:\n%s\nwant %q", files["_redirects"], want)
	}
}

func TestRedirects(t *testing.T) {
	files := fixture()
	if err := Process(files, fixtureOptions()); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(files["_redirects"]), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, strings.Join(strings.Fields(l), " "))
		}
	}
	want := []string{
		"/report/ /report/zh/ 302 Language=zh",
		"/report/ /report/en/ 302 Language=en",
		"/report/en/* /report/en/404.html 404",
		"/report/zh/* /report/zh/404.html 404",
	}
	if fmt.Sprint(lines) != fmt.Sprint(want) {
		t.Errorf("_redirects:\n%s\nwant %q", files["_redirects"], want)
	}
	if _, ok := files["index.html"]; !ok {
		t.Error("the entry page must stay")
	}
}

func TestLocal(t *testing.T) {
	s := mustSite(t)
	for _, c := range []struct {
		from, ref, want string
	}{
		{"zh/2019/index.html", "../../css/site.css", "css/site.css"},
		{"zh/2019/index.html", "/report/css/site.css?v=1#x", "css/site.css"},
		{"zh/2019/index.html", "/css/site.css", "css/site.css"},
		{"zh/2019/index.html", "https://mzj.xm.gov.cn/report/images/a.png", "images/a.png"},
		{"zh/2019/index.html", "//mzj.xm.gov.cn/report/images/a.png", "images/a.png"},
		{"zh/2019/index.html", " print/ ", "zh/2019/print/index.html"},
		{"zh/2019/index.html", "..", "zh/index.html"},
		{"zh/2019/index.html", "/report/", "index.html"},
		{"zh/2019/index.html", "https://mzj.xm.gov.cn/report", "index.html"},
		{"zh/2019/index.html", "images/%E5%9B%BE.png", "zh/2019/images/图.png"},
		{"index.html", "zh/", "zh/index.html"},
		{"index.html", "../../etc/passwd", ""},
		{"index.html", "https://example.com/report/a.png", ""},
		{"index.html", "mailto:a@b.c", ""},
		{"index.html", "data:image/png;base64,AA", ""},
		{"index.html", "#top", ""},
		{"index.html", "", ""},
	} {
		got, ok := s.local(c.from, c.ref)
		if !ok {
			got = ""
		}
		if got != c.want {
			t.Errorf("local(%q, %q) = %q, want %q", c.from, c.ref, got, c.want)
		}
	}
	// Rewriting keeps the form of the reference.
	for _, c := range []struct{ from, ref, nk, want string }{
		{"zh/a.html", "../css/site.css?v=1#x", "css/site.0123abcd.css", "../css/site.0123abcd.css?v=1#x"},
		{"zh/a.html", " /report/css/site.css ", "css/site.0123abcd.css", " /report/css/site.0123abcd.css "},
		{"zh/a.html", "images/%E5%9B%BE.png", "zh/images/图.0123abcd.png", "images/%E5%9B%BE.0123abcd.png"},
	} {
		if got := s.withHash(c.from, c.ref, c.nk); got != c.want {
			t.Errorf("withHash(%q) = %q, want %q", c.ref, got, c.want)
		}
	}
}

// TestApplyTagEdit checks that an edited tag reads back, with the tokenizer,
// as the edit meant, on markup the lexer reads as the tokenizer does and on
// markup it does not (the tag is then written anew).
func TestApplyTagEdit(t *testing.T) {
	tags := []string{
		`<a href=x>`,
		`<a href="x" title='y'>`,
		`<img src=a.png/>`,
		`<link rel=stylesheet href=/css/site.css />`,
		`<a =x href=y>`,
		`<a href = "x"  >`,
		`<a/href="x">`,
		`<input disabled value=1>`,
		`<a HREF="X" href="dup">`,
		`<svg viewBox="0 0 1 1">`,
		`<a href='x"y'>`,
		`<script src="a.js" async/>`,
		`<p a= >`,
		"<a\nhref\n=\n\"x\"\n>",
		`<img alt="厦门" src="a.png">`,
		`<a href="a&amp;b">`,
	}
	for _, tag := range tags {
		z := html.NewTokenizer(strings.NewReader(tag))
		tt := z.Next()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			t.Fatalf("%s: %v", tag, tt)
		}
		raw := append([]byte(nil), z.Raw()...)
		name, attrs := tokenAttrs(z)
		e := &tagEdit{}
		want := map[string]string{}
		for _, a := range attrs {
			v := `N&"'` + a.Key
			e.setAttr(a.Key, v)
			want[a.Key] = v
		}
		e.add = append(e.add, html.Attribute{Key: "integrity", Val: "sha384-abc"})
		want["integrity"] = "sha384-abc"
		out := applyTagEdit(raw, name, attrs, e)
		z2 := html.NewTokenizer(bytes.NewReader(out))
		if tt2 := z2.Next(); tt2 != tt {
			t.Errorf("%s → %s: token type %v, was %v", tag, out, tt2, tt)
		}
		_, attrs2 := tokenAttrs(z2)
		got := map[string]string{}
		for _, a := range attrs2 {
			got[a.Key] = a.Val
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s → %s: attributes %v, want %v", tag, out, got, want)
		}
	}
}

func TestSrcset(t *testing.T) {
	fn := func(u string) (string, bool) { return strings.ToUpper(u), true }
	for in, want := range map[string]string{
		"a.png 1x, b.png 2x":          "A.PNG 1x, B.PNG 2x",
		"a.png,b.png 2x":              "A.PNG,B.PNG 2x",
		" a.png 100w , b.png 200w ":   " A.PNG 100w , B.PNG 200w ",
		"data:image/png;base64,AA 1x": "DATA:IMAGE/PNG;BASE64,AA 1x",
	} {
		if got, _ := rewriteSrcset(in, fn); got != want {
			t.Errorf("rewriteSrcset(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNoscriptAndStyleRewritten(t *testing.T) {
	files := output.Files{
		"zh/index.html": []byte(`<!DOCTYPE html><html><head><title>x</title></head><body>
<noscript><img src="../images/a.png" alt=""></noscript>
<img src="http://mzj.xm.gov.cn/report/images/a.png" alt="">
<svg><use xlink:href="/report/images/icons.svg#home"></use></svg>
</body></html>`),
		"images/a.png":     []byte("a"),
		"images/icons.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg"><symbol id="home"/></svg>`),
	}
	renamed, err := Fingerprint(files, testBase)
	if err != nil {
		t.Fatal(err)
	}
	got := string(files["zh/index.html"])
	for _, want := range []string{
		`<noscript><img src="../` + renamed["images/a.png"] + `" alt=""></noscript>`,
		`src="http://mzj.xm.gov.cn/report/` + renamed["images/a.png"] + `"`,
		`xlink:href="/report/` + renamed["images/icons.svg"] + `#home"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %s in\n%s", want, got)
		}
	}
	bad := output.Files{"a.html": []byte("<!DOCTYPE html><title>x</title>\n<noscript>\n<p style=\"color:red\">x</p></noscript>")}
	err = CheckCSP(bad, testBase)
	var l diag.List
	if !errors.As(err, &l) || len(l) != 1 || l[0].Line != 3 {
		t.Errorf("want one finding on line 3 inside <noscript>, got %v", err)
	}
}
