package figures

import (
	"errors"
	"strconv"
	"strings"
)

// magnitude is a word that stands for a power of ten: 万 is 10^4.
type magnitude struct {
	zeros int
	word  string
}

// Largest first, so the first that fits is used. 万亿 and trillion go beyond
// docs/design.md only so that an out-of-scale value still reads sensibly.
var (
	zhMagnitudes = []magnitude{{12, "万亿"}, {8, "亿"}, {4, "万"}}
	enMagnitudes = []magnitude{{12, " trillion"}, {9, " billion"}, {6, " million"}}
)

// isChinese reports whether lang is written with Chinese number rules; every
// other language falls back to English, so a new site language still builds.
func isChinese(lang string) bool {
	lang = strings.ToLower(lang)
	return lang == "zh" || strings.HasPrefix(lang, "zh-")
}

// FormatValue writes v with its unit and qualifier the way the report does in
// lang: 7647100 yuan is 764.71万元 in "zh" and RMB 7,647,100 in "en".
// An unknown unit or qualifier is left out rather than failing: Parse has
// already told the editor about it.
func FormatValue(v Decimal, unit Unit, q Qualifier, lang string) string {
	ut, _ := unit.text()
	qt, _ := q.text()
	if isChinese(lang) {
		return formatZh(v, ut, qt, nil)
	}
	return formatEn(v, ut, qt)
}

// FormatNumber writes v alone, without unit or qualifier, for chart axes and
// data tables: 764.71万 in "zh", 7,647,100 in "en".
func FormatNumber(v Decimal, lang string) string {
	if isChinese(lang) {
		mantissa, word := zhNumber(v)
		return mantissa + word
	}
	mantissa, word := enNumber(v)
	return mantissa + word
}

// conv, when not nil, converts the words it adds itself (超过).
func formatZh(v Decimal, ut unitText, qt qualifierText, conv func(string) string) string {
	before, after := qt.zhBefore, qt.zhAfter
	if after != "" && ut.zhAfter == "%" {
		// "75余%" is not Chinese; percentages say 超过 (exceeding) instead.
		before, after = "超过", ""
		if conv != nil {
			before = conv(before)
		}
	}
	mantissa, word := zhNumber(v)
	number := mantissa + after + word // 4500余万元: 余 counts in units of 万
	if strings.Contains(mantissa, ".") {
		number = mantissa + word + after // 1.5万余元: "1.5余万" is not Chinese
	}
	return ut.zhBefore + before + number + ut.zhAfter
}

func formatEn(v Decimal, ut unitText, qt qualifierText) string {
	mantissa, word := enNumber(v)
	s := ut.enBefore + mantissa + word + ut.enAfter
	if qt.en != "" {
		s = qt.en + " " + s
	}
	return s
}

// zhNumber splits v into digits and a magnitude word: below 10 000 plain
// digits without separators, then 万, 亿 and 万亿.
func zhNumber(v Decimal) (mantissa, word string) {
	for _, m := range zhMagnitudes {
		if v.intDigits() > m.zeros {
			return v.shift(-m.zeros).String(), m.word
		}
	}
	return v.String(), ""
}

// enNumber splits v into digits with thousands separators and a magnitude
// word: below a million as is, then millions, billions and trillions — as
// long as that needs at most two decimals. 7647100 stays 7,647,100 rather
// than the exact but unidiomatic 7,647,100.
func enNumber(v Decimal) (mantissa, word string) {
	for _, m := range enMagnitudes {
		if v.intDigits() > m.zeros {
			scaled := v.shift(-m.zeros)
			if _, frac := scaled.parts(); len(frac) <= maxEnglishDecimals {
				return groupThousands(scaled), m.word
			}
		}
	}
	return groupThousands(v), ""
}

// maxEnglishDecimals is how many decimals "1.27 million" may carry before
// the plain number reads better.
const maxEnglishDecimals = 2

func groupThousands(v Decimal) string {
	intPart, fracPart := v.parts()
	var b strings.Builder
	if v.neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(intPart); i++ {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(intPart[i])
	}
	if fracPart != "" {
		b.WriteString("." + fracPart)
	}
	return b.String()
}

// magnitudeWords are every word ParseFormatted scales by; 万亿 comes before 万
// so the longer word wins.
var magnitudeWords = append(append([]magnitude{}, zhMagnitudes...), enMagnitudes...)

// ParseFormatted reads back the number in text written by FormatValue or
// FormatNumber in any language ("近430万人次", "RMB 7,647,100"). It lets
// tests check that formatting never changes a value, and lets a checker
// compare a number typed into prose with the figure it should be.
func ParseFormatted(text string) (Decimal, error) {
	start := strings.IndexFunc(text, func(r rune) bool { return r >= '0' && r <= '9' })
	if start < 0 {
		return Decimal{}, errors.New("no number in " + strconv.Quote(text))
	}
	if start > 0 && text[start-1] == '-' {
		start--
	}
	end := start + 1
	for end < len(text) && strings.IndexByte("0123456789.,", text[end]) >= 0 {
		end++
	}
	value, err := ParseDecimal(strings.TrimRight(strings.ReplaceAll(text[start:end], ",", ""), "."))
	if err != nil {
		return Decimal{}, err
	}
	rest := strings.TrimPrefix(strings.TrimPrefix(text[end:], "余"), "多")
	for _, m := range magnitudeWords {
		if strings.HasPrefix(rest, m.word) {
			return value.shift(m.zeros), nil
		}
	}
	return value, nil
}
