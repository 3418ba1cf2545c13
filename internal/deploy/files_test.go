package deploy

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/output"
)

func TestContentType(t *testing.T) {
	for name, want := range map[string]string{
		"zh/2019/index.html":     "text/html; charset=utf-8",
		"404.HTML":               "text/html; charset=utf-8",
		"css/site.3f9a2c1b.css":  "text/css; charset=utf-8",
		"js/app.js":              "text/javascript; charset=utf-8",
		"img/chart.svg":          "image/svg+xml",
		"zh/2019/figures.json":   "application/json",
		"sitemap.xml":            "application/xml; charset=utf-8",
		"robots.txt":             "text/plain; charset=utf-8",
		"zh/2019/figures.csv":    "text/csv; charset=utf-8",
		"zh/2019/print/a.pdf":    "application/pdf",
		"img/a.png":              "image/png",
		"img/a.jpg":              "image/jpeg",
		"img/a.JPEG":             "image/jpeg",
		"img/a.webp":             "image/webp",
		"fonts/noto.woff2":       "font/woff2",
		"favicon.ico":            "image/x-icon",
		"site.webmanifest":       "application/manifest+json",
		"data/archive.csv.gz":    "application/gzip",
		"LICENSE":                "application/octet-stream",
		"odd.unknown-extension":  "application/octet-stream",
		".well-known/security.x": "application/octet-stream",
	} {
		if got := ContentType(name); got != want {
			t.Errorf("ContentType(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestCacheControl(t *testing.T) {
	for name, want := range map[string]string{
		"css/site.3f9a2c1b.css":       CacheImmutable,
		"js/chart.min.0a1b2c3d.js":    CacheImmutable,
		"img/photo.9e8d7c6b.png":      CacheImmutable,
		"fonts/noto.12345678.woff2":   CacheImmutable, // digits only, not a date
		"index.html":                  CacheHTML,
		"zh/2019/index.html":          CacheHTML,
		"page.3f9a2c1b.html":          CacheHTML, // pages are never immutable
		"css/site.css":                CacheDefault,
		"css/site.3F9A2C1B.css":       CacheDefault, // publish writes lowercase hex
		"css/site.3f9a2c1.css":        CacheDefault, // 7 hex
		"css/site.3f9a2c1b0.css":      CacheDefault, // 9 hex
		"css/3f9a2c1b.css":            CacheDefault, // no stem
		"css/site.3f9a2c1b":           CacheDefault, // no extension
		"report.20191231.pdf":         CacheDefault, // a date, not a hash
		"sitemap.xml":                 CacheDefault,
		"zh/2019/figures.csv":         CacheDefault,
		"img/logo.deadbeef.svg":       CacheImmutable,
		"zh/2019/print/report.pdf":    CacheDefault,
		"zh/2019/print/r.abcdef01.js": CacheImmutable,
	} {
		if got := CacheControl(name); got != want {
			t.Errorf("CacheControl(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestPageURL(t *testing.T) {
	for rel, want := range map[string]string{
		"index.html":         "/",
		"zh/index.html":      "/zh/",
		"zh/2019/index.html": "/zh/2019/",
		"zh/2019/three-social-linkage/index.html": "/zh/2019/three-social-linkage/",
		"404.html":                "/404.html",
		"css/site.3f9a2c1b.css":   "/css/site.3f9a2c1b.css",
		"zh/2019/儿童福利/index.html": "/zh/2019/%E5%84%BF%E7%AB%A5%E7%A6%8F%E5%88%A9/",
		"notindex.html":           "/notindex.html",
	} {
		if got := PageURL(rel); got != want {
			t.Errorf("PageURL(%q) = %q, want %q", rel, got, want)
		}
	}
}

func TestPhases(t *testing.T) {
	for rel, want := range map[string]phase{
		"css/site.css":         phaseAssets,
		"zh/2019/figures.json": phaseAssets,
		"img/a.png":            phaseAssets,
		"index.html":           phaseHTML,
		"zh/2019/index.html":   phaseHTML,
		"sitemap.xml":          phaseSitemap,
		"sitemap-zh.xml":       phaseSitemap,
		"robots.txt":           phaseSitemap,
		"zh/sitemap.xml":       phaseAssets, // only the root sitemap is last
	} {
		if got := phaseOf(rel); got != want {
			t.Errorf("phaseOf(%q) = %v, want %v", rel, got, want)
		}
	}
}

func TestScanSkips(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"index.html":                "<p>hi</p>",
		"css/site.3f9a2c1b.css":     "body{}",
		"css/site.3f9a2c1b.css.gz":  "gz",
		"css/site.3f9a2c1b.css.br":  "br",
		"_headers":                  "/*\n  X: y\n",
		"_redirects":                "/a /b 301\n",
		"data/archive.csv.gz":       "standalone gzip, no sibling",
		"zh/_headers":               "not at the root, so uploaded",
		"zh/2019/figures.json.br":   "sibling missing, so uploaded",
		"zh/2019/figures.csv":       "a,b\n",
		"zh/2019/figures.csv.gz":    "gz",
		"zh/2019/print/report.pdf":  "%PDF",
		"zh/2019/print/report.html": "<p>print</p>",
	})
	if err := os.Symlink(filepath.Join(dir, "css"), filepath.Join(dir, "css-link")); err != nil {
		t.Fatal(err)
	}
	files, err := scan(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, f.rel)
	}
	want := []string{
		"css/site.3f9a2c1b.css",
		"data/archive.csv.gz",
		"index.html",
		"zh/2019/figures.csv",
		"zh/2019/figures.json.br",
		"zh/2019/print/report.html",
		"zh/2019/print/report.pdf",
		"zh/_headers",
	}
	if len(got) != len(want) {
		t.Fatalf("scan = %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("scan = %q, want %q", got, want)
		}
	}

	if _, err := scan(filepath.Join(dir, "missing"), false); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("scan of a missing folder: %v", err)
	}
	empty := t.TempDir()
	writeFiles(t, empty, nil)
	if _, err := scan(empty, false); err == nil || !strings.Contains(err.Error(), "nothing to publish") {
		t.Errorf("scan of an empty folder: %v", err)
	}
}

func TestGzipIsStable(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.html": "<p>same bytes, same gzip</p>"})
	a, err := scan(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	b, err := scan(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	if !a[0].gzip || a[0].etag == a[0].md5 || a[0].etag != b[0].etag {
		t.Errorf("gzip ETag not stable: %+v vs %+v", a[0], b[0])
	}
}

// writeFiles writes files into dir as a build output, marker included.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, output.Marker), []byte("almanac"), 0o644); err != nil {
		t.Fatal(err)
	}
	for rel, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestScanRefusesWhatIsNotABuild is deploy --source . : the site's own
// folder, with its drafts and site.toml, is never published, nor any folder
// almanac build did not write.
func TestScanRefusesWhatIsNotABuild(t *testing.T) {
	site := t.TempDir()
	for name, body := range map[string]string{
		"site.toml":                      "base_url = \"https://example.org/\"\n",
		"content/2019/05-draft.zh.md":    "+++\ndraft = true\n+++\n",
		"static/css/site.css":            "body{}",
		"public/index.html":              "<p>built by hand</p>",
		"public-copy/zh/index.html":      "<p>copied</p>",
		"public-copy/zh/2019/index.html": "<p>copied</p>",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	for _, dir := range []string{site, filepath.Join(site, "content"), filepath.Join(site, "public"), filepath.Join(site, "public-copy")} {
		if _, err := scan(dir, false); err == nil || !strings.Contains(err.Error(), "not a folder almanac build wrote") {
			t.Errorf("scan(%s) = %v, want a refusal", dir, err)
		}
	}
}

// TestScanRefusesAnUnfinishedBuild: a build stopped while moving its files
// into place leaves its staging folder, and the folder part new, part old.
func TestScanRefusesAnUnfinishedBuild(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	broken := output.Files{"index.html": []byte("new"), strings.Repeat("x", 300) + ".html": []byte("too long")}
	if err := output.Write(context.Background(), out, site, broken); err == nil {
		t.Fatal("a move that failed was not reported")
	}
	if _, err := scan(out, false); err == nil || !strings.Contains(err.Error(), "did not finish") {
		t.Fatalf("scan = %v, want a refusal of the unfinished build", err)
	}
	if err := output.Write(context.Background(), out, site, output.Files{"index.html": []byte("new")}); err != nil {
		t.Fatal(err)
	}
	if _, err := scan(out, false); err != nil {
		t.Errorf("after a finished build: %v", err)
	}
}

// TestScanRefusesTheReservedFolder: a build with an _almanac folder would
// publish into the lock and releases' place.
func TestScanRefusesTheReservedFolder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"index.html": "x", ReservedDir + "lock.json": "{}"})
	if _, err := scan(dir, false); err == nil || !strings.Contains(err.Error(), "_almanac") {
		t.Errorf("got %v", err)
	}
}

// TestScanLeavesOutLeaks: in a build output, hidden files, leftovers and a
// link to /etc/passwd are not uploaded.
func TestScanLeavesOutLeaks(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"index.html":        "<p>hi</p>",
		".git/config":       "[core]",
		".DS_Store":         "x",
		"css/site.css~":     "old",
		"~$report.docx":     "lock",
		"img/Thumbs.db":     "x",
		"zh/.#index.html":   "lock",
		"zh/index.html.swp": "x",
	})
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "passwd.txt")); err != nil {
		t.Skip("no symlinks here")
	}
	files, err := scan(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].rel != "index.html" {
		var got []string
		for _, f := range files {
			got = append(got, f.rel)
		}
		t.Errorf("scan = %q, want only index.html", got)
	}
}
