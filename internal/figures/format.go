package figures

import (
	"errors"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/locale"
)

// Style is how a figure's number is written: by its locale's steps
// (2.5288万), or, with StylePlain, in full digits (25288) where an editor
// prefers them.
type Style string

const (
	StyleDefault Style = ""
	StylePlain   Style = "plain"
)

// Format writes v with its unit and qualifier the way the language with key
// lang writes them: 7647100 yuan is 764.71万元 in zh-Hans and RMB 7,647,100
// in en. A unit or qualifier with no pattern in lang writes the number
// alone: Parse has already told the editor about it.
func (w *Writing) Format(v Decimal, unit Unit, q Qualifier, style Style, lang string) string {
	l := w.Lang(lang)
	up, uok := w.UnitPattern(unit, lang)
	if w.PlainUnit(unit) || uok && l.stepAfterNumber(up.pick(l, v)) {
		style = StylePlain // 12000%, 25000万元: not 1.2万%, 2.5万万元
	}
	unitText := func(n string) string {
		if !uok {
			return n
		}
		return fill(up.pick(l, v), n)
	}
	digits := v
	if v.Sign() < 0 && uok && l.number.MinusBeforeUnit && !strings.HasPrefix(up.pick(l, v), "{0}") {
		// The minus goes before the unit's words before the number, as
		// the locale writes currency: -RMB 25 million. A unit with none
		// leaves it with the digits, after a qualifier there (約-800円).
		digits = v.Abs()
		unitText = func(n string) string { return l.symbols.Minus + fill(up.pick(l, v), n) }
	}
	mantissa, word := l.numberParts(digits, style)
	number := mantissa + word
	if q == Exact {
		return unitText(number)
	}
	qp, qok := w.QualifierPattern(q, unit, lang)
	if !qok {
		return unitText(number)
	}
	qs := qp.pick(l, v)
	if !l.typo.QualifierOnNumber || qp.AfterUnit {
		return fill(qs, unitText(number))
	}
	// The qualifier goes with the number. One that follows the digits
	// counts in the step's units when the digits are whole: 4500余万元,
	// but 1.5万余元 ("1.5余万" is not Chinese).
	before, after, _ := strings.Cut(qs, "{0}")
	if after != "" && word != "" && !strings.Contains(mantissa, l.symbols.Decimal) {
		number = mantissa + after + word
	} else {
		number = mantissa + word + after
	}
	return unitText(before + number)
}

// Number writes v alone, without unit or qualifier, for chart axes and
// data tables: 764.71万 in zh-Hans, 7,647,100 in en.
func (w *Writing) Number(v Decimal, style Style, lang string) string {
	mantissa, word := w.Lang(lang).numberParts(v, style)
	return mantissa + word
}

func fill(pattern, number string) string { return strings.Replace(pattern, "{0}", number, 1) }

// pick chooses the plural form for v in l.
func (p Pattern) pick(l *Lang, v Decimal) string {
	if len(p.Forms) > 1 {
		if s, ok := p.Forms[pluralCategory(l, v)]; ok {
			return s
		}
	}
	return p.Forms["other"]
}

var categoryNames = map[plural.Form]string{
	plural.Other: "other", plural.Zero: "zero", plural.One: "one",
	plural.Two: "two", plural.Few: "few", plural.Many: "many",
}

// pluralCategory is the CLDR plural category of v in l (golang.org/x/text's
// plural rules): "one" for 1 in English, "other" for 2 and for 1.5.
func pluralCategory(l *Lang, v Decimal) string {
	intPart, fracPart := v.parts()
	digits := make([]byte, 0, len(intPart)+len(fracPart))
	for _, s := range []string{intPart, fracPart} {
		for i := 0; i < len(s); i++ {
			digits = append(digits, s[i]-'0')
		}
	}
	return categoryNames[plural.Cardinal.MatchDigits(l.Tag, digits, len(intPart), len(fracPart))]
}

// numberParts splits v into digits, as the locale groups them, and a step
// word: below the smallest step the digits alone, else the largest step
// the number exceeds, as long as the digits need no more decimals than the
// style allows. Past that the full digits are written: 7647100 stays
// 7,647,100 in English rather than the exact but unidiomatic 7.6471
// million, and 123456789 stays whole in Chinese, neither 1.23456789亿 nor
// 12345.6789万.
func (l *Lang) numberParts(v Decimal, style Style) (mantissa, word string) {
	ns := l.number
	if style == StylePlain {
		ns = ns.Plain()
	}
	for _, st := range ns.Steps {
		if v.intDigits() <= st.Zeros {
			continue
		}
		scaled := v.shift(-st.Zeros)
		if _, frac := scaled.parts(); len(frac) > ns.MaxDecimals {
			break
		}
		word = st.Word
		if st.Plural != "" && pluralCategory(l, scaled) != "one" {
			word = st.Plural
		}
		return l.digits(l.symbols.InStep(), scaled, ns.Grouped), word
	}
	return l.digits(l.symbols, v, ns.Grouped), ""
}

// stepAfterNumber reports whether a unit's pattern has a step word of its
// own right after the number ({0}万元, RMB {0} million): the number then
// takes none, since one step on another (2.5万万元) is no number at all.
func (l *Lang) stepAfterNumber(pattern string) bool {
	_, after, _ := strings.Cut(pattern, "{0}")
	for _, st := range l.number.Steps {
		if strings.HasPrefix(after, st.Word) || st.Plural != "" && strings.HasPrefix(after, st.Plural) {
			return true
		}
	}
	return false
}

func (l *Lang) digits(sym locale.Symbols, v Decimal, grouped bool) string {
	intPart, fracPart := v.parts()
	s := sym.Digits(intPart, fracPart, grouped)
	if v.neg {
		s = sym.Minus + s
	}
	return s
}

// stepWords are every word ParseFormatted scales by, longest first.
var stepWords = locale.StepWords(language.SimplifiedChinese, language.TraditionalChinese, language.English)

// ParseFormatted reads back the number in text written by Format or Number
// in zh or en ("近430万人次", "RMB 7,647,100", "-RMB 25 million"). It lets
// tests check that formatting never changes a value, and lets a checker
// compare a number typed into prose with the figure it should be.
func ParseFormatted(text string) (Decimal, error) {
	start := strings.IndexFunc(text, func(r rune) bool { return r >= '0' && r <= '9' })
	if start < 0 {
		return Decimal{}, errors.New("no number in " + strconv.Quote(text))
	}
	// The minus stands before the digits or before the unit's words
	// (-RMB 25 million).
	negative := strings.Contains(text[:start], "-")
	end := start + 1
	for end < len(text) && strings.IndexByte("0123456789.,", text[end]) >= 0 {
		end++
	}
	value, err := ParseDecimal(strings.TrimRight(strings.ReplaceAll(text[start:end], ",", ""), "."))
	if err != nil {
		return Decimal{}, err
	}
	if negative {
		value = newDecimal(true, value.digits, value.scale)
	}
	rest := strings.TrimPrefix(strings.TrimPrefix(text[end:], "余"), "多")
	for _, st := range stepWords {
		if strings.HasPrefix(rest, st.Word) {
			return value.shift(st.Zeros), nil
		}
	}
	return value, nil
}
