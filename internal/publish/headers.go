package publish

import (
	"bytes"
	"fmt"
	"math/bits"
	"path"
	"sort"
	"strings"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/sitepath"
)

// Cache-Control values. The deploy code sets the same ones on each object
// (see CacheControl), so a CDN in front of a bucket behaves like a Pages host
// reading _headers.
const (
	// CacheImmutable is for fingerprinted files: their name changes whenever
	// their content does, so they can be cached for a year.
	CacheImmutable = "public, max-age=31536000, immutable"
	// CacheRevalidate is for HTML: caches keep it but ask the server
	// (cheaply, with the ETag) before each use, so a deploy shows at once.
	CacheRevalidate = "no-cache"
	// CacheDefault is for everything else (data files, PDFs, robots.txt, the
	// sitemap, favicon.ico and unfingerprinted assets).
	CacheDefault = "public, max-age=3600"
)

// ContentSecurityPolicy is the policy _headers sends with every page. Every
// page is checked against it (CheckCSP): no inline scripts, styles, style
// attributes or event handlers, and nothing loaded from another origin.
const ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
	"object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'"

// SecurityHeaders are sent with every response (the "/*" rule of _headers).
var SecurityHeaders = [][2]string{
	{"Content-Security-Policy", ContentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
}

// MaxHeaderRules is Cloudflare Pages' limit on rules in _headers.
const MaxHeaderRules = 100

// CacheControl returns the Cache-Control header for the output file p:
// a year for fingerprinted files (use IsFingerprinted to find out from the
// file), no-cache for HTML, an hour for the rest. A .gz or .br sibling gets
// what its original gets.
func CacheControl(p string, fingerprinted bool) string {
	return classOf(p, fingerprinted).cacheControl()
}

type cacheClass int

const (
	classImmutable cacheClass = iota
	classRevalidate
	classDefault
)

func (c cacheClass) cacheControl() string {
	switch c {
	case classImmutable:
		return CacheImmutable
	case classRevalidate:
		return CacheRevalidate
	}
	return CacheDefault
}

func classOf(p string, fingerprinted bool) cacheClass {
	switch {
	case fingerprinted:
		return classImmutable
	case isHTML(trimCompressed(p)):
		return classRevalidate
	}
	return classDefault
}

type headerRule struct {
	pattern string
	class   cacheClass
}

// headersChecked returns the _headers file (Netlify and Cloudflare Pages
// syntax) for files as they stand (fingerprint first), whose pages have
// been checked against the Content-Security-Policy: security headers for
// every path, and Cache-Control by CacheControl's classes.
func headersChecked(files output.Files, s *site) ([]byte, error) {
	cls := make(map[string]cacheClass, len(files))
	paths := make([]string, 0, len(files))
	for _, p := range sortedKeys(files) {
		if p == headersFile || p == redirectsFile {
			continue
		}
		paths = append(paths, p)
		cls[p] = classOf(p, IsFingerprinted(p, files[p]))
	}
	t := newPathTree(paths, s)
	// Hosts apply every rule whose pattern matches, and Cloudflare joins a
	// header set by two rules with a comma, so the Cache-Control rules must
	// not overlap; covering every path without overlap can take many rules.
	// Coarsen until the file fits the limit, always towards shorter caching.
	var rules []headerRule
	for level := 0; ; level++ {
		if level > 3 {
			return nil, diag.Errorf(headersFile, 0, 0,
				"keep fingerprinted images and fonts in a few asset folders (css/, js/, images/, fonts/) rather than beside pages",
				"cannot express the cache rules in %d rules or fewer", MaxHeaderRules)
		}
		rules = t.rules(t.coarsen(cls, level), level == 3, MaxHeaderRules-1)
		if 1+len(rules) <= MaxHeaderRules {
			break
		}
	}
	sort.Slice(rules, func(i, j int) bool { return rules[i].pattern < rules[j].pattern })

	var b bytes.Buffer
	b.WriteString("# HTTP headers for Netlify and Cloudflare Pages, written by almanac build.\n")
	b.WriteString("# Cache-Control rules do not overlap: each path matches at most one.\n")
	all := s.basePath + "*"
	b.WriteString(all + "\n")
	for _, h := range SecurityHeaders {
		fmt.Fprintf(&b, "  %s: %s\n", h[0], h[1])
	}
	for _, r := range rules {
		if r.pattern != all {
			b.WriteString("\n" + r.pattern + "\n")
		}
		fmt.Fprintf(&b, "  Cache-Control: %s\n", r.class.cacheControl())
		if r.class == classImmutable {
			// Lets a page on another origin load the file with integrity checks.
			b.WriteString("  Access-Control-Allow-Origin: *\n")
		}
	}
	return b.Bytes(), nil
}

// pathTree is the output's folders, for finding folder-wide rules.
type pathTree struct {
	site     *site
	files    map[string][]string // folder ("" for the root) → its own files, sorted
	children map[string][]string // folder → subfolders, sorted
	forms    []servedForm        // every URL path a host may serve a file at
}

type servedForm struct {
	path, file string
}

func parentDir(p string) string {
	d := path.Dir(p)
	if d == "." {
		return ""
	}
	return d
}

func newPathTree(paths []string, s *site) *pathTree {
	t := &pathTree{site: s, files: map[string][]string{}, children: map[string][]string{}}
	seen := map[string]bool{"": true}
	for _, p := range paths {
		d := parentDir(p)
		t.files[d] = append(t.files[d], p)
		for !seen[d] {
			seen[d] = true
			up := parentDir(d)
			t.children[up] = append(t.children[up], d)
			d = up
		}
		for _, f := range t.servedAt(p) {
			t.forms = append(t.forms, servedForm{f, p})
		}
	}
	for _, c := range t.children {
		sort.Strings(c)
	}
	return t
}

// servedAt lists the URL paths a host serves the file p at: its own path,
// its folder's for index.html, and without .html (Cloudflare Pages' form).
func (t *pathTree) servedAt(p string) []string {
	forms := []string{t.site.basePath + escapePath(p)}
	switch {
	case path.Base(p) == sitepath.Index:
		forms = append(forms, t.site.basePath+escapePath(servedPath(p)))
	case isHTML(p):
		forms = append(forms, t.site.basePath+escapePath(strings.TrimSuffix(p, path.Ext(p))))
	}
	return forms
}

func patternMatches(pattern, s string) bool {
	star := strings.IndexByte(pattern, '*')
	if star < 0 {
		return pattern == s
	}
	pre, suf := pattern[:star], pattern[star+1:]
	return len(s) >= len(pre)+len(suf) && strings.HasPrefix(s, pre) && strings.HasSuffix(s, suf)
}

// only reports whether every served path pattern matches belongs to owners.
func (t *pathTree) only(pattern string, owners map[string]bool) bool {
	for _, f := range t.forms {
		if patternMatches(pattern, f.path) && !owners[f.file] {
			return false
		}
	}
	return true
}

// classSet is a set of cache classes.
type classSet uint8

func (c classSet) only() (cacheClass, bool) {
	if bits.OnesCount8(uint8(c)) != 1 {
		return 0, false
	}
	return cacheClass(bits.TrailingZeros8(uint8(c))), true
}

// classesUnder returns, for every folder, the set of classes of the files
// in it and below: each folder's, in one walk of the tree.
func (t *pathTree) classesUnder(cls map[string]cacheClass) map[string]classSet {
	under := make(map[string]classSet, len(t.files))
	var walk func(d string) classSet
	walk = func(d string) classSet {
		var set classSet
		for _, f := range t.files[d] {
			set |= 1 << cls[f]
		}
		for _, c := range t.children[d] {
			set |= walk(c)
		}
		under[d] = set
		return set
	}
	walk("")
	return under
}

// coarsen returns the classes used at a level of coarsening:
//
//	0: as they are;
//	1: default-cached files are revalidated like HTML;
//	2: and fingerprinted files outside all-fingerprinted folders too;
//	3: as 2, with revalidated paths left to the host's default (which
//	   Netlify and Cloudflare Pages set to revalidate).
func (t *pathTree) coarsen(cls map[string]cacheClass, level int) map[string]cacheClass {
	out := make(map[string]cacheClass, len(cls))
	for p, c := range cls {
		if level >= 1 && c == classDefault {
			c = classRevalidate
		}
		out[p] = c
	}
	if level >= 2 {
		// Whatever the order the files are looked at in, a file is still
		// immutable when its turn comes, and its folder's other classes
		// were there from the start: the sets before any change decide.
		under := t.classesUnder(out)
		for p, c := range out {
			if _, one := under[parentDir(p)].only(); c == classImmutable && !one {
				out[p] = classRevalidate
			}
		}
	}
	return out
}

// rules covers every file with non-overlapping patterns: one per folder
// whose files all share a class, otherwise per extension or per file. It
// gives up, returning more than limit rules, once it has made more.
func (t *pathTree) rules(cls map[string]cacheClass, skipRevalidate bool, limit int) []headerRule {
	under := t.classesUnder(cls)
	var rules []headerRule
	emit := func(pattern string, c cacheClass) {
		if skipRevalidate && c == classRevalidate {
			return
		}
		rules = append(rules, headerRule{pattern, c})
	}
	var visit func(d string)
	visit = func(d string) {
		if len(rules) > limit {
			return // too many already: the caller coarsens the classes
		}
		prefix := t.site.basePath
		if d != "" {
			prefix += escapePath(d) + "/"
		}
		if c, one := under[d].only(); one {
			emit(prefix+"*", c)
			return
		}
		for _, c := range t.children[d] {
			visit(c)
		}
		covered := map[string]bool{}
		// Files of one class and extension: one "/dir/*.ext" rule when it
		// matches nothing else.
		groups := map[string][]string{}
		var keys []string
		for _, f := range t.files[d] {
			ext := path.Ext(f)
			if ext == "" || path.Base(f) == sitepath.Index {
				continue
			}
			k := fmt.Sprintf("%d%s", cls[f], ext)
			if groups[k] == nil {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], f)
		}
		for _, k := range keys {
			g := groups[k]
			if len(g) < 2 {
				continue
			}
			owners := map[string]bool{}
			for _, f := range g {
				owners[f] = true
			}
			pattern := prefix + "*" + escapePath(path.Ext(g[0]))
			if t.only(pattern, owners) {
				emit(pattern, cls[g[0]])
				for _, f := range g {
					covered[f] = true
				}
			}
		}
		for _, f := range t.files[d] {
			if covered[f] {
				continue
			}
			c := cls[f]
			// The file and its .gz/.br siblings, when they share its class.
			owners := map[string]bool{f: true}
			for _, sfx := range []string{".gz", ".br"} {
				if _, ok := cls[f+sfx]; ok && cls[f+sfx] == c {
					owners[f+sfx] = true
				}
			}
			base := path.Base(f)
			var cands []string
			if base == "index.html" {
				emit(prefix, c) // the folder URL
			} else if isHTML(f) {
				// "/zh/404*" covers /zh/404.html, Cloudflare's /zh/404 and the siblings.
				cands = append(cands, prefix+escapePath(strings.TrimSuffix(base, path.Ext(base)))+"*")
			}
			if len(owners) > 1 {
				cands = append(cands, prefix+escapePath(base)+"*")
			}
			done := false
			for _, pattern := range cands {
				if t.only(pattern, owners) {
					emit(pattern, c)
					for o := range owners {
						covered[o] = true
					}
					done = true
					break
				}
			}
			if !done {
				for _, form := range t.servedAt(f) {
					if form != prefix {
						emit(form, c)
					}
				}
			}
		}
	}
	visit("")
	return rules
}
