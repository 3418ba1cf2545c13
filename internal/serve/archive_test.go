package serve

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/sitegen"
)

func archiveDir(t *testing.T) string {
	t.Helper()
	m, err := sitegen.Archive(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for name, f := range m {
		files[name] = f.Data
	}
	dir := t.TempDir()
	writeMap(t, dir, files)
	return dir
}

// TestEarlierYearReachesLaterPages: editing one year's figure rebuilds the
// later years' pages that compare with it or chart it, and their data, as
// a full build would.
func TestEarlierYearReachesLaterPages(t *testing.T) {
	ts := start(t, archiveDir(t), Options{})
	events := ts.events(t, ts.token())
	waitEvent(t, events, "build-ok", nil)

	ts.replace(t, "content/2001/figures.toml", "value = 2763", "value = 3543")
	c := waitEvent(t, events, "change", nil).change(t)
	// 2002 compares with 2001 and charts it; 2003 compares with 2001 by name.
	for _, p := range []string{"/zh/2002/overview/", "/en/2002/overview/", "/zh/2002/print/", "/zh/2003/overview/", "/en/2003/overview/"} {
		if !slices.Contains(c.Pages, p) {
			t.Errorf("the edit does not reload %s: %v", p, c.Pages)
		}
	}
	if _, body := ts.get(t, "/zh/2002/overview/"); !strings.Contains(body, "3543家") || !strings.Contains(body, "增长100%") {
		t.Error("the 2002 page does not compare with the new 2001 value")
	}
	if _, csv := ts.get(t, "/en/2003/charts/trend.csv"); !strings.Contains(csv, "2001,social-organizations,") || !strings.Contains(csv, ",3543,") {
		t.Errorf("the 2003 series chart's data does not follow:\n%s", csv)
	}
	want, err := fullBuild(ts.dir, ts.URL(), false)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, ts.files(), want)

	// A year in between that starts counting a figure becomes what
	// {{previous}} and {{change}} compare with.
	ts.replace(t, "content/2002/figures.toml", "[chart.organizations-by-year]", "[figure.beds-2]\nvalue = 1\nunit = \"beds\"\nlabel = { zh = \"床位\", en = \"Beds\" }\n\n[chart.organizations-by-year]")
	ts.replace(t, "content/2001/figures.toml", "[figure.beds]", "[figure.beds-2]\nvalue = 9\nunit = \"beds\"\nlabel = { zh = \"床位\", en = \"Beds\" }\n\n[figure.beds]")
	o := ts.waitRebuild(t, "content/2001/figures.toml")
	if o.err != nil {
		t.Fatal(o.err)
	}
	ts.replace(t, "content/2003/01-overview.en.md", "Beds:", "Beds {{previous beds-2}}:")
	ts.waitRebuild(t, "content/2003/01-overview.en.md")
	ts.replace(t, "content/2002/figures.toml", "[figure.beds-2]\nvalue = 1\n", "[figure.beds-x]\nvalue = 1\n")
	if o := ts.waitRebuild(t, "content/2002/figures.toml"); o.err != nil {
		t.Fatal(o.err)
	}
	if _, body := ts.get(t, "/en/2003/overview/"); !strings.Contains(body, `data-fig="beds-2">9</span>:`) {
		t.Error("{{previous beds-2}} does not fall back to 2001 when 2002 loses the figure")
	}
	want, err = fullBuild(ts.dir, ts.URL(), false)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, ts.files(), want)
}

// TestComparisonWordsEditedInServe: the words of a change and a series
// chart's year labels are interface strings; editing them reaches the
// pages that use them, as a full build would.
func TestComparisonWordsEditedInServe(t *testing.T) {
	ts := start(t, archiveDir(t), Options{})
	events := ts.events(t, ts.token())
	waitEvent(t, events, "build-ok", nil)

	ts.replace(t, "layouts/i18n/zh.toml", `change_up = "增长{value}"`, `change_up = "同比增长{value}"`)
	ts.waitRebuild(t, "layouts/i18n/zh.toml")
	ts.replace(t, "layouts/i18n/en.toml", `year = "{year}"`, `year = "Year {year}"`)
	ts.waitRebuild(t, "layouts/i18n/en.toml")
	if _, body := ts.get(t, "/zh/2002/overview/"); !strings.Contains(body, "同比增长156.5%") {
		t.Error("the edited words of a change do not reach the 2002 page")
	}
	if _, body := ts.get(t, "/en/2002/overview/"); !strings.Contains(body, "Year 2001") {
		t.Error("the edited year label does not reach the 2002 series chart")
	}
	want, err := fullBuild(ts.dir, ts.URL(), false)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, ts.files(), want)
}
