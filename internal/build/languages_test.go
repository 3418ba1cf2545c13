package build

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/htmltest"
	"github.com/xmca/almanac/internal/sitetest"
)

// fourLanguageSite is a site in Simplified Chinese, Traditional Chinese,
// English and French with the repository's layouts and a report of its
// own whose figures use every unit. fr declares its patterns in site.toml,
// as an editor adding a language would; zh-hant declares none and takes
// zh's; the site adds a unit (households) and changes a shipped one
// (people, which in English now names its noun, singular and plural).
func fourLanguageSite(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, f := range sitetest.MapFS(t) {
		if strings.HasPrefix(name, "layouts/") || strings.HasPrefix(name, "static/") {
			fsys[name] = f
		}
	}
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	fsys["layouts/i18n/zh-hant.toml"] = fsys["layouts/i18n/zh.toml"]
	fsys["layouts/i18n/fr.toml"] = fsys["layouts/i18n/en.toml"]
	fsys["site.toml"] = file(`base_url = "https://example.gov.cn/report/"
default_language = "zh"

[languages.zh]
locale = "zh-Hans"
name = "简体中文"
title = "年度报告"
weight = 1

[languages.zh-hant]
locale = "zh-Hant"
name = "繁體中文"
title = "年度報告"
weight = 2

[languages.en]
locale = "en"
name = "English"
title = "Annual Reports"
weight = 3

[languages.fr]
locale = "fr"
name = "Français"
title = "Rapports annuels"
weight = 4

[units.households]
zh = "{0}户"
en = { one = "{0} household", other = "{0} households" }
fr = { one = "{0} ménage", other = "{0} ménages" }

[units.people]
en = { one = "{0} person", other = "{0} people" }
fr = { one = "{0} personne", other = "{0} personnes" }

[units.yuan]
fr = { one = "{0} yuan", other = "{0} yuans" }

[units.yuan-per-person-month]
fr = "{0} yuans par personne et par mois"

[units.percent]
fr = "{0} %"
points = { fr = { one = "{0} point de pourcentage", other = "{0} points de pourcentage" } }

[units.permille]
fr = "{0} ‰"
points = { fr = { one = "{0} point pour mille", other = "{0} points pour mille" } }

[units.person-times]
fr = "{0} passages"

[units.persons]
fr = "{0} pers."

[units.organizations]
fr = "{0} organisations"

[units.items]
fr = "{0} éléments"

[units.matters]
fr = "{0} affaires"

[units.documents]
fr = "{0} documents"

[units.beds]
fr = "{0} lits"

[units.sessions]
fr = "{0} sessions"

[units.pairs]
fr = "{0} couples"

[units.departments]
fr = "{0} services"

[units.years]
fr = { one = "{0} an", other = "{0} ans" }

[units.number]
fr = "{0}"

[qualifiers.approximately]
fr = "environ {0}"

[qualifiers.nearly]
fr = "près de {0}"

[qualifiers.over]
fr = "plus de {0}"

[qualifiers.more-than]
fr = "plus de {0}"

[as_of.fr]
month = "en {month} {year}"
day = "au {day} {month} {year}"
months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
label = "{label} ({date})"
`)
	var figs strings.Builder
	figs.WriteString("[defaults]\nas_of = \"2019\"\n")
	for _, f := range languageFigures {
		fmt.Fprintf(&figs, "\n[figure.%s]\nvalue = %s\nunit = %q\n", f.key, f.value, f.unit)
		if f.qualifier != "" {
			fmt.Fprintf(&figs, "qualifier = %q\n", f.qualifier)
		}
		if f.style != "" {
			fmt.Fprintf(&figs, "style = %q\n", f.style)
		}
		if f.asOf != "" {
			fmt.Fprintf(&figs, "as_of = %q\n", f.asOf)
		}
		fmt.Fprintf(&figs, "label = { zh = \"数%[1]s\", zh-hant = \"數%[1]s\", en = \"Figure %[1]s\", fr = \"Chiffre %[1]s\" }\n", f.key)
	}
	fsys["content/2019/figures.toml"] = file(figs.String())
	for _, lang := range []string{"zh", "zh-hant", "en", "fr"} {
		fsys["content/_index."+lang+".md"] = file("+++\ntitle = \"Home " + lang + "\"\n+++\n\nHome.\n")
		fsys["content/2019/_index."+lang+".md"] = file("+++\ntitle = \"2019 " + lang + "\"\nkey_figures = [\"organizations\"]\n+++\n\nThe year.\n")
		var body strings.Builder
		body.WriteString("+++\ntitle = \"Figures " + lang + "\"\n+++\n\n")
		for _, f := range languageFigures {
			fmt.Fprintf(&body, "- {{%s}}\n", f.key)
		}
		fsys["content/2019/01-figures."+lang+".md"] = file(body.String())
	}
	return fsys
}

type languageFigure struct {
	key, value, unit, qualifier, style, asOf string
	zh, zhHant, en, fr                       string // as each language's page shows it
}

// languageFigures use every unit, every qualifier, each number style's
// steps and both plural forms. French groups digits with U+202F and
// writes decimals with a comma.
var languageFigures = []languageFigure{
	{"yuan", "240000000", "yuan", "", "", "", "2.4亿元", "2.4億元", "RMB 240 million", "240 millions yuans"},
	{"allowance", "800", "yuan-per-person-month", "", "", "", "每人每月800元", "每人每月800元", "RMB 800 per person per month", "800 yuans par personne et par mois"},
	{"coverage", "91.5", "percent", "", "", "", "91.5%", "91.5%", "91.5%", "91,5 %"},
	{"death-rate", "5.2", "permille", "", "", "", "5.2‰", "5.2‰", "5.2 per thousand", "5,2 ‰"},
	{"person-times", "4300000", "person-times", "nearly", "", "", "近430万人次", "近430萬人次", "nearly 4.3 million person-times", "près de 4,3 millions passages"},
	{"volunteers", "693100", "people", "", "", "", "69.31万名", "69.31萬名", "693,100 people", "693\u202f100 personnes"},
	{"one-volunteer", "1", "people", "", "", "", "1名", "1名", "1 person", "1 personne"},
	{"homeless", "262", "persons", "", "", "", "262人", "262人", "262", "262 pers."},
	{"organizations", "5964", "organizations", "", "", "2019-11", "5964家", "5964家", "5,964", "5\u202f964 organisations"},
	{"projects", "150", "items", "over", "", "", "150余个", "150余个", "over 150", "plus de 150 éléments"},
	{"matters", "163", "matters", "", "", "", "163项", "163项", "163", "163 affaires"},
	{"documents", "46", "documents", "", "", "", "46份", "46份", "46", "46 documents"},
	{"beds", "2100", "beds", "", "", "", "2100张", "2100张", "2,100", "2\u202f100 lits"},
	{"sessions", "22", "sessions", "", "", "", "22期", "22期", "22", "22 sessions"},
	{"pairs", "25288", "pairs", "", "plain", "", "25288对", "25288对", "25,288", "25\u202f288 couples"},
	{"pairs-stepped", "25288", "pairs", "", "", "", "2.5288万对", "2.5288萬对", "25,288", "25\u202f288 couples"},
	{"departments", "13", "departments", "", "", "", "13部门", "13部门", "13", "13 services"},
	{"years", "7", "years", "", "", "", "7年", "7年", "7", "7 ans"},
	{"one-year", "1", "years", "", "", "", "1年", "1年", "1", "1 an"},
	{"trillion", "1500000000000", "number", "", "", "", "1.5万亿", "1.5兆", "1.5 trillion", "1,5 billion"},
	{"funds", "6000000", "yuan", "approximately", "", "", "约600万元", "约600萬元", "about RMB 6 million", "environ 6 millions yuans"},
	{"funds-over", "45000000", "yuan", "over", "", "", "4500余万元", "4500余萬元", "over RMB 45 million", "plus de 45 millions yuans"},
	{"share", "75", "percent", "more-than", "", "", "超过75%", "超过75%", "more than 75%", "plus de 75 %"},
	{"one-household", "1", "households", "", "", "", "1户", "1户", "1 household", "1 ménage"},
	{"households", "2", "households", "", "", "", "2户", "2户", "2 households", "2 ménages"},
}

// figureTexts are the texts of the figure references on a built page, by key.
func figureTexts(t *testing.T, page []byte) map[string]string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, n := range htmltest.FindAll(doc, func(n *html.Node) bool { return n.Data == "span" && attr(n, "data-fig") != "" }) {
		texts[attr(n, "data-fig")] = htmltest.VisibleText(n)
	}
	return texts
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestEveryUnitInFourLanguages builds the four-language site and reads
// every figure's text off each language's page.
func TestEveryUnitInFourLanguages(t *testing.T) {
	res, err := Run(fourLanguageSite(t), Options{Dev: true})
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]bool{}
	for _, lang := range []string{"zh", "zh-hant", "en", "fr"} {
		page := res.Files[lang+"/2019/figures/index.html"]
		if page == nil {
			t.Fatalf("no %s page", lang)
		}
		got := figureTexts(t, page)
		for _, f := range languageFigures {
			units[f.unit] = true
			want := map[string]string{"zh": f.zh, "zh-hant": f.zhHant, "en": f.en, "fr": f.fr}[lang]
			if got[f.key] != want {
				t.Errorf("%s %s (%s %s %s): %q, want %q", lang, f.key, f.value, f.unit, f.qualifier, got[f.key], want)
			}
		}
	}
	for _, u := range res.Site.Writing.Units() {
		if !units[string(u)] {
			t.Errorf("unit %s is not tested", u)
		}
	}
}

// TestAsOfInFourLanguages: the cover's key figures add the date a figure
// stands at in each language's as-of phrase.
func TestAsOfInFourLanguages(t *testing.T) {
	res, err := Run(fourLanguageSite(t), Options{Dev: true})
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{
		"zh":      "数organizations（截至2019年11月）",
		"zh-hant": "數organizations（截至2019年11月）",
		"en":      "Figure organizations (as of November 2019)",
		"fr":      "Chiffre organizations (en novembre 2019)",
	} {
		doc, err := html.Parse(bytes.NewReader(res.Files[lang+"/2019/index.html"]))
		if err != nil {
			t.Fatal(err)
		}
		dt := htmltest.Find(doc, func(n *html.Node) bool { return n.Data == "dt" })
		if dt == nil || htmltest.VisibleText(dt) != want {
			t.Errorf("%s key figure label: %v, want %q", lang, dt, want)
		}
	}
}

// TestLanguageWithoutPatterns: removing French's patterns for a unit and
// the as-of phrase names what is missing, where to add it and which figure
// needs it, for each in turn.
func TestLanguageWithoutPatterns(t *testing.T) {
	fsys := fourLanguageSite(t)
	site := string(fsys["site.toml"].Data)
	site = strings.Replace(site, "[units.beds]\nfr = \"{0} lits\"\n", "", 1)
	site = strings.Replace(site, "[qualifiers.over]\nfr = \"plus de {0}\"\n", "", 1)
	site = site[:strings.Index(site, "[as_of.fr]")]
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	// A second year with the same figures: one mistake, told once.
	for name, f := range fsys {
		if rest, ok := strings.CutPrefix(name, "content/2019/"); ok {
			fsys["content/2018/"+rest] = f
		}
	}
	_, err := Run(fsys, Options{Dev: true})
	if err == nil {
		t.Fatal("the site built")
	}
	if n := strings.Count(err.Error(), `unit "beds" has no pattern`); n != 1 {
		t.Errorf("the missing pattern is told %d times:\n%v", n, err)
	}
	for _, want := range []string{
		`site.toml: unit "beds" has no pattern for language "fr"`,
		`add a table [units.beds] to site.toml with fr = "{0}…" below it: almanac comes with this unit, but not in this language; figure beds (content/2019/figures.toml:`,
		`site.toml: qualifier "over" has no pattern for language "fr"`,
		`site.toml: language "fr" has no as-of phrase`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
}

// TestNewLanguageToldEverythingAtOnce: a language just added, with no
// interface strings and no patterns yet, learns both from one build.
func TestNewLanguageToldEverythingAtOnce(t *testing.T) {
	fsys := fourLanguageSite(t)
	site := string(fsys["site.toml"].Data)
	site = strings.Replace(site, "[units.beds]\nfr = \"{0} lits\"\n", "", 1)
	fsys["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	delete(fsys, "layouts/i18n/fr.toml")
	_, err := Run(fsys, Options{Dev: true})
	if err == nil {
		t.Fatal("the site built")
	}
	for _, want := range []string{
		`layouts/i18n/fr.toml: the`,
		`site.toml: unit "beds" has no pattern for language "fr"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q:\n%v", want, err)
		}
	}
}
