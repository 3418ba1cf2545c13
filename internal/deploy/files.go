package deploy

import (
	"bytes"
	"compress/gzip"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/publish"
	"github.com/xmca/almanac/internal/sitepath"
	"github.com/xmca/almanac/internal/skip"
)

// Cache-Control values: the same rules the _headers file gives a Pages
// host, so a CDN in front of a bucket caches alike.
const (
	CacheImmutable = publish.CacheImmutable  // fingerprinted assets
	CacheHTML      = publish.CacheRevalidate // pages: always revalidate
	CacheDefault   = publish.CacheDefault    // everything else
)

// phase orders uploads so that no page ever references an object that is not
// there yet: assets, then pages, then the sitemap (and robots.txt, which
// points at it).
type phase int

const (
	phaseAssets phase = iota
	phaseHTML
	phaseSitemap
)

func (p phase) String() string {
	return [...]string{"assets", "pages", "sitemap"}[p]
}

type mimeType struct {
	typ  string
	text bool // text; stored gzip-encoded with Options.GzipText
}

// mimeTypes is fixed rather than taken from the system's mime.types, so a
// deploy sets the same headers on every machine.
var mimeTypes = map[string]mimeType{
	".html":        {"text/html; charset=utf-8", true},
	".htm":         {"text/html; charset=utf-8", true},
	".css":         {"text/css; charset=utf-8", true},
	".js":          {"text/javascript; charset=utf-8", true},
	".mjs":         {"text/javascript; charset=utf-8", true},
	".map":         {"application/json", true},
	".json":        {"application/json", true},
	".webmanifest": {"application/manifest+json", true},
	".xml":         {"application/xml; charset=utf-8", true},
	".rss":         {"application/rss+xml; charset=utf-8", true},
	".atom":        {"application/atom+xml; charset=utf-8", true},
	".txt":         {"text/plain; charset=utf-8", true},
	".md":          {"text/markdown; charset=utf-8", true},
	".csv":         {"text/csv; charset=utf-8", true},
	".svg":         {"image/svg+xml", true},
	".ico":         {"image/x-icon", false},
	".pdf":         {"application/pdf", false},
	".png":         {"image/png", false},
	".jpg":         {"image/jpeg", false},
	".jpeg":        {"image/jpeg", false},
	".gif":         {"image/gif", false},
	".webp":        {"image/webp", false},
	".avif":        {"image/avif", false},
	".woff2":       {"font/woff2", false},
	".woff":        {"font/woff", false},
	".ttf":         {"font/ttf", false},
	".otf":         {"font/otf", false},
	".wasm":        {"application/wasm", false},
	".mp4":         {"video/mp4", false},
	".webm":        {"video/webm", false},
	".mp3":         {"audio/mpeg", false},
	".zip":         {"application/zip", false},
	".gz":          {"application/gzip", false},
	".xlsx":        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false},
	".docx":        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", false},
}

const defaultMIME = "application/octet-stream"

// ContentType is the Content-Type an object gets, from its file extension.
func ContentType(name string) string {
	if m, ok := mimeTypes[strings.ToLower(path.Ext(name))]; ok {
		return m.typ
	}
	return defaultMIME
}

func isText(name string) bool {
	return mimeTypes[strings.ToLower(path.Ext(name))].text
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// IsFingerprinted reports whether a file name carries a content hash
// (site.3f9a2c1b.css), so the object can be cached forever. Pages never are.
//
// Eight digits that read as a date (report.20191231.pdf) are not taken for a
// hash: caching such a file as immutable would pin a stale copy in the CDN,
// while missing a real all-digit hash only costs a revalidation.
func IsFingerprinted(name string) bool {
	if isHTML(name) || !publish.HasFingerprintName(name) {
		return false
	}
	parts := strings.Split(path.Base(name), ".")
	return !looksLikeDate(parts[len(parts)-2])
}

func looksLikeDate(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	y, mo, d := s[:4], s[4:6], s[6:]
	return (y[:2] == "19" || y[:2] == "20") && mo >= "01" && mo <= "12" && d >= "01" && d <= "31"
}

// CacheControl is the Cache-Control an object gets.
func CacheControl(name string) string {
	return publish.CacheControl(name, IsFingerprinted(name))
}

func phaseOf(rel string) phase {
	switch {
	case isHTML(rel):
		return phaseHTML
	case !strings.Contains(rel, "/") && (rel == "robots.txt" || strings.HasPrefix(rel, "sitemap") && strings.HasSuffix(rel, ".xml")):
		return phaseSitemap
	default:
		return phaseAssets
	}
}

// PageURL is the URL path a file is served at, for a CDN purge:
// "zh/2019/index.html" → "/zh/2019/", "css/site.css" → "/css/site.css".
// Non-ASCII characters are percent-encoded as a browser sends them.
func PageURL(rel string) string {
	return (&url.URL{Path: "/" + sitepath.Served(rel)}).EscapedPath()
}

// localFile is one file of the source folder to publish.
type localFile struct {
	rel      string // slash path relative to the source folder
	abs      string
	size     int64 // on disk
	md5      string
	gzip     bool   // stored gzip-encoded
	etag     string // MD5 of the bytes stored: md5, or the MD5 of the gzipped bytes
	sendSize int64  // bytes stored
	ctype    string
	cache    string
	phase    phase
}

func (f *localFile) encoding() string {
	if f.gzip {
		return "gzip"
	}
	return ""
}

// skipped reports whether a source file is not uploaded: precompressed
// siblings (object stores do not negotiate encoding; CDNs compress at the
// edge) and the _headers/_redirects files of Netlify-style hosts.
func skipped(rel string, exists func(string) bool) bool {
	switch rel {
	case "_headers", "_redirects":
		return true
	}
	for _, ext := range []string{".gz", ".br"} {
		if strings.HasSuffix(rel, ext) && exists(strings.TrimSuffix(rel, ext)) {
			return true
		}
	}
	return false
}

// scan lists the files of dir to publish, sorted by path, with their MD5.
func scan(dir string, gzipText bool) ([]*localFile, error) {
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("deploy: source folder %s does not exist; run almanac build first, or pass --source", dir)
		}
		return nil, fmt.Errorf("deploy: source folder: %v", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("deploy: source %s is not a folder", dir)
	}
	if !output.IsOutput(dir) {
		return nil, fmt.Errorf("deploy: %s is not a folder almanac build wrote (it has no %s file), so it is not published: it could hold the site's sources or drafts; run almanac build, then deploy its output folder", dir, output.Marker)
	}
	if left := output.Unfinished(dir); left != "" {
		return nil, fmt.Errorf("deploy: the last build into %s did not finish (it left %s), so the folder may hold new pages beside old ones and is not published; run almanac build again, then deploy", dir, left)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return nil, fmt.Errorf("deploy: source folder: %v", err)
	}
	all := map[string]string{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && skip.Reason(d.Name()) != "" {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil // the marker, and anything hidden or left over
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(p)
			if err != nil || !st.Mode().IsRegular() {
				return nil // dangling link or linked folder: not followed
			}
			if target, err := filepath.EvalSymlinks(p); err != nil || !within(target, real) {
				return nil // a build never links out of its folder
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		all[filepath.ToSlash(rel)] = p
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("deploy: reading source folder: %v", err)
	}
	for rel := range all {
		if strings.HasPrefix(rel, ReservedDir) {
			return nil, fmt.Errorf("deploy: %s has a folder %s, but deploy keeps its lock and releases there in the bucket; rename that folder (in static/) and build again", dir, strings.TrimSuffix(ReservedDir, "/"))
		}
	}
	exists := func(rel string) bool { _, ok := all[rel]; return ok }
	var files []*localFile
	for rel, abs := range all {
		if skipped(rel, exists) {
			continue
		}
		f := &localFile{rel: rel, abs: abs, ctype: ContentType(rel), cache: CacheControl(rel), phase: phaseOf(rel)}
		f.gzip = gzipText && isText(rel)
		if err := f.hash(); err != nil {
			return nil, fmt.Errorf("deploy: reading %s: %v", rel, err)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("deploy: source folder %s has nothing to publish; run almanac build first", dir)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files, nil
}

// within reports whether p is inside dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(rel)
}

// hash fills in size, md5 and the ETag the stored object will have.
func (f *localFile) hash() error {
	r, err := os.Open(f.abs)
	if err != nil {
		return err
	}
	defer r.Close()
	h := md5.New()
	n, err := io.Copy(h, r)
	if err != nil {
		return err
	}
	f.size, f.md5 = n, hex.EncodeToString(h.Sum(nil))
	f.etag, f.sendSize = f.md5, n
	if f.gzip {
		body, err := f.body()
		if err != nil {
			return err
		}
		sum := md5.Sum(body)
		f.etag, f.sendSize = hex.EncodeToString(sum[:]), int64(len(body))
	}
	return nil
}

// body is the gzip-encoded content of a text file. The output depends only
// on the input (no name, no time), so its MD5 is stable between runs.
func (f *localFile) body() ([]byte, error) {
	src, err := os.ReadFile(f.abs)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(src)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
