package figures

import (
	"testing"
)

func mustDecimal(t testing.TB, s string) Decimal {
	t.Helper()
	d, err := ParseDecimal(s)
	if err != nil {
		t.Fatalf("ParseDecimal(%q): %v", s, err)
	}
	return d
}

type formatCase struct {
	value     string
	unit      Unit
	qualifier Qualifier
	zh, en    string
}

// The outputs docs/design.md and the 2019 report require.
var requiredFormats = []formatCase{
	{"240000000", UnitYuan, Exact, "2.4亿元", "RMB 240 million"},
	{"693100", UnitPeople, Exact, "69.31万名", "693,100"},
	{"5964", UnitOrganizations, Exact, "5964家", "5,964"},
	{"4300000", UnitPersonTimes, Nearly, "近430万人次", "nearly 4.3 million person-times"},
	{"800", UnitYuanPerPersonMonth, Exact, "每人每月800元", "RMB 800 per person per month"},
	{"75", UnitPercent, Exact, "75%", "75%"},
	{"45000000", UnitYuan, Nearly, "近4500万元", "nearly RMB 45 million"},
	{"6000000", UnitYuan, Approximately, "约600万元", "about RMB 6 million"},
	{"850", UnitItems, Over, "850余个", "over 850"},
	{"3000", UnitItems, MoreThan, "3000多个", "more than 3,000"},
	{"1270000", UnitYuan, Exact, "127万元", "RMB 1.27 million"},
	{"355000", UnitYuan, Exact, "35.5万元", "RMB 355,000"},
	{"10000", UnitYuan, Exact, "1万元", "RMB 10,000"},
	{"5000", UnitYuan, Exact, "5000元", "RMB 5,000"},
	{"7647100", UnitYuan, Exact, "764.71万元", "RMB 7,647,100"},
	{"2100", UnitBeds, Exact, "2100张", "2,100"},
	{"6700", UnitPeople, Over, "6700余名", "over 6,700"},
}

// One case per unit, with the report's own numbers where it has them.
var unitFormats = []formatCase{
	{"5000", UnitYuan, Exact, "5000元", "RMB 5,000"},
	{"1200", UnitYuanPerPersonMonth, Exact, "每人每月1200元", "RMB 1,200 per person per month"},
	{"91", UnitPercent, Exact, "91%", "91%"},
	{"-1.5", UnitPermille, Exact, "-1.5‰", "-1.5 per thousand"},
	{"4300000", UnitPersonTimes, Exact, "430万人次", "4.3 million person-times"},
	{"693100", UnitPeople, Exact, "69.31万名", "693,100"},
	{"262", UnitPersons, Exact, "262人", "262"},
	{"5964", UnitOrganizations, Exact, "5964家", "5,964"},
	{"937", UnitItems, Exact, "937个", "937"},
	{"163", UnitMatters, Exact, "163项", "163"},
	{"46", UnitDocuments, Exact, "46份", "46"},
	{"2100", UnitBeds, Exact, "2100张", "2,100"},
	{"22", UnitSessions, Exact, "22期", "22"},
	{"50", UnitPairs, Exact, "50对", "50"},
	{"13", UnitDepartments, Exact, "13部门", "13"},
	{"7", UnitYears, Exact, "7年", "7"},
	{"7", UnitNumber, Exact, "7", "7"},
}

// Each qualifier, and where each lands around magnitudes, decimals and units
// with words on both sides of the number.
var qualifierFormats = []formatCase{
	{"6000000", UnitYuan, Approximately, "约600万元", "about RMB 6 million"},
	{"345", UnitPeople, Nearly, "近345名", "nearly 345"},
	{"150", UnitItems, Over, "150余个", "over 150"},
	{"8300", UnitPeople, MoreThan, "8300多名", "more than 8,300"},
	{"45000000", UnitYuan, Over, "4500余万元", "over RMB 45 million"},
	{"30000000", UnitYuan, MoreThan, "3000多万元", "more than RMB 30 million"},
	{"15000", UnitPeople, Over, "1.5万余名", "over 15,000"},
	{"240000000", UnitYuan, Over, "2.4亿余元", "over RMB 240 million"},
	{"800", UnitYuanPerPersonMonth, Approximately, "每人每月约800元", "about RMB 800 per person per month"},
	{"800", UnitYuanPerPersonMonth, Over, "每人每月800余元", "over RMB 800 per person per month"},
	{"75", UnitPercent, Over, "超过75%", "over 75%"},
	{"75", UnitPercent, MoreThan, "超过75%", "more than 75%"},
	{"75", UnitPercent, Nearly, "近75%", "nearly 75%"},
	{"5", UnitPermille, Over, "超过5‰", "over 5 per thousand"},
	{"850", UnitNumber, Over, "850余", "over 850"},
}

// Magnitude boundaries, decimals, zero and negative values.
var numberFormats = []formatCase{
	{"9999", UnitNumber, Exact, "9999", "9,999"},
	{"10000", UnitNumber, Exact, "1万", "10,000"},
	{"99999999", UnitNumber, Exact, "9999.9999万", "99,999,999"},
	{"100000000", UnitNumber, Exact, "1亿", "100 million"},
	{"999999", UnitNumber, Exact, "99.9999万", "999,999"},
	{"1000000", UnitNumber, Exact, "100万", "1 million"},
	{"1000000000", UnitNumber, Exact, "10亿", "1 billion"},
	{"2500000000", UnitYuan, Exact, "25亿元", "RMB 2.5 billion"},
	{"1500000000000", UnitYuan, Exact, "1.5万亿元", "RMB 1.5 trillion"},
	{"1234567890123456", UnitNumber, Exact, "1234567890123456", "1,234,567,890,123,456"},
	// A step keeps a value exact with at most 4 decimals in Chinese, 2 in
	// English; past that the full digits, never a smaller step (12345.6789万,
	// 1,234.5 million) and never a rounding.
	{"123456789", UnitPersonTimes, Exact, "123456789人次", "123,456,789 person-times"},
	{"123456789", UnitPersonTimes, Approximately, "约123456789人次", "about 123,456,789 person-times"},
	{"123450000", UnitPersonTimes, Exact, "1.2345亿人次", "123.45 million person-times"},
	{"123000000", UnitPersonTimes, Exact, "1.23亿人次", "123 million person-times"},
	{"1234500000", UnitYuan, Exact, "12.345亿元", "RMB 1,234,500,000"},
	{"25288", UnitPairs, Exact, "2.5288万对", "25,288"},
	{"1234567890", UnitYuan, Exact, "1234567890元", "RMB 1,234,567,890"},
	{"0", UnitYuan, Exact, "0元", "RMB 0"},
	{"12.5", UnitPercent, Exact, "12.5%", "12.5%"},
	{"1234.5", UnitNumber, Exact, "1234.5", "1,234.5"},
	{"0.05", UnitNumber, Exact, "0.05", "0.05"},
	{"12345.678", UnitNumber, Exact, "12345.678", "12,345.678"},
	// English writes the minus before the currency (CLDR's -¤#,##0.00),
	// Chinese with the digits inside the unit's words.
	{"-5000", UnitYuan, Exact, "-5000元", "-RMB 5,000"},
	{"-355000", UnitYuan, Exact, "-35.5万元", "-RMB 355,000"},
	{"-25000000", UnitYuan, Exact, "-2500万元", "-RMB 25 million"},
	{"-800", UnitYuanPerPersonMonth, Exact, "每人每月-800元", "-RMB 800 per person per month"},
	{"-25000000", UnitYuan, Nearly, "近-2500万元", "nearly -RMB 25 million"},
	{"-1.5", UnitPercent, Exact, "-1.5%", "-1.5%"},
	{"-7", UnitNumber, Exact, "-7", "-7"},
	{"35.50", UnitNumber, Exact, "35.5", "35.5"},
}

func TestFormatValue(t *testing.T) {
	for name, cases := range map[string][]formatCase{
		"required": requiredFormats, "units": unitFormats,
		"qualifiers": qualifierFormats, "numbers": numberFormats,
	} {
		t.Run(name, func(t *testing.T) {
			for _, c := range cases {
				v := mustDecimal(t, c.value)
				if got := formatIn(v, c.unit, c.qualifier, "zh"); got != c.zh {
					t.Errorf("%s %s %s in zh = %q, want %q", c.value, c.unit, c.qualifier, got, c.zh)
				}
				if got := formatIn(v, c.unit, c.qualifier, "en"); got != c.en {
					t.Errorf("%s %s %s in en = %q, want %q", c.value, c.unit, c.qualifier, got, c.en)
				}
			}
		})
	}
}

func TestEveryUnitAndQualifierIsTested(t *testing.T) {
	units := map[Unit]bool{}
	quals := map[Qualifier]bool{}
	for _, c := range append(unitFormats, qualifierFormats...) {
		units[c.unit] = true
		quals[c.qualifier] = true
	}
	for _, u := range siteLangs.Units() {
		if !units[u] {
			t.Errorf("unit %q has no formatting test", u)
		}
	}
	for _, q := range siteLangs.Qualifiers() {
		if !quals[q] {
			t.Errorf("qualifier %q has no formatting test", q)
		}
	}
}

func TestFormatLanguages(t *testing.T) {
	v := mustDecimal(t, "7647100")
	for _, c := range []struct{ lang, want string }{
		{"zh", "764.71万元"},
		{"zh-Hans", "764.71万元"},
		{"ZH", "764.71万元"},
		{"zh-Hant", "764.71萬元"}, // 萬 from the locale, 元 from the nearest locale's pattern
		{"ja", "764.71万"},       // no pattern for ja: the number alone
		{"en", "RMB 7,647,100"},
		{"en-GB", "RMB 7,647,100"},
		{"fr", "7\u202f647\u202f100"}, // a language added later groups as CLDR says
		{"", "7,647,100"},             // no locale: the default style, and no pattern
	} {
		if got := formatIn(v, UnitYuan, Exact, c.lang); got != c.want {
			t.Errorf("lang %q: got %q, want %q", c.lang, got, c.want)
		}
	}
}

func TestFormatUnknownUnitIsPlainNumber(t *testing.T) {
	v := mustDecimal(t, "5964")
	if got := formatIn(v, Unit("bananas"), Qualifier("roughly"), "zh"); got != "5964" {
		t.Errorf("got %q", got)
	}
}

func TestFormatNumber(t *testing.T) {
	for _, c := range []struct{ value, zh, en string }{
		{"7647100", "764.71万", "7,647,100"},
		{"693100", "69.31万", "693,100"},
		{"5964", "5964", "5,964"},
		{"240000000", "2.4亿", "240 million"},
		{"0.5", "0.5", "0.5"},
	} {
		v := mustDecimal(t, c.value)
		if got := numberIn(v, "zh"); got != c.zh {
			t.Errorf("numberIn(%s, zh) = %q, want %q", c.value, got, c.zh)
		}
		if got := numberIn(v, "en"); got != c.en {
			t.Errorf("numberIn(%s, en) = %q, want %q", c.value, got, c.en)
		}
	}
}

func TestParseFormattedReadsBackEveryCase(t *testing.T) {
	all := append(append(append(append([]formatCase{}, requiredFormats...), unitFormats...), qualifierFormats...), numberFormats...)
	for _, c := range all {
		want := mustDecimal(t, c.value)
		for _, text := range []string{c.zh, c.en} {
			got, err := ParseFormatted(text)
			if err != nil || got != want {
				t.Errorf("ParseFormatted(%q) = %v, %v; want %v", text, got, err, want)
			}
		}
	}
}

func TestParseFormattedErrors(t *testing.T) {
	for _, text := range []string{"", "RMB", "约万元", "-"} {
		if _, err := ParseFormatted(text); err == nil {
			t.Errorf("ParseFormatted(%q) succeeded", text)
		}
	}
}

func TestFigureMethods(t *testing.T) {
	f := &Figure{
		Key: "volunteers", Value: mustDecimal(t, "693100"), Unit: UnitPeople,
		Labels:  map[string]string{"zh": "实名注册志愿者", "en": "Registered volunteers"},
		Sources: map[string]string{"zh": "厦门市民政局", "en": "Xiamen Civil Affairs Bureau"},
	}
	checks := []struct{ got, want string }{
		{f.Format("zh"), "69.31万名"},
		{f.Format("en"), "693,100"},
		{f.Number("zh"), "69.31万"},
		{f.Label("zh"), "实名注册志愿者"},
		{f.Label("fr"), "实名注册志愿者"}, // the site's first language
		{f.Source("zh"), "厦门市民政局"},
		{(&Figure{Key: "k"}).Label("en"), "k"},
	}
	for i, c := range checks {
		if c.got != c.want {
			t.Errorf("check %d: got %q, want %q", i, c.got, c.want)
		}
	}
}

func BenchmarkFormatValue(b *testing.B) {
	v := mustDecimal(b, "7647100")
	for b.Loop() {
		formatIn(v, UnitYuan, Nearly, "zh")
		formatIn(v, UnitYuan, Nearly, "en")
	}
}

// TestNumberWordsAreTheLocales: a number written with a step word uses the
// page's own language's word, and a locale almanac has no words for
// writes every digit: a German or Russian page never says "million".
func TestNumberWordsAreTheLocales(t *testing.T) {
	w := WritingFor("de", "es", "pt-BR", "pt-PT", "it", "ru", "ja", "ko", "zh-Hant-HK", "zh-Hant", "sv")
	for _, c := range []struct{ lang, value, want string }{
		{"de", "5830000", "5,83 Millionen"},
		{"de", "1000000", "1 Million"},
		{"de", "1000000000000", "1 Billion"},
		{"es", "5830000", "5,83 millones"},
		{"es", "1000000", "1 millón"},
		{"es", "2400000000", "2,4 mil millones"},
		{"pt-BR", "1500000", "1,5 milhão"}, // CLDR pt: 0 ≤ i ≤ 1 is "one"
		{"pt-BR", "2400000000", "2,4 bilhões"},
		{"pt-PT", "2400000000", "2,4 mil milhões"},
		{"it", "5830000", "5,83 milioni"},
		{"ru", "5830000", "5\u00a0830\u00a0000"},
		{"ru", "123456789012", "123\u00a0456\u00a0789\u00a0012"},
		{"ja", "123456789012", "123,456,789,012"}, // 1,234.56789012億 has too many decimals
		{"ja", "123450000", "1.2345億"},
		// Digits before a step word are grouped only from two digits in
		// the first group (CLDR's compact patterns, ICU's min2): 2500万
		// as Japanese writes it, and full digits as ever.
		{"ja", "25000000", "2500万"},
		{"ja", "5964", "5,964"},
		{"ko", "25000000", "2500만"},
		{"de", "1500000000000000", "1500 Billionen"},
		{"de", "12000000000000000", "12.000 Billionen"},
		{"ko", "123456789", "123,456,789"},
		{"ko", "693100", "69.31만"},
		{"zh-Hant", "123456789", "123456789"},
		{"zh-Hant", "7647100", "764.71萬"},
		{"ja", "1000000000000", "1兆"},
		{"zh-Hant-HK", "5830000", "5.83M"}, // CLDR: Hong Kong uses K/M, not 萬/億
		{"zh-Hant-HK", "693100", "693,100"},
		{"sv", "-1234", "\u22121\u00a0234"}, // CLDR's minus sign for Swedish
		{"de", "-1234", "-1.234"},
		{"zh-Hant", "5830000", "583萬"},
	} {
		v := mustDecimal(t, c.value)
		if got := w.Number(v, StyleDefault, c.lang); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.lang, c.value, got, c.want)
		}
	}
}
