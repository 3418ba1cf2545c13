package publish

import (
	"bytes"
	"encoding/xml"
	"net/url"
	"slices"
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
	var h headLinks
	r := headReader{site: s, path: p, h: &h}
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
	site *site
	path string // the page's
	h    *headLinks
}

// tag reads one start tag; it returns false at <body>, where the head ends.
func (r headReader) tag(name string, attrs []html.Attribute) (more bool) {
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
		if rel.has("canonical") && h.canonical == "" {
			h.canonical = r.abs(href)
		}
		if lang, ok := attrVal(attrs, "hreflang"); ok && rel.has("alternate") && strings.TrimSpace(lang) != "" {
			h.alternates = append(h.alternates, alternate{strings.TrimSpace(lang), r.abs(href)})
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

// abs is ref resolved against the page's URL, "" when it does not parse.
func (r headReader) abs(ref string) string {
	ref = strings.Trim(ref, htmlSpace)
	if plainAbsURL(ref) {
		return ref // as the renderer writes them, and as url would give them back
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	return r.site.pageURL(r.path).ResolveReference(u).String()
}

// plainAbsURL reports whether ref is an absolute http(s) URL that parsing,
// resolving and printing give back unchanged: a lower-case scheme and host
// without port or user, and a path of unreserved characters and slashes
// without "." or ".." segments, query or fragment.
func plainAbsURL(ref string) bool {
	rest, ok := strings.CutPrefix(ref, "https://")
	if !ok {
		if rest, ok = strings.CutPrefix(ref, "http://"); !ok {
			return false
		}
	}
	host, path, _ := strings.Cut(rest, "/")
	if host == "" {
		return false
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	seg := 0 // where the path segment at i starts
	for i := 0; i <= len(path); i++ {
		if i == len(path) || path[i] == '/' {
			if s := path[seg:i]; s == "." || s == ".." {
				return false
			}
			seg = i + 1
			continue
		}
		if c := path[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
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
		alts []alternate // the first href of each hreflang
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
	entries := make(map[string]*entry, len(heads))
	var locs []string
	for _, h := range heads {
		if h.noindex || h.canonical == "" {
			continue
		}
		e := entries[h.canonical]
		if e == nil {
			e = &entry{loc: h.canonical}
			entries[h.canonical] = e
			locs = append(locs, h.canonical)
		}
		for _, a := range h.alternates {
			if a.href != "" && !slices.ContainsFunc(e.alts, func(b alternate) bool { return b.hreflang == a.hreflang }) {
				e.alts = append(e.alts, a)
			}
		}
	}
	sort.Strings(locs)

	var b bytes.Buffer
	b.Grow(len(locs) * 400) // a page and its translations
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, l := range locs {
		e := entries[l]
		b.WriteString("  <url>\n    <loc>")
		escapeXML(&b, e.loc)
		b.WriteString("</loc>\n")
		slices.SortFunc(e.alts, func(x, y alternate) int { return strings.Compare(x.hreflang, y.hreflang) })
		for _, a := range e.alts {
			b.WriteString(`    <xhtml:link rel="alternate" hreflang="`)
			escapeXML(&b, a.hreflang)
			b.WriteString(`" href="`)
			escapeXML(&b, a.href)
			b.WriteString("\"/>\n")
		}
		b.WriteString("  </url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes(), nil
}

// escapeXML writes v to b as xml.EscapeText does, without copying the
// URLs and language tags that need no escaping, which are all of them.
func escapeXML(b *bytes.Buffer, v string) {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c >= 0x7f || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' {
			_ = xml.EscapeText(b, []byte(v))
			return
		}
	}
	b.WriteString(v)
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
