package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesTheWholeFolder(t *testing.T) {
	site := t.TempDir()
	out := filepath.Join(site, "public")
	if err := Write(out, site, Files{"index.html": []byte("one"), "old/page.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, site, Files{"index.html": []byte("two"), "zh/index.html": []byte("中文")}); err != nil {
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
		err := Write(dir, site, Files{"index.html": nil})
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
	err := Write(filepath.Join(site, "public"), site, Files{"../escape.html": []byte("x")})
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
