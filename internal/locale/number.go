package locale

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Step is a power of ten written as a word after the digits: 69.31万,
// 4.3 million. CLDR calls these compact decimal formats; golang.org/x/text
// has none, so the steps are this package's own small table.
type Step struct {
	Zeros int    // the power of ten: 4 for 万, 6 for million
	Word  string // as written after the digits, with its space: "万", " million"
	// Plural is the word after a number that is not singular in the
	// locale's plural rules ("2,4 millions"); "" when it does not change.
	Plural string
}

// NumberStyle is how a locale writes the numbers of the report.
type NumberStyle struct {
	// Steps, largest first: a number with more integer digits than a
	// step's zeros is written in the largest such step (69.31万), or in
	// full digits if that takes more than MaxDecimals; never in a smaller
	// step (12345.6789万 reads worse than 123456789). None: full digits.
	Steps []Step
	// Grouped numbers have separators between groups of digits (693,100);
	// the others are plain digits (5964), as Chinese text writes them.
	Grouped bool
	// MaxDecimals is how many decimals a number written in a step may
	// carry before the full digits read better: RMB 7,647,100 rather than
	// RMB 7.6471 million, 123456789人次 rather than 1.23456789亿人次. A
	// stepped number is always exact, so past this the digits are written
	// in full, never rounded. Chinese carries more than English (764.71万,
	// 2.5288万), as the report does.
	MaxDecimals int
	// MinusBeforeUnit: a number below zero takes its minus before the
	// words a unit puts before it, as CLDR's currency patterns (-¤#,##0)
	// write it: -RMB 25 million. Otherwise the minus stays with the
	// digits, inside the unit's words, as Chinese measure words need
	// (每人每月-800元).
	MinusBeforeUnit bool
}

// numberStyles are the styles by locale (see Lookup): CLDR's compact steps,
// with the report's own rounding (every significant digit is kept).
var numberStyles = map[string]NumberStyle{
	"zh":      {Steps: []Step{{Zeros: 12, Word: "万亿"}, {Zeros: 8, Word: "亿"}, {Zeros: 4, Word: "万"}}, MaxDecimals: 4},
	"zh-Hant": {Steps: []Step{{Zeros: 12, Word: "兆"}, {Zeros: 8, Word: "億"}, {Zeros: 4, Word: "萬"}}, MaxDecimals: 4},
	// Hong Kong and Macao write numbers as English does, with CLDR's
	// letters: 5.83M, not 583萬 (CLDR's zh-Hant-HK compact forms). Their
	// units are Chinese measure words, so the minus stays with the digits.
	"zh-Hant-HK": {Steps: []Step{{Zeros: 12, Word: "T"}, {Zeros: 9, Word: "B"}, {Zeros: 6, Word: "M"}}, Grouped: true, MaxDecimals: 2},
	"zh-Hant-MO": {Steps: []Step{{Zeros: 12, Word: "T"}, {Zeros: 9, Word: "B"}, {Zeros: 6, Word: "M"}}, Grouped: true, MaxDecimals: 2}, // CLDR's parent: zh-Hant-HK
	"ja":         {Steps: []Step{{Zeros: 12, Word: "兆"}, {Zeros: 8, Word: "億"}, {Zeros: 4, Word: "万"}}, Grouped: true, MaxDecimals: 4, MinusBeforeUnit: true},
	"fr": {Steps: []Step{
		{Zeros: 12, Word: " billion", Plural: " billions"},
		{Zeros: 9, Word: " milliard", Plural: " milliards"},
		{Zeros: 6, Word: " million", Plural: " millions"},
	}, Grouped: true, MaxDecimals: 2, MinusBeforeUnit: true},
	"ko": {Steps: []Step{{Zeros: 12, Word: "조"}, {Zeros: 8, Word: "억"}, {Zeros: 4, Word: "만"}}, Grouped: true, MaxDecimals: 4, MinusBeforeUnit: true},
	"en": {Steps: []Step{{Zeros: 12, Word: " trillion"}, {Zeros: 9, Word: " billion"}, {Zeros: 6, Word: " million"}}, Grouped: true, MaxDecimals: 2, MinusBeforeUnit: true},
	"de": {Steps: []Step{
		{Zeros: 12, Word: " Billion", Plural: " Billionen"},
		{Zeros: 9, Word: " Milliarde", Plural: " Milliarden"},
		{Zeros: 6, Word: " Million", Plural: " Millionen"},
	}, Grouped: true, MaxDecimals: 2, MinusBeforeUnit: true},
	"es": {Steps: []Step{
		{Zeros: 12, Word: " billón", Plural: " billones"},
		{Zeros: 9, Word: " mil millones"},
		{Zeros: 6, Word: " millón", Plural: " millones"},
	}, Grouped: true, MaxDecimals: 2, MinusBeforeUnit: true},
	"it": {Steps: []Step{
		{Zeros: 12, Word: " bilione", Plural: " bilioni"},
		{Zeros: 9, Word: " miliardo", Plural: " miliardi"},
		{Zeros: 6, Word: " milione", Plural: " milioni"},
	}, Grouped: true, MaxDecimals: 2, MinusBeforeUnit: true},
	"pt": {Steps: []Step{
		{Zeros: 12, Word: " trilhão", Plural: " trilhões"},
		{Zeros: 9, Word: " bilhão", Plural: " bilhões"},
		{Zeros: 6, Word: " milhão", Plural: " milhões"},
	}, Grouped: true, MaxDecimals: 2, MinusBeforeUnit: true},
	"pt-PT": {Steps: []Step{
		{Zeros: 12, Word: " bilião", Plural: " biliões"},
		{Zeros: 9, Word: " mil milhões"},
		{Zeros: 6, Word: " milhão", Plural: " milhões"},
	}, Grouped: true, MaxDecimals: 2, MinusBeforeUnit: true},
	// Every locale without a style of its own writes every digit, grouped
	// as CLDR says: another language's words (English "million") would be
	// wrong on its pages, and full digits never are.
	"": {Grouped: true, MinusBeforeUnit: true},
}

// Number returns the number style of tag.
func Number(tag language.Tag) NumberStyle {
	s, _, _ := Lookup(numberStyles, tag)
	return s
}

// Plain is the style of a figure whose editor wants every digit
// (style = "plain"): the locale's grouping, no steps.
func (s NumberStyle) Plain() NumberStyle {
	s.Steps = nil
	return s
}

// StepWords lists the step words of the styles of tags, longest first, for
// reading back numbers written in any of them.
func StepWords(tags ...language.Tag) []Step {
	var all []Step
	for _, tag := range tags {
		for _, st := range Number(tag).Steps {
			all = append(all, st)
			if st.Plural != "" {
				all = append(all, Step{Zeros: st.Zeros, Word: st.Plural})
			}
		}
	}
	// Longest first, so 万亿 is tried before 万; then by word, so the
	// order never depends on map iteration.
	for i := 1; i < len(all); i++ {
		for j := i; j > 0 && less(all[j], all[j-1]); j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	return all
}

func less(a, b Step) bool {
	if len(a.Word) != len(b.Word) {
		return len(a.Word) > len(b.Word)
	}
	return a.Word < b.Word
}

// Symbols are how a locale separates groups of digits and decimals and
// marks a number below zero, as CLDR says through golang.org/x/text/number:
// 693,100.5 in en, 693 100,5 in fr, 6,93,100.5 in hi, −5 in sv.
type Symbols struct {
	Group     string
	Decimal   string
	Primary   int // digits in the group nearest the decimal point
	Secondary int // digits in each group further left
	// MinGrouping is how many digits must stand left of the first
	// separator for it to be written: 2 in es, so 9999 stays whole and
	// 12.345 is grouped. x/text does not apply it (see minimumGrouping).
	MinGrouping int
	// Minus is the sign of a number below zero: the hyphen-minus in most
	// locales, the minus sign U+2212 in sv, fi, nb and et, with a direction
	// mark in he and ar.
	Minus string
}

// minimumGrouping is CLDR's minimumGroupingDigits where it is not 1; x/text
// does not read it, so 4-digit numbers in these locales would be grouped.
var minimumGrouping = map[string]int{
	"es":    2,
	"pl":    2,
	"pt-PT": 2,
}

// groupCorrections replace x/text's group separator where its CLDR tables
// (version 32) are older than CLDR's current choice: French has used a
// narrow no-break space since CLDR 34; Canadian French kept the no-break
// space, which "" leaves as x/text has it.
var groupCorrections = map[string]string{
	"fr":    "\u202f",
	"fr-CA": "",
}

var symbolCache sync.Map // tag string → Symbols

// NumberSymbols returns tag's digit grouping, decimal and minus symbols.
func NumberSymbols(tag language.Tag) Symbols {
	key := tag.String()
	if s, ok := symbolCache.Load(key); ok {
		return s.(Symbols)
	}
	s := readSymbols(message.NewPrinter(tag).Sprint(number.Decimal(1234567.5, number.Scale(1))))
	if g, _, ok := Lookup(groupCorrections, tag); ok && g != "" {
		s.Group = g
	}
	s.Minus = readMinus(message.NewPrinter(tag).Sprint(number.Decimal(-1)))
	s.MinGrouping = 1
	if m, _, ok := Lookup(minimumGrouping, tag); ok {
		s.MinGrouping = m
	}
	symbolCache.Store(key, s)
	return s
}

// readMinus is what x/text writes before the digits of -1 in a locale.
func readMinus(sample string) string {
	if i := strings.IndexFunc(sample, unicode.IsDigit); i > 0 {
		return sample[:i]
	}
	return "-"
}

// readSymbols works out the symbols from x/text's 1234567.5 in a locale.
func readSymbols(sample string) Symbols {
	s := Symbols{Group: ",", Decimal: ".", Primary: 3, Secondary: 3}
	// Split the sample into runs of digits and runs of the rest.
	var runs []string
	var digits []bool
	for _, r := range sample {
		d := unicode.IsDigit(r)
		if len(runs) == 0 || digits[len(digits)-1] != d {
			runs = append(runs, "")
			digits = append(digits, d)
		}
		runs[len(runs)-1] += string(r)
	}
	// The last separator is the decimal one; those before it group.
	var groups []int
	for i, r := range runs {
		if !digits[i] {
			if i == len(runs)-2 {
				s.Decimal = r
			} else if i > 0 {
				s.Group = r
			}
			continue
		}
		if i < len(runs)-1 {
			groups = append(groups, utf8.RuneCountInString(r))
		}
	}
	switch n := len(groups); {
	case n == 1: // the locale does not group
		s.Primary, s.Secondary = 0, 0
	case n >= 3:
		s.Primary, s.Secondary = groups[n-1], groups[n-2]
	case n == 2:
		s.Primary, s.Secondary = groups[n-1], groups[n-1]
	}
	return s
}

// InStep are the symbols of digits written before a step word. CLDR's
// compact patterns (0000万) group them only from two digits in the first
// group on, as ICU does for compact numbers (its "min2"): 2500万 in ja, not
// 2,500万, where 5,964 stays grouped.
func (s Symbols) InStep() Symbols {
	s.MinGrouping = max(s.MinGrouping, 2)
	return s
}

// Digits writes a number given as its integer and fraction digits (ASCII),
// grouped or not: Digits("693100", "5", true) is "693,100.5" in en.
func (s Symbols) Digits(intPart, fracPart string, grouped bool) string {
	var b strings.Builder
	if grouped && s.Primary > 0 && s.Secondary > 0 && len(intPart) >= s.Primary+max(s.MinGrouping, 1) {
		head := len(intPart) - s.Primary
		var groups []string
		groups = append(groups, intPart[head:])
		for head > 0 {
			n := min(s.Secondary, head)
			groups = append(groups, intPart[head-n:head])
			head -= n
		}
		for i := len(groups) - 1; i >= 0; i-- {
			b.WriteString(groups[i])
			if i > 0 {
				b.WriteString(s.Group)
			}
		}
	} else {
		b.WriteString(intPart)
	}
	if fracPart != "" {
		b.WriteString(s.Decimal)
		b.WriteString(fracPart)
	}
	return b.String()
}

// ordinalWords are the words after digits that make a number a date or a
// rank rather than a quantity (11月, 5日, 第3届), by locale: check does not
// compare such numbers with the report's figures. Languages that write
// "5th" or "May 5" need none: a letter after the digits, or a month name
// before them, already tells.
var ordinalWords = map[string][]string{
	"zh":      {"月", "日", "号", "届"},
	"zh-Hant": {"月", "日", "號", "屆"},
	"ja":      {"月", "日", "回"},
	"ko":      {"월", "일", "회"},
}

// OrdinalWords lists the ordinalWords of tags, without repeats.
func OrdinalWords(tags ...language.Tag) []string {
	var all []string
	for _, tag := range tags {
		words, _, _ := Lookup(ordinalWords, tag)
		for _, w := range words {
			if !slices.Contains(all, w) {
				all = append(all, w)
			}
		}
	}
	return all
}
