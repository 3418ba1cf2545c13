package publish

import (
	"math/rand/v2"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// cspBroken is markup that breaks the policy, much of it in ways the
// tokenizer's rules hide from a naive reading.
var cspBroken = []string{
	`<p>x</p><script>alert(1)</script>`,
	`<script type="module">import "x"</script>`,
	`<style>p{}</style>`,
	`<svg><style>p{}</style></svg>`,
	`<div style="color:red">`,
	`<div STYLE = 'color:red'>`,
	`<svg><rect style="fill:red"/></svg>`,
	`<button onclick="go()">`,
	`<a/onclick=x>`,
	`<a ONCLICK=x>`,
	`<a title='>' onclick=x>`,
	`<a title=">" onmouseover='x'>`,
	`<a href="javascript:alert(1)">`,
	`<A HREF="JavaScript:alert(1)">`,
	`<a href="  javascript:alert(1)">`,
	`<a href=javascript:alert(1)>`,
	`<a href="java&#115;cript:alert(1)">`,
	`<a href="&#106;avascript:alert(1)">`,
	`<a href="javascript:x" href="y">`,
	"<a\rhref=javascript:x>",
	`<a xlink:href="javascript:x">`,
	`<form action="javascript:x">`,
	`<button formaction="javascript:x">`,
	`<img src="https://evil.example/x.png" alt="">`,
	`<img srcset="a.png 1x, https://evil.example/x.png 2x">`,
	`<image href="https://evil.example/x.png"/>`,
	`<source src="https://evil.example/x.webm">`,
	`<input type=image src=https://evil.example/x>`,
	`<input formaction=https://evil.example/>`,
	`<video poster="https://evil.example/x.png">`,
	`<audio src="https://evil.example/x.mp3">`,
	`<track src="https://evil.example/x.vtt">`,
	`<iframe src="https://evil.example/"></iframe>`,
	`<frame src="https://evil.example/">`,
	`<object data="x.swf"></object>`,
	`<EMBED src=x.swf>`,
	`<applet code=x>`,
	`<form action="https://evil.example/">`,
	`<base href="https://evil.example/">`,
	`<link rel=stylesheet href=//evil.example/x.css>`,
	`<link rel="icon" href="https://evil.example/i.png">`,
	`<link rel="preload stylesheet" href="data:text/css,p{}">`,
	`<link REL="Alternate StyleSheet" href="//evil.example/x.css">`,
	"<link rel=\"alternate\fstylesheet\" href=\"https://evil.example/x.css\">",
	`<link rel="canonical" href="javascript:x">`,
	`<link rel="canonical" onload="x()" href="/x/">`,
	`<link rel="canonical" rel="icon" href="https://evil.example/i.png"><link rel="icon" rel="canonical" href="https://evil.example/i.png">`,
	`<link rel="&#105;con" href="https://evil.example/i.png">`,
	`<script src="https://cdn.example.com/x.js"></script>`,
	`<script src="data:text/javascript,alert(1)"></script>`,
	`<noscript><img src="https://evil.example/x.png"></noscript>`,
	`<xmp><a title="</xmp><script>alert(1)</script>"></xmp>`,
	`<textarea><a title="</textarea><a onclick=x>"></textarea>`,
	`<title><a title="</title><a onclick=x>"></title>`,
	`<title>x</title ><a onclick=x>`,
	`<title>x</TITLE/><a onclick=x>`,
	`<script src=x.js></script ><a onclick=x>`,
	`<!-- --><script>alert(1)</script>`,
	`<!--><a onclick=x>-->`,
	`<!---><a onclick=x>-->`,
	`<!DOCTYPE html><a onclick=x>`,
	`<!doctype html ><a onclick=x>`,
	`<?xml version="1.0"?><a onclick=x>`,
	`</ p><a onclick=x>`,
	`</><a onclick=x>`,
	`</p title=">"><a onclick=x>`,
	`<a =x onclick=y>`,
	`<p>< a onclick=x><a onclick=y>`,
	`<p a= ><a onclick=x>`,
	"<a\nonclick\n=\nx>",
	`<svg><![CDATA[x]]><a onclick=x></svg>`,
	"x\x00<a onclick=y>",
	"<a on\x00click=y>",
	"<a x=\x00 onclick=y>",
	"<title>\x00</title><a onclick=y>",
	"<script>\x00</script>",
}

// cspOther is markup that passes, sometimes only because the tokenizer
// hides what looks like a violation, and pages cut short.
var cspOther = []string{
	"<a href=\"java\x00script:x\">",
	"<scr\x00ipt>alert(1)</script>",
	"<a href=\"java\rscript:x\">", // java\nscript: is no scheme
	`<a href=x></a onclick=y>`,
	`</ a onclick=x>`,
	`<a href="x" HREF="javascript:alert(1)">`,
	`<title><a onclick=x></title>`,
	`<title>x</titlex><a onclick=x></title>`,
	`<script/>alert(1)</script>`,
	`<script src=x.js>alert(1)</script>`,
	`<script type="application/ld+json">{"a": 1}</script>`,
	`<p><?php echo '<a onclick=x>' ?>`,
	`<svg><![CDATA[<a onclick=x>]]></svg>`,
	`<!-- <script>alert(1)</script> -->`,
	`<a =onclick=x>`,
	`<a href="#x" class="y">z</a>`,
	`<a href="/report/zh/">x</a><a href="mailto:a@b">m</a>`,
	`<img src="data:image/png;base64,AAAA" alt="">`,
	`<link rel="canonical" href="https://elsewhere.example/">`,
	`<link rel="alternate" hreflang="en" href="https://elsewhere.example/en/">`,
	`<link rel="canonical" rel="icon" href="https://elsewhere.example/">`,
	`<link rel="ſtylesheet" href="https://elsewhere.example/x.css">`,
	`<div style="">x</div><div style="  ">y</div>`,
	`<script src="/report/js/site.js" defer></script>`,
	`<script src="/report/js/site.js">  </script>`,
	"<p>a &amp; b</p><a href=\"/x?a=1&amp;b=2\">x</a>",
	`<a href="x">`,
	`<a onclick=x`,
	`<a href='x' onclick="y`,
	`<script>`,
	`<title>x`,
	`<`,
	`</`,
	`<!`,
	`<!-`,
	`<?`,
}

// fixturePages are the HTML pages of the fixture site, in path order.
func fixturePages() []string {
	files := fixture()
	var pages []string
	for _, p := range sortedKeys(files) {
		if isHTML(p) {
			pages = append(pages, string(files[p]))
		}
	}
	return pages
}

// TestCSPCleanNeverPassesViolations runs cspClean and cspHTML on the corpus,
// on pages shaped like the renderer's, and on thousands of mutations of
// them: whenever cspClean passes a page, cspHTML must find nothing in it.
func TestCSPCleanNeverPassesViolations(t *testing.T) {
	s, err := newSite(testBase)
	if err != nil {
		t.Fatal(err)
	}
	pages := fixturePages()
	for _, p := range pages {
		// Every page the renderer makes should take the quick path.
		if !s.cspClean([]byte(p)) {
			t.Errorf("cspClean gives up on a clean page:\n%s", p)
		}
	}
	check := func(src string) {
		t.Helper()
		if s.cspClean([]byte(src)) {
			if errs := s.cspHTML("x.html", []byte(src), []byte(src), 0); len(errs) > 0 {
				t.Fatalf("cspClean passes a page cspHTML faults (%v):\n%s", errs, src)
			}
		}
	}
	for _, src := range cspBroken {
		if errs := s.cspHTML("x.html", []byte(src), []byte(src), 0); len(errs) == 0 {
			t.Errorf("cspHTML finds nothing in %q, which is in cspBroken", src)
		}
	}
	corpus := append(append([]string{}, cspBroken...), cspOther...)
	for _, src := range corpus {
		check(src)
		for _, p := range pages[:1] {
			check(p + src)
			check(strings.Replace(p, "<body>", "<body>"+src, 1))
		}
	}
	// Mutations: splice corpus pieces and markup fragments into pages and
	// snippets at random places, and cut them short.
	pieces := append([]string{"<", ">", "/", "\"", "'", "=", " ", "\r", "\n", "\x00", "&", "-", "!", "?",
		"<!--", "-->", "<script>", "</script>", "<title>", "</title>", "<style>", "on", "onclick=x ",
		"style=a ", "href=", "javascript:", "https://evil.example/", "<a ", "<img src=", "</"}, corpus...)
	r := rand.New(rand.NewPCG(5, 6))
	sources := append(append([]string{}, corpus...), pages...)
	passed := 0
	for range 40000 {
		src := sources[r.IntN(len(sources))]
		for range 1 + r.IntN(4) {
			at := r.IntN(len(src) + 1)
			switch r.IntN(4) {
			case 0: // cut
				src = src[:at]
			case 1: // delete a few bytes
				end := min(len(src), at+1+r.IntN(8))
				src = src[:at] + src[end:]
			default: // insert
				src = src[:at] + pieces[r.IntN(len(pieces))] + src[at:]
			}
		}
		if s.cspClean([]byte(src)) {
			passed++
		}
		check(src)
	}
	if passed < 1000 {
		t.Errorf("cspClean passed only %d mutated pages: the test hardly exercises it", passed)
	}
}

func FuzzCSPClean(f *testing.F) {
	for _, src := range append(append([]string{}, cspBroken...), cspOther...) {
		f.Add(src)
	}
	for _, p := range fixturePages() {
		f.Add(p)
	}
	s, err := newSite(testBase)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if s.cspClean([]byte(src)) {
			if errs := s.cspHTML("x.html", []byte(src), []byte(src), 0); len(errs) > 0 {
				t.Fatalf("cspClean passes a page cspHTML faults (%v)", errs)
			}
		}
	})
}

// TestCSPCleanSkipsOnlyHarmlessTags checks the premise of cspClean's
// shortcut: on an element cspElement does not name, with no attribute
// cspAttr names, cspTag reports nothing, whatever the other attributes say.
func TestCSPCleanSkipsOnlyHarmlessTags(t *testing.T) {
	s, err := newSite(testBase)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"a", "div", "svg", "path", "rect", "meta", "p", "span", "object-x", "imgs", "scripts", "noscript2", "template", "math", "picture", "use", "feimage", "portal", "fencedframe", "model", "area", "html", "body", "head"}
	values := []string{"https://evil.example/x", "data:x", "javascript:x", "//evil.example/x", "image", "stylesheet icon preload", "a.png 1x, https://evil.example/y 2x"}
	keys := []string{"srcset", "imagesrcset", "poster", "rel", "type", "data", "code", "background", "codebase", "content", "ping", "cite", "longdesc", "manifest", "lowsrc", "dynsrc", "archive", "classid", "profile", "usemap", "icon", "itemtype", "formtarget"}
	for _, name := range names {
		if cspElement(name) {
			continue
		}
		for _, key := range keys {
			if cspAttr(key) {
				t.Fatalf("%s is checked everywhere; list a key that is not", key)
			}
			for _, v := range values {
				src := "<" + name + " " + key + `="` + v + `">`
				if errs := s.cspHTML("x.html", []byte(src), []byte(src), 0); len(errs) > 0 {
					t.Errorf("%s: cspTag reports %v, but cspClean would skip the tag", src, errs)
				}
			}
		}
	}
}

// headCorpus is <head> markup for readHead's quick path to get right.
var headCorpus = []string{
	`<link rel="canonical" href="https://mzj.xm.gov.cn/report/zh/2019/">`,
	`<link rel=canonical href=../x/>`,
	`<LINK REL="Canonical Alternate" HREFLANG="en" HREF="/report/en/">`,
	`<link rel="alternate" hreflang=" zh-Hans " href="x?a=1&amp;b=2">`,
	`<link rel="alternate" hreflang="en" href="&#x2f;report/en/">`,
	"<link rel=\"alternate\"\rhreflang=\"en\" href=\"/en/\">",
	`<link rel="canonical" href="a" href="b">`,
	`<link rel="canonical">`,
	`<meta name="robots" content="noindex, follow">`,
	`<meta name=GoogleBot content=NONE>`,
	`<meta name="robots" content="index">`,
	`<title><link rel=canonical href=/t/></title>`,
	`<title>x</title ><link rel=canonical href=/t/>`,
	`<script src="/js/x.js"></script><link rel=canonical href=/s/>`,
	`<script>var a = "<link rel=canonical href=/s/>";</script>`,
	`<style>a{}</style><link rel=canonical href=/st/>`,
	`<!-- <link rel=canonical href=/c/> -->`,
	`</head><link rel=canonical href=/after/>`,
	`</HEAD ><link rel=canonical href=/after/>`,
	`<body><link rel=canonical href=/body/>`,
	`<BODY class=x>`,
	`<noscript><link rel=canonical href=/n/></noscript>`,
	`<link rel="alternate" hreflang="x-default" href="https://mzj.xm.gov.cn/report/">`,
	`<link rel="alternate" hreflang="en" href="https://[bad/">`,
	"<link rel=\"canonical\" href=\"/a\x00b/\">",
	"<li\x00nk rel=canonical href=/x/>",
	"</he\x00ad><link rel=canonical href=/x/>",
}

// TestReadHeadQuickAgrees checks that where the quick scan reads a page's
// head, it reads what the tokenizer reads, on pages shaped like the
// renderer's, with head markup spliced in, and on thousands of mutations.
func TestReadHeadQuickAgrees(t *testing.T) {
	s, err := newSite(testBase)
	if err != nil {
		t.Fatal(err)
	}
	pages := fixturePages()
	for _, p := range pages {
		if _, ok := s.readHeadQuick("zh/index.html", []byte(p)); !ok {
			t.Errorf("the quick scan gives up on a page the renderer made:\n%s", p)
		}
	}
	check := func(src string) bool {
		t.Helper()
		quick, ok := s.readHeadQuick("zh/2019/index.html", []byte(src))
		if ok {
			if slow := s.readHeadTokens("zh/2019/index.html", []byte(src)); !reflect.DeepEqual(quick, slow) {
				t.Fatalf("quick scan reads %+v, the tokenizer %+v, in:\n%s", quick, slow, src)
			}
		}
		return ok
	}
	var sources []string
	for _, h := range headCorpus {
		for _, p := range pages[:2] {
			sources = append(sources, strings.Replace(p, "<head>", "<head>"+h, 1), strings.Replace(p, "</head>", h+"</head>", 1))
		}
	}
	sources = append(sources, pages...)
	for _, src := range sources {
		check(src)
	}
	pieces := append([]string{"<", ">", "/", "\"", "'", "=", " ", "\r", "\x00", "&amp;", "<!--", "-->", "</head>", "<body>",
		"<title>", "</title>", "<script>", "</script>", "rel=canonical ", "hreflang=en ", "href=/x/ "}, headCorpus...)
	r := rand.New(rand.NewPCG(7, 8))
	quick := 0
	for range 20000 {
		src := sources[r.IntN(len(sources))]
		head := strings.Index(src, "</head>") + len("</head>")
		for range 1 + r.IntN(3) {
			at := r.IntN(max(head, 1))
			if r.IntN(4) == 0 {
				src = src[:at] + src[min(len(src), at+1+r.IntN(8)):]
			} else {
				src = src[:at] + pieces[r.IntN(len(pieces))] + src[at:]
			}
		}
		if check(src) {
			quick++
		}
	}
	if quick < 5000 {
		t.Errorf("the quick scan read only %d of the mutated pages: the test hardly exercises it", quick)
	}
}

func FuzzReadHead(f *testing.F) {
	for _, h := range headCorpus {
		f.Add("<!DOCTYPE html><html><head>" + h + "</head><body></body></html>")
	}
	s, err := newSite(testBase)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if quick, ok := s.readHeadQuick("zh/index.html", []byte(src)); ok {
			if slow := s.readHeadTokens("zh/index.html", []byte(src)); !reflect.DeepEqual(quick, slow) {
				t.Fatalf("quick scan reads %+v, the tokenizer %+v", quick, slow)
			}
		}
	})
}

// TestPlainAbsURL checks readHead's shortcut: a URL plainAbsURL passes is
// what parsing and resolving it against a page would give.
func TestPlainAbsURL(t *testing.T) {
	page, err := url.Parse("https://mzj.xm.gov.cn/report/zh/2019/x/")
	if err != nil {
		t.Fatal(err)
	}
	passed := 0
	check := func(ref string) {
		t.Helper()
		if !plainAbsURL(ref) {
			return
		}
		passed++
		u, err := url.Parse(ref)
		if err != nil {
			t.Fatalf("plainAbsURL passes %q, which does not parse: %v", ref, err)
		}
		if got := page.ResolveReference(u).String(); got != ref {
			t.Fatalf("plainAbsURL passes %q, which resolves to %q", ref, got)
		}
	}
	refs := []string{
		"https://mzj.xm.gov.cn/report/zh/2019/", "http://mzj.xm.gov.cn", "https://mzj.xm.gov.cn/",
		"https://a.example/a//b/", "https://a.example/./a", "https://a.example/a/..", "https://a.example/a/../b",
		"https://A.example/", "HTTPS://a.example/", "https://a.example:443/", "https://u@a.example/",
		"https://a.example/%41", "https://a.example/a?b", "https://a.example/a#b", "https://a.example/厦门/",
		"https://a.example/a b", "https:///a", "https://", "https://a.example/~x_y-z.html", "//a.example/",
	}
	for _, ref := range refs {
		check(ref)
	}
	if !plainAbsURL(refs[0]) {
		t.Errorf("plainAbsURL refuses %q, which the renderer writes", refs[0])
	}
	// Random URLs from the characters that matter.
	pieces := []string{"https://", "http://", "a", "B", ".", "..", "/", "//", "-", "_", "~", "%2e", "?", "#", ":", "@", "1"}
	r := rand.New(rand.NewPCG(9, 10))
	for range 100000 {
		ref := "https://"
		if r.IntN(4) == 0 {
			ref = ""
		}
		for range 1 + r.IntN(10) {
			ref += pieces[r.IntN(len(pieces))]
		}
		check(ref)
	}
	if passed < 1000 {
		t.Errorf("plainAbsURL passed only %d URLs: the test hardly exercises it", passed)
	}
}

// TestKeyClass checks that keyClass sorts keys, in any case, as cspTag
// reads them.
func TestKeyClass(t *testing.T) {
	keys := []string{"on", "onx", "onclick", "ONMOUSEOVER", "oN", "o", "one", "style", "Style", "src", "SRC",
		"href", "hreflang", "xlink:href", "XLink:Href", "action", "formaction", "formAction", "class", "scope",
		"sty", "styles", "srcset", "x", "", "onaveryveryverylongeventname", "xlink:hre", "formactio"}
	r := rand.New(rand.NewPCG(11, 12))
	letters := "onstylrchfxkamiOSHXAF:-"
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteByte(letters[r.IntN(len(letters))])
		}
		keys = append(keys, b.String())
	}
	for _, k := range keys {
		lower := strings.ToLower(k)
		var want uint8
		switch {
		case isEventHandler(lower):
			want = keyEvent
		case lower == "style":
			want = keyStyle
		case scriptURLAttr(lower):
			want = keyURL
		}
		if got := keyClass([]byte(k)); got != want {
			t.Errorf("keyClass(%q) = %d, want %d", k, got, want)
		}
		if (want != 0) != cspAttr(lower) {
			t.Errorf("%q: keyClass and cspAttr disagree", k)
		}
	}
}

// TestEscapePath checks escapePath's shortcut against net/url.
func TestEscapePath(t *testing.T) {
	pieces := []string{"a", "Z", "0", "-", ".", "_", "~", "/", "*", " ", "%", "?", "#", "厦", ":", "@", "+", "&", "!"}
	r := rand.New(rand.NewPCG(13, 14))
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		p := b.String()
		if got, want := escapePath(p), (&url.URL{Path: p}).EscapedPath(); got != want {
			t.Fatalf("escapePath(%q) = %q, want %q", p, got, want)
		}
	}
}
