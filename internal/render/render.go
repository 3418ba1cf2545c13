// Package render turns the site model into HTML with the site's
// html/template layouts, and gathers every output file (pages, static
// files, open data) into an output.Files.
//
// Layouts live in layouts/: base.html holds the page skeleton with blocks,
// partials/*.html are shared pieces, and one file per page kind (root.html,
// home.html, cover.html, section.html, print.html, 404.html, search.html)
// fills the blocks.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"text/template/parse"
	"unicode/utf8"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/site"
)

// Dir is the layouts folder of a site.
const Dir = "layouts"

// Layouts holds one parsed template set per page kind.
type Layouts struct {
	// sets are the layouts as written. Pages render from copies folded
	// for their kind and language (fold.go); tests check both give the
	// same pages.
	sets map[site.Kind]*template.Template
	// files lists the layout files each kind's set was parsed from.
	files map[site.Kind][]string
	// sources holds each layout file's text, to parse folded copies from.
	sources map[string]string

	mu     sync.Mutex
	folded map[foldKey]*foldedSet
	// foldedFor is the site the folded sets were made for: their
	// constants come from its interface strings and base URL.
	foldedFor *site.Site
}

// foldedSet is a kind's set with its constant calls folded for one
// language (see fold.go), and the interface strings folding used.
type foldedSet struct {
	set     *template.Template
	strings []string
	// files names the layout file each template is defined in, for
	// escaping errors: html/template drops the trees of a set it cannot
	// escape.
	files map[string]string
}

var kinds = []site.Kind{site.KindRoot, site.KindHome, site.KindCover, site.KindSection, site.KindPrint, site.KindNotFound, site.KindSearch}

// LoadLayouts parses layouts/ from fsys. A kind's set is base.html and the
// partials, cloned, plus the kind's own file, so each kind can define the
// same blocks differently.
func LoadLayouts(fsys fs.FS) (*Layouts, error) {
	shared := template.New("").Funcs(funcs)
	var sharedFiles []string
	var list diag.List
	sources := map[string]string{}
	parse := func(t *template.Template, file string) {
		src, err := fs.ReadFile(fsys, file)
		if err != nil {
			d := diag.ReadError(file, err)
			if errors.Is(err, fs.ErrNotExist) && !diag.IsOutsideLink(err) {
				d.Msg, d.Hint = "the layout file is missing", "create the layout file, or restore it from the almanac repository"
			}
			list = append(list, d)
			return
		}
		sources[file] = string(src)
		parsed, err := t.New(file).Parse(string(src))
		if err != nil {
			list = append(list, templateError(err))
			return
		}
		if d := outsideDefine(parsed); d != nil {
			list = append(list, d)
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
	l := &Layouts{sets: map[site.Kind]*template.Template{}, files: map[site.Kind][]string{}, sources: sources}
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

// outsideDefine reports the first text or action a layout file has outside
// its {{define}} blocks, which no page ever shows: pages run "base" and the
// blocks it names.
func outsideDefine(t *template.Template) *diag.Diagnostic {
	if t.Tree == nil {
		return nil
	}
	for _, n := range t.Tree.Root.Nodes {
		if text, ok := n.(*parse.TextNode); ok && strings.TrimSpace(string(text.Text)) == "" {
			continue
		}
		d := &diag.Diagnostic{File: t.Name(), Msg: "this is outside every {{define}} block, so no page shows it",
			Hint: `move it inside a {{define "name"}} … {{end}} block, or delete it`}
		if m := nodeLocation.FindStringSubmatch(locate(n)); m != nil {
			d.Line, _ = strconv.Atoi(m[2])
			d.Col, _ = strconv.Atoi(m[3])
		}
		if text, ok := n.(*parse.TextNode); ok {
			// Point at the text itself, past the blank lines before it.
			lead := string(text.Text[:len(text.Text)-len(bytes.TrimLeft(text.Text, " \t\r\n"))])
			if nl := strings.LastIndexByte(lead, '\n'); nl >= 0 {
				d.Line += strings.Count(lead, "\n")
				d.Col = utf8.RuneCountInString(lead[nl+1:]) + 1
			} else {
				d.Col += utf8.RuneCountInString(lead)
			}
		}
		return d
	}
	return nil
}

// Files lists the layout files a page kind is made from.
func (l *Layouts) Files(kind site.Kind) []string { return l.files[kind] }

// templateLocation matches html/template's "template: NAME:LINE:COL: MSG" and
// "template: NAME:LINE: MSG" forms.
var templateLocation = regexp.MustCompile(`template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)`)

// escapedName matches a template name as html/template renames the copy
// it escapes for a context ("title$htmltemplate_stateRCDATA_elementTitle"):
// the editor wrote "title".
var escapedName = regexp.MustCompile(`"([^"$]*)\$htmltemplate_[^"]*"`)

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
	text = escapedName.ReplaceAllString(text, `"$1"`)
	return &diag.Diagnostic{File: m[1], Line: line, Col: col, Msg: "template: " + text,
		Hint: "fix the {{ }} action at this line; layouts use Go html/template syntax (README: \"Layouts\")"}
}

// escapeError turns an error html/template met while escaping a layout
// (markup it cannot follow, a value in an ambiguous place) into a
// Diagnostic at the layout file and line where it met it.
func escapeError(files map[string]string, e *template.Error) *diag.Diagnostic {
	d := &diag.Diagnostic{File: Dir, Msg: "template: " + e.Description,
		Hint: "check the markup around this line: html/template must be able to tell, at every {{ }} action, whether it is in text, a tag, an attribute, a URL, a script or a style (README: \"Layouts\")"}
	if e.Node != nil {
		if m := nodeLocation.FindStringSubmatch(locate(e.Node)); m != nil {
			d.File = m[1]
			d.Line, _ = strconv.Atoi(m[2])
			d.Col, _ = strconv.Atoi(m[3])
		}
		return d
	}
	if file, ok := files[e.Name]; ok {
		d.File, d.Line = file, e.Line
	}
	return d
}

// nodeLocation matches parse.Tree.ErrorContext's "file:line:col".
var nodeLocation = regexp.MustCompile(`^(.+):(\d+):(\d+)$`)

// locate is where n is written, as "file:line:col".
func locate(n parse.Node) string {
	loc, _ := (*parse.Tree)(nil).ErrorContext(n)
	return loc
}

// pageError is a layout error met while rendering the page (its output
// file), which the message does not name yet.
type pageError struct {
	d    *diag.Diagnostic
	page string
}

// withPages is d's message naming the pages it was met on.
func withPages(d *diag.Diagnostic, pages []string) *diag.Diagnostic {
	sort.Strings(pages)
	shown := strings.Join(pages, ", ")
	if len(pages) > 3 {
		shown = fmt.Sprintf("%s and %d more pages", strings.Join(pages[:3], ", "), len(pages)-3)
	}
	cp := *d
	cp.Msg = d.Msg + " (while rendering " + shown + ")"
	return &cp
}

// mergeRepeats turns the same layout error met on many pages into one
// message listing the pages, so a typo in a layout shared by every section
// is reported once, not once per section and language.
func mergeRepeats(errs []pageError) diag.List {
	type key struct {
		file      string
		line, col int
		msg, hint string
	}
	var order []key
	pages := map[key][]string{}
	first := map[key]*diag.Diagnostic{}
	for _, e := range errs {
		k := key{e.d.File, e.d.Line, e.d.Col, e.d.Msg, e.d.Hint}
		if first[k] == nil {
			first[k] = e.d
			order = append(order, k)
		}
		pages[k] = append(pages[k], e.page)
	}
	var out diag.List
	for _, k := range order {
		out = append(out, withPages(first[k], pages[k]))
	}
	return out
}

// Page renders one page with its kind's layout.
func (l *Layouts) Page(v *View) ([]byte, error) {
	b, err := l.page(v, new(bytes.Buffer))
	if err != nil {
		return nil, withPages(err, []string{v.Page.OutFile})
	}
	return b, nil
}

// page renders one page into buf, which it resets first, and returns a copy
// of exactly the page's bytes: a buffer reused from page to page grows once
// to the largest page, instead of every page's growing (and, for the
// output, keeping up to twice the room it needs). An error's message does
// not name the page yet (see withPages).
func (l *Layouts) page(v *View, buf *bytes.Buffer) ([]byte, *diag.Diagnostic) {
	f := l.foldedSet(v)
	v.folded = f.strings
	buf.Reset()
	if err := f.set.ExecuteTemplate(buf, "base", v); err != nil {
		d := templateError(err)
		var escapeErr *template.Error
		if errors.As(err, &escapeErr) {
			d = escapeError(f.files, escapeErr)
			if escapeErr.Node == nil {
				if culprit := l.escapeCulprit(v.Page.Kind); culprit != nil {
					d = culprit
				}
			}
		}
		return nil, d
	}
	v.Page.Inputs.Layouts = l.files[v.Page.Kind]
	return bytes.Clone(buf.Bytes()), nil
}

// foldedSet returns the set for v's page kind and language, folding it on
// first use.
func (l *Layouts) foldedSet(v *View) *foldedSet {
	key := foldKey{kind: v.Page.Kind}
	if v.Page.Lang != nil {
		key.lang = v.Page.Lang.Key
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.foldedFor != v.Site {
		l.folded, l.foldedFor = map[foldKey]*foldedSet{}, v.Site
	}
	f := l.folded[key]
	if f == nil {
		f = l.fold(key, v)
		l.folded[key] = f
	}
	return f
}

// fold parses key.kind's layout files again and folds their constant
// calls for pages like v's.
func (l *Layouts) fold(key foldKey, v *View) *foldedSet {
	// The files parsed once already, in LoadLayouts.
	set := template.Must(l.parseKind(key.kind))
	trees, files := map[string]*parse.Tree{}, map[string]string{}
	for _, t := range set.Templates() {
		if t.Tree != nil {
			trees[t.Name()], files[t.Name()] = t.Tree, t.Tree.ParseName
		}
	}
	c := &constants{site: v.Site, lang: v.Lang(), locale: v.Locale(), bilingual: v.Page.Lang == nil,
		basePath: v.Site.Config.BasePath(), kind: key.kind, used: map[string]bool{}}
	fold(trees, c)
	// html/template escapes a set on its first run, before it evaluates
	// anything: run it on no data, which stops at the first action, and
	// then its constant actions can become text. A layout it cannot
	// escape gives an *template.Error, here and again when a page renders.
	var escapeErr *template.Error
	if err := set.ExecuteTemplate(io.Discard, "base", nil); !errors.As(err, &escapeErr) {
		for _, t := range set.Templates() {
			if t.Tree != nil {
				inline(t.Tree.Root)
			}
		}
	}
	return &foldedSet{set: set, strings: sortedSet(c.used), files: files}
}

// funcs are the few helpers layouts need beyond the View's methods.
var funcs = template.FuncMap{
	"add": func(a, b int) int { return a + b },
}
