package render

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/sitetest"
)

// model loads fsys's site and layouts as a build does.
func model(t *testing.T, fsys fstest.MapFS) (*site.Site, *Layouts) {
	t.Helper()
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	l, err := LoadLayouts(fsys)
	if err != nil {
		t.Fatal(err)
	}
	s, err := site.Build(fsys, cfg, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, l
}

// unfolded renders p with its kind's layouts as parsed, without folding.
func unfolded(l *Layouts, s *site.Site, p *site.Page) (string, error) {
	var buf bytes.Buffer
	err := l.sets[p.Kind].ExecuteTemplate(&buf, "base", newView(s, p))
	if err != nil {
		return "", templateError(err)
	}
	return buf.String(), nil
}

// TestFoldingKeepsEveryPage renders every page of the real site with and
// without folding: the bytes must be the same, and folding must have
// turned the interface strings of the section layout into text.
func TestFoldingKeepsEveryPage(t *testing.T) {
	s, l := model(t, sitetest.MapFS(t))
	for _, p := range s.Pages {
		want, err := unfolded(l, s, p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := l.Page(newView(s, p))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s: folded layouts give different HTML", p.OutFile)
		}
	}
	sec := s.Reports[0].Sections[0].Pages["en"]
	f := l.foldedSet(newView(s, sec))
	base := f.set.Lookup("base").Tree.Root.String()
	for _, call := range []string{".T ", ".Asset ", "html lang=\"{{", "eq .Page.Kind"} {
		if strings.Contains(base, call) {
			t.Errorf("base still calls %s after folding:\n%s", call, base)
		}
	}
	if !strings.Contains(base, `<script src="/report/js/text-size.js">`) {
		t.Errorf("the asset URL was not inlined as text:\n%s", base)
	}
}

// TestFoldingRecordsStrings: a page's inputs still name the interface
// strings its layouts print, folded or not.
func TestFoldingRecordsStrings(t *testing.T) {
	s, l := model(t, sitetest.MapFS(t))
	sec := s.Reports[0].Sections[0].Pages["zh"]
	v := newView(s, sec)
	if _, err := l.Page(v); err != nil {
		t.Fatal(err)
	}
	v.record()
	for _, key := range []string{"site_title", "on_this_page", "back_to_top", "text_size_large"} {
		if !strings.Contains(strings.Join(sec.Inputs.Strings, " "), key) {
			t.Errorf("Inputs.Strings = %v, want %s among them", sec.Inputs.Strings, key)
		}
	}
}

// TestFoldingOnlyWhereDotIsTheView: a partial given other data than the
// View, and actions inside with and range, must not be folded: there .T
// and .Lang are someone else's. Rendering must fail or succeed exactly as
// without folding.
func TestFoldingOnlyWhereDotIsTheView(t *testing.T) {
	layouts := map[string]string{
		// .Lang of a Page is its *config.Language: its Key prints.
		"partial given the page": `{{define "main"}}{{template "lang-of" .Page}}{{end}}{{define "lang-of"}}<p>{{.Lang.Key}}</p>{{end}}`,
		"with changes dot":       `{{define "main"}}{{with .Page}}<p>{{.Lang.Key}}</p>{{end}}{{end}}`,
		"range changes dot":      `{{define "main"}}{{range .Languages}}<p>{{.Locale}}</p>{{end}}{{end}}`,
		"$ inside with":          `{{define "main"}}{{with .Page}}<p>{{$.T "next"}} {{$.Lang}}</p>{{end}}{{end}}`,
		"non-literal key":        `{{define "main"}}{{$k := "next"}}<p>{{.T $k}}</p>{{end}}`,
		"if on kind":             `{{define "main"}}{{if eq .Page.Kind "section"}}<p>S</p>{{else}}<p>N</p>{{end}}{{if ne .Page.Kind "section"}}<i>x</i>{{end}}{{end}}`,
		"string in a url":        `{{define "main"}}<a href="/x?q={{.T "next"}}">{{.TAll "next"}}</a><script>var s = {{.T "next"}};</script>{{end}}`,
		"strings to escape":      `{{define "main"}}<p title="{{.T "previous"}}">{{.T "previous"}}</p><a href="/{{.T "previous"}}">x</a><p title="{{.TAll "previous"}}">{{.TAll "previous"}}</p><a href="{{.TAll "previous"}}">{{.TAll "next"}}</a>{{end}}`,
	}
	for name, layout := range layouts {
		t.Run(name, func(t *testing.T) {
			fsys := sitetest.MapFS(t)
			fsys["layouts/section.html"] = &fstest.MapFile{Data: []byte(layout)}
			// Strings with characters each escaper treats its own way.
			en := strings.Replace(string(fsys["layouts/i18n/en.toml"].Data), `previous = "Previous"`, `previous = "<b>Back</b> & 'forth' + on"`, 1)
			fsys["layouts/i18n/en.toml"] = &fstest.MapFile{Data: []byte(en)}
			s, l := model(t, fsys)
			sec := s.Reports[0].Sections[0].Pages["en"]
			want, _ := unfolded(l, s, sec)
			got, err := l.Page(newView(s, sec))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Errorf("folded:\n%s\nunfolded:\n%s", got, want)
			}
		})
	}
}

// TestFoldingKeepsErrors: a call that fails fails the same way folded,
// naming the layout file and line.
func TestFoldingKeepsErrors(t *testing.T) {
	layouts := map[string]string{
		"unknown key": "{{define \"main\"}}\n{{.T \"next\"}}\n{{.T \"no_such_key\"}}{{end}}",
	}
	for name, layout := range layouts {
		t.Run(name, func(t *testing.T) {
			fsys := sitetest.MapFS(t)
			fsys["layouts/section.html"] = &fstest.MapFile{Data: []byte(layout)}
			s, l := model(t, fsys)
			sec := s.Reports[0].Sections[0].Pages["zh"]
			_, wantErr := unfolded(l, s, sec)
			_, gotErr := l.Page(newView(s, sec))
			var want, got *diag.Diagnostic
			if !errors.As(wantErr, &want) || !errors.As(gotErr, &got) {
				t.Fatalf("want diagnostics, got %v (unfolded: %v)", gotErr, wantErr)
			}
			if got.File != want.File || got.Line != want.Line || got.Col != want.Col ||
				!strings.HasPrefix(got.Msg, want.Msg) || got.Hint != want.Hint {
				t.Errorf("folded error:\n%v\nunfolded:\n%v", got, want)
			}
		})
	}
}

// TestEscapeErrorsNameTheLayout: markup html/template cannot follow is
// reported at the layout file (and, where html/template knows it, the line
// and column), not as a bare message.
func TestEscapeErrorsNameTheLayout(t *testing.T) {
	tests := []struct {
		name, layout, file string
		line, col          int
	}{
		{"ambiguous URL", "{{define \"main\"}}\n<a href=\"{{if .Page.Title}}/a/{{else}}/b?q={{end}}{{.Page.Title}}\">x</a>{{end}}", "layouts/section.html", 2, 52},
		// Noticed only in the footer, where the damage shows; found where it starts.
		{"unclosed attribute", "{{define \"main\"}}\n<p>ok</p>\n<a class=\"x\" href=\"{{.T \"next\"}}\">ok</a> <a href=\"{{.T \"next\"}}{{end}}", "layouts/section.html", 3, 50},
		{"unclosed tag", "{{define \"main\"}}\n<p>ok</p>\n\n  <img alt=\"x\"{{end}}", "layouts/section.html", 4, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sitetest.MapFS(t)
			fsys["layouts/section.html"] = &fstest.MapFile{Data: []byte(tt.layout)}
			s, l := model(t, fsys)
			_, err := l.Page(newView(s, s.Reports[0].Sections[0].Pages["en"]))
			var d *diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("want a diagnostic, got %v", err)
			}
			if d.File != tt.file || d.Line != tt.line || d.Col != tt.col || d.Hint == "" {
				t.Errorf("got %s:%d:%d: %s (hint %q), want %s:%d:%d", d.File, d.Line, d.Col, d.Msg, d.Hint, tt.file, tt.line, tt.col)
			}
		})
	}
}

// TestExecErrorsNameTheEditorsTemplate: html/template renames a template
// it escapes in a context of its own ("title$htmltemplate_stateRCDATA…");
// the message names the template as the layout wrote it.
func TestExecErrorsNameTheEditorsTemplate(t *testing.T) {
	fsys := sitetest.MapFS(t)
	fsys["layouts/section.html"] = &fstest.MapFile{Data: []byte("{{define \"title\"}}{{.Page.Nonesuch}}{{end}}{{define \"main\"}}x{{end}}")}
	s, l := model(t, fsys)
	_, err := l.Page(newView(s, s.Reports[0].Sections[0].Pages["en"]))
	var d *diag.Diagnostic
	if !errors.As(err, &d) {
		t.Fatalf("want a diagnostic, got %v", err)
	}
	if strings.Contains(d.Msg, "$htmltemplate") || !strings.Contains(d.Msg, `"title"`) || d.File != "layouts/section.html" || d.Line != 1 {
		t.Errorf("got %s:%d: %s", d.File, d.Line, d.Msg)
	}
}

// TestTextOutsideDefineIsReported: a partial's text outside {{define}} is
// never shown, so it is reported where it is written.
func TestTextOutsideDefineIsReported(t *testing.T) {
	fsys := sitetest.MapFS(t)
	fsys["layouts/partials/note.html"] = &fstest.MapFile{Data: []byte("{{define \"note\"}}ok{{end}}\n\n  <p>lost</p>\n")}
	_, err := LoadLayouts(fsys)
	var l diag.List
	if !errors.As(err, &l) || len(l) != 1 || l[0].File != "layouts/partials/note.html" || l[0].Line != 3 || l[0].Col != 3 || !strings.Contains(l[0].Msg, "define") {
		t.Fatalf("want one message at layouts/partials/note.html:3:3, got %v", err)
	}
}

// TestFoldableMethodsExist: folding recognises View methods by name in
// the layouts' parse trees. Each must exist with the arguments folding
// expects, and .Page.Kind must be a field of the page; a rename must fail
// here, not make folding stop without a word.
func TestFoldableMethodsExist(t *testing.T) {
	view := reflect.TypeOf(&View{})
	for name, args := range foldable {
		m, ok := view.MethodByName(name)
		if !ok {
			t.Errorf("View has no method %s, which folding answers", name)
			continue
		}
		if got := m.Type.NumIn() - 1; got != args {
			t.Errorf("View.%s takes %d arguments; folding answers it with %d", name, got, args)
		}
		for i := 1; i < m.Type.NumIn(); i++ {
			if m.Type.In(i).Kind() != reflect.String {
				t.Errorf("View.%s's argument %d is %s; folding passes literal strings", name, i, m.Type.In(i))
			}
		}
	}
	if f, ok := reflect.TypeOf(site.Page{}).FieldByName("Kind"); !ok || f.Type != reflect.TypeOf(site.Kind("")) {
		t.Error("site.Page has no Kind field of type site.Kind, which folding answers")
	}
}
