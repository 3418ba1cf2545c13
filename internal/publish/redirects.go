package publish

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/sitepath"
)

// redirects returns the _redirects file (Netlify syntax). The root URL
// sends visitors on to their language's home page only on hosts that
// understand Netlify's Language= condition; hosts that do not (Cloudflare
// Pages rejects lines with conditions) serve the bilingual entry page at
// the root. The languages and their home pages are Options.Languages. A
// 404 rule per language folder serves that folder's 404.html.
func redirects(files output.Files, s *site) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Redirects for Netlify, written by almanac build.\n")
	b.WriteString("# Language redirects apply only where the host supports Language= conditions;\n")
	b.WriteString("# elsewhere the root serves the bilingual entry page.\n")
	if _, ok := files[sitepath.File(sitepath.Root)]; ok {
		for _, r := range languageRedirects(files, s.langs) {
			fmt.Fprintf(&b, "%s  %s  302  Language=%s\n", s.basePath, s.basePath+escapePath(servedPath(r.page)), r.lang)
		}
	}
	for _, p := range sortedKeys(files) {
		if d := parentDir(p); path.Base(p) == sitepath.NotFoundFile && d != "" && !strings.Contains(d, "/") {
			fmt.Fprintf(&b, "%s/*  %s  404\n", s.basePath+escapePath(d), s.basePath+escapePath(p))
		}
	}
	return b.Bytes(), nil
}

type languageRedirect struct{ lang, page string }

// languageRedirects are the root's Language= rules: one per language whose
// home page was built. A language is matched by its primary subtag (zh,
// en) unless the site has another with the same one: then each but the
// first is matched by its whole tag, lower-cased (zh-hant), and comes
// first, so zh-Hans and zh-Hant readers are not sent to the same edition.
func languageRedirects(files output.Files, langs []Language) []languageRedirect {
	var homes []languageRedirect
	primaries := map[string]int{}
	seen := map[string]bool{}
	for _, l := range langs {
		if _, exists := files[l.Home]; !exists || seen[l.Home] {
			continue
		}
		seen[l.Home] = true
		homes = append(homes, languageRedirect{strings.ToLower(l.Tag), l.Home})
		primaries[primarySubtag(l.Tag)]++
	}
	var specific, general []languageRedirect
	first := map[string]bool{}
	for _, h := range homes {
		p := primarySubtag(h.lang)
		switch {
		case primaries[p] == 1:
			general = append(general, languageRedirect{p, h.page})
		case !first[p]:
			first[p] = true
			general = append(general, languageRedirect{p, h.page})
		default:
			specific = append(specific, h)
		}
	}
	return append(specific, general...)
}

func primarySubtag(tag string) string {
	return strings.ToLower(strings.SplitN(tag, "-", 2)[0])
}
