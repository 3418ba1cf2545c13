package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// quotedSite is smallSite with straight quotes where editors type them:
// titles and summaries (a TOML basic string writes " as \", a literal
// string as it is), bodies, a figure label and a chart's title.
func quotedSite() fstest.MapFS {
	fsys := smallSite()
	fsys["content/2019/01-one.en.md"] = file("+++\ntitle = \"The \\\"Three-Social Linkage\\\"\"\n" +
		"summary = '''Xiamen's \"model\" -- in short...'''\n+++\n" +
		"The \"three-social linkage\" is Xiamen's: \"{{orgs}} organizations\" and `it's`.\n\n{{chart c}}\n")
	fsys["content/2019/01-one.zh.md"] = file("+++\ntitle = \"推进\\\"三社联动\\\"\"\nsummary = '中\"三社联动\"中'\n+++\n" +
		"推进\"三社联动\"，中\"三社联动\"中。\n")
	figures := string(fsys["content/2019/figures.toml"].Data)
	figures = strings.Replace(figures, `en = "Social organizations"`, `en = "The city's \"social organizations\""`, 1)
	figures = strings.Replace(figures, `en = "Chart"`, `en = "Xiamen's 'chart'"`, 1)
	fsys["content/2019/figures.toml"] = file(figures)
	return fsys
}

func TestTypographyPerLanguage(t *testing.T) {
	s := build(t, quotedSite(), Options{})
	one := s.Reports[0].Sections[0]
	en, zh := one.Pages["en"], one.Pages["zh"]

	if want := "The “Three-Social Linkage”"; en.Title != want {
		t.Errorf("English title %q, want %q", en.Title, want)
	}
	if want := "Xiamen’s “model” – in short…"; en.Summary != want {
		t.Errorf("English summary %q, want %q", en.Summary, want)
	}
	body := string(en.Body())
	for _, want := range []string{
		"The “three-social linkage” is Xiamen’s: “<span",
		"</span> organizations” and <code>it's</code>",
		"Xiamen’s ‘chart’",                  // the chart's title
		"The city’s “social organizations”", // a figure label in the chart
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the English body lacks %q:\n%s", want, body)
		}
	}

	// Chinese is shown as written, straight quotes and all.
	if want := `推进"三社联动"`; zh.Title != want {
		t.Errorf("Chinese title %q, want %q", zh.Title, want)
	}
	if want := `中"三社联动"中`; zh.Summary != want {
		t.Errorf("Chinese summary %q, want %q", zh.Summary, want)
	}
	if body := string(zh.Body()); !strings.Contains(body, "推进&quot;三社联动&quot;，中&quot;三社联动&quot;中。") {
		t.Errorf("the Chinese body changed its quotes:\n%s", body)
	}
}

func TestKeyFigureLabelsAreTypeset(t *testing.T) {
	s := build(t, quotedSite(), Options{})
	r := s.Reports[0]
	for lang, want := range map[string]string{"en": "The city’s “social organizations”", "zh": "社会组织"} {
		h, err := KeyFiguresHTML(s, r, s.Config.Languages[lang], []string{"orgs"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(h), want) {
			t.Errorf("%s key figures lack %q: %s", lang, want, h)
		}
	}
}

// TestCacheRedoesTypographyWhenTheLocaleChanges: a page's typography
// depends on its language's locale, so a rebuild after site.toml gives the
// English pages another locale must not reuse their conversions.
func TestCacheRedoesTypographyWhenTheLocaleChanges(t *testing.T) {
	fsys := quotedSite()
	cache := &Cache{}
	body := func() string {
		t.Helper()
		return string(build(t, fsys, Options{Cache: cache}).Reports[0].Sections[0].Pages["en"].Body())
	}
	if b := body(); !strings.Contains(b, "Xiamen’s") {
		t.Fatalf("no typography in English: %s", b)
	}
	// A French edition writes its units as site.toml says.
	fsys["site.toml"] = file(strings.Replace(siteTOML, `locale = "en"`, `locale = "fr"`, 1) +
		"\n[units.organizations]\nen = \"{0}\"\n[units.yuan]\nen = \"{0} yuans\"\n")
	if b := body(); !strings.Contains(b, "Xiamen's") {
		t.Errorf("the cached English typography was kept for a page now in French: %s", b)
	}
	fsys["site.toml"] = file(siteTOML)
	if b := body(); !strings.Contains(b, "Xiamen’s") {
		t.Errorf("typography did not come back with the English locale: %s", b)
	}
}
