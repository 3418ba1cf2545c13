package publish

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/url"
	"path"
	"strings"

	"github.com/andybalholm/brotli"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/sitepath"
)

// Files publish writes or treats specially.
const (
	sitemapFile   = "sitemap.xml"
	robotsFile    = "robots.txt"
	headersFile   = "_headers"
	redirectsFile = "_redirects"
)

// fingerprintExts are the extensions of files that get content-hash names.
var fingerprintExts = map[string]bool{
	".css": true, ".js": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".svg": true, ".ico": true,
	".woff": true, ".woff2": true,
}

// hashNamedExts are the extensions of files that may carry a content hash
// in their name: the fingerprinted assets, and JSON that its writer named
// with HashedName (the search index), which no page links to by name.
var hashNamedExts = map[string]bool{".json": true}

// fixedNames are files that browsers, crawlers or hosts ask for by name, so
// they keep it whatever their extension.
var fixedNames = map[string]bool{
	"favicon.ico":                      true,
	"apple-touch-icon.png":             true,
	"apple-touch-icon-precomposed.png": true,
	robotsFile:                         true,
	sitemapFile:                        true,
	headersFile:                        true,
	redirectsFile:                      true,
}

// fingerprintable reports whether the file at p gets a content-hash name.
func fingerprintable(p string) bool {
	if strings.HasPrefix(p, ".well-known/") {
		return false
	}
	base := path.Base(p)
	if fixedNames[base] {
		return false
	}
	ext := path.Ext(base)
	return fingerprintExts[strings.ToLower(ext)] && len(ext) < len(base)
}

// hashLen is how many hex digits of sha256 a fingerprinted name carries.
const hashLen = 8

// contentHash is the first hashLen hex digits of sha256(content).
func contentHash(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])[:hashLen]
}

// fingerprintedName is p with the hash of content before its extension:
// css/site.css → css/site.3f9a2c1b.css.
func fingerprintedName(p string, content []byte) string {
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + contentHash(content) + ext
}

// HashedName is p with the hash of content before its extension, as
// fingerprinting names assets: zh/search/t1.json → zh/search/t1.3f9a2c1b.json.
// Files named so are served as immutable (IsFingerprinted) when their
// extension is a fingerprinted asset's or .json.
func HashedName(p string, content []byte) string { return fingerprintedName(p, content) }

// nameHash returns the hash part of a fingerprinted-looking name
// ("site.3f9a2c1b.css" → "3f9a2c1b"), after dropping a .gz or .br suffix.
func nameHash(p string) (hash string, ok bool) {
	p = trimCompressed(p)
	base := path.Base(p)
	ext := path.Ext(base)
	if !fingerprintExts[strings.ToLower(ext)] && !hashNamedExts[strings.ToLower(ext)] {
		return "", false
	}
	stem := strings.TrimSuffix(base, ext)
	dot := strings.LastIndexByte(stem, '.')
	if dot < 1 || len(stem)-dot-1 != hashLen {
		return "", false
	}
	h := stem[dot+1:]
	for i := 0; i < len(h); i++ {
		if c := h[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return "", false
		}
	}
	return h, true
}

// HasFingerprintName reports whether p looks like a fingerprinted file
// (stem.<8 hex digits>.ext, with an optional .gz or .br after it). It does not
// look at the content; IsFingerprinted does.
func HasFingerprintName(p string) bool {
	_, ok := nameHash(p)
	return ok
}

// IsFingerprinted reports whether p is a fingerprinted file whose name's hash
// matches content, i.e. whether it is safe to cache for a year. A .gz or .br
// sibling is decompressed and checked against the hash of its original.
// Deploy code uses it on files read back from disk.
func IsFingerprinted(p string, content []byte) bool {
	h, ok := nameHash(p)
	if !ok {
		return false
	}
	var r io.Reader
	switch path.Ext(p) {
	case ".gz":
		zr, err := gzip.NewReader(bytes.NewReader(content))
		if err != nil {
			return false
		}
		r = zr
	case ".br":
		r = brotli.NewReader(bytes.NewReader(content))
	}
	if r != nil {
		plain, err := io.ReadAll(r)
		if err != nil {
			return false
		}
		content = plain
	}
	return contentHash(content) == h
}

func trimCompressed(p string) string {
	if strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") {
		return p[:len(p)-3]
	}
	return p
}

func isHTML(p string) bool {
	ext := strings.ToLower(path.Ext(p))
	return ext == ".html" || ext == ".htm"
}

// site is what publish knows about where the site is served.
type site struct {
	base     *url.URL   // nil when no base URL was given
	basePath string     // "/" or "/report/": the path prefix of every URL
	pages    []Page     // what sitemap.xml lists
	langs    []Language // for the root's language redirects
}

func newSite(baseURL string) (*site, error) {
	s := &site{basePath: "/"}
	if baseURL == "" {
		return s, nil
	}
	hint := `set the base URL in site.toml to the absolute address the site is published at, e.g. "https://mzj.xm.gov.cn/report/"`
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, diag.Errorf("site.toml", 0, 0, hint, "base URL %q is not a valid URL: %v", baseURL, err)
	}
	if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, diag.Errorf("site.toml", 0, 0, hint, "base URL %q is not an absolute http(s) URL", baseURL)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, diag.Errorf("site.toml", 0, 0, hint, "base URL %q must not have a query, fragment or user", baseURL)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	s.base = u
	s.basePath = u.Path
	return s, nil
}

// requireBase returns an error naming what needs the base URL when it is missing.
func (s *site) requireBase(what string) error {
	if s.base != nil {
		return nil
	}
	return diag.Errorf("site.toml", 0, 0,
		`set the base URL in site.toml to the absolute address the site is published at, e.g. "https://mzj.xm.gov.cn/report/"`,
		"%s needs the site's base URL, and none is set", what)
}

// baseString is the base URL with its trailing slash.
func (s *site) baseString() string {
	return s.base.String()
}

// pageURL is the absolute URL of the output file p (a directory URL for index.html).
func (s *site) pageURL(p string) *url.URL {
	u := *s.base
	u.Path = s.basePath + servedPath(p)
	u.RawPath = ""
	return &u
}

// servedPath is the URL path (without the base prefix) a file is served at:
// "zh/2019/index.html" → "zh/2019/", "index.html" → "", "zh/404.html" → "zh/404.html".
func servedPath(p string) string { return sitepath.Served(p) }

// escapePath percent-encodes a slash path for use in a URL.
func escapePath(p string) string {
	for i := 0; i < len(p); i++ {
		if c := p[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
			return (&url.URL{Path: p}).EscapedPath()
		}
	}
	return p // as nearly every output path is, and as url would give it back
}

const htmlSpace = " \t\n\f\r"

// splitRef splits a URL reference into its path part and the rest (query
// and fragment, with their leading ? or #).
func splitRef(ref string) (p, rest string) {
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		return ref[:i], ref[i:]
	}
	return ref, ""
}

// hasScheme reports whether ref starts with a URL scheme ("https:", "data:").
func hasScheme(ref string) (scheme string, ok bool) {
	n := schemeLen(ref)
	if n == 0 {
		return "", false
	}
	return strings.ToLower(ref[:n]), true
}

// schemeLen is the length of the URL scheme ref starts with ("https" in
// "https://…"), or 0 when it has none. It reads strings and page bytes
// alike, so the CSP check need not copy attribute values to look at them.
func schemeLen(ref string) int {
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.':
			if i == 0 {
				return 0
			}
		case c == ':':
			return i
		default:
			return 0
		}
	}
	return 0
}

// sameOrigin reports whether the absolute URL u is on the site's own origin.
func (s *site) sameOrigin(u *url.URL) bool {
	return s.base != nil && strings.EqualFold(u.Host, s.base.Host) &&
		(u.Scheme == "" || strings.EqualFold(u.Scheme, s.base.Scheme))
}

// refKind classifies a reference for the CSP check.
type refKind int

const (
	refSelf     refKind = iota // relative, root-relative, or absolute on the site's origin
	refExternal                // another origin
	refData                    // data: URL
	refScript                  // javascript: URL
	refOther                   // mailto:, tel:, blob:, about: and other schemes
)

// isScriptURL reports whether classify(ref) is refScript, without parsing
// ref as a URL.
func isScriptURL(ref string) bool {
	// Only leading white space matters: the scheme ends before any.
	ref = strings.TrimLeft(ref, htmlSpace)
	n := schemeLen(ref)
	return n == len("javascript") && strings.EqualFold(ref[:n], "javascript")
}

func (s *site) classify(ref string) refKind {
	ref = strings.Trim(ref, htmlSpace)
	if strings.HasPrefix(ref, "//") {
		u, err := url.Parse(ref)
		if err == nil && s.sameOrigin(u) {
			return refSelf
		}
		return refExternal
	}
	scheme, ok := hasScheme(ref)
	if !ok {
		return refSelf
	}
	switch scheme {
	case "http", "https":
		u, err := url.Parse(ref)
		if err == nil && s.sameOrigin(u) {
			return refSelf
		}
		return refExternal
	case "data":
		return refData
	case "javascript":
		return refScript
	}
	return refOther
}

// local resolves a reference found in the file from (a slash path in Files)
// to the output file it points to. ok is false for references off the site
// or to nothing but a fragment or query of the page itself. Directory URLs
// resolve to their index.html. Whether the file exists is left to the caller.
func (s *site) local(from, ref string) (key string, ok bool) {
	ref = strings.Trim(ref, htmlSpace)
	p, _ := splitRef(ref)
	if p == "" {
		return "", false
	}
	if strings.HasPrefix(p, "//") {
		if s.base == nil {
			return "", false
		}
		p = s.base.Scheme + ":" + p
	}
	var rel string
	if _, abs := hasScheme(p); abs {
		u, err := url.Parse(p)
		// http: and https: links to the site's host are both the site's files.
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || s.base == nil || !strings.EqualFold(u.Host, s.base.Host) {
			return "", false
		}
		up := u.Path
		if up == "" {
			up = "/"
		}
		if !strings.HasPrefix(up, s.basePath) {
			if up+"/" != s.basePath {
				return "", false
			}
			up = s.basePath
		}
		rel = up[len(s.basePath):]
	} else {
		dec, err := url.PathUnescape(p)
		if err != nil {
			dec = p
		}
		switch {
		case strings.HasPrefix(dec, s.basePath):
			rel = dec[len(s.basePath):]
		case dec+"/" == s.basePath:
			rel = ""
		case strings.HasPrefix(dec, "/"):
			// Root-relative without the base path prefix: the renderer wrote
			// site-root URLs. Take them as relative to the output root.
			rel = dec[1:]
		default:
			dir := path.Dir(from)
			rel = path.Join(dir, dec)
			if b := path.Base(dec); strings.HasSuffix(dec, "/") || b == "." || b == ".." {
				rel += "/"
			}
			if rel == ".." || strings.HasPrefix(rel, "../") {
				return "", false
			}
		}
	}
	isDir := rel == "" || strings.HasSuffix(rel, "/") || rel == "." || strings.HasSuffix(rel, "/.")
	rel = strings.TrimPrefix(path.Clean("/"+rel), "/")
	if isDir && rel != "" {
		rel += "/"
	}
	return sitepath.File(rel), true
}

// withHash rewrites a reference that resolves (from the file from) to old so
// it points to the renamed file newKey. It keeps the reference's form
// (relative, root-relative or absolute, query and fragment) by inserting the
// hash into the file name, and falls back to a root-relative URL.
func (s *site) withHash(from, ref, newKey string) string {
	lead := len(ref) - len(strings.TrimLeft(ref, htmlSpace))
	trail := len(ref) - len(strings.TrimRight(ref, htmlSpace))
	if lead == len(ref) {
		return ref
	}
	core := ref[lead : len(ref)-trail]
	p, rest := splitRef(core)
	hash := strings.TrimSuffix(newKey, path.Ext(newKey))
	hash = hash[strings.LastIndexByte(hash, '.')+1:]
	seg := p[strings.LastIndexByte(p, '/')+1:]
	if dot := strings.LastIndexByte(seg, '.'); dot > 0 {
		cand := p[:len(p)-len(seg)] + seg[:dot] + "." + hash + seg[dot:] + rest
		if k, ok := s.local(from, cand); ok && k == newKey {
			return ref[:lead] + cand + ref[len(ref)-trail:]
		}
	}
	return ref[:lead] + s.basePath + escapePath(newKey) + rest + ref[len(ref)-trail:]
}
