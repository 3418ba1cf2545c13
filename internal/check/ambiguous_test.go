package check

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xmca/almanac/internal/diag"
)

// withTraditional adds a zh-hant edition converted from zh to the fixture.
func withTraditional(t *testing.T) fstest.MapFS {
	f := fixture()
	appendTo(f, "site.toml", "\n[languages.zh-hant]\nlocale = \"zh-Hant\"\nname = \"繁體中文\"\nconvert_from = \"zh\"\nconvert = \"s2tw\"\n")
	return f
}

func ambiguous(list diag.List) []*diag.Diagnostic {
	var found []*diag.Diagnostic
	for _, d := range list {
		if strings.Contains(d.Msg, "繁體中文 of this sentence") {
			found = append(found, d)
		}
	}
	return found
}

func TestAmbiguousCharactersInNewTextAreListedOnce(t *testing.T) {
	f := withTraditional(t)
	file := "content/2019/02-beta.zh.md"
	line := appendTo(f, file, "\n理发以后，再谈发展。社区养老服务。\n")
	found := ambiguous(runCheck(t, f))
	if len(found) != 1 {
		t.Fatalf("want one sentence to check, got %d: %v", len(found), found)
	}
	d := found[0]
	if d.File != file || d.Line != line+1 || d.Col != 1 || d.Severity != diag.Warning {
		t.Errorf("at %s:%d:%d (%v), want %s:%d:1, a warning", d.File, d.Line, d.Col, d.Severity, file, line+1)
	}
	if !strings.Contains(d.Msg, "理髮以後，再談發展。") || !strings.Contains(d.Hint, "发 (發, 髮)") ||
		!strings.Contains(d.Hint, "reviewed.zh-hant.txt") || !strings.Contains(d.Hint, "[languages.zh-hant.phrases]") {
		t.Errorf("message %q, hint %q", d.Msg, d.Hint)
	}

	// Reviewed: no longer listed.
	setFile(f, "reviewed.zh-hant.txt", "# reviewed\n理髮以後，再談發展。\n")
	if found := ambiguous(runCheck(t, f)); len(found) != 0 {
		t.Fatalf("a reviewed sentence is listed again: %v", found)
	}
	// Changed: new text again.
	replaceIn(t, f, file, "再谈发展", "再谈头发")
	if found := ambiguous(runCheck(t, f)); len(found) != 1 || !strings.Contains(found[0].Msg, "再談頭髮") {
		t.Fatalf("a changed sentence should be listed: %v", found)
	}
}

func TestAmbiguousCharactersOnlyInConvertedText(t *testing.T) {
	f := fixture()
	appendTo(f, "content/2019/02-beta.zh.md", "\n理发以后。\n")
	if found := ambiguous(runCheck(t, f)); len(found) != 0 {
		t.Fatalf("a site without a converted edition has nothing to review: %v", found)
	}
	f = withTraditional(t)
	setFile(f, "content/2019/02-beta.zh-hant.md", "+++\ntitle = \"乙\"\n+++\n\n理髮以後。\n")
	setFile(f, "content/2019/02-beta.zh.md", "+++\ntitle = \"乙\"\n+++\n\n理发以后。\n")
	if found := ambiguous(runCheck(t, f)); len(found) != 0 {
		t.Fatalf("a section written by hand in zh-hant is not converted: %v", found)
	}
}

func TestAmbiguousCharactersInFigureTexts(t *testing.T) {
	f := withTraditional(t)
	replaceIn(t, f, "content/2019/figures.toml", `label = { zh = "其他", en = "Others" }`, `label = { zh = "减负后其他", en = "Others" }`)
	found := ambiguous(runCheck(t, f))
	if len(found) != 1 || found[0].File != "content/2019/figures.toml" || found[0].Line != 14 || !strings.Contains(found[0].Msg, "減負後其他") {
		t.Fatalf("want the label at content/2019/figures.toml:14, got %v", found)
	}
	// A label written for zh-hant is the editor's own.
	replaceIn(t, f, "content/2019/figures.toml", `en = "Others" }`, `en = "Others", zh-hant = "減輕負擔後的其他" }`)
	if found := ambiguous(runCheck(t, f)); len(found) != 0 {
		t.Fatalf("a hand-written zh-hant label is listed: %v", found)
	}
}

// The layouts' strings a converted edition takes from zh.toml are new text
// too; those its own zh-hant.toml writes are not converted.
func TestAmbiguousCharactersInInterfaceStrings(t *testing.T) {
	f := withTraditional(t)
	line := appendTo(f, "layouts/i18n/zh.toml", "not_found = \"页面未找到，请稍后再试\"\n")
	appendTo(f, "layouts/i18n/en.toml", "not_found = \"Page not found\"\n")
	found := ambiguous(runCheck(t, f))
	if len(found) != 1 || found[0].File != "layouts/i18n/zh.toml" || found[0].Line != line ||
		!strings.Contains(found[0].Msg, "頁面未找到，請稍後再試") || !strings.Contains(found[0].Hint, "面 (麵, 面)") {
		t.Fatalf("want the string at layouts/i18n/zh.toml:%d, got %v", line, found)
	}
	setFile(f, "reviewed.zh-hant.txt", "頁面未找到，請稍後再試\n")
	if found := ambiguous(runCheck(t, f)); len(found) != 0 {
		t.Fatalf("a reviewed string is listed again: %v", found)
	}
	setFile(f, "reviewed.zh-hant.txt", "")
	setFile(f, "layouts/i18n/zh-hant.toml", "not_found = \"找不到頁面\"\n")
	if found := ambiguous(runCheck(t, f)); len(found) != 0 {
		t.Fatalf("a string written in zh-hant.toml is listed: %v", found)
	}
}

// The site title is converted when site.toml gives the edition none.
func TestAmbiguousCharactersInTheSiteTitle(t *testing.T) {
	f := withTraditional(t)
	site := string(f["site.toml"].Data)
	line := strings.Count(site[:strings.Index(site, `title = "年度报告"`)], "\n") + 1
	replaceIn(t, f, "site.toml", `title = "年度报告"`, `title = "民政工作后记"`)
	found := ambiguous(runCheck(t, f))
	if len(found) != 1 || found[0].File != "site.toml" || found[0].Line != line || !strings.Contains(found[0].Msg, "民政工作後記") {
		t.Fatalf("want the title at site.toml:%d, got %v", line, found)
	}
	appendTo(f, "site.toml", `title = "民政工作年報"`+"\n") // zh-hant's own: its table is the last
	if found := ambiguous(runCheck(t, f)); len(found) != 0 {
		t.Fatalf("a title written for zh-hant is listed: %v", found)
	}
}
