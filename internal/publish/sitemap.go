package publish

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/output"
)

// headLinks is what a page's <head> says about its URL and translations.
type headLinks struct {
	canonical  string      // absolute; "" when the page has none
	alternates []alternate // in document order, absolute hrefs
	noindex    bool
}

type alternate struct {
	hreflang, href string
}

// readHead reads the canonical and hreflang links and the robots meta of the
// page p, resolving relative hrefs against the page's own URL.
func (s *site) readHead(p string, src []byte) headLinks {
	// The quick scan reads the tags as the tokenizer does (see walkTags);
	// where it gives up, the tokenizer reads the page.
	if h, ok := s.readHeadQuick(p, src); ok {
		return h
	}
	return s.readHeadTokens(p, src)
}

// readHeadQuick is readHead on walkTags; ok is false where walkTags gives up.
func (s *site) readHeadQuick(p string, src []byte) (h headLinks, ok bool) {
	r := headReader{page: s.pageURL(p), h: &h}
	var attrs []html.Attribute
	good := true
	walked := walkTags(src, func(t *tagToken) bool {
		name := string(t.name)
		if t.endTag {
			return name != "head"
		}
		if name != "body" && name != "link" && name != "meta" {
			return true
		}
		if attrs, _, good = t.attributes(src, attrs); !good {
			return false
		}
		return r.tag(name, attrs)
	})
	return h, walked && good
}

// readHeadTokens is readHead on the tokenizer.
func (s *site) readHeadTokens(p string, src []byte) headLinks {
	var h headLinks
	r := headReader{page: s.pageURL(p), h: &h}
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.EndTagToken {
			if n, _ := z.TagName(); string(n) == "head" {
				break
			}
			continue
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		if !r.tag(tokenAttrs(z)) {
			break
		}
	}
	return h
}

// headReader collects a page's headLinks from its start tags.
type headReader struct {
	page *url.URL
	h    *headLinks
}

// tag reads one start tag; it returns false at <body>, where the head ends.
func (r headReader) tag(name string, attrs []html.Attribute) (more bool) {
	abs := func(ref string) string {
		u, err := url.Parse(strings.Trim(ref, htmlSpace))
		if err != nil {
			return ""
		}
		return r.page.ResolveReference(u).String()
	}
	h := r.h
	switch name {
	case "body":
		return false
	case "link":
		rel := relTokens(attrs)
		href, ok := attrVal(attrs, "href")
		if !ok {
			return true
		}
		if rel["canonical"] && h.canonical == "" {
			h.canonical = abs(href)
		}
		if lang, ok := attrVal(attrs, "hreflang"); ok && rel["alternate"] && strings.TrimSpace(lang) != "" {
			h.alternates = append(h.alternates, alternate{strings.TrimSpace(lang), abs(href)})
		}
	case "meta":
		n, _ := attrVal(attrs, "name")
		if n = strings.ToLower(strings.TrimSpace(n)); n == "robots" || n == "googlebot" {
			c, _ := attrVal(attrs, "content")
			for _, t := range strings.FieldsFunc(strings.ToLower(c), func(r rune) bool { return r == ',' || r == ' ' }) {
				if t == "noindex" || t == "none" {
					h.noindex = true
				}
			}
		}
	}
	return true
}

// Sitemap returns sitemap.xml for the pages in files, in Google's format for
// translated pages: every page that has a <link rel="canonical"> and is not
// marked noindex is listed at its canonical URL, with an
// <xhtml:link rel="alternate" hreflang="…"> for each of its own hreflang
// links (zh-Hans, en, x-default). URLs are absolute, sorted, without dates.
func Sitemap(files output.Files, baseURL string) ([]byte, error) {
	s, err := newSite(baseURL)
	if err != nil {
		return nil, err
	}
	return sitemap(files, s)
}

func sitemap(files output.Files, s *site) ([]byte, error) {
	if err := s.requireBase("sitemap.xml"); err != nil {
		return nil, err
	}
	type entry struct {
		loc  string
		alts map[string]string // hreflang → href
	}
	var pages []string
	for _, p := range sortedKeys(files) {
		if isHTML(p) {
			pages = append(pages, p)
		}
	}
	// Read the heads on all cores, then merge them in path order.
	heads := make([]headLinks, len(pages))
	parallel(len(pages), func(i int) { heads[i] = s.readHead(pages[i], files[pages[i]]) })
	entries := map[string]*entry{}
	for _, h := range heads {
		if h.noindex || h.canonical == "" {
			continue
		}
		e := entries[h.canonical]
		if e == nil {
			e = &entry{loc: h.canonical, alts: map[string]string{}}
			entries[h.canonical] = e
		}
		for _, a := range h.alternates {
			if _, dup := e.alts[a.hreflang]; !dup && a.href != "" {
				e.alts[a.hreflang] = a.href
			}
		}
	}
	locs := make([]string, 0, len(entries))
	for l := range entries {
		locs = append(locs, l)
	}
	sort.Strings(locs)

	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	esc := func(v string) {
		_ = xml.EscapeText(&b, []byte(v))
	}
	for _, l := range locs {
		e := entries[l]
		b.WriteString("  <url>\n    <loc>")
		esc(e.loc)
		b.WriteString("</loc>\n")
		langs := make([]string, 0, len(e.alts))
		for k := range e.alts {
			langs = append(langs, k)
		}
		sort.Strings(langs)
		for _, lang := range langs {
			b.WriteString(`    <xhtml:link rel="alternate" hreflang="`)
			esc(lang)
			b.WriteString(`" href="`)
			esc(e.alts[lang])
			b.WriteString("\"/>\n")
		}
		b.WriteString("  </url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes(), nil
}

// Robots returns robots.txt allowing everything and pointing to the sitemap.
func Robots(baseURL string) ([]byte, error) {
	s, err := newSite(baseURL)
	if err != nil {
		return nil, err
	}
	if err := s.requireBase("robots.txt"); err != nil {
		return nil, err
	}
	return robots(nil, s), nil
}

// robots returns robots.txt: the site's own when it has one (with a Sitemap
// line added if it lacks one), otherwise one that allows everything.
func robots(existing []byte, s *site) []byte {
	sm := "Sitemap: " + s.baseString() + sitemapFile + "\n"
	if len(bytes.TrimSpace(existing)) == 0 {
		return []byte("User-agent: *\nAllow: /\n\n" + sm)
	}
	for _, line := range strings.Split(string(existing), "\n") {
		if strings.HasPrefix(strings.ToLower(strings.TrimSpace(line)), "sitemap:") {
			return existing
		}
	}
	out := append([]byte{}, existing...)
	if !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	return append(append(out, '\n'), sm...)
}
