package serve

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/sitetest"
)

// TestRestyledKeyFigures: a designer's edit to the key-figures partial
// reaches every page with key figures while serving, the Markdown block of
// a section as well as the cover's, and the pages served are those a full
// build makes.
func TestRestyledKeyFigures(t *testing.T) {
	dir := sitetest.Copy(t)
	section := filepath.Join(dir, filepath.FromSlash(zhSection))
	src, err := os.ReadFile(section)
	if err != nil {
		t.Fatal(err)
	}
	block := "\n\n{{key-figures social-organizations volunteers}}\n"
	if err := os.WriteFile(section, append(src, block...), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := start(t, dir, Options{})
	events := ts.events(t, ts.token())
	waitEvent(t, events, "build-ok", nil)
	for _, p := range []string{zhPage, "/zh/2019/"} {
		if _, body := ts.get(t, p); !strings.Contains(body, `<dl class="key-figures">`) {
			t.Fatalf("%s shows no key figures before the edit", p)
		}
	}

	ts.replace(t, site.KeyFiguresPartial, `<dl class="key-figures">`, `<dl class="key-figures restyled">`)
	c := waitEvent(t, events, "change", nil).change(t)
	for _, p := range []string{zhPage, "/zh/2019/", "/en/2019/", "/zh/2019/print/"} {
		if !c.All && !slices.Contains(c.Pages, p) {
			t.Errorf("the partial's edit does not reload %s: %v", p, c.Pages)
		}
		if _, body := ts.get(t, p); !strings.Contains(body, `<dl class="key-figures restyled">`) || strings.Contains(body, `<dl class="key-figures">`) {
			t.Errorf("%s does not show the restyled key figures", p)
		}
	}
	want, err := fullBuild(ts.dir, ts.URL(), false)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, ts.files(), want)
}

// TestRestyledChart: a designer's edit to the chart partial reaches every
// page with a chart while serving, the print editions too, and the pages
// served are those a full build makes.
func TestRestyledChart(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{})
	events := ts.events(t, ts.token())
	waitEvent(t, events, "build-ok", nil)

	ts.replace(t, site.ChartPartial, `<figcaption class="chart-caption">`, `<figcaption class="chart-caption restyled">`)
	c := waitEvent(t, events, "change", nil).change(t)
	for _, p := range []string{zhPage, "/en/2019/highlights/", "/zh-hant/2019/highlights/", "/zh/2019/print/"} {
		if !c.All && !slices.Contains(c.Pages, p) {
			t.Errorf("the partial's edit does not reload %s: %v", p, c.Pages)
		}
		if _, body := ts.get(t, p); !strings.Contains(body, `<figcaption class="chart-caption restyled">`) || strings.Contains(body, `<figcaption class="chart-caption">`) {
			t.Errorf("%s does not show the restyled charts", p)
		}
	}
	want, err := fullBuild(ts.dir, ts.URL(), false)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, ts.files(), want)
}
