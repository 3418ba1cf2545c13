package figures

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/config"
)

const writingSite = `base_url = "https://example.gov.cn/"
default_language = "zh"
[languages.zh]
locale = "zh-Hans"
name = "简体中文"
title = "报告"
[languages.zh-hant]
locale = "zh-Hant"
name = "繁體中文"
title = "報告"
weight = 2
[languages.en]
locale = "en"
name = "English"
title = "Reports"
weight = 3
`

func writingFor(t *testing.T, extra string, opt Options) (*Writing, error) {
	t.Helper()
	cfg, err := config.Parse([]byte(writingSite + extra))
	if err != nil {
		t.Fatal(err)
	}
	return NewWriting(cfg, opt)
}

// TestBorrowConvertsWhatZhHantTakes: zh-hant has no patterns of its own;
// it takes zh's (site.toml's, then the shipped ones), and a converter
// given as Options.Borrow turns them into Traditional characters. What a
// language writes in its own script is never converted.
func TestBorrowConvertsWhatZhHantTakes(t *testing.T) {
	var calls []string
	toTraditional := strings.NewReplacer("户", "戶", "约", "約", "个", "個", "截至", "截至")
	borrow := func(s string, from, to language.Tag) string {
		calls = append(calls, from.String()+">"+to.String()+":"+s)
		return toTraditional.Replace(s)
	}
	w, err := writingFor(t, "[units.households]\nzh = \"{0}户\"\nen = \"{0} households\"\n", Options{Borrow: borrow})
	if err != nil {
		t.Fatal(err)
	}
	p, ok := w.UnitPattern("households", "zh-hant")
	if !ok || p.Forms["other"] != "{0}戶" || p.From != language.MustParse("zh-Hans") || p.File != "site.toml" || p.Line != 18 {
		t.Errorf("zh-hant households: %+v %v", p, ok)
	}
	for _, c := range []struct{ unit, q, value, lang, want string }{
		{"households", "", "30000", "zh-hant", "3萬戶"},
		{"households", "", "30000", "zh", "3万户"},
		{"items", "approximately", "850", "zh-hant", "約850個"},
		{"items", "approximately", "850", "en", "about 850"},
	} {
		v, _ := ParseDecimal(c.value)
		if got := w.Format(v, Unit(c.unit), Qualifier(c.q), StyleDefault, c.lang); got != c.want {
			t.Errorf("%s %s %s in %s: %q, want %q", c.value, c.unit, c.q, c.lang, got, c.want)
		}
	}
	for _, call := range calls {
		if !strings.Contains(call, ">zh-Hant:") {
			t.Errorf("Borrow was called for a language's own text: %s", call)
		}
	}
	if len(calls) == 0 {
		t.Error("Borrow was never called")
	}
}

// TestSiteUnitMistakes: each mistake in a [units.NAME] table is named with
// its line in site.toml.
func TestSiteUnitMistakes(t *testing.T) {
	for _, c := range []struct{ toml, want string }{
		{"[units.households]\nen = { one = \"{0} household\" }\n", `site.toml:18: [units.households] en has no "other" form`},
		{"[units.households]\nen = { single = \"{0} household\", other = \"{0} households\" }\n", `site.toml:18: "single" is not a plural form of [units.households] en`},
		{"[units.households]\nen = \"households\"\n", `site.toml:18: the en text of [units.households], "households", must have {0} once`},
		{"[units.households]\nen = \"households\"\n", `like en = "{0} households"`},
		{"[units.households]\nzh = \"户\"\n", `like zh = "{0}户"`},
		{"[units.households]\nzh-hans = \"{0}户\"\n", `site.toml:18: "zh-hans" in [units.households] is not a language of the site`},
		{"[units.households]\nzh-hans = \"{0}户\"\n", `did you mean zh? use the key of one of the site's [languages]: zh, zh-hant, en`},
		{"[units.Households]\nzh = \"{0}户\"\n", `site.toml:17: "Households" cannot be the name of a unit or qualifier`},
		{"[units.households]\nen = 5\n", `site.toml:18: the en text of [units.households] must be a text with {0} where the number goes`},
		{"[qualifiers.about]\nen = { one = \"about {0}\", other = \"about {0}\" }\n", `site.toml:18: the en text of [qualifiers.about] must be a text`},
		{"[as_of.en]\nmonth = \"as of {month} {year}\"\n", `site.toml:17: [as_of.en] has no day`},
		{"[units.balance]\nzh = \"{0}元\"\nnegative = \"yes\"\n", `site.toml:19: negative in [units.balance] must be true or false`},
		{"[units.permille]\nzh = \"{0}‰\"\nstyle = \"full\"\n", `site.toml:19: style in [units.permille] must be "plain"`},
		// A form the language never uses would never be shown: CLDR gives
		// English one and other, Chinese other alone.
		{"[units.households]\nen = { zero = \"no households\", one = \"{0} household\", other = \"{0} households\" }\n", `site.toml:18: [units.households] en gives a "zero" form, which en does not have`},
		{"[units.households]\nen = { zero = \"no households\", one = \"{0} household\", other = \"{0} households\" }\n", `the forms of en are one, other`},
		{"[units.households]\nzh = { one = \"{0}户\", other = \"{0}户\" }\n", `site.toml:18: [units.households] zh gives a "one" form, which zh does not have`},
	} {
		_, err := writingFor(t, c.toml, Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s\ngot  %v\nwant %s", c.toml, err, c.want)
		}
	}
}

// TestNegativeUnitsAreData: whether a unit's values may be negative is
// part of the unit: shipped (yuan may, persons may not), given by a site's
// own unit, and kept when a site rewrites a shipped unit's words.
func TestNegativeUnitsAreData(t *testing.T) {
	w, err := writingFor(t, "[units.balance]\nzh = \"结余{0}元\"\nen = \"RMB {0}\"\nnegative = true\n[units.households]\nzh = \"{0}户\"\nen = \"{0}\"\n[units.yuan]\nzh = \"{0}元整\"\nen = \"CNY {0}\"\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for unit, want := range map[Unit]bool{"balance": true, "households": false, "yuan": true, "persons": false, "percent": true} {
		if got := w.CanBeNegative(unit); got != want {
			t.Errorf("CanBeNegative(%s) = %v, want %v", unit, got, want)
		}
	}
	label := "label = { zh = \"甲\", zh-hant = \"甲\", en = \"A\" }\n"
	if _, err := Parse(testFile, []byte("[figure.a]\nvalue = -12\nunit = \"balance\"\n"+label), w); err != nil {
		t.Errorf("a negative balance: %v", err)
	}
	if _, err := Parse(testFile, []byte("[figure.a]\nvalue = -12\nunit = \"households\"\n"+label), w); err == nil || !strings.Contains(err.Error(), "households counts things and cannot be negative") {
		t.Errorf("negative households: %v", err)
	}
}

// TestUnknownUnitSuggestsSiteUnits: an unknown unit in a figure suggests
// the nearest unit, the site's own among them.
func TestUnknownUnitSuggestsSiteUnits(t *testing.T) {
	w, err := writingFor(t, "[units.households]\nzh = \"{0}户\"\nen = \"{0} households\"\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Parse(testFile, []byte("[figure.homes]\nvalue = 3\nunit = \"housholds\"\nlabel = { zh = \"户\", zh-hant = \"戶\", en = \"Homes\" }\n"), w)
	if err == nil || !strings.Contains(err.Error(), testFile+`:3:1: unknown unit "housholds" in figure homes`) || !strings.Contains(err.Error(), `Did you mean "households"?`) {
		t.Errorf("got %v", err)
	}
}

// TestQualifierAfterTheUnit: a Chinese qualifier whose words follow the
// whole (以上, 左右) says so with place = "after-unit"; 余 and 多 follow the
// digits, and English puts every qualifier before the whole.
func TestQualifierAfterTheUnit(t *testing.T) {
	w, err := writingFor(t, `[units.households]
zh = "{0}户"
en = { one = "{0} household", other = "{0} households" }

[qualifiers.at-least]
zh = "{0}以上"
en = "at least {0}"
place = "after-unit"
`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ value, unit, q, lang, want string }{
		{"12000", "households", "at-least", "zh", "1.2万户以上"},
		{"1000000000000", "yuan", "at-least", "zh", "1万亿元以上"},
		{"800", "yuan-per-person-month", "at-least", "zh", "每人每月800元以上"},
		{"12000", "households", "at-least", "en", "at least 12,000 households"},
		{"45000000", "yuan", "over", "zh", "4500余万元"}, // the shipped 余 stays with the digits
	} {
		v, _ := ParseDecimal(c.value)
		if got := w.Format(v, Unit(c.unit), Qualifier(c.q), StyleDefault, c.lang); got != c.want {
			t.Errorf("%s %s %s in %s: %q, want %q", c.value, c.unit, c.q, c.lang, got, c.want)
		}
	}
	_, err = writingFor(t, "[qualifiers.at-least]\nzh = \"{0}以上\"\nplace = \"unit\"\n", Options{})
	if err == nil || !strings.Contains(err.Error(), `site.toml:19: place in [qualifiers.at-least] must be "after-unit" or "number"`) {
		t.Errorf("a wrong place: %v", err)
	}
}

// TestMinusBeforeTheCurrency: below zero, a language that writes a
// currency before the number puts the minus before it (-US$25 million, as
// CLDR's currency patterns do); Chinese keeps it with the digits, inside
// the unit's measure words (每人每月-800元), Hong Kong's edition too.
func TestMinusBeforeTheCurrency(t *testing.T) {
	cfg, err := config.Parse([]byte(`base_url = "https://example.gov.cn/"
default_language = "zh"
[languages.zh]
locale = "zh-Hans"
name = "简体中文"
title = "报告"
[languages.zh-hk]
locale = "zh-Hant-HK"
name = "繁體中文（香港）"
title = "報告"
weight = 2
[languages.en]
locale = "en"
name = "English"
title = "Reports"
weight = 3
[languages.fr]
locale = "fr"
name = "Français"
title = "Rapports"
weight = 4
[languages.ja]
locale = "ja"
name = "日本語"
title = "報告"
weight = 5
[languages.ko]
locale = "ko"
name = "한국어"
title = "보고서"
weight = 6
[languages.ru]
locale = "ru"
name = "Русский"
title = "Доклады"
weight = 7

[units.dollars]
negative = true
zh = "{0}美元"
zh-hk = "{0}美元"
en = "US${0}"
fr = "{0} $US"
ja = "${0}"
ko = "US${0}"
ru = "{0} $"

[units.yen]
negative = true
zh = "{0}日元"
en = "JPY {0}"
ja = "{0}円"

[qualifiers.approximately]
ja = "約{0}"
`))
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWriting(cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ value, unit, q, lang, want string }{
		{"-25000000", "dollars", "", "en", "-US$25 million"},
		{"-25000000", "dollars", "nearly", "en", "nearly -US$25 million"},
		{"-25000000", "dollars", "", "fr", "-25 millions $US"},
		{"-25000000", "dollars", "", "ja", "-$2500万"},
		{"-25000000", "dollars", "", "ko", "-US$2500만"},
		{"-800", "yen", "approximately", "ja", "約-800円"},
		{"-800", "yen", "approximately", "en", "about -JPY 800"},
		{"-25000000", "dollars", "", "ru", "-25\u00a0000\u00a0000 $"},
		{"-25000000", "dollars", "", "zh", "-2500万美元"},
		{"-25000000", "dollars", "", "zh-hk", "-25M美元"},
		{"-800", "yuan-per-person-month", "", "zh-hk", "每人每月-800元"},
		{"-800", "yuan-per-person-month", "approximately", "zh", "每人每月约-800元"},
		{"25000000", "dollars", "", "en", "US$25 million"},
		{"0", "dollars", "", "en", "US$0"},
	} {
		v, _ := ParseDecimal(c.value)
		if got := w.Format(v, Unit(c.unit), Qualifier(c.q), StyleDefault, c.lang); got != c.want {
			t.Errorf("%s %s %s in %s: %q, want %q", c.value, c.unit, c.q, c.lang, got, c.want)
		}
	}
}

// TestUnitWithAStepWord: a unit whose words put a step after the number
// ({0}万元, RMB {0} million) is never given a second one: 25000万元, not
// 2.5万万元; nor is a unit whose table says style = "plain".
func TestUnitWithAStepWord(t *testing.T) {
	w, err := writingFor(t, `[units.wan-yuan]
negative = true
zh = "{0}万元"
en = "{0} × RMB 10,000"

[units.million-yuan]
zh = "{0}百万元"
en = "RMB {0} million"

[units.thousand-yuan]
zh = "{0}千元"
en = "RMB {0} thousand"
style = "plain"
`, Options{Borrow: func(s string, _, _ language.Tag) string { return strings.ReplaceAll(s, "万", "萬") }})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ value, unit, q, lang, want string }{
		// A percentage, or a unit whose table asks for it, shows every
		// digit: 12000%, not 1.2万%.
		{"12000", "percent", "", "zh", "12000%"},
		{"12000000", "percent", "", "en", "12,000,000%"},
		{"12000", "permille", "", "zh", "12000‰"},
		{"35000", "thousand-yuan", "", "zh", "35000千元"},
		{"25000", "wan-yuan", "", "zh", "25000万元"},
		{"25000", "wan-yuan", "", "zh-hant", "25000萬元"},
		{"2500", "wan-yuan", "", "zh", "2500万元"},
		{"764.71", "wan-yuan", "", "zh", "764.71万元"},
		{"123456", "wan-yuan", "over", "zh", "123456余万元"},
		{"-25000", "wan-yuan", "", "zh", "-25000万元"},
		{"2500000", "million-yuan", "", "en", "RMB 2,500,000 million"},
		{"2500", "million-yuan", "nearly", "en", "nearly RMB 2,500 million"},
	} {
		v, _ := ParseDecimal(c.value)
		if got := w.Format(v, Unit(c.unit), Qualifier(c.q), StyleDefault, c.lang); got != c.want {
			t.Errorf("%s %s %s in %s: %q, want %q", c.value, c.unit, c.q, c.lang, got, c.want)
		}
	}
}
