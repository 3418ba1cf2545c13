package site

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/xmca/almanac/internal/diag"
)

// KeyFiguresPartial is the layout file that gives a block of key figures
// its markup, and KeyFiguresTemplate the template it defines. The block is
// made while the Markdown is converted ({{key-figures}}) as well as by the
// layouts (a cover's key figures), so the model reads this partial itself;
// the layouts parse it too, like every partial.
const (
	KeyFiguresPartial  = "layouts/partials/key-figures.html"
	KeyFiguresTemplate = "key-figures"
)

// ChartPartial is the layout file that marks up a chart around its
// drawing (caption, data table, data link), and ChartTemplate the template
// it defines, which gets a chart.Figure. Markdown's {{chart}} is made while
// converting, so the model reads this partial itself, as it does the key
// figures'.
const (
	ChartPartial  = "layouts/partials/chart.html"
	ChartTemplate = "chart"
)

// partialFile is a layout partial the model executes: its file, the
// template it defines, and the message for a file that lacks the template,
// which says what the template marks up (a format of the file and the
// template's name, with its Chinese in the message catalog). A new such
// partial is one more of these.
type partialFile struct {
	file, template string
	lacksTemplate  string
}

var (
	keyFiguresPartial = partialFile{file: KeyFiguresPartial, template: KeyFiguresTemplate,
		lacksTemplate: "%s defines no template %q, which marks up a block of key figures"}
	chartPartial = partialFile{file: ChartPartial, template: ChartTemplate,
		lacksTemplate: "%s defines no template %q, which marks up a chart with its data table"}
)

// partial is a layout partial the model executes, with the source it was
// parsed from (which the Cache compares).
type partial struct {
	src  []byte
	tmpl *template.Template // nil when the file is missing or does not parse
	err  error              // why it does not parse
}

// loadPartial reads and parses file. A file that is missing or does not
// parse gives a partial without a template: a page that needs the template
// says it lacks it, or what the file's mistake is, as the layouts do.
func loadPartial(fsys fs.FS, file string) *partial {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return &partial{}
	}
	t, err := template.New(file).Parse(string(src))
	if err != nil {
		return &partial{src: src, err: err}
	}
	return &partial{src: src, tmpl: t}
}

// partial returns file's partial through the cache: the same bytes give
// the very same partial, so pages converted under it need no replay.
func (c *Cache) partial(fsys fs.FS, file string) *partial {
	p := loadPartial(fsys, file)
	if c == nil {
		return p
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old := c.partials[file]; old != nil && old.tmpl != nil && bytes.Equal(old.src, p.src) {
		return old
	}
	if c.partials == nil {
		c.partials = map[string]*partial{}
	}
	c.partials[file] = p
	return p
}

// execute runs of's template, parsed into p, with data; size guesses the
// length of the HTML, so that its buffer need not grow.
func (p *partial) execute(of partialFile, data any, size int) (template.HTML, error) {
	if p != nil && p.err != nil {
		return "", partialError(of.file, p.err)
	}
	if p == nil || p.tmpl == nil || p.tmpl.Lookup(of.template) == nil {
		return "", missingTemplate(of)
	}
	var buf strings.Builder
	buf.Grow(size)
	if err := p.tmpl.ExecuteTemplate(&buf, of.template, data); err != nil {
		return "", partialError(of.file, err)
	}
	return template.HTML(buf.String()), nil
}

// missingTemplate says that of's file lacks its template, and what the
// template marks up. (Each partial has a message of its own, rather than
// one format with what it marks up as an argument, because check's JSON
// names a message by its format: "%s (while rendering %s)" around it
// must stay the longer match.)
func missingTemplate(of partialFile) *diag.Diagnostic {
	return diag.Errorf(of.file, 0, 0, defineHint(of.template), of.lacksTemplate, of.file, of.template)
}

func defineHint(name string) string {
	return `define it there: {{define "` + name + `"}} … {{end}}, or restore the file from the almanac repository`
}

// execLocation matches the position and message of an execution error,
// "template: FILE:LINE:COL: executing "name" at <.Lable>: can't evaluate…",
// or a parse error, "template: FILE:LINE: function "x" not defined".
var execLocation = regexp.MustCompile(`^template: [^:]+:(\d+):(?:(\d+):)? ?(.*)$`)

// partialError turns an error met parsing or executing a partial into a
// Diagnostic at the partial's line, in the words of the template the
// designer wrote.
func partialError(file string, err error) *diag.Diagnostic {
	var te *template.Error
	if errors.As(err, &te) && te.Line > 0 {
		return diag.Errorf(file, te.Line, 0, `check the markup around this line (README: "Layouts")`, "template: %s", te.Description)
	}
	d := diag.Errorf(file, 0, 0, `fix the {{ }} action at this line; layouts use Go html/template syntax (README: "Layouts")`, "template: %v", err)
	if m := execLocation.FindStringSubmatch(err.Error()); m != nil {
		d.Line, _ = strconv.Atoi(m[1])
		d.Col, _ = strconv.Atoi(m[2])
		d.Msg = "template: " + m[3]
	}
	return d
}
