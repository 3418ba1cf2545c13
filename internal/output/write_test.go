package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWriteReplacesTheWholeFolder(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	if err := Write(context.Background(), out, site, Files{"index.html": []byte("one"), "old/page.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), out, site, Files{"index.html": []byte("two"), "zh/index.html": []byte("中文")}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "two" {
		t.Errorf("index.html = %q, want the new build", b)
	}
	if _, err := os.Stat(filepath.Join(out, "old", "page.html")); !os.IsNotExist(err) {
		t.Error("a file the new build does not have was left behind")
	}
	entries, _ := os.ReadDir(site)
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the output: %v", entries)
	}
}

func TestWriteRefusesDangerousFolders(t *testing.T) {
	site := t.TempDir()
	os.WriteFile(filepath.Join(site, "site.toml"), []byte("x"), 0o644)
	other := t.TempDir()
	os.Mkdir(filepath.Join(other, "content"), 0o755)
	for _, dir := range []string{site, filepath.Dir(site), other} {
		err := Write(context.Background(), dir, site, Files{"index.html": nil})
		if err == nil {
			t.Errorf("Write(%s) should refuse", dir)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "site.toml")); err != nil {
		t.Fatal("the site was damaged")
	}
}

func TestWriteRefusesPathsOutside(t *testing.T) {
	site := t.TempDir()
	err := Write(context.Background(), filepath.Join(site, "public"), site, Files{"../escape.html": []byte("x")})
	if err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("got %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, "escape.html")); !os.IsNotExist(err) {
		t.Error("a file was written outside the output folder")
	}
	if _, err := os.Stat(filepath.Join(site, "public")); !os.IsNotExist(err) {
		t.Error("a failed write left an output folder")
	}
}

// TestWriteStopsWhenInterrupted is Ctrl+C during a build's write: the old
// output stays as it was and no half-written folder is left beside it.
func TestWriteStopsWhenInterrupted(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	if err := Write(context.Background(), out, site, Files{"index.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	files := Files{}
	for i := range 2000 {
		files[fmt.Sprintf("zh/2019/s%04d/index.html", i)] = []byte("new")
	}
	// Interrupted before it starts, and while it writes.
	for _, after := range []time.Duration{0, time.Millisecond} {
		ctx, cancel := context.WithTimeout(context.Background(), after)
		err := Write(ctx, out, site, files)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), out+" is unchanged") {
			t.Fatalf("interrupted after %v: got %v, want an error saying %s is unchanged", after, err, out)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "old" {
			t.Errorf("interrupted after %v: index.html = %q, want the old build's", after, b)
		}
		if entries, _ := os.ReadDir(site); len(entries) != 1 {
			t.Errorf("interrupted after %v: left beside the output: %v", after, entries)
		}
	}
}

// TestWriteKeepsUnchangedFiles: a rebuild leaves a file whose bytes are
// the same as it was (the same inode, not rewritten), replaces one that
// changed, and adds and removes files and folders as the build does.
func TestWriteKeepsUnchangedFiles(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	first := Files{"same.html": []byte("same"), "changed.html": []byte("old"), "gone/index.html": []byte("gone")}
	if err := Write(context.Background(), out, site, first); err != nil {
		t.Fatal(err)
	}
	before := inode(t, filepath.Join(out, "same.html"))
	second := Files{"same.html": []byte("same"), "changed.html": []byte("new"), "added/deep/index.html": []byte("added")}
	if err := Write(context.Background(), out, site, second); err != nil {
		t.Fatal(err)
	}
	if inode(t, filepath.Join(out, "same.html")) != before {
		t.Error("an unchanged file was written again")
	}
	assertTree(t, out, second)
}

// TestWriteTurnsFilesIntoFolders: a path that was a file becomes a folder
// and the other way round, and a link left in the output is replaced, not
// followed.
func TestWriteTurnsFilesIntoFolders(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	if err := Write(context.Background(), out, site, Files{"a": []byte("file"), "b/index.html": []byte("folder")}); err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(out, "c")); err != nil {
		t.Fatal(err)
	}
	next := Files{"a/index.html": []byte("now a folder"), "b": []byte("now a file"), "c/index.html": []byte("not through the link")}
	if err := Write(context.Background(), out, site, next); err != nil {
		t.Fatal(err)
	}
	assertTree(t, out, next)
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("the build wrote through a link out of its folder: %v", entries)
	}
}

func inode(t *testing.T, name string) uint64 {
	t.Helper()
	st, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return st.Sys().(*syscall.Stat_t).Ino
}

// assertTree fails unless dir holds exactly files and the marker.
func assertTree(t *testing.T, dir string, files Files) {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			b, _ := os.ReadFile(p)
			got[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	want := map[string]string{Marker: markerText}
	for name, b := range files {
		want[name] = string(b)
	}
	if !maps.Equal(got, want) {
		t.Errorf("the output holds %q, want %q", got, want)
	}
}

// TestWriteLeavesFailedMovesUnfinished: when a file cannot be moved into
// place (here a name too long for the file system, which only the move
// meets), the folder holds part of the new build; Unfinished says so until
// the next build finishes, which clears it.
func TestWriteLeavesFailedMovesUnfinished(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	if err := Write(context.Background(), out, site, Files{"index.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	if left := Unfinished(out); left != "" {
		t.Fatalf("after a finished build, Unfinished = %q", left)
	}
	broken := Files{"index.html": []byte("new"), strings.Repeat("x", 300) + ".html": []byte("too long")}
	if err := Write(context.Background(), out, site, broken); err == nil {
		t.Fatal("a move that failed was not reported")
	}
	if left := Unfinished(out); !strings.HasPrefix(left, ".almanac-staging-") {
		t.Fatalf("after a failed move, Unfinished = %q, want the staging folder", left)
	}
	good := Files{"index.html": []byte("new")}
	if err := Write(context.Background(), out, site, good); err != nil {
		t.Fatal(err)
	}
	if left := Unfinished(out); left != "" {
		t.Errorf("the next build left %q", left)
	}
	assertTree(t, out, good)
}
