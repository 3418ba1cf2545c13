// Package render turns the site model into HTML with the site's
// html/template layouts, and gathers every output file (pages, static
// files, open data) into an output.Files.
//
// Layouts live in layouts/: base.html holds the page skeleton with blocks,
// partials/*.html are shared pieces, and one file per page kind (root.html,
// home.html, cover.html, section.html, print.html, 404.html) fills the blocks.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/site"
)

// Dir is the layouts folder of a site.
const Dir = "layouts"

// Layouts holds one parsed template set per page kind.
type Layouts struct {
	sets map[site.Kind]*template.Template
	// files lists the layout files each kind's set was parsed from.
	files map[site.Kind][]string
}

var kinds = []site.Kind{site.KindRoot, site.KindHome, site.KindCover, site.KindSection, site.KindPrint, site.KindNotFound}

// LoadLayouts parses layouts/ from fsys. A kind's set is base.html and the
// partials, cloned, plus the kind's own file, so each kind can define the
// same blocks differently.
func LoadLayouts(fsys fs.FS) (*Layouts, error) {
	shared := template.New("").Funcs(funcs)
	var sharedFiles []string
	var list diag.List
	parse := func(t *template.Template, file string) {
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			list = append(list, diag.Errorf(file, 0, 0, "create the layout file, or restore it from the almanac repository", "cannot read layout: %v", err))
			return
		}
		if _, err := t.New(file).Parse(string(src)); err != nil {
			list = append(list, templateError(err))
		}
	}
	parse(shared, path.Join(Dir, "base.html"))
	sharedFiles = append(sharedFiles, path.Join(Dir, "base.html"))
	partials, _ := fs.Glob(fsys, path.Join(Dir, "partials", "*.html"))
	sort.Strings(partials)
	for _, file := range partials {
		parse(shared, file)
		sharedFiles = append(sharedFiles, file)
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	l := &Layouts{sets: map[site.Kind]*template.Template{}, files: map[site.Kind][]string{}}
	for _, kind := range kinds {
		file := path.Join(Dir, string(kind)+".html")
		set := template.Must(shared.Clone())
		parse(set, file)
		l.sets[kind] = set
		l.files[kind] = append(append([]string{}, sharedFiles...), file)
	}
	if err := list.Err(); err != nil {
		return nil, err
	}
	return l, nil
}

// Files lists the layout files a page kind is made from.
func (l *Layouts) Files(kind site.Kind) []string { return l.files[kind] }

// templateLocation matches html/template's "template: NAME:LINE:COL: MSG" and
// "template: NAME:LINE: MSG" forms.
var templateLocation = regexp.MustCompile(`template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)`)

// templateError turns a template parse or execution error into a Diagnostic
// naming the layout file and line.
func templateError(err error) *diag.Diagnostic {
	msg := err.Error()
	m := templateLocation.FindStringSubmatch(msg)
	if m == nil {
		return &diag.Diagnostic{File: Dir, Msg: msg, Hint: "check the layout's {{ }} actions"}
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	text := m[4]
	// Execution errors repeat the position inside the message; keep the useful tail.
	if i := strings.Index(text, "error calling "); i >= 0 {
		text = text[i:]
	}
	return &diag.Diagnostic{File: m[1], Line: line, Col: col, Msg: "template: " + text,
		Hint: "fix the {{ }} action at this line; layouts use Go html/template syntax (README: \"Layouts\")"}
}

// Page renders one page with its kind's layout.
func (l *Layouts) Page(v *View) ([]byte, error) {
	set := l.sets[v.Page.Kind]
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := set.ExecuteTemplate(&buf, "base", v); err != nil {
		d := templateError(err)
		d.Msg = fmt.Sprintf("%s (while rendering %s)", d.Msg, v.Page.OutFile)
		return nil, d
	}
	v.Page.Inputs.Layouts = l.files[v.Page.Kind]
	return buf.Bytes(), nil
}

// funcs are the few helpers layouts need beyond the View's methods.
var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
}
