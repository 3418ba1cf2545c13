package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/sitetest"
)

// TestImportDraft imports a plain-text draft into a copy of the real site:
// the section is created as a draft, the figures go to the end of
// figures.toml with nothing before them changed, the site builds with
// drafts, and a second import of the same name refuses to replace it.
func TestImportDraft(t *testing.T) {
	dir := sitetest.Copy(t)
	draft := filepath.Join(t.TempDir(), "child-welfare.txt")
	text := "儿童福利工作\n\n一、关爱保护\n全市建成儿童之家120个，服务困境儿童近3000人次。2020年第2批示范点启动。\n"
	if err := os.WriteFile(draft, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	figs := filepath.Join(dir, "content", "2019", "figures.toml")
	before, _ := os.ReadFile(figs)
	code, out, errs := runCmd("import", "-s", dir, draft, "--year", "2019", "--lang", "zh")
	if code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{
		"created " + filepath.FromSlash("content/2019/03-child-welfare.zh.md"),
		"line 4    120个", "{{child-welfare-01}} = 120 items",
		"近3000人次", "{{child-welfare-02}} = 3000 person-times nearly",
		"left 2 numbers as text",
		"and translate the section in " + filepath.FromSlash("content/2019/03-child-welfare.en.md") + ", which import started as a draft.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	md, err := os.ReadFile(filepath.Join(dir, "content", "2019", "03-child-welfare.zh.md"))
	if err != nil || !strings.Contains(string(md), "全市建成儿童之家{{child-welfare-01}}，服务困境儿童{{child-welfare-02}}。2020年第2批") {
		t.Errorf("the section: %v\n%s", err, md)
	}
	after, _ := os.ReadFile(figs)
	if !strings.HasPrefix(string(after), string(before)) || !strings.Contains(string(after[len(before):]), "[figure.child-welfare-02]\nvalue = 3000\nunit = \"person-times\"\nqualifier = \"nearly\"\n") {
		t.Errorf("figures.toml was changed or lacks the new figures:\n%s", after[len(before):])
	}
	if code, out, errs := runCmd("build", "-s", dir, "--drafts", "-o", filepath.Join(t.TempDir(), "public")); code != 0 {
		t.Errorf("the site with the imported draft does not build: %s%s", out, errs)
	}

	code, _, errs = runCmd("import", "-s", dir, draft, "--year", "2019", "--lang", "zh")
	if code != 1 || !strings.Contains(errs, "already has a section") {
		t.Errorf("a second import: exit %d, %s", code, errs)
	}
	again, _ := os.ReadFile(figs)
	if string(again) != string(after) {
		t.Error("a refused import changed figures.toml")
	}
}
