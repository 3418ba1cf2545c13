package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/locale"
	"github.com/xmca/almanac/internal/tomlfile"
)

// TemplateDir is where a site keeps its own templates for almanac new:
// section.<lang>.md, cover.<lang>.md (one per language key), figures.toml
// and figures-carried.toml (a year after one with figures). Those it does
// not have come from the shipped ones.
const TemplateDir = "layouts/new"

// shipped are almanac's own templates, for a site without its own. Their
// language suffix is a locale: a site language uses the nearest one
// (zh-hant the zh one), and one with none near must bring its own.
//
//go:embed templates
var shipped embed.FS

// A template's actions are written {% … %}, so that the {{figure}}
// references and [[rule]] tables of the files it makes need no escaping.
const leftDelim, rightDelim = "{%", "%}"

type tmpl struct {
	file string // where it was read, for messages
	src  string
	t    *template.Template
}

var funcs = template.FuncMap{"toml": tomlfile.Quote}

// templatesFor returns the template of kind ("section", "cover") for each
// language of the site: the site's own for the language, else that of
// another of its languages of the same language (zh for zh-hant), else the
// shipped one of the nearest locale. Languages with none are one error
// listing every template to write.
func templatesFor(fsys fs.FS, cfg *config.Config, kind string) (map[string]*tmpl, error) {
	out := map[string]*tmpl{}
	var list diag.List
	for _, l := range cfg.Langs {
		t, err := findTemplate(fsys, cfg, kind, l)
		if err != nil {
			list = append(list, asDiag(err))
			continue
		}
		if t == nil {
			file := path.Join(TemplateDir, kind+"."+l.Key+".md")
			list = append(list, diag.Errorf(file, 0, 0, modelHint(fsys, cfg, kind, l),
				"there is no %s template for language %q", kind, l.Key))
			continue
		}
		out[l.Key] = t
	}
	return out, list.Err()
}

// modelHint tells an editor what to translate for language l's missing
// template: another language's template in the site, by its file, or, when
// the site has none, almanac's own, quoted, since the editor cannot open it.
func modelHint(fsys fs.FS, cfg *config.Config, kind string, l *config.Language) string {
	for _, o := range cfg.Langs {
		file := path.Join(TemplateDir, kind+"."+o.Key+".md")
		if _, err := fs.Stat(fsys, file); err == nil {
			return fmt.Sprintf("create it: translate %s into %s; {%% .Year %%} and the other {%% … %%} fields stay as they are", file, l.Name)
		}
	}
	for _, o := range cfg.Langs {
		for _, key := range locale.Chain(o.Tag) {
			src, err := fs.ReadFile(shipped, "templates/"+kind+"."+key+".md")
			if key == "" || err != nil {
				continue
			}
			return fmt.Sprintf("create it: translate almanac's own %s template for %s, below, into %s; {%% .Year %%} and the other {%% … %%} fields stay as they are\n\n%s",
				kind, o.Name, l.Name, strings.TrimSpace(string(src)))
		}
	}
	return fmt.Sprintf("create it in %s: a Markdown file like a section, with title, summary and draft = true; {%% .Year %%} stands for the year", l.Name)
}

func findTemplate(fsys fs.FS, cfg *config.Config, kind string, l *config.Language) (*tmpl, error) {
	var lenders []*config.Language
	lenders = append(lenders, l)
	for _, o := range cfg.Langs {
		if o != l && locale.SameLanguage(o.Tag, l.Tag) {
			lenders = append(lenders, o)
		}
	}
	for _, o := range lenders {
		file := path.Join(TemplateDir, kind+"."+o.Key+".md")
		if t, err := readTemplate(fsys, file, file); t != nil || err != nil {
			return t, err
		}
	}
	for _, key := range locale.Chain(l.Tag) {
		if key == "" {
			continue
		}
		if t, err := readTemplate(shipped, "templates/"+kind+"."+key+".md", "almanac's own "+kind+"."+key+".md"); t != nil || err != nil {
			return t, err
		}
	}
	return nil, nil
}

// figuresTemplate is the site's layouts/new/<name> (figures.toml, or
// figures-carried.toml for a year that starts from last year's figures),
// or almanac's own.
func figuresTemplate(fsys fs.FS, name string) (*tmpl, error) {
	file := path.Join(TemplateDir, name)
	if t, err := readTemplate(fsys, file, file); t != nil || err != nil {
		return t, err
	}
	return readTemplate(shipped, "templates/"+name, "almanac's own "+name)
}

// readTemplate reads and parses name from fsys; a file that is not there
// is (nil, nil).
func readTemplate(fsys fs.FS, name, file string) (*tmpl, error) {
	src, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, diag.ReadError(file, err)
	}
	t, err := template.New(path.Base(name)).Delims(leftDelim, rightDelim).Funcs(funcs).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, diag.Errorf(file, 0, 0, "template actions are written {% … %}: check the braces and the names after the dot (.Year, .Title, .Figure, .FiguresFile)", "the template does not read: %s", templateError(err))
	}
	return &tmpl{file: file, src: string(src), t: t}, nil
}

// fill makes the file at out from t, and checks that the build accepts it.
func (t *tmpl) fill(out string, data map[string]any, cfg *config.Config) (File, error) {
	var b bytes.Buffer
	if err := t.t.Execute(&b, data); err != nil {
		return File{}, diag.Errorf(t.file, 0, 0, "use only the names the template is given (see docs/design.md): .Year, .Title, .KeyFigures, .Figure, .FiguresFile, .Source, .Langs, …", "the template cannot be filled in: %s", templateError(err))
	}
	f := File{Path: out, Data: b.Bytes()}
	// The templates must make what the build accepts: check, so that
	// `new` never starts a year or section that does not build.
	if err := validate(f, cfg); err != nil {
		return File{}, diag.Errorf(t.file, 0, 0, "correct the template so that what it makes builds", "the template makes a %s that does not build: %v", path.Base(out), err)
	}
	return f, nil
}

// templateError is text/template's message without its "template: name:"
// prefix, which names the file the message already names.
func templateError(err error) string {
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, "template: "); ok {
		msg = rest
	}
	return msg
}

func asDiag(err error) *diag.Diagnostic {
	var d *diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	return diag.Errorf("", 0, 0, "", "%v", err)
}

// Placeholder is what almanac new writes into a section or a cover for the
// editor to replace: the title and summary where the template writes them
// as they are, and the lines of its text that have no template fields.
type Placeholder struct {
	Title, Summary string
	Lines          []string
}

// Placeholders returns the placeholders of kind's template ("section",
// "cover") for each language of the site that has one.
func Placeholders(fsys fs.FS, cfg *config.Config, kind string) map[string]Placeholder {
	out := map[string]Placeholder{}
	for _, l := range cfg.Langs {
		if t, err := findTemplate(fsys, cfg, kind, l); t != nil && err == nil {
			out[l.Key] = t.placeholder()
		}
	}
	return out
}

func (t *tmpl) placeholder() Placeholder {
	var ph Placeholder
	front, body, _, err := content.SplitFrontMatter(t.file, []byte(t.src))
	if err != nil {
		return ph
	}
	var fixed []string
	for _, line := range strings.Split(string(front), "\n") {
		if !strings.Contains(line, leftDelim) {
			fixed = append(fixed, line)
		}
	}
	var fm struct{ Title, Summary string }
	if _, err := toml.Decode(strings.Join(fixed, "\n"), &fm); err == nil {
		ph.Title, ph.Summary = fm.Title, fm.Summary
	}
	for _, line := range strings.Split(string(body), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.Contains(line, leftDelim) {
			ph.Lines = append(ph.Lines, line)
		}
	}
	return ph
}
