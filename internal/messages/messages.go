// Package messages speaks to the editor in the language of the computer:
// Simplified Chinese when the system locale is zh_CN (LANG, LC_MESSAGES or
// LC_ALL), Traditional Chinese under zh_TW and zh_HK, English otherwise.
//
// Messages are written in English in the code. A catalog per language
// (zh-Hans.toml, and zh-Hant-TW.toml and zh-Hant-HK.toml converted from it
// with OpenCC) maps each English format string to its translation, which
// may reorder the arguments (%[2]s) or leave one out (%.0[3]s). Text that
// was formatted before it got here (a hint built with fmt.Sprintf, an
// error) is translated by matching it against the English formats and
// putting what it said in the verbs' places into the translation. File
// names, lines and keys are arguments, so they stay as they are; an
// argument that is itself a message of the catalog is translated too.
//
// The libraries almanac uses (the TOML reader, Go templates, the operating
// system) speak English of their own, which reaches the editor inside
// almanac's messages. A second catalog per language, library/*.toml, maps
// the shapes of those messages to translations the same way, translating
// only the part a shape marks %v (its cause, a message itself), never a
// name; a text translated by it keeps its English after it, in
// parentheses, so that a programmer helping can search for it. Where
// several formats could have made a text, translate says why it picks one.
package messages

//go:generate go run gen_hant.go

import (
	"cmp"
	"embed"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// Lang is a language messages can be shown in.
type Lang string

const (
	English     Lang = "en"
	Simplified  Lang = "zh-Hans"
	Traditional Lang = "zh-Hant-TW"
	HongKong    Lang = "zh-Hant-HK"
)

// FromEnv picks the language of the locale the way POSIX programs do:
// LC_ALL, then LC_MESSAGES, then LANG. zh_CN, zh_SG and zh (zh_CN.UTF-8,
// zh_CN.GB18030 …) give Simplified Chinese; zh_TW gives Traditional and
// zh_HK and zh_MO Hong Kong Traditional; anything else English.
func FromEnv(getenv func(string) string) Lang {
	locale := ""
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = getenv(v); locale != "" {
			break
		}
	}
	l := strings.ToLower(locale)
	if i := strings.IndexAny(l, ".@"); i >= 0 {
		l = l[:i]
	}
	l = strings.ReplaceAll(l, "-", "_")
	switch {
	case l == "zh_tw" || strings.HasPrefix(l, "zh_hant_tw") || l == "zh_hant":
		return Traditional
	case l == "zh_hk" || l == "zh_mo" || strings.HasPrefix(l, "zh_hant"):
		return HongKong
	case l == "zh" || strings.HasPrefix(l, "zh_"):
		return Simplified
	}
	return English
}

//go:embed zh-Hans.toml zh-Hant-TW.toml zh-Hant-HK.toml library/*.toml
var catalogs embed.FS

// Translator renders messages in one language.
type Translator struct {
	lang    Lang
	catalog map[string]string // English format → translated format
	library map[string]string // a library's English message shape → translation
}

var (
	loadOnce sync.Once
	loaded   map[Lang]*Translator
)

// For returns the translator for lang; English needs none and returns the
// text as it is.
func For(lang Lang) *Translator {
	loadOnce.Do(func() {
		loaded = map[Lang]*Translator{English: {lang: English}}
		for _, l := range []Lang{Simplified, Traditional, HongKong} {
			// The catalogs are embedded, so they read here as they read
			// in TestCatalogsLoad.
			cat, _ := Catalog(l)
			lib, _ := LibraryCatalog(l)
			loaded[l] = &Translator{lang: l, catalog: cat, library: lib}
		}
	})
	if t := loaded[lang]; t != nil {
		return t
	}
	return loaded[English]
}

// Default is the translator for this computer's locale.
var Default = sync.OnceValue(func() *Translator { return For(FromEnv(os.Getenv)) })

// Catalog reads the catalog of lang as shipped.
func Catalog(lang Lang) (map[string]string, error) {
	return readCatalog(string(lang))
}

// LibraryCatalog reads the translations of the libraries' messages into
// lang as shipped.
func LibraryCatalog(lang Lang) (map[string]string, error) {
	return readCatalog("library/" + string(lang))
}

func readCatalog(name string) (map[string]string, error) {
	data, err := catalogs.ReadFile(name + ".toml")
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	if _, err := toml.Decode(string(data), &m); err != nil {
		return nil, fmt.Errorf("the message catalog %s.toml cannot be read: %w", name, err)
	}
	return m, nil
}

// Lang is the translator's language.
func (t *Translator) Lang() Lang { return t.lang }

// Chinese reports whether the translator speaks a variety of Chinese.
func (t *Translator) Chinese() bool { return t.lang != English }

// Punctuation is the comma and the colon (with the space after them that
// English takes) that join parts of a line, each said in t's language.
func (t *Translator) Punctuation() (comma, colon string) {
	if t.Chinese() {
		return "，", "："
	}
	return ", ", ": "
}

// Sprintf formats args after the translation of format; string arguments
// that are messages themselves are translated too.
func (t *Translator) Sprintf(format string, args ...any) string {
	if t == nil || t.catalog == nil {
		return fmt.Sprintf(format, args...)
	}
	tr, ok := t.catalog[format]
	if !ok {
		if !hasLetters(format) {
			// "%s": the message was put together before; say it.
			out, _ := t.args(format, args, 0, nil)
			return fmt.Sprintf(noWrap(format), out...)
		}
		return fmt.Sprintf(format, args...)
	}
	out, _ := t.args(format, args, 0, nil)
	return fmt.Sprintf(noWrap(tr), out...)
}

// Text translates an English text formatted earlier: by the catalog when
// the text is a format without verbs, else by finding the format it was
// made from. A text no format made stays English. The English of the
// libraries' messages in it follows the translation, in parentheses.
func (t *Translator) Text(s string) string {
	if t == nil || t.catalog == nil || s == "" {
		return s
	}
	var n notes
	out := t.text(s, 0, &n).said
	for _, english := range n.english {
		out += "（" + english + "）"
	}
	return out
}

// notes collects the libraries' messages a text was translated from, whose
// English is said after it.
type notes struct{ english []string }

// reading is a text said in the translator's language, the catalog it
// was said by, and the English it leaves.
type reading struct {
	said string
	from origin
	left leftover
}

// leftover measures what a reading leaves in English: the Latin letters of
// the parts that stay as they are (names, and parts no format made), and
// of those among them that stand where a message belongs (a sentence in
// almanac's format, a library message's cause), which a reading that
// took the text apart rightly would have translated.
type leftover struct{ letters, astray int }

func (e leftover) plus(f leftover) leftover {
	return leftover{e.letters + f.letters, e.astray + f.astray}
}

// less: fewer letters left, then fewer astray.
func (e leftover) less(f leftover) bool {
	return e.letters < f.letters || e.letters == f.letters && e.astray < f.astray
}

// text translates s, depth messages deep, noting in n a library's message
// it translates; n is nil within a library's message, whose English is
// noted whole. A text no format made is said as it is.
func (t *Translator) text(s string, depth int, n *notes) reading {
	r := t.translate(s, depth, n)
	switch r.from {
	case untranslated:
		r.said, r.left = t.names(s), leftover{letters: englishLetters(s)}
	case library:
		if n != nil {
			n.english = append(n.english, s)
		}
	}
	return r
}

// names says a list of names joined with ", " in English (years, files,
// file:line) with the language's list separator: 、 in Chinese. Any
// other text stays as it is.
func (t *Translator) names(s string) string {
	items := strings.Split(s, ", ")
	if !t.Chinese() || len(items) < 2 {
		return s
	}
	for _, item := range items {
		if !isName(item) {
			return s
		}
	}
	return strings.Join(items, "、")
}

// isName: one word with a digit, a dot or a slash, as a year, a file or
// file:line has, and no English word has.
func isName(s string) bool {
	return s != "" && !strings.ContainsAny(s, " \t\n") && strings.ContainsAny(s, "0123456789./")
}

// part translates s, a part of a message that is a message itself (a
// sentence in almanac's, a library's cause); when no format made it, its
// letters are astray.
func (t *Translator) part(s string, depth int, n *notes) reading {
	r := t.text(s, depth, n)
	if r.from == untranslated {
		r.left.astray = r.left.letters
	}
	return r
}

// maxDepth bounds how deep messages quoted in messages are translated
// (a template's error quoting a partial's quoting a library's).
const maxDepth = 6

// origin is the catalog a translation came from.
type origin int

const (
	untranslated origin = iota
	own                 // almanac's messages
	library             // the libraries' messages
)

// translate says s in t's language by almanac's catalog or the libraries'
// one, and which of them had a format that made s.
func (t *Translator) translate(s string, depth int, n *notes) reading {
	if tr, ok := t.catalog[s]; ok && !verbRE.MatchString(s) {
		return reading{said: tr, from: own}
	}
	if tr, ok := t.library[s]; ok {
		return reading{said: tr, from: library}
	}
	if depth > maxDepth {
		return reading{}
	}
	// A diagnostic quoted in another message (a partial's, in the error of
	// the layout that called it) starts with its file (and line), which
	// stay; a format starting with a verb would take them for words.
	if pos := quotedPosition.FindString(s); pos != "" {
		if r := t.translate(s[len(pos):], depth+1, n); r.from != untranslated {
			r.said, r.left.letters = pos+r.said, r.left.letters+englishLetters(pos)
			return r
		}
	}
	// Several formats can make the same text: "template: %s", "%s (while
	// rendering %s)" and "%s in attribute name: %s" all make `template:
	// "\"" in attribute name: "x" (while rendering …)`. The right reading
	// leaves the least English, since a format that takes another message's
	// words for a name keeps them as they are; then the fewest letters
	// astray (leftover). Among readings as good, the first of rankedPatterns.
	var best reading
	var bestNotes *notes
	for _, p := range rankedPatterns() {
		args, ok := t.match(p, s)
		if !ok {
			continue
		}
		var pn *notes
		if n != nil {
			pn = &notes{}
		}
		r := t.say(p, args, depth, pn)
		if best.from == untranslated || r.left.less(best.left) {
			best, bestNotes = r, pn
		}
	}
	if best.from == untranslated {
		return t.bySentence(s, depth, n)
	}
	if n != nil && bestNotes != nil {
		n.english = append(n.english, bestNotes.english...)
	}
	return best
}

// say puts args, which p's format was given, in its translation.
// Almanac's formats translate their prose (args); a library's shape only
// its %v, what it says is the cause: "open %s: %v". Its other parts are
// names (a field, a type, a template) the editor must find as written.
func (t *Translator) say(p *pattern, args []any, depth int, n *notes) reading {
	if p.from == own {
		out, left := t.args(p.format, args, depth+1, n)
		return reading{said: fmt.Sprintf(noWrap(t.catalog[p.format]), out...), from: own, left: left}
	}
	var left leftover
	for i, verb := range p.verbs {
		text, ok := args[i].(string)
		switch {
		case !ok:
		case verb == 'v':
			r := t.part(text, depth+1, nil)
			args[i], left = r.said, left.plus(r.left)
		default:
			left.letters += englishLetters(text)
		}
	}
	return reading{said: fmt.Sprintf(noWrap(t.library[p.format]), args...), from: library, left: left}
}

// englishLetters counts the Latin letters of s.
func englishLetters(s string) int {
	n := 0
	for _, r := range s {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			n++
		}
	}
	return n
}

// quotedPosition matches the file:line:col: , file:line: or file: a
// diagnostic's text starts with (diag.Diagnostic.Error).
var quotedPosition = regexp.MustCompile(`^[\w./-]+\.\w+(?::\d+(?::\d+)?)?: `)

// match gives the arguments p's format was given to make s, when it made
// s and t has its translation.
func (t *Translator) match(p *pattern, s string) ([]any, bool) {
	cat := t.catalog
	if p.from == library {
		cat = t.library
	}
	if _, ok := cat[p.format]; !ok || !p.quick(s) {
		return nil, false
	}
	return p.match(s)
}

// bySentence translates a text no one format made sentence by sentence: a
// hint is often a sentence of its own put before another ("Did you mean
// "beds"? Use one of these units: …"). The reading is untranslated when
// no sentence has a translation.
func (t *Translator) bySentence(s string, depth int, n *notes) reading {
	parts := sentenceEnd.FindAllStringIndex(s, -1)
	if len(parts) == 0 || depth > maxDepth {
		return reading{}
	}
	var b strings.Builder
	var left leftover
	translated := false
	start := 0
	for i := 0; i <= len(parts); i++ {
		end, next := len(s), len(s)
		if i < len(parts) {
			end, next = parts[i][0]+1, parts[i][1]-1 // keep the mark, drop the space
		}
		sentence := s[start:end]
		r := t.text(sentence, depth+1, n)
		if r.from == untranslated && b.Len() > 0 {
			b.WriteByte(' ') // an English sentence keeps its space
		}
		translated = translated || r.from != untranslated
		b.WriteString(r.said)
		left = left.plus(r.left)
		start = next
	}
	if !translated {
		return reading{}
	}
	return reading{said: b.String(), from: own, left: left}
}

// sentenceEnd is the end of a sentence followed by another: a full stop
// or exclamation mark, a space and a capital letter; or a question mark
// and a space, after which a sentence may start with a file name or a
// verb of a reference ("Did you mean …? figures.toml has …").
var sentenceEnd = regexp.MustCompile(`[.!] [A-Z]|\? \S`)

// FormatOf is the English format s was made from, or "" when none matches.
func FormatOf(s string) string {
	if _, ok := english()[s]; ok {
		return s
	}
	for _, p := range patterns() {
		if p.quick(s) {
			if _, ok := p.match(s); ok {
				return p.format
			}
		}
	}
	return ""
}

// Said is text already in the editor's language (diagnostics Localize
// gave): Sprintf puts it in its place as it is, instead of translating it
// a second time.
type Said string

// args translates the arguments of format that are words of a sentence:
// those of %s, %v and %w, not a %q (a key, a title: what the editor
// wrote) or a number, nor one written as part of syntax ([figure.%s],
// {{%s}}, #%s), which must stay as the editor types it. A Said is
// translated already.
func (t *Translator) args(format string, args []any, depth int, n *notes) ([]any, leftover) {
	prose := proseArgs(format)
	out := make([]any, len(args))
	var left leftover
	for i, a := range args {
		out[i] = a
		var text string
		switch v := a.(type) {
		case Said:
			// In the editor's language already: said as it is. (Said is
			// a string type, which the case for string does not take.)
			continue
		case string:
			text = v
		case error:
			text = v.Error()
		case fmt.Stringer:
			text = v.String()
		default:
			continue // a number
		}
		switch {
		case i >= len(prose) || !prose[i]:
			left.letters += englishLetters(text)
		case depth == 0:
			out[i] = t.Text(text) // an argument of Sprintf: its English follows it
		default:
			r := t.part(text, depth, n)
			out[i], left = r.said, left.plus(r.left)
		}
	}
	return out, left
}

// proseArgs says, for each argument of format, whether it is prose: not
// written next to syntax ([figure.%s], #%s), between quotes ("%s") or
// inside an action ({{define "%s"}}), where a word is a name that must
// stay as the editor types it.
func proseArgs(format string) []bool {
	var prose []bool
	for _, l := range verbRE.FindAllStringIndex(format, -1) {
		verb := format[l[1]-1]
		if verb == '%' {
			continue
		}
		before, after := format[:l[0]], format[l[1]:]
		syntax := strings.HasSuffix(before, "[") || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "#") ||
			strings.HasPrefix(after, ".") || strings.HasPrefix(after, "]") ||
			quoted(before, after, `"`, `"`) || quoted(before, after, "'", "'") || quoted(before, after, "“", "”") ||
			strings.LastIndex(before, "{{") > strings.LastIndex(before, "}}")
		prose = append(prose, (verb == 's' || verb == 'v' || verb == 'w') && !syntax)
	}
	return prose
}

// quoted reports whether a verb between before and after is in quotes.
func quoted(before, after, open, close string) bool {
	return strings.HasSuffix(before, open) && strings.HasPrefix(after, close)
}

// noWrap: a translation is formatted with Sprintf, which knows no %w.
func noWrap(format string) string { return strings.ReplaceAll(format, "%w", "%v") }

// pattern is an English format turned into a regular expression that
// recovers its arguments from a text it made.
type pattern struct {
	format string
	from   origin // the catalog of the format: almanac's or the libraries'
	re     *regexp.Regexp
	verbs  []byte   // the verb of each argument: s, q, d, v
	prefix string   // the literal text before the first verb
	suffix string   // the literal text after the last verb
	inner  []string // the literal texts between verbs
}

var verbRE = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[svqdwf%]`)

var (
	patternsOnce sync.Once
	allPatterns  []*pattern
	englishSet   map[string]bool
)

// rankedPatterns is every format of both catalogs, in the order translate
// prefers them when several read a text equally well. Almanac puts words
// around a library's message ("template: %s", "%s (while rendering %s)")
// and a library's message ends with its cause ("error calling %s: %v"),
// so the format whose own words end the text is the outer one, else the
// one whose own words begin it: the longer fixed end first, then the
// longer fixed beginning, then more fixed words, whichever catalog the
// format comes from.
var rankedPatterns = sync.OnceValue(func() []*pattern {
	ps := slices.Clone(patterns())
	lib, _ := LibraryCatalog(Simplified) // embedded: TestCatalogsLoad reads it
	for format := range lib {
		if p := compile(format); p != nil {
			p.from = library
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(p, q *pattern) int {
		return cmp.Or(
			cmp.Compare(len(q.suffix), len(p.suffix)),
			cmp.Compare(len(q.prefix), len(p.prefix)),
			cmp.Compare(literalLen(q.format), literalLen(p.format)),
			cmp.Compare(p.format, q.format),
			cmp.Compare(p.from, q.from))
	})
	return ps
})

func english() map[string]bool {
	patterns()
	return englishSet
}

// patterns compiles every English format of the Simplified catalog, the
// one with more fixed words first: FormatOf names a message by the most
// particular format that made it, which check's JSON reports as its code
// ("%s defines no template %q, …" rather than "template: %s").
func patterns() []*pattern {
	patternsOnce.Do(func() {
		cat, _ := Catalog(Simplified) // embedded: TestCatalogsLoad reads it
		englishSet = map[string]bool{}
		for format := range cat {
			englishSet[format] = true
			if p := compile(format); p != nil {
				p.from = own
				allPatterns = append(allPatterns, p)
			}
		}
		slices.SortFunc(allPatterns, func(p, q *pattern) int {
			return cmp.Or(cmp.Compare(literalLen(q.format), literalLen(p.format)), cmp.Compare(p.format, q.format))
		})
	})
	return allPatterns
}

// compile turns a format into a pattern; a format with no words of its
// own ("%s", "%w (%s)") or with verbs that cannot be read back gives nil.
func compile(format string) *pattern {
	locs := verbRE.FindAllStringIndex(format, -1)
	if len(locs) == 0 || !hasLetters(format) {
		return nil
	}
	var b strings.Builder
	b.WriteString(`^(?s)`)
	p := &pattern{format: format, prefix: format[:locs[0][0]], suffix: format[locs[len(locs)-1][1]:]}
	last := 0
	for _, l := range locs {
		b.WriteString(regexp.QuoteMeta(format[last:l[0]]))
		if last > 0 && l[0] > last {
			p.inner = append(p.inner, format[last:l[0]])
		}
		verb := format[l[1]-1]
		if strings.Contains(format[l[0]:l[1]], "[") {
			return nil // formats in the code do not index their arguments
		}
		switch verb {
		case '%':
			b.WriteString("%")
		case 'q':
			b.WriteString(`("(?:[^"\\]|\\.)*")`)
			p.verbs = append(p.verbs, 'q')
		case 'd':
			b.WriteString(` *(-?\d+) *`)
			p.verbs = append(p.verbs, 'd')
		case 'f':
			b.WriteString(`(-?[\d.]+)`)
			p.verbs = append(p.verbs, 'f')
		default:
			b.WriteString(`(.*?)`)
			p.verbs = append(p.verbs, verb) // s, v or w
		}
		last = l[1]
	}
	b.WriteString(regexp.QuoteMeta(format[last:]))
	b.WriteString(`$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil
	}
	p.re = re
	return p
}

func literalLen(format string) int { return len(verbRE.ReplaceAllString(format, "")) }

// quick rules out, cheaply, most texts p did not make.
func (p *pattern) quick(s string) bool {
	if !strings.HasPrefix(s, p.prefix) || !strings.HasSuffix(s, p.suffix) {
		return false
	}
	for _, lit := range p.inner {
		if !strings.Contains(s, lit) {
			return false
		}
	}
	return true
}

func (p *pattern) match(s string) ([]any, bool) {
	m := p.re.FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	args := make([]any, len(p.verbs))
	for i, v := range p.verbs {
		text := m[i+1]
		switch v {
		case 'q':
			u, err := strconv.Unquote(text)
			if err != nil {
				return nil, false
			}
			args[i] = u
		case 'd':
			n, err := strconv.Atoi(text)
			if err != nil {
				return nil, false
			}
			args[i] = n
		case 'f':
			f, err := strconv.ParseFloat(text, 64)
			if err != nil {
				return nil, false
			}
			args[i] = f
		default:
			args[i] = text
		}
	}
	return args, true
}

var codeWord = regexp.MustCompile(`[a-z0-9]+`)

// Code names the kind of problem a message made from format reports, for
// tools that read check's JSON: the first words of the English format,
// which stay when the editor's language changes ("unknown figure %q" is
// unknown-figure). A message from no known format is "other".
func Code(format string) string {
	words := codeWord.FindAllString(strings.ToLower(verbRE.ReplaceAllString(format, " ")), -1)
	if len(words) == 0 {
		return "other"
	}
	if len(words) > 6 {
		words = words[:6]
	}
	return strings.Join(words, "-")
}

// CodeOf is the Code of a message: of the format it was made from.
func CodeOf(text string) string {
	return Code(FormatOf(text))
}

// hasLetters reports whether format has words of its own besides verbs.
func hasLetters(format string) bool {
	return strings.ContainsAny(strings.ToLower(verbRE.ReplaceAllString(format, "")), "abcdefghijklmnopqrstuvwxyz")
}
