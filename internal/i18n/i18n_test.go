package i18n

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/config"
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

func siteLanguages(t *testing.T, keys ...string) []*config.Language {
	t.Helper()
	var langs []*config.Language
	for _, k := range keys {
		tag := map[string]string{"zh": "zh-Hans", "zh-hant": "zh-Hant", "en": "en", "fr": "fr"}[k]
		langs = append(langs, &config.Language{Key: k, Locale: tag, Tag: language.MustParse(tag)})
	}
	return langs
}

// TestSiteDefaults: strings almanac's code shows (a chart's words) come
// from the site's files, else from almanac's own for the nearest locale;
// a language almanac has none for must give them.
func TestSiteDefaults(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/i18n/zh.toml":      {Data: []byte("print = \"打印\"\nchart_item = \"类别\"\n")},
		"layouts/i18n/zh-hant.toml": {Data: []byte("print = \"列印\"\nchart_item = \"類別\"\n")},
		"layouts/i18n/en.toml":      {Data: []byte("print = \"Print\"\nchart_item = \"Category\"\n")},
	}
	c, err := LoadSite(fsys, siteLanguages(t, "zh", "zh-hant", "en"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct{ lang, key, want string }{
		{"zh", "chart_item", "类别"}, // the site's own first
		{"zh", "chart_value", "数值"},
		{"zh-hant", "chart_value", "数值"}, // zh's, for the converter of a Traditional edition to convert
		{"en", "chart_value", "Value"},
	} {
		if got, _ := c.Get(w.lang, w.key); got != w.want {
			t.Errorf("%s %s = %q, want %q", w.lang, w.key, got, w.want)
		}
	}
	fsys["layouts/i18n/fr.toml"] = &fstest.MapFile{Data: []byte("print = \"Imprimer\"\nchart_item = \"Catégorie\"\n")}
	_, err = LoadSite(fsys, siteLanguages(t, "zh", "en", "fr"))
	if err == nil || !strings.Contains(err.Error(), `layouts/i18n/fr.toml: interface string "chart_value" is missing`) || !strings.Contains(err.Error(), `translating almanac's own zh text "数值"`) {
		t.Errorf("got %v", err)
	}
}

// A converted edition's strings are its source language's, converted, key
// by key where its own file does not give them; it needs no file at all.
func TestDerivedStrings(t *testing.T) {
	toTraditional := strings.NewReplacer("顶", "頂", "数据", "數據").Replace
	langs := []*config.Language{
		{Key: "zh", Tag: language.MustParse("zh-Hans")},
		{Key: "en", Tag: language.English},
		{Key: "zh-hant", Tag: language.MustParse("zh-Hant")},
	}
	derived := Derived{Lang: "zh-hant", From: "zh", Convert: toTraditional}
	fsys := fstest.MapFS{
		"layouts/i18n/zh.toml": {Data: []byte("print = \"打印\"\nback_to_top = \"返回顶部\"\n")},
		"layouts/i18n/en.toml": {Data: []byte("print = \"Print\"\nback_to_top = \"Back to top\"\n")},
	}
	c, err := LoadSite(fsys, langs, derived)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := c.Get("zh-hant", "back_to_top"); s != "返回頂部" {
		t.Errorf("without a file: back_to_top = %q", s)
	}
	if s, _ := c.Get("zh-hant", "chart_data_table"); s != "數據表" {
		t.Errorf("almanac's own strings reach zh-hant through zh, converted: %q", s)
	}
	fsys["layouts/i18n/zh-hant.toml"] = &fstest.MapFile{Data: []byte("print = \"列印\"\n")}
	c, err = LoadSite(fsys, langs, derived)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := c.Get("zh-hant", "print"); s != "列印" {
		t.Errorf("the hand-written string should win: %q", s)
	}
	if s, _ := c.Get("zh-hant", "back_to_top"); s != "返回頂部" {
		t.Errorf("the other keys stay converted: %q", s)
	}
	fsys["layouts/i18n/zh-hant.toml"] = &fstest.MapFile{Data: []byte("only_here = \"只在繁體\"\n")}
	if _, err := LoadSite(fsys, langs, derived); err == nil || !strings.Contains(err.Error(), "only_here") {
		t.Errorf("a key only zh-hant has should be missing elsewhere: %v", err)
	}
}
