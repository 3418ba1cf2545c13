package main

import (
	"encoding/json"
	"github.com/xmca/almanac/internal/sitetest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckRealSiteIsClean(t *testing.T) {
	dir := sitetest.Copy(t)
	code, out, errs := runCmd("check", "-s", dir)
	if code != 0 || out != "no problems found\n" {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = runCmd("check", "-s", dir, "--format", "json")
	var r struct{ Errors, Warnings int }
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.Errors+r.Warnings != 0 {
		t.Errorf("exit %d, JSON %s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("check wrote public/")
	}
}

func TestCheckReportsByFile(t *testing.T) {
	s := site{t, sitetest.Copy(t)}
	line := s.add("content/2019/02-highlights.en.md", "\nSee [the feature](../three-social-linkage/#policy) and 5,964 organizations.\n")
	os.Remove(s.path("content/2019/02-highlights.zh.md"))
	code, out, errs := runCmd("check", "-s", s.dir)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"content/2019/02-highlights.en.md\n",
		"  " + itoa(line+1) + ":5    error    the link \"../three-social-linkage/#policy\"",
		"\n\ncontent/2019/02-highlights.zh.md\n          error    the section \"Highlights of Xiamen's Civil Affairs Work in 2019\" has no 简体中文 (zh) version",
		"did you mean #policy-and-institutions?",
		"  " + itoa(line+1) + ":",
		"warning  5,964 is typed into the text",
		"2 errors, 1 warning in 2 files",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "check failed: 2 errors, 1 warning") {
		t.Errorf("stderr %q", errs)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestCheckUsage(t *testing.T) {
	for _, args := range [][]string{{"check", "--format", "xml"}, {"check", "extra"}, {"new"}, {"new", "2020", "extra"}} {
		if code, _, errs := runCmd(args...); code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errs)
		}
	}
}

// TestNewYearAndSection is what editors do each January: start the year,
// add a section, and keep publishing last year's report meanwhile.
func TestNewYearAndSection(t *testing.T) {
	dir := sitetest.Copy(t)
	code, out, errs := runCmd("new", "-s", dir, "2020")
	if code != 0 || !strings.Contains(out, "created "+filepath.Join(dir, "content", "2020", "figures.toml")) {
		t.Fatalf("new 2020: exit %d\n%s%s", code, out, errs)
	}
	// Flags may also come after the argument.
	code, out, errs = runCmd("new", "2020/elderly-care", "-s", dir)
	if code != 0 || !strings.Contains(out, filepath.Join("content", "2020", "01-elderly-care.en.md")) {
		t.Fatalf("new 2020/elderly-care: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCmd("build", "-s", dir); code != 0 {
		t.Fatalf("the site no longer builds: %s", errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "zh", "2020")); err == nil {
		t.Error("the draft 2020 report was published")
	}
	if code, _, errs := runCmd("build", "-s", dir, "--drafts", "-o", filepath.Join(dir, "preview")); code != 0 {
		t.Fatalf("the drafts do not build: %s", errs)
	}
	for _, name := range []string{"zh/2020/index.html", "en/2020/elderly-care/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "preview", filepath.FromSlash(name))); err != nil {
			t.Errorf("with --drafts: %v", err)
		}
	}
	if code, out, _ := runCmd("check", "-s", dir, "--drafts"); code != 0 {
		t.Errorf("the new year does not pass the check:\n%s", out)
	}

	before := treeHash(t, filepath.Join(dir, "content"))
	for _, args := range [][]string{{"new", "-s", dir, "2020"}, {"new", "-s", dir, "2020/elderly-care"}, {"new", "-s", dir, "2019/highlights"}, {"new", "-s", dir, "2021/x"}} {
		code, _, errs := runCmd(args...)
		if code != 1 || stackTrace.MatchString(errs) {
			t.Errorf("%v: exit %d, %s; want a refusal", args, code, errs)
		}
	}
	if treeHash(t, filepath.Join(dir, "content")) != before {
		t.Error("a refused new changed content/")
	}
}

// TestNewYearSaysWhatToFillIn: after almanac new, the advice matches the
// figures.toml made: last year's values to replace, or, for a site's first
// year, figures to add.
func TestNewYearSaysWhatToFillIn(t *testing.T) {
	dir := sitetest.Copy(t)
	code, out, errs := runCmd("new", "-s", dir, "2020")
	if code != 0 || !strings.Contains(out, `"待填"`) {
		t.Errorf("new 2020 after 2019: exit %d; want the placeholders named\n%s%s", code, out, errs)
	}
	if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCmd("new", "-s", dir, "2019")
	if code != 0 || strings.Contains(out, "待填") || !strings.Contains(out, "add figures") {
		t.Errorf("new 2019 in a site with no years: exit %d; want advice to add figures, not to fill in placeholders\n%s%s", code, out, errs)
	}
}

// TestAlignedTableBuilds: a table whose columns are aligned the usual way
// (|---:|) builds, minified and all, and check finds nothing wrong with
// it: the alignment is a class the stylesheet aligns, not a style the
// Content-Security-Policy would block.
func TestAlignedTableBuilds(t *testing.T) {
	s := site{t, sitetest.Copy(t)}
	s.add("content/2019/02-highlights.en.md", "\n| Type | Number |\n|:---|---:|\n| Beds | {{new-elderly-care-beds}} |\n")
	if code, out, errs := runCmd("check", "-s", s.dir); code != 0 {
		t.Errorf("check: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runCmd("build", "-s", s.dir, "--minify"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	page := s.read("public/en/2019/highlights/index.html")
	if !strings.Contains(page, `<td class="align-right"><span class="fig" data-fig="new-elderly-care-beds">2,100</span>`) || strings.Contains(page, "text-align") {
		t.Errorf("the number cell should be aligned by class:\n%s", page[strings.LastIndex(page, "<table"):])
	}
	css, _ := filepath.Glob(s.path("public/css/site.*.css"))
	if len(css) != 1 || !strings.Contains(s.read("public/css/"+filepath.Base(css[0])), ".align-right{text-align:right}") {
		t.Errorf("the stylesheet should align the class: %v", css)
	}
}
