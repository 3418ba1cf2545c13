package i18n

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/i18n/zh.toml": {Data: []byte("print = \"打印\"\n")},
		"layouts/i18n/en.toml": {Data: []byte("print = \"Print\"\n")},
	}
	c, err := Load(fsys, []string{"zh", "en"})
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := c.Get("zh", "print"); !ok || s != "打印" {
		t.Errorf("zh print = %q", s)
	}
	if _, ok := c.Get("en", "nope"); ok {
		t.Error("unknown key found")
	}
}

func TestMissingKeyNamesBothFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/i18n/zh.toml": {Data: []byte("print = \"打印\"\nback = \"返回\"\n")},
		"layouts/i18n/en.toml": {Data: []byte("print = \"Print\"\n")},
	}
	_, err := Load(fsys, []string{"zh", "en"})
	if err == nil || !strings.Contains(err.Error(), `layouts/i18n/en.toml: interface string "back" is missing`) || !strings.Contains(err.Error(), "layouts/i18n/zh.toml:2") {
		t.Errorf("got %v", err)
	}
}

func TestMissingFile(t *testing.T) {
	fsys := fstest.MapFS{"layouts/i18n/zh.toml": {Data: []byte("print = \"打印\"\n")}}
	_, err := Load(fsys, []string{"zh", "en"})
	if err == nil || !strings.Contains(err.Error(), "layouts/i18n/en.toml") {
		t.Errorf("got %v", err)
	}
}

// TestNewLanguageListsEveryString: a language added to site.toml without
// its strings file is told every string to translate, not given English.
func TestNewLanguageListsEveryString(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/i18n/zh.toml": {Data: []byte("print = \"打印\"\nback = \"返回\"\n")},
		"layouts/i18n/en.toml": {Data: []byte("print = \"Print\"\nback = \"Back\"\n")},
	}
	_, err := Load(fsys, []string{"zh", "en", "fr"})
	want := `layouts/i18n/fr.toml: the 2 interface strings for language "fr" are missing: back, print`
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "translating layouts/i18n/en.toml") {
		t.Errorf("got %v\nwant %s", err, want)
	}
	fsys["layouts/i18n/fr.toml"] = &fstest.MapFile{Data: []byte("print = \"Imprimer\"\n")}
	_, err = Load(fsys, []string{"zh", "en", "fr"})
	if err == nil || !strings.Contains(err.Error(), `layouts/i18n/fr.toml: interface string "back" is missing`) {
		t.Errorf("got %v", err)
	}
}
