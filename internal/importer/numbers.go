package importer

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xmca/almanac/internal/figures"
)

// A figure found in the text: the number with its qualifier, magnitude and
// measure word, as in 近430万人次 or 每人每月800元.
type found struct {
	start, end int    // byte offsets of the whole expression in the paragraph
	written    string // the expression as written
	value      string // in base units, as a decimal without exponent
	unit       string // the unit's name in figures.toml
	measure    string // the measure word as written (元, 个, 户次, %)
	qualifier  string // "", nearly, approximately, over, more-than
	label      string // the clause around it, without the number
}

// A number left as text, and why.
type leftNumber struct {
	start   int
	written string
	why     string
	unsure  bool // the editor should look: it may be a figure
}

var digitsRE = regexp.MustCompile(`[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?`)

// measure is a measure word and the unit of figures.toml it stands for.
type measure struct{ word, unit string }

// measures are the measure words a site's units write after the number in
// Chinese ({0}元, {0}人次, and the site's own such as {0}户), the longest
// first so that 人次 wins over 人; then the words no unit of the site
// covers, with the name of the unit import declares for them.
type measures []measure

// newMeasures are measure words the shipped units do not cover, with the
// name of the unit import declares for them.
var newMeasures = []measure{
	{"平方米", "square-metres"},
	{"户次", "household-visits"},
	{"公里", "kilometres"},
	{"小时", "hours"},
	{"户", "households"},
	{"所", "institutions"},
	{"座", "buildings"},
	{"处", "sites"},
	{"次", "times"},
	{"场", "events"},
	{"件", "cases"},
	{"支", "teams"},
	{"辆", "vehicles"},
	{"台", "machines"},
	{"间", "rooms"},
	{"套", "sets"},
	{"亩", "mu"},
	{"天", "days"},
	{"批", "batches"},
	{"条", "articles"},
	{"床", "bed-places"},
}

var magnitudes = []struct {
	word  string
	zeros int
}{{"万亿", 12}, {"亿", 8}, {"万", 4}}

// Qualifiers written before the number, and after it (余, 多 between the
// digits and the measure word; 以上, 左右 after the measure word).
var (
	qualifiersBefore = []struct{ word, q string }{
		{"将近", "nearly"}, {"近", "nearly"}, {"大约", "approximately"}, {"约", "approximately"},
		{"超过", "more-than"}, {"逾", "over"},
	}
	qualifiersAfterDigits  = []struct{ word, q string }{{"余", "over"}, {"多", "more-than"}}
	qualifiersAfterMeasure = []struct{ word, q string }{{"以上", "more-than"}, {"左右", "approximately"}}
)

// perPersonMonth is written before the number of the unit yuan-per-person-month.
const perPersonMonth = "每人每月"

// findNumbers finds every number written in digits in a paragraph and says
// what it is: a figure, or text (a year, a date, an ordinal, a number in a
// title) and whether that is sure.
func findNumbers(text string, ms measures) ([]found, []leftNumber) {
	var figs []found
	var left []leftNumber
	for _, m := range digitsRE.FindAllStringIndex(text, -1) {
		s, e := m[0], m[1]
		digits := text[s:e]
		before, after := text[:s], text[e:]
		leave := func(why string, unsure bool) {
			left = append(left, leftNumber{start: s, written: digits, why: why, unsure: unsure})
		}
		switch {
		case inside(before, "《", "》"):
			leave("in a title 《…》", false)
			continue
		case inside(before, "“", "”") && strings.Contains(after, "”"):
			leave("in a name in quotes “…”", false)
			continue
		case strings.HasSuffix(before, "第"):
			leave("an ordinal (第…)", false)
			continue
		case lastRuneIsLetter(before) || firstRuneIsLetter(after):
			leave("part of a word or code", false)
			continue
		case isYear(digits, after):
			leave("a year", false)
			continue
		case hasPrefixAny(after, "月", "日", "号") || (strings.HasPrefix(after, "年") && strings.HasPrefix(after[len("年"):], "度")):
			leave("a date", false)
			continue
		case hasPrefixAny(after, rangeMarks...) && startsWithDigit(trimPrefixAny(after, rangeMarks...)):
			leave("a range: write it as two figures, or leave it as text", true)
			continue
		case endsWithRange(before):
			leave("the end of a range", false) // noted with its start
			continue
		}
		f, ok := readFigure(text, s, e, ms)
		if !ok {
			leave("no measure word after it", true)
			continue
		}
		figs = append(figs, f)
	}
	return figs, left
}

var rangeMarks = []string{"-", "—", "－", "~", "～", "至"}

// minusSigns are the ways a draft writes a minus sign.
var minusSigns = []string{"-", "－", "−"}

// minusBefore reports the minus sign that before ends with, unless it
// follows a digit (3-5个 is a range, not a negative number).
func minusBefore(before string) (string, bool) {
	for _, m := range minusSigns {
		if rest, ok := strings.CutSuffix(before, m); ok && (rest == "" || !isDigit(rune(rest[len(rest)-1]))) {
			return m, true
		}
	}
	return "", false
}

// endsWithRange: the text before a number ends with a number and a range
// mark (3-5个).
func endsWithRange(before string) bool {
	for _, m := range rangeMarks {
		if rest, ok := strings.CutSuffix(before, m); ok && rest != "" && isDigit(rune(rest[len(rest)-1])) {
			return true
		}
	}
	return false
}

// readFigure reads the figure whose digits are text[s:e].
func readFigure(text string, s, e int, ms measures) (found, bool) {
	f := found{start: s}
	pos := e
	for pos < len(text) && text[pos] == ' ' {
		pos++
	}
	rest := text[pos:]
	if q, w := matchWord(rest, qualifiersAfterDigits); w != "" {
		f.qualifier, rest = q, rest[len(w):]
	}
	zeros := 0
	for _, m := range magnitudes {
		if strings.HasPrefix(rest, m.word) {
			zeros, rest = m.zeros, rest[len(m.word):]
			break
		}
	}
	if f.qualifier == "" {
		if q, w := matchWord(rest, qualifiersAfterDigits); w != "" {
			f.qualifier, rest = q, rest[len(w):]
		}
	}
	for strings.HasPrefix(rest, " ") {
		rest = rest[1:]
	}
	before := text[:s]
	switch {
	case strings.HasSuffix(before, "连续") && strings.HasPrefix(rest, "年"):
		f.unit, f.measure = "years", "年"
	default:
		for _, m := range ms {
			if strings.HasPrefix(rest, m.word) {
				f.unit, f.measure = m.unit, m.word
				break
			}
		}
	}
	if f.unit == "" {
		return f, false
	}
	rest = rest[len(f.measure):]
	if f.qualifier == "" {
		if q, w := matchWord(rest, qualifiersAfterMeasure); w != "" {
			f.qualifier, rest = q, rest[len(w):]
		}
	}
	f.end = len(text) - len(rest)
	negative := false
	if sign, ok := minusBefore(before); ok {
		// -1.5‰, －3.2%: a decrease the draft states as a negative
		// number, which the value must keep.
		negative = true
		f.start -= len(sign)
		before = before[:len(before)-len(sign)]
	}
	if f.qualifier == "" {
		if q, w := matchSuffix(before, qualifiersBefore); w != "" {
			f.qualifier = q
			f.start -= len(w)
			before = before[:len(before)-len(w)]
		}
	}
	if f.unit == "yuan" && strings.HasSuffix(before, perPersonMonth) {
		f.unit = "yuan-per-person-month"
		f.start -= len(perPersonMonth)
	}
	f.value = scale(strings.ReplaceAll(text[s:e], ",", ""), zeros)
	if negative && f.value != "0" {
		f.value = "-" + f.value
	}
	f.written = text[f.start:f.end]
	return f, true
}

// scale multiplies a decimal written in digits by 10^zeros, exactly.
func scale(digits string, zeros int) string {
	intPart, frac, _ := strings.Cut(digits, ".")
	for ; zeros > 0; zeros-- {
		if frac != "" {
			intPart, frac = intPart+frac[:1], frac[1:]
		} else {
			intPart += "0"
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		return intPart
	}
	return intPart + "." + frac
}

// isYear: four digits from 1900 to 2099 before 年 (2019年, 2019年11月), or
// before a range of years (2019-2035年).
func isYear(digits, after string) bool {
	if len(digits) != 4 || !(strings.HasPrefix(digits, "19") || strings.HasPrefix(digits, "20")) {
		return false
	}
	if strings.HasPrefix(after, "年") {
		return true
	}
	rest := trimPrefixAny(after, rangeMarks...)
	return rest != after && len(rest) >= 5 && strings.HasPrefix(rest[4:], "年")
}

// inside reports whether the text before a place leaves a pair open.
func inside(before, open, close string) bool {
	i := strings.LastIndex(before, open)
	return i >= 0 && !strings.Contains(before[i:], close)
}

func matchWord(s string, words []struct{ word, q string }) (q, word string) {
	for _, w := range words {
		if strings.HasPrefix(s, w.word) {
			return w.q, w.word
		}
	}
	return "", ""
}

func matchSuffix(s string, words []struct{ word, q string }) (q, word string) {
	for _, w := range words {
		if strings.HasSuffix(s, w.word) {
			return w.q, w.word
		}
	}
	return "", ""
}

func hasPrefixAny(s string, prefixes ...string) bool {
	return trimPrefixAny(s, prefixes...) != s
}

func trimPrefixAny(s string, prefixes ...string) string {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return s[len(p):]
		}
	}
	return s
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func lastRuneIsLetter(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return isASCIILetter(r)
}

func firstRuneIsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isASCIILetter(r)
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

// siteMeasures reads the measure words of the site's units in lang: the
// text after {0} in each unit's pattern ({0}家, {0}人次, a site's {0}户),
// then the measure words none of them covers. 年 is left out: it follows
// every year, and only 连续N年 counts years.
func siteMeasures(w *figures.Writing, lang string) measures {
	unitOf := map[string]string{}
	var words []string
	for _, u := range w.Units() {
		p, ok := w.UnitPattern(u, lang)
		if !ok {
			continue
		}
		word, ok := strings.CutPrefix(p.Forms["other"], "{0}")
		if !ok || word == "" || word == "年" || strings.Contains(word, "{") {
			continue
		}
		if _, seen := unitOf[word]; !seen {
			words = append(words, word)
		}
		unitOf[word] = string(u) // the site's own unit wins over a shipped one
	}
	var ms measures
	for _, word := range words {
		ms = append(ms, measure{word, unitOf[word]})
	}
	for _, m := range newMeasures {
		if _, seen := unitOf[m.word]; !seen {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return len(ms[i].word) > len(ms[j].word) })
	return ms
}
