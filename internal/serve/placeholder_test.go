package serve

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xmca/almanac/internal/config"
)

// TestPlaceholderSpeaksTheSiteLanguages: before a first build the page says
// so in the site's own words for each language; with site.toml or a
// language's strings unreadable, in almanac's own.
func TestPlaceholderSpeaksTheSiteLanguages(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml": {Data: []byte(`base_url = "https://example.org/"
default_language = "fr"
[languages.fr]
locale = "fr"
name = "Français"
title = "Rapport"
[languages.de]
locale = "de"
name = "Deutsch"
title = "Bericht"
weight = 2
`)},
		"layouts/i18n/fr.toml": {Data: []byte(`site_not_built = "Le site n'est pas encore construit & sera rechargé."` + "\n")},
		"layouts/i18n/de.toml": {Data: []byte(`site_not_built = "Die Website ist noch nicht erstellt."` + "\n")},
	}
	page := string(placeholderPage(fsys))
	for _, want := range []string{`<html lang="fr">`, `<p>Le site n&#39;est pas encore construit &amp; sera rechargé.</p>`, `<p lang="de">Die Website ist noch nicht erstellt.</p>`} {
		if !strings.Contains(page, want) {
			t.Errorf("placeholder lacks %q:\n%s", want, page)
		}
	}
	fsys["layouts/i18n/de.toml"] = &fstest.MapFile{Data: []byte("other = \"x\"\n")}
	if page := string(placeholderPage(fsys)); page != string(shippedPlaceholder) {
		t.Errorf("a language without the string should give almanac's own page:\n%s", page)
	}
	fsys["site.toml"] = &fstest.MapFile{Data: []byte("[languages\n")}
	if page := string(placeholderPage(fsys)); page != string(shippedPlaceholder) {
		t.Errorf("a broken site.toml should give almanac's own page:\n%s", page)
	}
}

// TestPlaceholderOfANewSite: a site without interface strings of its own
// gets almanac's own for the nearest locale (zh-Hant takes zh's).
func TestPlaceholderOfANewSite(t *testing.T) {
	fsys := fstest.MapFS{"site.toml": {Data: []byte(`base_url = "https://example.org/"
default_language = "zh-hant"
[languages.zh-hant]
locale = "zh-Hant"
name = "繁體中文"
title = "報告"
`)}}
	page := string(placeholderPage(fsys))
	if !strings.Contains(page, `<html lang="zh-Hant">`) || !strings.Contains(page, "<p>网站尚未生成") {
		t.Errorf("placeholder:\n%s", page)
	}
}

// TestAddressesOfThreeLanguages: the banner lists each language and the
// page leading to all of them, which is "both" only when there are two.
func TestAddressesOfThreeLanguages(t *testing.T) {
	cfg, err := config.Parse([]byte(`base_url = "https://example.org/"
default_language = "zh"
[languages.zh]
locale = "zh-Hans"
name = "中文"
title = "报告"
[languages.en]
locale = "en"
name = "English"
title = "Reports"
weight = 2
[languages.fr]
locale = "fr"
name = "Français"
title = "Rapports"
weight = 3
`))
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(addresses(cfg, "http://127.0.0.1:1313/"), "\n")
	want := "  中文     http://127.0.0.1:1313/zh/\n  English  http://127.0.0.1:1313/en/\n  Français http://127.0.0.1:1313/fr/\n  all      http://127.0.0.1:1313/"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	cfg.Langs = cfg.Langs[:2]
	if got := addresses(cfg, "/"); !strings.HasSuffix(got[len(got)-1], "both     /") {
		t.Errorf("two languages: %q", got)
	}
}
