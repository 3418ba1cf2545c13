package check

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/messages"
	"github.com/xmca/almanac/internal/sitegen"
)

// TestKeyKeptWithAnotherMeaning: a figure that keeps last year's key but
// counts something else is a warning, at the figure, in the newer year.
func TestKeyKeptWithAnotherMeaning(t *testing.T) {
	fsys, err := sitegen.Archive(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	figs := "content/2003/figures.toml"
	// Reworded: no warning. Relabelled in every language: a warning.
	replaceIn(t, fsys, figs, `label = { zh = "社会组织", en = "Social organizations" }`, `label = { zh = "全市社会组织", en = "Social organizations in the city" }`)
	replaceIn(t, fsys, figs, `label = { zh = "覆盖率", en = "Coverage" }`, `label = { zh = "城市社区养老服务设施达标率", en = "Share of urban communities with elderly care facilities" }`)
	list := runCheck(t, fsys)
	lineOf := func(file, text string) int {
		before, _, _ := strings.Cut(string(fsys[file].Data), text)
		return strings.Count(before, "\n") + 1
	}
	var found []string
	for _, d := range list {
		if d.Severity != diag.Warning || !strings.Contains(d.Msg, " in 200") {
			continue
		}
		found = append(found, d.File+":"+itoa(d.Line)+": "+d.Msg)
	}
	want := []string{
		"content/2002/figures.toml:" + itoa(lineOf("content/2002/figures.toml", "[figure.served]")) + ": figure served counts person-times, but in 2001 it counted people",
		figs + ":" + itoa(lineOf(figs, "[figure.coverage]")) + `: figure coverage is labelled "城市社区养老服务设施达标率", which says something else than in 2002`,
	}
	if strings.Join(found, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(found, "\n"), strings.Join(want, "\n"))
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestKeyKeptAcrossAGap: a figure a report stopped counting for a year is
// compared, as {{change key}} compares it, with the latest earlier year
// that has it, not skipped because the year just before lacks it.
func TestKeyKeptAcrossAGap(t *testing.T) {
	fsys, err := sitegen.Archive(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	const canteens = "[figure.canteens]\nvalue = 12\nunit = %q\nlabel = { zh = %q, en = %q }\n\n[figure.social-organizations]"
	replaceIn(t, fsys, "content/2001/figures.toml", "[figure.social-organizations]", fmt.Sprintf(canteens, "items", "长者食堂", "Canteens"))
	replaceIn(t, fsys, "content/2003/figures.toml", "[figure.social-organizations]", fmt.Sprintf(canteens, "organizations", "长者食堂", "Canteens"))
	var found []string
	for _, d := range runCheck(t, fsys) {
		if d.Severity == diag.Warning && strings.Contains(d.Msg, "canteens") && !strings.Contains(d.Msg, "not shown") {
			found = append(found, d.File+":"+itoa(d.Line)+": "+d.Msg)
		}
	}
	before, _, _ := strings.Cut(string(fsys["content/2003/figures.toml"].Data), "[figure.canteens]")
	want := "content/2003/figures.toml:" + itoa(strings.Count(before, "\n")+1) + ": figure canteens counts organizations, but in 2001 it counted items"
	if strings.Join(found, "\n") != want {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(found, "\n"), want)
	}
}

// TestPreviousMissingFromTranslation: last year's figure stated in one
// language but not the other is flagged, like a figure of this year.
func TestPreviousMissingFromTranslation(t *testing.T) {
	fsys, err := sitegen.Archive(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	replaceIn(t, fsys, "content/2002/01-overview.en.md", " from {{previous social-organizations}}", "")
	var found []string
	for _, d := range runCheck(t, fsys) {
		if d.Severity == diag.Warning && strings.Contains(d.Msg, "social-organizations") && strings.Contains(d.Msg, "cited") {
			found = append(found, d.File+":"+itoa(d.Line)+": "+d.Msg+" / "+d.Hint)
		}
	}
	if len(found) != 1 || !strings.HasPrefix(found[0], "content/2002/01-overview.zh.md:") || !strings.Contains(found[0], "{{previous social-organizations}}") {
		t.Errorf("warnings %q; want one at the Chinese {{previous social-organizations}}", found)
	}
}

// TestComparisonAcrossAGap: {{change key}} with no year, on a report whose
// year before has no such figure, compares with an older year; that is a
// warning at the reference, in each language, since the sentence around
// it usually says "the year before".
func TestComparisonAcrossAGap(t *testing.T) {
	fsys, err := sitegen.Archive(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	const canteens = "[figure.canteens]\nvalue = %d\nunit = \"items\"\nlabel = { zh = \"长者食堂\", en = \"Canteens\" }\n\n[figure.social-organizations]"
	replaceIn(t, fsys, "content/2001/figures.toml", "[figure.social-organizations]", fmt.Sprintf(canteens, 12))
	replaceIn(t, fsys, "content/2003/figures.toml", "[figure.social-organizations]", fmt.Sprintf(canteens, 15))
	zhLine := appendTo(fsys, "content/2003/01-overview.zh.md", "\n长者食堂{{canteens}}，比上年{{change canteens}}，上年{{previous canteens}}；比2001年{{change canteens 2001}}。\n")
	line := appendTo(fsys, "content/2003/01-overview.en.md", "\nCanteens: {{canteens}}, {{change canteens}} ({{previous canteens}}); {{change canteens 2001}} on 2001.\n")
	var found []string
	for _, d := range runCheck(t, fsys) {
		if d.Severity == diag.Warning && strings.Contains(d.Msg, "compares with") {
			found = append(found, fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Msg))
		}
	}
	want := []string{
		fmt.Sprintf("content/2003/01-overview.en.md:%d:25: {{change canteens}} compares with 2001: the 2002 report has no figure \"canteens\"", line+1),
		fmt.Sprintf("content/2003/01-overview.en.md:%d:46: {{previous canteens}} compares with 2001: the 2002 report has no figure \"canteens\"", line+1),
		fmt.Sprintf("content/2003/01-overview.zh.md:%d:21: {{change canteens}} compares with 2001: the 2002 report has no figure \"canteens\"", zhLine+1),
		fmt.Sprintf("content/2003/01-overview.zh.md:%d:43: {{previous canteens}} compares with 2001: the 2002 report has no figure \"canteens\"", zhLine+1),
	}
	if strings.Join(found, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(found, "\n"), strings.Join(want, "\n"))
	}
}

// TestComparisonAcrossAMissingYear: on a report whose year before is not
// in the site at all (the 2003 report moved to 2005, after 2002),
// {{change key}} with no year compares with 2002; that is a warning at the
// reference, in each language, since the sentence around it usually says
// "the year before". Named years are not warned about.
func TestComparisonAcrossAMissingYear(t *testing.T) {
	fsys, err := sitegen.Archive(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	for name, f := range fsys {
		if rest, ok := strings.CutPrefix(name, "content/2003/"); ok {
			fsys["content/2005/"+rest] = f
			delete(fsys, name)
		}
	}
	zhLine := appendTo(fsys, "content/2005/01-overview.zh.md", "\n社会组织比上年{{change social-organizations}}；比2002年{{change social-organizations 2002}}。\n")
	line := appendTo(fsys, "content/2005/01-overview.en.md", "\nSocial organizations: {{change social-organizations}}; {{change social-organizations 2002}} on 2002.\n")
	var found []string
	for _, d := range runCheck(t, fsys) {
		if d.Severity == diag.Warning && strings.Contains(d.Msg, "compares with") && d.Line > min(line, zhLine) {
			found = append(found, fmt.Sprintf("%s:%d:%d: %s / %s", d.File, d.Line, d.Col, d.Msg, d.Hint))
		}
	}
	const msg = "{{change social-organizations}} compares with 2002, the latest report before 2005: the site has no report of the years between / " +
		"if the sentence says \"the year before\" (比上年), name the year in the reference, {{change social-organizations 2002}}, and in the sentence (比2002年)"
	want := []string{
		fmt.Sprintf("content/2005/01-overview.en.md:%d:23: %s", line+1, msg),
		fmt.Sprintf("content/2005/01-overview.zh.md:%d:8: %s", zhLine+1, msg),
	}
	if strings.Join(found, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(found, "\n"), strings.Join(want, "\n"))
	}
}

// TestTitleYearsInContext: a span of years that includes the report's
// (2018—2020年, 2018-2020), a count that looks like a year (2000余名) and
// next year's plans (2020年工作打算) are not warned about; two earlier
// years are, listed with the language's separator.
func TestTitleYearsInContext(t *testing.T) {
	f := fixture()
	replaceIn(t, f, "content/2019/_index.zh.md", `title = "2019年报告"`, `title = "培育2000余名社工：2018—2020年三年行动计划"`)
	replaceIn(t, f, "content/2019/_index.en.md", `title = "Report 2019"`, `title = "Three-Year Action Plan 2018-2020"`)
	replaceIn(t, f, betaZh, `title = "乙"`, `title = "2016年和2017年回顾"`)
	replaceIn(t, f, alphaZh, `title = "社会组织"`, `title = "2020年工作打算"`)
	var found []string
	for _, d := range runCheck(t, f) {
		if d.Severity == diag.Warning && strings.Contains(d.Msg, "the title names") {
			zh := d.Localize(messages.For(messages.Simplified))
			found = append(found, fmt.Sprintf("%s:%d: %s / %s", d.File, d.Line, d.Msg, zh.Msg))
		}
	}
	want := []string{betaZh + ":2: the title names 2016, 2017, but this page is in the 2019 report / 标题写的是 2016、2017 年，但这个页面属于 2019 年的报告"}
	if strings.Join(found, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(found, "\n"), strings.Join(want, "\n"))
	}
}

// TestComparisonAcrossADraftYear: when the year between is a draft, the
// warning says so, not that the site has no report of it.
func TestComparisonAcrossADraftYear(t *testing.T) {
	fsys, err := sitegen.Archive(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"zh", "en"} {
		replaceIn(t, fsys, "content/2002/_index."+lang+".md", "+++\n", "+++\ndraft = true\n")
	}
	line := appendTo(fsys, "content/2003/01-overview.zh.md", "\n社会组织比上年{{change social-organizations}}。\n")
	var found []string
	for _, d := range runCheck(t, fsys) {
		if d.Severity == diag.Warning && strings.Contains(d.Msg, "compares with") && d.Line == line+1 {
			zh := d.Localize(messages.For(messages.Simplified))
			found = append(found, fmt.Sprintf("%s:%d:%d: %s / %s", d.File, d.Line, d.Col, d.Msg, zh.Msg))
		}
	}
	want := fmt.Sprintf("content/2003/01-overview.zh.md:%d:8: {{change social-organizations}} compares with 2001, the latest published report before 2003: the 2002 report is a draft / "+
		"{{change social-organizations}} 与 2001 年比较，这是 2003 年之前最近一份已发布的报告：2002 年的报告是草稿", line+1)
	if strings.Join(found, "\n") != want {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(found, "\n"), want)
	}
}

// TestCopiedYear: a report folder copied from another year and not yet
// brought up to date is a warning: at a title that names another year
// (not at one that names a span of years ending in this one), and at a
// figures.toml whose every figure is dated another year.
func TestCopiedYear(t *testing.T) {
	f := fixture()
	replaceIn(t, f, "content/2019/_index.zh.md", `title = "2019年报告"`, `title = "2018年报告"`)
	replaceIn(t, f, "content/2019/_index.en.md", `title = "Report 2019"`, `title = "Report 2018"`)
	replaceIn(t, f, betaZh, `title = "乙"`, `title = "2015—2019年回顾"`)
	replaceIn(t, f, figs, `as_of = "2019"`, `as_of = "2018"`)
	asOf := 1 + strings.Count(strings.Split(string(f[figs].Data), `as_of = "2018"`)[0], "\n")
	var found []string
	for _, d := range runCheck(t, f) {
		if d.Severity == diag.Warning && (strings.Contains(d.Msg, "the title names") || strings.Contains(d.Msg, "is dated")) {
			found = append(found, fmt.Sprintf("%s:%d: %s / %s", d.File, d.Line, d.Msg, d.Hint))
		}
	}
	want := []string{
		"content/2019/_index.en.md:2: the title names 2018, but this page is in the 2019 report / correct the year in the title, or, if this is the 2018 report, move the file to content/2018/",
		"content/2019/_index.zh.md:2: the title names 2018, but this page is in the 2019 report / correct the year in the title, or, if this is the 2018 report, move the file to content/2018/",
		fmt.Sprintf("content/2019/figures.toml:%d: every figure of the 2019 report is dated 2018 (as_of) / if the file was copied from the 2018 report, give each figure this year's value and correct as_of under [defaults]; almanac new starts a year with last year's keys and the values left to fill in", asOf),
	}
	if strings.Join(found, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings\n%s\nwant\n%s", strings.Join(found, "\n"), strings.Join(want, "\n"))
	}
}
