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
		seen := map[string]bool{}
		for _, l := range s.langs {
			// Netlify matches the browser's primary language subtag.
			lang := strings.ToLower(strings.SplitN(l.Tag, "-", 2)[0])
			if _, exists := files[l.Home]; !exists || seen[lang] {
				continue
			}
			seen[lang] = true
			fmt.Fprintf(&b, "%s  %s  302  Language=%s\n", s.basePath, s.basePath+escapePath(servedPath(l.Home)), lang)
		}
	}
	for _, p := range sortedKeys(files) {
		if d := parentDir(p); path.Base(p) == sitepath.NotFoundFile && d != "" && !strings.Contains(d, "/") {
			fmt.Fprintf(&b, "%s/*  %s  404\n", s.basePath+escapePath(d), s.basePath+escapePath(p))
		}
	}
	return b.Bytes(), nil
}
