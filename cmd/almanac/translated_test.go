package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/sitetest"
)

// TestTranslatedAfterAnEdit: a Chinese edit makes check warn about the
// English section (and --strict fail); almanac translated records the
// catch-up and check is clean again; the source itself cannot be recorded.
func TestTranslatedAfterAnEdit(t *testing.T) {
	dir := sitetest.Copy(t)
	zh := filepath.Join(dir, "content", "2019", "01-three-social-linkage.zh.md")
	en := "content/2019/01-three-social-linkage.en.md"
	src, err := os.ReadFile(zh)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "划分了{{community-grids}}网格", "划分了{{community-grids}}社区网格", 1)
	if edited == string(src) {
		t.Fatal("the sentence to edit is gone")
	}
	if err := os.WriteFile(zh, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCmd("check", "-s", dir)
	if code != 0 || !strings.Contains(out, en+"\n") || !strings.Contains(out, `the section "Improving the Community Governance Structure`) ||
		!strings.Contains(out, "almanac translated "+en) {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	if code, _, errs := runCmd("check", "-s", dir, "--strict"); code != 1 || !strings.Contains(errs, "1 warning") {
		t.Errorf("check --strict: exit %d, %s", code, errs)
	}

	before, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(en)))
	code, out, errs := runCmd("translated", en, "-s", dir) // named as in the site folder
	if code != 0 || !strings.Contains(out, "recorded as translated from content/2019/01-three-social-linkage.zh.md") {
		t.Fatalf("translated: exit %d\n%s%s", code, out, errs)
	}
	after, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(en)))
	if _, body, _ := strings.Cut(string(after), "\n+++\n"); !strings.HasSuffix(string(before), body) {
		t.Error("recording changed the body of the translation")
	}
	if code, out, errs := runCmd("check", "-s", dir, "--strict"); code != 0 || out != "no problems found\n" {
		t.Errorf("check after translated: exit %d\n%s%s", code, out, errs)
	}

	// A pattern, as Windows passes it, names every English file.
	code, out, errs = runCmd("translated", "-s", dir, "content/2019/*.en.md")
	if code != 0 || strings.Count(out, "recorded as translated") != 3 {
		t.Errorf("translated with a pattern: exit %d\n%s%s", code, out, errs)
	}

	code, _, errs = runCmd("translated", "-s", dir, zh)
	if code != 1 || !strings.Contains(errs, "default language") {
		t.Errorf("translated on the source: exit %d, %s", code, errs)
	}
}
