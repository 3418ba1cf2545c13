// Package skip knows which files in a site's static/ and content/ folders
// are never published: hidden files and folders (.git, .DS_Store), the
// leftovers of editors and office programs (site.css~, ~$report.docx,
// .#page.md, *.swp, Thumbs.db, desktop.ini), and links that lead outside
// the site. Build, check and deploy share these rules, so what check names
// is exactly what build leaves out.
package skip

import (
	"io/fs"
	"sort"
	"strings"

	"github.com/xmca/almanac/internal/diag"
)

// File is one file or folder left out, with the reason in plain words.
type File struct {
	Path   string // slash path relative to the site ("static/.git")
	Reason string
	Dir    bool // a folder, left out with everything in it
}

func (f File) String() string {
	if f.Dir {
		return f.Path + "/ (" + f.Reason + ")"
	}
	return f.Path + " (" + f.Reason + ")"
}

// Reasons a name is left out.
const (
	Hidden      = "hidden"
	EditorFile  = "an editor's backup or lock file"
	OfficeLock  = "an office program's lock file for an open document"
	SystemFile  = "a file Windows keeps for the folder"
	OutsideLink = "a link to somewhere outside the site"
)

// Reason says why a file or folder of this base name is never published,
// or "" when it is.
func Reason(name string) string {
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "~$"):
		return OfficeLock
	case strings.HasPrefix(name, ".#"), strings.HasSuffix(name, "~"),
		strings.HasSuffix(lower, ".swp"), strings.HasSuffix(lower, ".swo"), name == "4913":
		return EditorFile
	case strings.HasPrefix(name, "."):
		return Hidden
	case lower == "thumbs.db", lower == "desktop.ini", lower == "ehthumbs.db":
		return SystemFile
	}
	return ""
}

// Find lists what is left out under each root folder of fsys, sorted by
// path. A left-out folder is listed once, not its contents. fsys is the
// site opened with os.Root, which refuses links out of the site; a link
// whose target fsys refuses is listed as OutsideLink.
func Find(fsys fs.FS, roots ...string) []File {
	var out []File
	for _, root := range roots {
		fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || p == root {
				return nil
			}
			if r := Reason(d.Name()); r != "" {
				out = append(out, File{Path: p, Reason: r, Dir: d.IsDir()})
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 && LeadsOutside(fsys, p) {
				out = append(out, File{Path: p, Reason: OutsideLink})
			}
			return nil
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// LeadsOutside reports whether the link at p leads outside fsys's root.
func LeadsOutside(fsys fs.FS, p string) bool {
	_, err := fs.Stat(fsys, p)
	return diag.IsOutsideLink(err)
}

// Warnings are what check says about each left-out file: a warning, so an
// editor knows the file will not be published.
func Warnings(files []File) diag.List {
	var list diag.List
	for _, f := range files {
		what := "the file"
		if f.Dir {
			what = "the folder"
		}
		d := diag.Errorf(f.Path, 0, 0, hint(f), "%s is not published: it is %s", what, article(f.Reason))
		d.Severity = diag.Warning
		list = append(list, d)
	}
	return list
}

func article(reason string) string {
	if reason == Hidden {
		return "hidden (its name starts with a dot)"
	}
	return reason
}

func hint(f File) string {
	switch f.Reason {
	case OutsideLink:
		return "copy the file into the site folder if it should be published"
	case Hidden:
		return "rename it without the leading dot if it should be published; otherwise nothing to do"
	}
	return "nothing to do; delete it when the program that made it is closed"
}
