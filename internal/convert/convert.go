// Package convert writes Simplified Chinese text in Traditional characters,
// for an edition that site.toml converts from another (convert_from), so
// editors write the Chinese text once.
//
// The conversion is OpenCC's, phrase-level: its dictionaries (the data, in
// dict/) matched longest first, as OpenCC's configurations chain them (see
// dictionary.go), preceded by the site's own corrections: a table of
// phrases and the forms they must take, where a phrase written as itself
// is a name that must not change. Then the quotation marks take
// the locale's style: Taiwan and Hong Kong write 「」 and 『』 where the
// mainland writes “” and ‘’.
package convert

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xmca/almanac/internal/locale"
)

// Configs are the OpenCC configurations a site may name, each from
// Simplified Chinese: s2t (OpenCC's standard forms: 裏, 着), s2tw (Taiwan's
// character forms: 裡, 著) and s2hk (Hong Kong's).
var Configs = []string{"s2t", "s2tw", "s2hk"}

// CheckConfig explains why a configuration cannot be used; nil when it can.
func CheckConfig(name string) error {
	if slices.Contains(Configs, name) {
		return nil
	}
	if name == "s2twp" {
		return fmt.Errorf("s2twp also swaps words for Taiwanese vocabulary, and some are wrong in a civil-affairs report (社区 becomes 社群, 信息 becomes 資訊); use s2tw, and put any word that must change in phrases")
	}
	return fmt.Errorf("%q is not a conversion from Simplified Chinese that almanac offers; use one of %s", name, strings.Join(Configs, ", "))
}

// Settings say how one edition is converted.
type Settings struct {
	Config string // one of Configs
	Locale string // the edition's BCP 47 locale, which decides the quotation marks
	// Phrases maps a phrase, as written in the source, to the form it must
	// take; they win over the dictionary. A phrase mapped to itself is a
	// name the dictionary must leave alone.
	Phrases map[string]string
}

// Converter converts text for one edition. It is safe for concurrent use.
type Converter struct {
	settings Settings
	phrases  map[string]string
	longest  int           // the longest phrase, in characters
	starts   map[rune]bool // the first characters of the phrases
	quotes   *strings.Replacer
	key      string
}

// New prepares a converter. Its dictionaries are read when the first text
// needs them.
func New(s Settings) (*Converter, error) {
	if err := CheckConfig(s.Config); err != nil {
		return nil, err
	}
	if err := CheckPhrases(s.Phrases); err != nil {
		return nil, err
	}
	c := &Converter{settings: s, phrases: s.Phrases, starts: map[rune]bool{}, quotes: quoteStyle(s.Locale)}
	for from := range s.Phrases {
		r, _ := utf8.DecodeRuneInString(from)
		c.starts[r] = true
		c.longest = max(c.longest, utf8.RuneCountInString(from))
	}
	c.key = fingerprint(s)
	return c, nil
}

// CheckPhrases explains the first phrase that cannot be used, or nil.
// A correction keeps the number of characters: the converted Markdown keeps
// every character where it was, so that positions in messages stay right.
func CheckPhrases(phrases map[string]string) error {
	for _, from := range slices.Sorted(maps.Keys(phrases)) {
		to := phrases[from]
		if from == "" {
			return fmt.Errorf("a phrase is empty")
		}
		if !SameShape(from, to) {
			return fmt.Errorf("%q = %q: a correction must have as many characters as the phrase it replaces", from, to)
		}
	}
	return nil
}

// SameShape reports whether b has as many characters as a, each as long
// in UTF-8 as the one in its place, so that b can be written over a
// without moving anything after it.
func SameShape(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for len(a) > 0 {
		_, na := utf8.DecodeRuneInString(a)
		_, nb := utf8.DecodeRuneInString(b)
		if na != nb {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return true
}

// Key identifies the conversion: two converters with the same key give the
// same text, so a cache of what was made from converted text can be keyed
// by it.
func (c *Converter) Key() string { return c.key }

func fingerprint(s Settings) string {
	var b strings.Builder
	b.WriteString(s.Config + "\x00" + s.Locale)
	for _, k := range slices.Sorted(maps.Keys(s.Phrases)) {
		b.WriteString("\x00" + k + "\x00" + s.Phrases[k])
	}
	return b.String()
}

// String converts s. Text without Chinese characters or quotation marks
// comes back as it is, without touching the dictionary.
func (c *Converter) String(s string) string {
	if !needsConversion(s) {
		return s
	}
	var out strings.Builder
	out.Grow(len(s))
	pending := 0 // start of the text not yet converted
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if c.starts[r] {
			if from, to, ok := c.phrase(s[i:]); ok {
				out.WriteString(c.dictionaryText(s[pending:i]))
				out.WriteString(to)
				i += len(from)
				pending = i
				continue
			}
		}
		i += size
	}
	out.WriteString(c.dictionaryText(s[pending:]))
	return c.quotes.Replace(out.String())
}

// phrase finds the longest correction that s starts with.
func (c *Converter) phrase(s string) (from, to string, ok bool) {
	end, n := 0, 0
	for end < len(s) && n < c.longest {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
		n++
	}
	for ; end > 0; end = lastRuneStart(s, end) {
		if to, ok := c.phrases[s[:end]]; ok {
			return s[:end], to, true
		}
	}
	return "", "", false
}

func lastRuneStart(s string, end int) int {
	_, size := utf8.DecodeLastRuneInString(s[:end])
	return end - size
}

// dictionaryText converts s through the configuration's dictionaries.
func (c *Converter) dictionaryText(s string) string {
	if !needsConversion(s) {
		return s
	}
	out := s
	for _, tt := range stages[c.settings.Config] {
		out = tt.table().convert(out)
	}
	return fitShape(s, out)
}

// fitShape returns converted with every character whose UTF-8 length
// differs from the one it replaces put back as written: the converted
// Markdown keeps every character where it was. Only rare characters are
// concerned (a few hundred of OpenCC's, outside the Basic Multilingual
// Plane on one side). A conversion that changed the number of characters
// is not used at all.
func fitShape(orig, converted string) string {
	if SameShape(orig, converted) {
		return converted
	}
	if utf8.RuneCountInString(orig) != utf8.RuneCountInString(converted) {
		return orig
	}
	var b strings.Builder
	b.Grow(len(orig))
	for len(orig) > 0 {
		_, no := utf8.DecodeRuneInString(orig)
		_, nc := utf8.DecodeRuneInString(converted)
		if no == nc {
			b.WriteString(converted[:nc])
		} else {
			b.WriteString(orig[:no])
		}
		orig, converted = orig[no:], converted[nc:]
	}
	return b.String()
}

// needsConversion reports whether s has anything outside ASCII, which is
// all the dictionaries and the quotation marks could change.
func needsConversion(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// quoteStyles are the quotation marks converted text takes, by locale,
// looked up with the locale fallback (zh-Hant-TW → zh-Hant → zh): Taiwan
// and Hong Kong write 「」 and 『』 where the mainland writes “” and ‘’.
// Every mark is as long in UTF-8 as the one it replaces, so positions stay
// right.
var quoteStyles = map[string][]string{
	"zh-Hant": {"“", "「", "”", "」", "‘", "『", "’", "』"},
	"":        nil, // as written
}

func quoteStyle(tag string) *strings.Replacer {
	t, err := locale.Parse(tag)
	if err != nil {
		return strings.NewReplacer()
	}
	pairs, _, _ := locale.Lookup(quoteStyles, t)
	return strings.NewReplacer(pairs...)
}

// Ambiguous lists the Simplified characters that stand for more than one
// Traditional character, with their forms: the dictionary picks one by the
// phrase around it, and a phrase it does not know can get the wrong one.
var Ambiguous = map[rune]string{
	'发': "發髮", '后': "後后", '里': "裡裏里", '干': "幹乾干", '面': "麵面",
	'台': "臺台颱檯", '系': "係繫系", '只': "隻只", '准': "準准", '复': "復複覆",
	'余': "餘余", '志': "誌志", '制': "製制", '历': "歷曆", '范': "範范",
	'松': "鬆松", '斗': "鬥斗", '谷': "穀谷", '钟': "鐘鍾", '冲': "衝沖",
	'尽': "盡儘", '汇': "匯彙", '团': "團糰", '征': "徵征", '划': "劃划",
	'获': "獲穫", '须': "須鬚", '凶': "兇凶", '郁': "鬱郁", '饥': "飢饑",
}

// settled are common words of the report whose ambiguous characters have
// one form only, which the dictionary gets right: an editor need not look
// at 志 in 志愿 (志願) or 发 in 发展 (發展).
var settled = []string{
	"志愿", "团体", "社团", "共青团", "方面", "全面", "面向", "面积", "面对", "体系", "关系", "联系",
	"制度", "机制", "体制", "编制", "制定", "控制", "标准", "水准", "发展", "发放", "发布",
	"发挥", "开发", "发现", "发生", "激发", "以后", "之后", "前后", "后来", "最后", "先后",
	"这里", "公里", "平台", "出台", "复杂", "恢复", "答复", "其余", "剩余", "只有", "只要",
	"规划", "计划", "划分", "获得", "获评", "荣获", "示范", "范围", "干部", "历史", "历年",
	"经历", "台账", "台湾",
}

// Unsettled returns the ambiguous characters of s, each once, in order,
// that are not inside a settled word or a phrase of the site's corrections.
func (c *Converter) Unsettled(s string) []rune {
	covered := make([]bool, len(s))
	cover := func(word string) {
		for from := 0; ; {
			i := strings.Index(s[from:], word)
			if i < 0 {
				return
			}
			for j := from + i; j < from+i+len(word); j++ {
				covered[j] = true
			}
			from += i + len(word)
		}
	}
	for _, w := range settled {
		cover(w)
	}
	for w := range c.phrases {
		cover(w)
	}
	var found []rune
	for i, r := range s {
		if _, ok := Ambiguous[r]; ok && !covered[i] && !slices.Contains(found, r) {
			found = append(found, r)
		}
	}
	return found
}
