package skip

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReason(t *testing.T) {
	for name, want := range map[string]string{
		".git": Hidden, ".DS_Store": Hidden, ".htaccess": Hidden,
		"site.css~": EditorFile, ".#index.md": EditorFile, "01-a.zh.md.swp": EditorFile, ".01-a.zh.md.swo": EditorFile, "4913": EditorFile,
		"~$报告.docx": OfficeLock, "~$x.xlsx": OfficeLock,
		"Thumbs.db": SystemFile, "thumbs.db": SystemFile, "desktop.ini": SystemFile, "Desktop.ini": SystemFile,
		"site.css": "", "logo.svg": "", "01-a.zh.md": "", "report~final.pdf": "", "figures.toml": "",
	} {
		if got := Reason(name); got != want {
			t.Errorf("Reason(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestFind walks a real folder through os.Root, as build does: a hidden
// folder is listed once, and a link out of the site is found.
func TestFind(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"static/.git/config", "static/.git/HEAD", "static/css/site.css", "static/css/site.css~", "content/2019/~$a.docx"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "static", "passwd")); err != nil {
		t.Skip("no symlinks here")
	}
	os.Symlink("css/site.css", filepath.Join(dir, "static", "inside.css"))
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	got := Find(root.FS(), "static", "content")
	want := []string{"content/2019/~$a.docx", "static/.git/", "static/css/site.css~", "static/passwd"}
	if len(got) != len(want) {
		t.Fatalf("Find = %v, want %v", got, want)
	}
	for i, f := range got {
		p := f.Path
		if f.Dir {
			p += "/"
		}
		if p != want[i] {
			t.Errorf("Find[%d] = %v, want %s", i, f, want[i])
		}
	}
	if got[3].Reason != OutsideLink {
		t.Errorf("static/passwd: %q", got[3].Reason)
	}
	if len(Warnings(got)) != 4 {
		t.Error("not one warning per skipped file")
	}
}
