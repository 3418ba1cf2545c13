package publish

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xmca/almanac/internal/output"
)

// compressible is a site's worth of text files: pages that differ, and the
// same open data in two language editions.
func compressible() output.Files {
	files := output.Files{}
	for i := range 6 {
		files[fmt.Sprintf("zh/%d/index.html", i)] = []byte(strings.Repeat(fmt.Sprintf("<p>第%d节：2019年全市社会组织5964家。</p>\n", i), 80))
	}
	data := []byte(strings.Repeat(`{"year":2019,"social-organizations":5964},`, 100))
	files["zh/figures.json"] = data
	files["en/figures.json"] = bytes.Clone(data)
	return files
}

func precompressed(t *testing.T, cacheDir string) output.Files {
	t.Helper()
	files := compressible()
	if err := Precompress(files, cacheDir); err != nil {
		t.Fatal(err)
	}
	return files
}

// TestPrecompressCache: with a cache folder, cold, warm or damaged, the
// output is byte for byte what it is without one, and the folder has one
// entry per content.
func TestPrecompressCache(t *testing.T) {
	want := precompressed(t, "")
	dir := t.TempDir()
	same := func(run string, got output.Files) {
		t.Helper()
		if !maps.EqualFunc(got, want, bytes.Equal) {
			t.Errorf("%s: the output differs from a build without a cache", run)
		}
	}
	same("cold", precompressed(t, dir))
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	// 6 pages and one figures.json shared by both editions.
	if len(entries) != 7 {
		t.Errorf("%d cache entries, want 7 (one per distinct content)", len(entries))
	}
	same("warm", precompressed(t, dir))
	// A damaged entry (a flipped byte, a cut-off file) is compressed again.
	for i, e := range entries {
		p := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			b[len(b)-1] ^= 1
		} else {
			b = b[:len(b)/2]
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	same("damaged", precompressed(t, dir))
	same("repaired", precompressed(t, dir))
}

// TestPrecompressCacheUsed: a warm build takes the compressed bytes from
// the cache. An entry swapped for another content's shows it: the page
// gets the other's bytes (which no real cache entry could ever hold).
func TestPrecompressCacheUsed(t *testing.T) {
	dir := t.TempDir()
	files := precompressed(t, dir)
	a, b := compressKey(files["zh/0/index.html"]), compressKey(files["zh/1/index.html"])
	entryB, err := os.ReadFile(filepath.Join(dir, b))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, a), entryB, 0o644); err != nil {
		t.Fatal(err)
	}
	again := precompressed(t, dir)
	if !bytes.Equal(again["zh/0/index.html.br"], files["zh/1/index.html.br"]) {
		t.Error("a warm build compressed a page again instead of reading the cache")
	}
}

// TestPrecompressCachePrune: entries no build has used for a week go;
// newer ones, and the ones this build used, stay.
func TestPrecompressCachePrune(t *testing.T) {
	dir := t.TempDir()
	precompressed(t, dir)
	old := time.Now().Add(-compressCacheKeep - time.Hour)
	for _, name := range []string{"stale", "recent"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(filepath.Join(dir, "stale"), old, old); err != nil {
		t.Fatal(err)
	}
	used, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range used {
		if e.Name() != "recent" {
			_ = os.Chtimes(filepath.Join(dir, e.Name()), old, old)
		}
	}
	precompressed(t, dir)
	if _, err := os.Stat(filepath.Join(dir, "stale")); err == nil {
		t.Error("an entry unused for over a week was kept")
	}
	if _, err := os.Stat(filepath.Join(dir, "recent")); err != nil {
		t.Error("an entry written lately was removed")
	}
	after, _ := os.ReadDir(dir)
	if len(after) != len(used)-1 {
		t.Errorf("%d entries after pruning, want %d (all but the stale one)", len(after), len(used)-1)
	}
}
