package output

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// newSite makes a site folder with the files a hurried -o could destroy.
func newSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	for name, body := range map[string]string{
		"site.toml":                  "base_url = \"https://example.org/\"\n",
		"content/2019/figures.toml":  "[figure.x]\nvalue = 1\n",
		"content/2019/01-a.zh.md":    "+++\ntitle = \"一\"\n+++\n",
		"layouts/base.html":          "<html></html>",
		"static/css/site.css":        "body{}",
		"../docs-beside/report.docx": "PK word file",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// snapshot is every file under dir with its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			files[p] = string(b)
		}
		return nil
	})
	return files
}

// TestWriteRefusesFoldersItDidNotWrite is -o pointed at each folder of the
// site, a folder inside one, and a folder of someone else's files: every
// one is refused with a reason, and not one file changes.
func TestWriteRefusesFoldersItDidNotWrite(t *testing.T) {
	site := newSite(t)
	beside := filepath.Join(filepath.Dir(site), "docs-beside")
	cases := []struct{ out, want string }{
		{filepath.Join(site, "content"), "content/ folder"},
		{filepath.Join(site, "content", "2019"), "content/ folder"},
		{filepath.Join(site, "content", "2019", "new"), "content/ folder"},
		{filepath.Join(site, "layouts"), "layouts/ folder"},
		{filepath.Join(site, "static"), "static/ folder"},
		{filepath.Join(site, "static", "out"), "static/ folder"},
		{site, "holds the site itself"},
		{filepath.Dir(site), "holds the site itself"},
		{beside, "report.docx"},
	}
	before := snapshot(t, filepath.Dir(site))
	for _, c := range cases {
		err := Write(context.Background(), c.out, site, Files{"index.html": []byte("x")})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("-o %s: got %v, want a refusal saying %q", c.out, err, c.want)
		}
	}
	if after := snapshot(t, filepath.Dir(site)); len(after) != len(before) {
		t.Fatalf("files changed: %d before, %d after", len(before), len(after))
	} else {
		for p, b := range before {
			if after[p] != b {
				t.Errorf("%s changed", p)
			}
		}
	}
}

// TestWriteAcceptsEmptyMissingAndItsOwn: a missing folder, an empty one,
// and a folder the previous build wrote (known by its marker).
func TestWriteAcceptsEmptyMissingAndItsOwn(t *testing.T) {
	site := newSite(t)
	empty := filepath.Join(site, "empty")
	os.Mkdir(empty, 0o755)
	for _, out := range []string{filepath.Join(site, "public"), empty} {
		if err := Write(context.Background(), out, site, Files{"index.html": []byte("one")}); err != nil {
			t.Fatalf("first build into %s: %v", out, err)
		}
		if !IsOutput(out) {
			t.Errorf("%s has no %s after a build", out, Marker)
		}
		if err := Write(context.Background(), out, site, Files{"index.html": []byte("two")}); err != nil {
			t.Fatalf("second build into %s: %v", out, err)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "two" {
			t.Errorf("%s/index.html = %q", out, b)
		}
	}
	// Someone's file dropped into an output folder does not make it foreign:
	// the marker says it is a build output, whose contents are replaced.
	out := filepath.Join(site, "public")
	os.Remove(filepath.Join(out, Marker))
	if err := Write(context.Background(), out, site, Files{"index.html": []byte("three")}); err == nil {
		t.Error("a folder whose marker was removed was replaced")
	}
}

// TestWriteThroughSymlinkedOutput: public is a link to a folder elsewhere
// (a web server's root). The link stays a link and the build lands in its
// target, under the same rule.
func TestWriteThroughSymlinkedOutput(t *testing.T) {
	site := newSite(t)
	www := filepath.Join(t.TempDir(), "www")
	os.Mkdir(www, 0o755)
	link := filepath.Join(site, "public")
	if err := os.Symlink(www, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	for _, body := range []string{"one", "two"} {
		if err := Write(context.Background(), link, site, Files{"index.html": []byte(body)}); err != nil {
			t.Fatal(err)
		}
		st, err := os.Lstat(link)
		if err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Fatalf("public is no longer a link: %v %v", st, err)
		}
		if b, _ := os.ReadFile(filepath.Join(www, "index.html")); string(b) != body {
			t.Errorf("target's index.html = %q, want %q", b, body)
		}
	}
	// A link to a folder of someone else's files is refused like the folder.
	foreign := t.TempDir()
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644)
	os.Remove(link)
	os.Symlink(foreign, link)
	if err := Write(context.Background(), link, site, Files{"index.html": nil}); err == nil || !strings.Contains(err.Error(), "notes.txt") {
		t.Errorf("got %v, want a refusal naming notes.txt", err)
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "notes.txt")); string(b) != "mine" {
		t.Error("the foreign folder was damaged")
	}
	// A link into the site's content is refused too.
	os.Remove(link)
	os.Symlink(filepath.Join(site, "content"), link)
	if err := Write(context.Background(), link, site, Files{"index.html": nil}); err == nil || !strings.Contains(err.Error(), "content/ folder") {
		t.Errorf("got %v, want a refusal naming content/", err)
	}
}

// TestWriteDiskFull builds onto a real 256 KB file system (a tmpfs, which
// needs root to mount): one line says the disk is full and names the output
// folder, and the previous output is unchanged.
func TestWriteDiskFull(t *testing.T) {
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs (needs root): %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	site := newSite(t)
	out := filepath.Join(mnt, "public")
	if err := Write(context.Background(), out, site, Files{"index.html": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	files := Files{}
	for i := range 40 {
		files["zh/"+strings.Repeat("p", i+1)+"/index.html"] = make([]byte, 16*1024)
	}
	err := Write(context.Background(), out, site, files)
	if err == nil {
		t.Fatal("a build larger than the disk succeeded")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "the disk is full") || !strings.Contains(msg, out) || strings.Contains(msg, "\n") || strings.Contains(msg, ".new-") {
		t.Errorf("got %q, want one line saying the disk is full, naming %s and no temporary path", msg, out)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "old" {
		t.Errorf("index.html = %q, want the previous build's", b)
	}
	if entries, _ := os.ReadDir(mnt); len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}
