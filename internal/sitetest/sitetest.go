// Package sitetest gives tests the repository's own site, the real 2019
// report, in memory or as a private copy on disk, so every package tests on
// the same real input and none can damage the repository.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// Parts are the files and folders a site is made of.
var Parts = []string{"site.toml", "content", "layouts", "static", "reviewed.zh-hant.txt"}

// Root is the repository's folder, found by walking up from the test's
// working folder to go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's folder")
		}
		dir = parent
	}
}

// MapFS is the repository's site in memory.
func MapFS(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS(Root(t))
	for _, part := range Parts {
		err := fs.WalkDir(root, part, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(root, p)
			fsys[p] = &fstest.MapFile{Data: b, Mode: 0o644}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// Copy copies the repository's site into a new temporary folder and
// returns its path.
func Copy(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for name, f := range MapFS(t) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// Edit replaces the first old, which must be there, with new in the file
// name (slash-separated) of the site copied to dir: a mistake for a test
// to find.
func Edit(t testing.TB, dir, name, old, new string) {
	t.Helper()
	file := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
