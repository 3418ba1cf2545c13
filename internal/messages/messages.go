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
// the shapes of those messages to translations the same way; a text
// translated by it keeps its English after it, in parentheses, so that a
// programmer helping can search for it.
package messages

//go:generate go run gen_hant.go

import (
	"embed"
	"fmt"
	"os"
	"regexp"
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
	loadErr  error
)

// For returns the translator for lang; English needs none and returns the
// text as it is.
func For(lang Lang) *Translator {
	loadOnce.Do(func() {
		loaded = map[Lang]*Translator{English: {lang: English}}
		for _, l := range []Lang{Simplified, Traditional, HongKong} {
			cat, err := Catalog(l)
			if err != nil {
				loadErr = err
				cat = nil
			}
			lib, err := LibraryCatalog(l)
			if err != nil {
				loadErr = err
				lib = nil
			}
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
			return fmt.Sprintf(noWrap(format), t.args(format, args, 0, nil)...)
		}
		return fmt.Sprintf(format, args...)
	}
	return fmt.Sprintf(noWrap(tr), t.args(format, args, 0, nil)...)
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
	out := t.text(s, 0, &n)
	for _, english := range n.english {
		out += "（" + english + "）"
	}
	return out
}

// notes collects the libraries' messages a text was translated from, whose
// English is said after it.
type notes struct{ english []string }

// text translates s, depth messages deep, noting in n a library's message
// it translates; n is nil within a library's message, whose English is
// noted whole.
func (t *Translator) text(s string, depth int, n *notes) string {
	tr, origin := t.translate(s, depth, n)
	switch origin {
	case untranslated:
		return s
	case library:
		if n != nil {
			n.english = append(n.english, s)
		}
	}
	return tr
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
func (t *Translator) translate(s string, depth int, n *notes) (string, origin) {
	if tr, ok := t.catalog[s]; ok && !verbRE.MatchString(s) {
		return tr, own
	}
	if tr, ok := t.library[s]; ok {
		return tr, library
	}
	if depth > maxDepth {
		return "", untranslated
	}
	ownFormat, ownArgs := firstMatch(patterns(), t.catalog, s)
	libFormat, libArgs := firstMatch(libraryPatterns(), t.library, s)
	if libFormat != nil && (ownFormat == nil || libFormat.explainsMore(ownFormat)) {
		for i, a := range libArgs {
			if text, ok := a.(string); ok {
				libArgs[i] = t.text(text, depth+1, nil)
			}
		}
		return fmt.Sprintf(noWrap(t.library[libFormat.format]), libArgs...), library
	}
	if ownFormat != nil {
		return fmt.Sprintf(noWrap(t.catalog[ownFormat.format]), t.args(ownFormat.format, ownArgs, depth+1, n)...), own
	}
	// A diagnostic quoted in another message (a partial's, in the error of
	// the layout that called it) starts with its file and line, which stay.
	if pos := quotedPosition.FindString(s); pos != "" {
		if tr, origin := t.translate(s[len(pos):], depth+1, n); origin != untranslated {
			return pos + tr, origin
		}
	}
	if tr, ok := t.bySentence(s, depth, n); ok {
		return tr, own
	}
	return "", untranslated
}

// quotedPosition matches the file:line: or file:line:col: a diagnostic's
// text starts with (diag.Diagnostic.Error).
var quotedPosition = regexp.MustCompile(`^[\w./-]+\.\w+:\d+(?::\d+)?: `)

// firstMatch is the first of ps that made s and has a translation in cat,
// with the arguments it was given.
func firstMatch(ps []*pattern, cat map[string]string, s string) (*pattern, []any) {
	for _, p := range ps {
		if !p.quick(s) {
			continue
		}
		if _, ok := cat[p.format]; !ok {
			continue
		}
		if args, ok := p.match(s); ok {
			return p, args
		}
	}
	return nil, nil
}

// bySentence translates a text no one format made sentence by sentence: a
// hint is often a sentence of its own put before another ("Did you mean
// "beds"? Use one of these units: …"). ok is false when no sentence has
// a translation.
func (t *Translator) bySentence(s string, depth int, n *notes) (string, bool) {
	parts := sentenceEnd.FindAllStringIndex(s, -1)
	if len(parts) == 0 || depth > maxDepth {
		return "", false
	}
	var b strings.Builder
	translated := false
	start := 0
	for i := 0; i <= len(parts); i++ {
		end, next := len(s), len(s)
		if i < len(parts) {
			end, next = parts[i][0]+1, parts[i][1]-1 // keep the mark, drop the space
		}
		sentence := s[start:end]
		tr := t.text(sentence, depth+1, n)
		if tr == sentence && b.Len() > 0 {
			b.WriteByte(' ') // an English sentence keeps its space
		}
		translated = translated || tr != sentence
		b.WriteString(tr)
		start = next
	}
	return b.String(), translated
}

// sentenceEnd is the end of a sentence followed by another: a full stop or
// question mark, a space and a capital letter.
var sentenceEnd = regexp.MustCompile(`[.?!] [A-Z]`)

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
func (t *Translator) args(format string, args []any, depth int, n *notes) []any {
	prose := proseArgs(format)
	out := make([]any, len(args))
	for i, a := range args {
		if i >= len(prose) || !prose[i] {
			out[i] = a
			continue
		}
		var text string
		switch v := a.(type) {
		case string:
			text = v
		case error:
			text = v.Error()
		case fmt.Stringer:
			text = v.String()
		default:
			out[i] = a
			continue
		}
		if depth == 0 {
			out[i] = t.Text(text) // an argument of Sprintf: its English follows it
		} else {
			out[i] = t.text(text, depth, n)
		}
	}
	return out
}

// proseArgs says, for each argument of format, whether it is prose.
func proseArgs(format string) []bool {
	var prose []bool
	for _, l := range verbRE.FindAllStringIndex(format, -1) {
		verb := format[l[1]-1]
		if verb == '%' {
			continue
		}
		before, after := format[:l[0]], format[l[1]:]
		syntax := strings.HasSuffix(before, "[") || strings.HasSuffix(before, "{{") || strings.HasSuffix(before, ".") ||
			strings.HasSuffix(before, "#") || strings.HasPrefix(after, ".") || strings.HasPrefix(after, "]") ||
			strings.HasPrefix(after, "}}")
		prose = append(prose, (verb == 's' || verb == 'v' || verb == 'w') && !syntax)
	}
	return prose
}

// noWrap: a translation is formatted with Sprintf, which knows no %w.
func noWrap(format string) string { return strings.ReplaceAll(format, "%w", "%v") }

// pattern is an English format turned into a regular expression that
// recovers its arguments from a text it made.
type pattern struct {
	format string
	re     *regexp.Regexp
	verbs  []byte // the verb of each argument: s, q, d, v
	prefix string // the literal text before the first verb
}

var verbRE = regexp.MustCompile(`%(?:\[\d+\])?[-+# 0]*\d*(?:\.\d+)?[svqdwf%]`)

var (
	patternsOnce sync.Once
	allPatterns  []*pattern
	englishSet   map[string]bool
)

// libraryPatterns compiles the shapes of the libraries' messages, the
// longest first, as patterns does almanac's formats.
var libraryPatterns = sync.OnceValue(func() []*pattern {
	cat, _ := LibraryCatalog(Simplified)
	var ps []*pattern
	for format := range cat {
		if p := compile(format); p != nil {
			ps = append(ps, p)
		}
	}
	sortPatterns(ps)
	return ps
})

func english() map[string]bool {
	patterns()
	return englishSet
}

// patterns compiles every English format of the Simplified catalog, the
// longest first so that the most specific format wins.
func patterns() []*pattern {
	patternsOnce.Do(func() {
		cat, _ := Catalog(Simplified)
		englishSet = map[string]bool{}
		for format := range cat {
			englishSet[format] = true
			if p := compile(format); p != nil {
				allPatterns = append(allPatterns, p)
			}
		}
		sortPatterns(allPatterns)
	})
	return allPatterns
}

func sortPatterns(ps []*pattern) {
	// Longer literal text first: "%s has no %s version: this file is
	// missing" before "%s has %d %s but %s has %d".
	lit := func(p *pattern) int { return literalLen(p.format) }
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && (lit(ps[j]) > lit(ps[j-1]) || lit(ps[j]) == lit(ps[j-1]) && ps[j].format < ps[j-1].format); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
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
	p := &pattern{format: format, prefix: format[:locs[0][0]]}
	last := 0
	for _, l := range locs {
		b.WriteString(regexp.QuoteMeta(format[last:l[0]]))
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
			p.verbs = append(p.verbs, 's')
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

// explainsMore reports whether p tells more surely than q what a text both
// match is: the one whose fixed beginning is longer ("error calling
// KeyFigures: …" is the template library's, whatever almanac's message it
// goes on with), else the one with more fixed words.
func (p *pattern) explainsMore(q *pattern) bool {
	if len(p.prefix) != len(q.prefix) {
		return len(p.prefix) > len(q.prefix)
	}
	return literalLen(p.format) > literalLen(q.format)
}

func literalLen(format string) int { return len(verbRE.ReplaceAllString(format, "")) }

func (p *pattern) quick(s string) bool { return strings.HasPrefix(s, p.prefix) }

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
