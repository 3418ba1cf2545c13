package content

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/xmca/almanac/internal/diag"
)

// FuzzFrontMatter splits and parses any file as a content file's front
// matter: it must never panic, a mistake must be a Diagnostic inside the
// file with a hint, and what parses must be consistent (a title, a usable
// slug, the body where the line count says).
func FuzzFrontMatter(f *testing.F) {
	files, _ := filepath.Glob("../../content/*/*.md")
	more, _ := filepath.Glob("../../content/*.md")
	for _, name := range append(files, more...) {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	for _, s := range []string{
		"+++\ntitle = \"x\"\n+++\nbody",
		"+++\r\ntitle = \"x\"\r\n+++\r\nbody\r\n",
		"+++\ntitle = \"x\"\n+++",
		"+++\n+++\n",
		"+++\ntitle = \"x\"\n",
		"+++ \ntitle = \"x\"\nslug = \"A B\"\n+++\t\n",
		"+++\ntitle = \"x\"\nwieght = 3\ntheme = { a = [1, 2] }\n+++\n",
		"+++\ntitle = 3\n+++\n",
		"+++\ntitle = \"x\"\nkey_figures = [\"a\", 1]\n+++\n",
		"+++\n[a.b]\nc = 1\n[[d]]\ntitle = \"x\"\n+++\n",
		"+++\ntitle = \"\"\"\n+++\n\"\"\"\n+++\nbody",
		"\uFEFF+++\ntitle = \"x\"\n+++\n",
		"+++\ntitle = \"\xff\"\n+++\n",
		"+++\n\"title\" = 'x'\nweight = 9223372036854775807\ndraft = 2019-01-01\n+++\n",
	} {
		f.Add([]byte(s))
	}
	const file = "content/2019/01-a.zh.md"
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := bytes.Count(src, []byte("\n")) + 1
		front, body, bodyLine, err := SplitFrontMatter(file, src)
		if err != nil {
			checkDiagnostic(t, err, file, lines)
			return
		}
		if !bytes.HasSuffix(src, body) || !bytes.Contains(src, front) {
			t.Fatalf("front %q and body %q are not parts of the file", front, body)
		}
		if len(body) > 0 {
			if got := 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n")); got != bodyLine {
				t.Fatalf("body starts at line %d, not %d", got, bodyLine)
			}
		}
		fm, err := ParseFrontMatter(file, front)
		if err != nil {
			checkDiagnostic(t, err, file, lines)
			return
		}
		if fm.Title == "" {
			t.Fatal("parsed front matter without a title")
		}
		if fm.Slug != "" && !validSlug(fm.Slug) {
			t.Fatalf("slug %q accepted", fm.Slug)
		}
		for _, key := range knownKeys {
			if l := fm.Line(key); l != 0 && (l < 2 || l >= bodyLine) {
				t.Fatalf("%s is said to be on line %d, outside the front matter (lines 2–%d)", key, l, bodyLine-2)
			}
		}
	})
}

// checkDiagnostic asserts err is a Diagnostic about file, within its lines,
// saying what is wrong and how to fix it.
func checkDiagnostic(t *testing.T, err error, file string, lines int) {
	t.Helper()
	var list diag.List
	if !errors.As(err, &list) {
		var d *diag.Diagnostic
		if !errors.As(err, &d) {
			t.Fatalf("error %v (%T) is not a Diagnostic", err, err)
		}
		list = diag.List{d}
	}
	for _, d := range list {
		if d.File != file || d.Line < 1 || d.Line > lines || d.Col < 0 || d.Msg == "" || d.Hint == "" {
			t.Fatalf("incomplete diagnostic %+v (the file has %d lines)", d, lines)
		}
	}
}

// The pieces a generated tree's paths and files are made of.
var (
	treeDirs  = []string{"content", "content/2019", "content/2019", "content/2020", "content/misc", "content/2019/img", "content"}
	treeStems = []string{"_index", "01-alpha", "02-beta", "01-beta", "alpha", "print", "03-Bad Name", "figures", "10-gamma", ".hidden", "x~"}
	treeLangs = []string{"zh", "en", "fr", "", "zh", "en"}
	treeExts  = []string{".md", ".md", ".md", ".toml", ".txt", ""}
	treeTexts = []func(text string) string{
		func(s string) string { return "+++\ntitle = \"T\"\n+++\n" + s },
		func(s string) string { return "+++\n" + s + "\n+++\nbody" },
		func(s string) string { return s },
		func(s string) string { return "+++\ntitle = \"x\"\nslug = \"" + s + "\"\n+++\n" },
		func(s string) string { return "+++\ntitle = \"x\"\ndraft = true\n+++\n" + s },
		func(s string) string { return "+++\ntitle = \"x\"\nweight = 3\nslug = \"same\"\n+++\n" },
		func(s string) string { return "+++\ntitle = \"x\"\nkey_figures = [\"a\"]\n+++\n" },
		func(s string) string { return "[figure.a]\nvalue = 1\nunit = \"items\"\n" + s },
	}
)

// generateTree makes a content folder from spec: every 5 bytes choose a
// folder, a name, a language, an extension and a kind of file, into which
// text goes.
func generateTree(spec []byte, text string) fstest.MapFS {
	pick := func(list []string, b byte) string { return list[int(b)%len(list)] }
	fsys := fstest.MapFS{}
	for i := 0; i+5 <= len(spec) && i < 5*40; i += 5 {
		name := pick(treeStems, spec[i+1])
		if lang := pick(treeLangs, spec[i+2]); lang != "" {
			name += "." + lang
		}
		name += pick(treeExts, spec[i+3])
		p := path.Join(pick(treeDirs, spec[i]), name)
		if _, isDir := fsys[p+"/x"]; isDir {
			continue
		}
		fsys[p] = &fstest.MapFile{Data: []byte(treeTexts[int(spec[i+4])%len(treeTexts)](text))}
	}
	// A path cannot be both a file and a folder.
	for p := range fsys {
		for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
			delete(fsys, dir)
		}
	}
	return fsys
}

// FuzzLoad loads generated content folders: Load must never panic, every
// problem must name a file or folder of the tree with a hint, and a loaded
// site must be consistent (report years, languages, unique valid slugs).
func FuzzLoad(f *testing.F) {
	f.Add([]byte{1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 7, 3, 3, 7}, "text")
	f.Add([]byte{1, 1, 0, 0, 3, 1, 2, 0, 0, 5, 1, 4, 1, 0, 5}, "A B")
	f.Add([]byte{4, 1, 0, 0, 0, 6, 1, 0, 0, 0, 1, 5, 0, 0, 0, 1, 6, 1, 0, 0}, "")
	f.Add([]byte{1, 0, 0, 0, 4, 1, 0, 1, 0, 4, 1, 1, 0, 0, 0, 1, 1, 1, 0, 2}, "\xff")
	f.Add([]byte{1, 1, 2, 0, 0, 1, 1, 3, 0, 0, 1, 1, 0, 4, 0, 1, 9, 0, 0, 0, 1, 10, 0, 0, 0}, "print")
	f.Fuzz(func(t *testing.T, spec []byte, text string) {
		fsys := generateTree(spec, text)
		c, err := Load(fsys, Options{Langs: []string{"zh", "en"}})
		if err != nil {
			var list diag.List
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %v (%T) is not a diag.List", err, err)
			}
			for _, d := range list {
				if !inTree(fsys, d.File) || d.Msg == "" || d.Hint == "" || d.Line < 0 || d.Col < 0 {
					t.Fatalf("diagnostic %+v does not name a file of the tree with a hint", d)
				}
			}
			return
		}
		for _, r := range c.Reports {
			if !yearDir.MatchString(r.Year) {
				t.Fatalf("report year %q", r.Year)
			}
			slugs := map[string]bool{}
			for _, s := range r.Sections {
				if !validSlug(s.Slug) || s.Slug == "print" || slugs[s.Slug] {
					t.Fatalf("slug %q is unusable or repeated", s.Slug)
				}
				slugs[s.Slug] = true
				for lang, src := range s.Sources {
					if (lang != "zh" && lang != "en") || src.Lang != lang || fsys[src.File] == nil || src.Front.Title == "" || !utf8.Valid(src.Body) {
						t.Fatalf("section source %+v", src)
					}
				}
			}
		}
	})
}

// inTree reports whether name is a file or folder of fsys.
func inTree(fsys fstest.MapFS, name string) bool {
	if _, err := fs.Stat(fsys, name); err == nil {
		return true
	}
	return strings.HasPrefix(name, Dir) && name == Dir
}
