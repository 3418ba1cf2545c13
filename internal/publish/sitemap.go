package publish

import (
	"bytes"
	"encoding/xml"
	"slices"
	"sort"
	"strings"
)

// Sitemap is sitemap.xml in Google's format for translated pages: every
// page of Options.Pages at its URL, with an <xhtml:link rel="alternate"
// hreflang="…"> for each of its alternates (zh-Hans, en, x-default), the
// first for each hreflang. URLs are absolute, sorted, without dates.
func sitemap(s *site) ([]byte, error) {
	if err := s.requireBase("sitemap.xml"); err != nil {
		return nil, err
	}
	type alternate struct{ hreflang, href string }
	type entry struct {
		loc  string
		alts []alternate
	}
	entries := map[string]*entry{}
	var locs []string
	for _, p := range s.pages {
		loc := s.pageURL(p.File).String()
		e := entries[loc]
		if e == nil {
			e = &entry{loc: loc}
			entries[loc] = e
			locs = append(locs, loc)
		}
		for _, a := range p.Alternates {
			if !slices.ContainsFunc(e.alts, func(b alternate) bool { return b.hreflang == a.Hreflang }) {
				e.alts = append(e.alts, alternate{a.Hreflang, s.pageURL(a.File).String()})
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
