package locale

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestChain(t *testing.T) {
	for tag, want := range map[string]string{
		"zh-Hant":    "zh-Hant zh ",
		"zh-Hant-TW": "zh-Hant-TW zh-Hant zh-TW zh ",
		"zh-TW":      "zh-Hant-TW zh-Hant zh-TW zh ", // the script zh-TW implies
		"zh-Hans":    "zh-Hans zh ",
		"zh":         "zh-Hans zh ",
		"en":         "en-Latn en ",
		"fr-CA":      "fr-Latn-CA fr-Latn fr-CA fr ",
	} {
		if got := strings.Join(Chain(language.MustParse(tag)), " "); got != want {
			t.Errorf("Chain(%s) = %q, want %q", tag, got, want)
		}
	}
}

func TestNumberStyleFallsBackByLocale(t *testing.T) {
	words := func(tag string) string {
		var w []string
		for _, s := range Number(language.MustParse(tag)).Steps {
			w = append(w, strings.TrimSpace(s.Word))
		}
		return strings.Join(w, "/")
	}
	for tag, want := range map[string]string{
		"zh-Hans": "万亿/亿/万", "zh": "万亿/亿/万", "zh-Hant": "兆/億/萬", "zh-TW": "兆/億/萬",
		"ja": "兆/億/万", "en": "trillion/billion/million", "en-GB": "trillion/billion/million",
		"fr": "billion/milliard/million", "de": "Billion/Milliarde/Million",
		"es": "billón/mil millones/millón", "pt": "trilhão/bilhão/milhão", "pt-PT": "bilião/mil milhões/milhão",
		"it": "bilione/miliardo/milione",
		// A locale with no words of its own writes every digit, never
		// another language's words.
		"ru": "", "sw": "", "und": "",
		"ko": "조/억/만",
		// CLDR: Hong Kong's Traditional Chinese uses K/M, not 萬/億.
		"zh-Hant-HK": "T/B/M", "zh-HK": "T/B/M", "zh-Hant-MO": "T/B/M",
	} {
		if got := words(tag); got != want {
			t.Errorf("%s: steps %s, want %s", tag, got, want)
		}
	}
}

func TestNumberSymbols(t *testing.T) {
	for tag, want := range map[string]string{
		"en":    "693,100.5",
		"fr":    "693\u202f100,5", // CLDR 34 and later
		"fr-CA": "693\u00a0100,5",
		"de":    "693.100,5",
		"hi":    "6,93,100.5",
		"zh":    "693,100.5",
	} {
		if got := NumberSymbols(language.MustParse(tag)).Digits("693100", "5", true); got != want {
			t.Errorf("%s: %q, want %q", tag, got, want)
		}
	}
	// CLDR's minimum grouping digits: es, pl and pt-PT leave four digits whole.
	for _, c := range []struct{ tag, digits, want string }{
		{"es", "9999", "9999"},
		{"es", "12345", "12.345"},
		{"pl", "6700", "6700"},
		{"pl", "12000", "12\u00a0000"},
		{"pt-PT", "6700", "6700"},
		{"pt-BR", "6700", "6.700"},
		{"de", "6700", "6.700"},
		{"en", "1000", "1,000"},
	} {
		if got := NumberSymbols(language.MustParse(c.tag)).Digits(c.digits, "", true); got != c.want {
			t.Errorf("%s %s: %q, want %q", c.tag, c.digits, got, c.want)
		}
	}
	// CLDR's minus sign: the hyphen-minus in most locales, the minus sign
	// U+2212 in Swedish, Finnish, Norwegian and Estonian, with a direction
	// mark in Hebrew.
	for tag, want := range map[string]string{
		"en": "-", "zh": "-", "zh-Hant": "-", "ja": "-", "ko": "-", "fr": "-", "de": "-",
		"sv": "−", "fi": "−", "nb": "−", "et": "−", "he": "‎-",
	} {
		if got := NumberSymbols(language.MustParse(tag)).Minus; got != want {
			t.Errorf("%s: minus %q, want %q", tag, got, want)
		}
	}
	if got := NumberSymbols(language.English).Digits("693100", "", false); got != "693100" {
		t.Errorf("ungrouped: %q", got)
	}
	if got := NumberSymbols(language.English).Digits("12345678901234567890", "", true); got != "12,345,678,901,234,567,890" {
		t.Errorf("a number beyond int64: %q", got)
	}
}

// TestTypographyByLocale: a chart's sentences take the punctuation of the
// page's locale, French's spaces before colons included; a locale without
// its own takes the default, never Chinese's.
func TestTypographyByLocale(t *testing.T) {
	for tag, want := range map[string]string{
		"fr":      "\u00a0: |\u202f; ",
		"fr-CA":   "\u00a0: |\u202f; ",
		"en":      ": |; ",
		"de":      ": |; ",
		"zh-Hant": "：|；",
	} {
		ty := TypographyOf(language.MustParse(tag))
		if got := ty.Colon + "|" + ty.Separator; got != want {
			t.Errorf("%s: %q, want %q", tag, got, want)
		}
	}
}

func TestOrdinalWords(t *testing.T) {
	got := OrdinalWords(language.SimplifiedChinese, language.MustParse("zh-Hant-TW"), language.English)
	want := []string{"月", "日", "号", "届", "號", "屆"}
	if !slices.Equal(got, want) {
		t.Errorf("OrdinalWords(zh-Hans, zh-Hant-TW, en) = %q, want %q", got, want)
	}
	if got := OrdinalWords(language.French); len(got) != 0 {
		t.Errorf("OrdinalWords(fr) = %q, want none", got)
	}
}
