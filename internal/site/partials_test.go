package site

import (
	"errors"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/messages"
)

// TestKeyFiguresComeFromThePartial: a designer restyles the key figures in
// their layout partial, and every block shows it, a {{key-figures}} in
// Markdown too, even when the page's conversion was cached.
func TestKeyFiguresComeFromThePartial(t *testing.T) {
	fsys := smallSite()
	fsys["content/2019/02-two.zh.md"] = file("+++\ntitle = \"二\"\n+++\n资金如下。\n\n{{key-figures funds orgs}}\n")
	cache := &Cache{}
	section := func(s *Site) string { return string(s.Reports[0].Sections[1].Pages["zh"].Body()) }

	s := build(t, fsys, Options{Cache: cache})
	want := `<dl class="key-figures"><div class="key-figure"><dt>资金</dt><dd>`
	if b := section(s); !strings.Contains(b, want) {
		t.Fatalf("the block lacks the partial's markup %q:\n%s", want, b)
	}

	fsys[KeyFiguresPartial] = file(`{{define "key-figures"}}<ul class="big-numbers">{{range .}}<li><b>{{.Text}}</b> {{.Label}}</li>{{end}}</ul>{{end}}`)
	s = build(t, fsys, Options{Cache: cache})
	if b := section(s); !strings.Contains(b, `<ul class="big-numbers"><li><b>`) || strings.Contains(b, "key-figures") {
		t.Errorf("the cached page kept the old key figures after the partial changed:\n%s", b)
	}
	h, err := KeyFiguresHTML(s, s.Reports[0], s.Config.Languages["en"], []string{"orgs"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(h), `<ul class="big-numbers"><li><b>5,964`) {
		t.Errorf("the cover's key figures are not the partial's: %s", h)
	}
}

// TestKeyFiguresPartialMissing: a site whose layouts lost the partial is
// told which file to restore, at the block that needs it.
func TestKeyFiguresPartialMissing(t *testing.T) {
	fsys := smallSite()
	delete(fsys, KeyFiguresPartial)
	fsys["content/2019/02-two.zh.md"] = file("+++\ntitle = \"二\"\n+++\n{{key-figures funds}}\n")
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(fsys, cfg, Options{})
	if err == nil || !strings.Contains(err.Error(), KeyFiguresPartial) || !strings.Contains(err.Error(), `{{define "key-figures"}}`) {
		t.Errorf("got %v; want the partial named and how to define it", err)
	}
	saysWhatIsMissing(t, err,
		`layouts/partials/key-figures.html defines no template "key-figures", which marks up a block of key figures`,
		`layouts/partials/key-figures.html 中没有定义模板 "key-figures"，它用来排版主要数据块`)
}

// saysWhatIsMissing: err says, in English and in Chinese, that a partial
// lacks its template and what the template marks up.
func saysWhatIsMissing(t *testing.T, err error, english, chinese string) {
	t.Helper()
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("%v is not a list of diagnostics", err)
	}
	if !strings.Contains(list.Error(), english) {
		t.Errorf("%v\nlacks %q", list, english)
	}
	if zh := list.Localize(messages.For(messages.Simplified)).Error(); !strings.Contains(zh, chinese) {
		t.Errorf("%s\nlacks %q", zh, chinese)
	}
}

// TestKeyFiguresPartialMistake: a mistake in the partial is reported at
// its line, as a layout's is.
func TestKeyFiguresPartialMistake(t *testing.T) {
	fsys := smallSite()
	fsys[KeyFiguresPartial] = file("{{define \"key-figures\"}}\n<dl>{{range .}}\n<dt>{{.Lable}}</dt>{{end}}</dl>{{end}}\n")
	s := build(t, fsys, Options{})
	_, err := KeyFiguresHTML(s, s.Reports[0], s.Config.Languages["zh"], []string{"orgs"})
	if err == nil || !strings.HasPrefix(err.Error(), KeyFiguresPartial+":3:") || !strings.Contains(err.Error(), "Lable") {
		t.Errorf("got %v; want the mistake at %s:3", err, KeyFiguresPartial)
	}
}

// TestChartComesFromThePartial: a designer restyles the markup around a
// chart in its layout partial, with the data the partial is given, and a
// page whose conversion was cached shows it too.
func TestChartComesFromThePartial(t *testing.T) {
	fsys := smallSite()
	cache := &Cache{}
	body := func(s *Site) string { return string(s.Reports[0].Sections[0].Pages["en"].Body()) }

	s := build(t, fsys, Options{Cache: cache})
	if b := body(s); !strings.Contains(b, `<figure class="chart chart-bar" id="chart-c"><figcaption class="chart-caption">Chart</figcaption><svg`) {
		t.Fatalf("the chart lacks the partial's markup:\n%s", b)
	}

	fsys[ChartPartial] = file(`{{define "chart"}}<div class="plot {{.Kind}}" id="{{.ID}}"><h3>{{.Title}}</h3>{{.SVG}}<ul>` +
		`{{range .Rows}}<li>{{.Label}}{{$.Colon}}{{.Text}}</li>{{end}}</ul><a href="{{.DataURL}}">{{.Words.DownloadCSV}}</a></div>{{end}}`)
	s = build(t, fsys, Options{Cache: cache})
	b := body(s)
	for _, want := range []string{`<div class="plot bar" id="chart-c"><h3>Chart</h3><svg`, `</svg><ul><li>Social organizations: 5,964</li></ul><a href="/en/2019/charts/c.csv">x</a></div>`} {
		if !strings.Contains(b, want) {
			t.Errorf("the cached page does not show the restyled chart %q:\n%s", want, b)
		}
	}
	if strings.Contains(b, "<figure") {
		t.Errorf("the cached page kept the old chart:\n%s", b)
	}
}

// TestChartPartialMissing: a site whose layouts lost the chart partial is
// told, at the chart that needs it, which file to restore.
func TestChartPartialMissing(t *testing.T) {
	fsys := smallSite()
	delete(fsys, ChartPartial)
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(fsys, cfg, Options{})
	if err == nil || !strings.HasPrefix(err.Error(), "content/2019/01-one.en.md:6:1: ") || !strings.Contains(err.Error(), ChartPartial) || !strings.Contains(err.Error(), `{{define "chart"}}`) {
		t.Errorf("got %v; want the partial named at the chart, and how to define it", err)
	}
	saysWhatIsMissing(t, err,
		`layouts/partials/chart.html defines no template "chart", which marks up a chart with its data table`,
		`layouts/partials/chart.html 中没有定义模板 "chart"，它用来排版图表及其数据表`)
}

// TestChartPartialMistake: a mistake in the chart partial is reported at
// its line, as a layout's is.
func TestChartPartialMistake(t *testing.T) {
	fsys := smallSite()
	fsys[ChartPartial] = file("{{define \"chart\"}}\n<figure>{{.SVG}}\n<figcaption>{{.Titel}}</figcaption></figure>{{end}}\n")
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Build(fsys, cfg, Options{})
	if err == nil || !strings.Contains(err.Error(), ChartPartial+":3:") || !strings.Contains(err.Error(), "Titel") {
		t.Errorf("got %v; want the mistake at %s:3", err, ChartPartial)
	}
}
