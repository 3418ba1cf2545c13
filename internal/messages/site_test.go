package messages_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/messages"
	"github.com/xmca/almanac/internal/sitetest"
)

// TestLayoutMistakesInChinese: a mistake made in the real site's layouts
// reaches the editor as almanac prints it, a library's message inside
// almanac's ("template: … (while rendering …)", a partial's error inside
// a layout's), in one Chinese sentence: names (fields, types, templates)
// as the layout writes them, and the library's English once, at the end.
// In English the message is the one almanac printed before it spoke
// Chinese.
func TestLayoutMistakesInChinese(t *testing.T) {
	const cover = "en/2019/index.html, zh-hant/2019/index.html, zh/2019/index.html"
	for _, c := range []struct {
		file, old, new string
		en, zh         string
	}{
		{"layouts/cover.html", `<p class="page-context">`, `<p class="page-context>`, "", ""},
		{"layouts/partials/key-figures.html", `{{define "key-figures" -}}`, `{{define "keyfigures" -}}`, "", ""},
		{"layouts/partials/key-figures.html", `<dl class="key-figures">`, `<dl class="key-figures>`, "", ""},
		{"layouts/partials/key-figures.html", `<div class="key-figure">`, `<div class="key-figure>`, "", ""},
		{"layouts/cover.html", `<h1>{{.Page.Title}}</h1>`, `<h1>{{.Page.chart}}</h1>`, "", ""},
		{"layouts/cover.html", `<h1>{{.Page.Title}}</h1>`, `<h1>{{.Page.Title.file}}</h1>`, "", ""},
		{"layouts/cover.html", `<h1>{{.Page.Title}}</h1>`, `<h1>{{with .Page.Title}}x{{else if}}{{end}}</h1>`, "", ""},
		{"layouts/cover.html", `<h1>{{.Page.Title}}</h1>`, `<h1>{{.Page.Title}</h1>`, "", ""},
		{"layouts/cover.html", `<h1>{{.Page.Title}}</h1>`, `<h1>{{.Page.Title)}}</h1>`, "", ""},
		{"layouts/partials/chart.html", `{{define "chart" -}}`, `{{define "chartx" -}}`, "", ""},
	} {
		fsys := sitetest.MapFS(t)
		edit(t, fsys, c.file, c.old, c.new)
		_, err := build.Run(fsys, build.Options{})
		var list diag.List
		if !errors.As(err, &list) {
			t.Fatalf("%s: %q → %q gives %v, not diagnostics", c.file, c.old, c.new, err)
		}
		for _, d := range list {
			t.Logf("%s\n%s\n%s\n%s", d.Pos(), d.Msg, messages.For(messages.Simplified).Text(d.Msg), messages.For(messages.Simplified).Text(d.Hint))
		}
	}
}

// edit replaces the first old, which must be there, with new in the file
// name of fsys.
func edit(t *testing.T, fsys fstest.MapFS, name, old, new string) {
	t.Helper()
	f := fsys[name]
	if f == nil || !strings.Contains(string(f.Data), old) {
		t.Fatalf("%s has no %q", name, old)
	}
	fsys[name] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1)), Mode: f.Mode}
}
