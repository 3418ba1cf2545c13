package publish

import (
	"bytes"
	"fmt"
	"math/bits"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/output"
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

// Headers returns the _headers file (Netlify and Cloudflare Pages syntax)
// for files as they stand (fingerprint first): security headers for every
// path, and Cache-Control by CacheControl's classes. It fails when a page
// breaks the Content-Security-Policy.
func Headers(files output.Files, baseURL string) ([]byte, error) {
	s, err := newSite(baseURL)
	if err != nil {
		return nil, err
	}
	return headers(files, s)
}

type headerRule struct {
	pattern string
	class   cacheClass
}

func headers(files output.Files, s *site) ([]byte, error) {
	if err := checkCSP(files, s); err != nil {
		return nil, err
	}
	return headersChecked(files, s)
}

// headersChecked is headers for files whose pages have been checked.
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
	case path.Base(p) == "index.html":
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
			if ext == "" || path.Base(f) == "index.html" {
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

// Redirects returns the _redirects file (Netlify syntax). The root URL sends
// visitors on to their language's home page only on hosts that understand
// Netlify's Language= condition; hosts that do not (Cloudflare Pages rejects
// lines with conditions) serve the bilingual entry page at the root. The
// languages and their home pages come from the root page's hreflang links.
// A 404 rule per language folder serves that folder's 404.html.
func Redirects(files output.Files, baseURL string) ([]byte, error) {
	s, err := newSite(baseURL)
	if err != nil {
		return nil, err
	}
	return redirects(files, s)
}

func redirects(files output.Files, s *site) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("# Redirects for Netlify, written by almanac build.\n")
	b.WriteString("# Language redirects apply only where the host supports Language= conditions;\n")
	b.WriteString("# elsewhere the root serves the bilingual entry page.\n")
	if root, ok := files["index.html"]; ok && s.base != nil {
		for _, r := range languageRedirects(files, s, s.readHead("index.html", root).alternates) {
			fmt.Fprintf(&b, "%s  %s  302  Language=%s\n", s.basePath, s.basePath+escapePath(servedPath(r.page)), r.lang)
		}
	}
	for _, p := range sortedKeys(files) {
		if d := parentDir(p); path.Base(p) == "404.html" && d != "" && !strings.Contains(d, "/") {
			fmt.Fprintf(&b, "%s/*  %s  404\n", s.basePath+escapePath(d), s.basePath+escapePath(p))
		}
	}
	return b.Bytes(), nil
}

type languageRedirect struct{ lang, page string }

// languageRedirects are the root's Language= rules: one per language home
// the root links to. A language is matched by its primary subtag (zh, en)
// unless the site has another with the same one: then each but the first
// is matched by its whole tag, lower-cased (zh-hant), and comes first, so
// zh-Hans and zh-Hant readers are not sent to the same edition.
func languageRedirects(files output.Files, s *site, alternates []alternate) []languageRedirect {
	var homes []languageRedirect
	primaries := map[string]int{}
	seen := map[string]bool{}
	for _, a := range alternates {
		if strings.EqualFold(a.hreflang, "x-default") {
			continue
		}
		k, ok := s.local("index.html", a.href)
		if !ok || k == "index.html" || seen[k] {
			continue
		}
		if _, exists := files[k]; !exists {
			continue
		}
		seen[k] = true
		homes = append(homes, languageRedirect{strings.ToLower(a.hreflang), k})
		primaries[primarySubtag(a.hreflang)]++
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

// CheckCSP reports every place in files that ContentSecurityPolicy would
// block: inline <script> and <style>, style="" attributes (in inline SVG
// too), on…= event handlers, javascript: URLs, <object>/<embed>, and scripts,
// stylesheets, images, frames, media, fonts or form targets on another
// origin, in HTML pages and in stylesheets.
func CheckCSP(files output.Files, baseURL string) error {
	s, err := newSite(baseURL)
	if err != nil {
		return err
	}
	return checkCSP(files, s)
}

const (
	hintScript = "move the script into a .js file under static/js and load it with <script src>; attach handlers with addEventListener"
	hintStyle  = "move the styling into the site's stylesheet (static/css) and use a class instead"
	hintOrigin = "copy the file into static/ so it is served from the site itself"
)

// jsTypes are <script type> values whose content runs as script (or is an
// import map, which the policy also governs).
var jsTypes = map[string]bool{
	"": true, "module": true, "importmap": true, "speculationrules": true,
	"text/javascript": true, "application/javascript": true, "application/ecmascript": true,
	"text/ecmascript": true, "application/x-javascript": true, "application/x-ecmascript": true,
	"text/x-javascript": true, "text/x-ecmascript": true, "text/jscript": true, "text/livescript": true,
	"text/javascript1.0": true, "text/javascript1.1": true, "text/javascript1.2": true,
	"text/javascript1.3": true, "text/javascript1.4": true, "text/javascript1.5": true,
}

// checkCSP checks every page and stylesheet in files against the policy.
func checkCSP(files output.Files, s *site) error {
	return s.checkCSPFiles(cspFiles(files))
}

// cspFile is a page or a stylesheet, for the policy check.
type cspFile struct {
	path string
	src  []byte
}

// cspFiles lists the pages and stylesheets in files, in no order.
func cspFiles(files output.Files) []cspFile {
	var list []cspFile
	for p, src := range files {
		if isHTML(p) || strings.EqualFold(path.Ext(p), ".css") {
			list = append(list, cspFile{p, src})
		}
	}
	return list
}

// checkCSPFiles checks the files on all cores: it reads every byte of the
// site, and runs on every build. The findings are in path order.
func (s *site) checkCSPFiles(list []cspFile) error {
	found := make([]diag.List, len(list))
	parallelLargestFirst(len(list), func(i int) int { return len(list[i].src) }, func(i int) {
		p, src := list[i].path, list[i].src
		if !isHTML(p) {
			found[i] = s.cspCSS(p, src)
			return
		}
		// Most pages are proved clean by a quick scan; the tokenizer reads
		// the others and reports what they break.
		if !s.cspClean(src) {
			found[i] = s.cspHTML(p, src, src, 0)
		}
	})
	var faulty []int
	for i, f := range found {
		if len(f) > 0 {
			faulty = append(faulty, i)
		}
	}
	slices.SortFunc(faulty, func(a, b int) int { return strings.Compare(list[a].path, list[b].path) })
	var errs diag.List
	for _, i := range faulty {
		errs = append(errs, found[i]...)
	}
	return errs.Err()
}

func (s *site) cspCSS(p string, src []byte) diag.List {
	var errs diag.List
	for _, r := range cssRefs(src) {
		k := s.classify(r.val)
		if k == refExternal || k == refData && (r.fontFace || r.isImport) || k == refScript {
			line, col := diag.LineCol(src, r.tokStart)
			errs = append(errs, diag.Errorf(p, line, col, hintOrigin,
				"the Content-Security-Policy blocks url(%s): only files from the site itself may be loaded", shorten(r.val)))
		}
	}
	return errs
}

func shorten(v string) string {
	if len(v) > 60 {
		return v[:57] + "..."
	}
	return v
}

// cspHTML checks part, which starts at offset base of the page src.
func (s *site) cspHTML(p string, src, part []byte, base int) diag.List {
	var errs diag.List
	z := html.NewTokenizer(bytes.NewReader(part))
	pos := base
	report := func(at int, hint, format string, args ...any) {
		line, col := diag.LineCol(src, at)
		errs = append(errs, diag.Errorf(p, line, col, hint, format, args...))
	}
	inline := "" // "script" or "style" while inside one whose text would be blocked
	inlineAt := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := pos
		pos += len(z.Raw())
		switch tt {
		case html.TextToken:
			if inline == "noscript" {
				// Markup for browsers without scripting, which the tokenizer reads as text.
				errs = append(errs, s.cspHTML(p, src, append([]byte(nil), z.Raw()...), start)...)
			} else if inline != "" && len(bytes.Trim(z.Raw(), htmlSpace)) > 0 {
				report(inlineAt, map[string]string{"script": hintScript, "style": hintStyle}[inline],
					"inline <%s> is blocked by the Content-Security-Policy", inline)
			}
			inline = ""
			continue
		case html.EndTagToken:
			inline = ""
			continue
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		name, attrs := tokenAttrs(z)
		inline = s.cspTag(name, attrs, tt == html.StartTagToken, func(hint, format string, args ...any) {
			report(start, hint, format, args...)
		})
		inlineAt = start
	}
	return errs
}

// cspElement reports whether cspTag checks the element name (lower-case)
// by name; on any other element only the attributes cspAttr names can
// break the policy.
func cspElement[T string | []byte](name T) bool {
	// Every tag of every page is asked: most are turned away by their
	// length and first letter.
	if len(name) == 0 || len(name) >= 16 || cspElementLens[name[0]]&(1<<len(name)) == 0 {
		return false
	}
	for _, e := range cspElements {
		if string(name) == e {
			return true
		}
	}
	return false
}

var cspElements = []string{"script", "style", "noscript", "link", "img", "image", "source", "input", "video",
	"audio", "track", "iframe", "frame", "object", "embed", "applet", "form", "button", "base"}

var cspElementLens = nameLens(cspElements...)

// A <link> loads what it names only with one of these rel tokens, and
// cspTag checks it only then.
var (
	iconRels = []string{"icon", "apple-touch-icon", "mask-icon"}
	loadRels = []string{"stylesheet", "preload", "modulepreload", "prefetch", "manifest"}
)

// scriptURLAttr reports whether the attribute key (lower-case) holds a URL
// that runs as script when it is javascript:.
func scriptURLAttr(key string) bool {
	switch key {
	case "href", "src", "xlink:href", "action", "formaction":
		return true
	}
	return false
}

// cspAttr reports whether cspTag checks the attribute key (lower-case) on
// every element: event handlers, style, and URLs that could be javascript:.
func cspAttr(key string) bool {
	return isEventHandler(key) || key == "style" || scriptURLAttr(key)
}

func isEventHandler(key string) bool {
	return len(key) > 2 && strings.HasPrefix(key, "on")
}

// cspTag checks one start tag (name and attribute keys lower-case, as the
// tokenizer gives them) and reports what the policy blocks in it. It
// returns "script", "style" or "noscript" when the element's text must be
// checked too (start says the tag is not self-closing), "" otherwise.
//
// Only the elements cspElement and the attributes cspAttr name can make it
// report; cspClean relies on that to skip every other tag.
func (s *site) cspTag(name string, attrs []html.Attribute, start bool, report func(hint, format string, args ...any)) (inline string) {
	for _, a := range attrs {
		switch {
		case isEventHandler(a.Key):
			report(hintScript, "the event handler %s= on <%s> is blocked by the Content-Security-Policy", a.Key, name)
		case a.Key == "style" && strings.Trim(a.Val, htmlSpace) != "":
			report(hintStyle, "the style attribute on <%s> is blocked by the Content-Security-Policy", name)
		case scriptURLAttr(a.Key):
			if isScriptURL(a.Val) {
				report(hintScript, "the javascript: URL in <%s %s> is blocked by the Content-Security-Policy", name, a.Key)
			}
		}
	}
	if !cspElement(name) {
		return ""
	}
	// What the element loads, and what the policy allows it.
	check := func(key string, allowData bool) {
		v, ok := attrVal(attrs, key)
		if !ok || strings.Trim(v, htmlSpace) == "" {
			return
		}
		vals := []string{v}
		if key == "srcset" || key == "imagesrcset" {
			vals = nil
			rewriteSrcset(v, func(u string) (string, bool) { vals = append(vals, u); return u, false })
		}
		for _, v := range vals {
			switch s.classify(v) {
			case refExternal, refOther:
				report(hintOrigin, "<%s %s=%q> loads from another origin, which the Content-Security-Policy blocks", name, key, shorten(v))
			case refData:
				if !allowData {
					report(hintOrigin, "<%s %s> is a data: URL, which the Content-Security-Policy blocks here", name, key)
				}
			}
		}
	}
	switch name {
	case "script":
		if _, ok := attrVal(attrs, "src"); ok {
			check("src", false)
		} else if typ, _ := attrVal(attrs, "type"); jsTypes[strings.ToLower(strings.TrimSpace(strings.SplitN(typ, ";", 2)[0]))] && start {
			return "script"
		}
	case "style", "noscript":
		if start {
			return name
		}
	case "link":
		rel := relTokens(attrs)
		switch {
		case rel.hasAny(iconRels):
			check("href", true)
		case rel.hasAny(loadRels):
			check("href", false)
			check("imagesrcset", true)
		}
	case "img", "image":
		check("src", true)
		check("srcset", true)
		check("href", true)
		check("xlink:href", true)
	case "source":
		check("src", true)
		check("srcset", true)
	case "input":
		if typ, _ := attrVal(attrs, "type"); strings.EqualFold(strings.TrimSpace(typ), "image") {
			check("src", true)
		}
		check("formaction", false)
	case "video":
		check("poster", true)
		check("src", false)
	case "audio", "track", "iframe", "frame":
		check("src", false)
	case "object", "embed", "applet":
		report("link to the file instead of embedding it", "<%s> is blocked by the Content-Security-Policy (object-src 'none')", name)
	case "form":
		check("action", false)
	case "button":
		check("formaction", false)
	case "base":
		check("href", false)
	}
	return ""
}
