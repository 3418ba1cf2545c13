package figures

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/feature/plural"

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
	pattern := "{0}"
	if up, ok := w.UnitPattern(unit, lang); ok {
		pattern = up.pick(l, v)
	}
	if w.PlainUnit(unit) || l.stepAfterNumber(pattern) {
		style = StylePlain // 12000%, 25000万元: not 1.2万%, 2.5万万元
	}
	before, after, _ := strings.Cut(pattern, "{0}")
	head, currency := currencyBefore(before)
	sign, digits := "", v
	if v.Sign() < 0 && currency != "" && l.number.MinusBeforeUnit {
		// The minus goes before a currency right before the number, as
		// CLDR's currency patterns write it (-RMB 25 million); other
		// words keep it with the digits (一人当たり-800元).
		sign, digits = l.symbols.Minus, v.Abs()
	}
	mantissa, word := l.numberParts(digits, style)
	number := mantissa + word
	qualifier := ""
	if qp, ok := w.qualifierPattern(q, unit, lang); ok {
		qs := qp.pick(l, v)
		if !l.typo.QualifierOnNumber || qp.AfterUnit {
			return fill(qs, head+sign+currency+number+after)
		}
		// The qualifier goes with the number, outside a currency and its
		// minus (約-$2500万). One that follows the digits counts in the
		// step's units when the digits are whole: 4500余万元, but
		// 1.5万余元 ("1.5余万" is not Chinese).
		var qAfter string
		qualifier, qAfter, _ = strings.Cut(qs, "{0}")
		if qAfter != "" && word != "" && !strings.Contains(mantissa, l.symbols.Decimal) {
			number = mantissa + qAfter + word
		} else {
			number = mantissa + word + qAfter
		}
	}
	return head + qualifier + sign + currency + number + after
}

// qualifierPattern is QualifierPattern for a number that has a qualifier.
func (w *Writing) qualifierPattern(q Qualifier, unit Unit, lang string) (Pattern, bool) {
	if q == Exact {
		return Pattern{}, false
	}
	return w.QualifierPattern(q, unit, lang)
}

// currencyBefore splits the words a unit writes before its number into
// the currency that stands right before it, with its space ("RMB ", "US$",
// "¥"), and the words before that ("per capita "). A currency is a
// currency sign (Unicode's Sc: $ ¥ € £, with letters before it as in US$
// or HK$) or a code of three capitals (RMB, CNY, JPY): the unit's own
// words say it, so an editor has nothing more to set. currency is "" when
// the words end otherwise (一人当たり, 每人每月).
func currencyBefore(before string) (head, currency string) {
	trimmed := strings.TrimRight(before, " \u00a0\u202f")
	i := len(trimmed)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(trimmed[:i])
		if !unicode.Is(unicode.Sc, r) {
			break
		}
		i -= n
	}
	hasSign := i < len(trimmed)
	j := i
	for j > 0 && trimmed[j-1] >= 'A' && trimmed[j-1] <= 'Z' {
		j--
	}
	if !hasSign {
		if i-j != 3 {
			return before, ""
		}
		if r, _ := utf8.DecodeLastRuneInString(trimmed[:j]); j > 0 && unicode.IsLetter(r) {
			return before, "" // the end of a longer word
		}
	}
	return before[:j], before[j:]
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

// stepAfterNumber reports whether a unit's pattern has a magnitude of its
// own right after the number ({0}万元, {0}百万元, RMB {0} million): the
// number then takes no step, since one magnitude on another (2.5万万元,
// 250万百万元) is no number at all.
func (l *Lang) stepAfterNumber(pattern string) bool {
	_, after, _ := strings.Cut(pattern, "{0}")
	for _, word := range l.number.Magnitudes {
		if strings.HasPrefix(after, word) {
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
