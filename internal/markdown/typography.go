package markdown

import (
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/locale"
)

// Editors type straight quotes, apostrophes, "--" and "..."; a published
// English page shows “ ” ‘ ’ – — and …. That is goldmark's typographer,
// run on English pages only: on a Chinese page a straight quote between
// Chinese characters cannot be paired reliably (中"三社联动"中 reads as
// neither opening nor closing), and Chinese editors type “” themselves, so
// there every character stays as written. Titles, summaries and figure
// labels are plain text, not Markdown; Typeset gives them the same
// treatment with the same parser, so that the same words look alike in a
// heading and in the body.

// Language is optionally implemented by a Resolver to give the language of
// its page as a BCP 47 tag ("en", "zh-Hans"). A document converted without
// it gets no typography.
type Language interface {
	Locale() string
}

// typographic reports whether text in locale gets typographic punctuation,
// as the locale's typography says (package locale): English only. Other
// languages quote differently (French « », German „“) or, like Chinese,
// are typed with their own quotes already.
func typographic(tag string) bool {
	if v, ok := typographicCache.Load(tag); ok {
		return v.(bool)
	}
	on := locale.TypographyOf(language.Make(tag)).SmartQuotes
	typographicCache.Store(tag, on)
	return on
}

// typographicCache holds typographic's answer by tag: Typeset asks for
// every title and label of the site.
var typographicCache sync.Map

// englishPunctuation is what the typographer writes. The characters
// themselves, not goldmark's default entities (&ldquo;): the table of
// contents takes a heading's text from the tree, where an entity would be
// shown as "&ldquo;", and Typeset's plain strings must be the same bytes as
// the body's.
//
// "--" and "---" become the en and em dash and "..." the ellipsis, as in
// Hugo: in English prose they have no other meaning, and anything meant
// literally (a command-line flag, code) belongs in a code span, which is
// never touched, as are link addresses and words that are web or e-mail
// addresses (see inAddress). "<<" and ">>" stay as written: guillemets are not
// English punctuation, and "<<" is more likely a shift or a comparison.
var englishPunctuation = map[extension.TypographicPunctuation][]byte{
	extension.LeftSingleQuote:  []byte("‘"),
	extension.RightSingleQuote: []byte("’"),
	extension.LeftDoubleQuote:  []byte("“"),
	extension.RightDoubleQuote: []byte("”"),
	extension.Apostrophe:       []byte("’"),
	extension.EnDash:           []byte("–"),
	extension.EmDash:           []byte("—"),
	extension.Ellipsis:         []byte("…"),
	extension.LeftAngleQuote:   nil,
	extension.RightAngleQuote:  nil,
}

// typographer serves every document and Typeset. It keeps no state of its
// own: goldmark's typographer counts open quotes in the parser context.
var typographer = &typographyParser{punctuation: extension.NewTypographerParser(
	extension.WithTypographicSubstitutions(englishPunctuation))}

// typesetKey holds, per document, whether it is typeset (a bool), decided
// at its first quote, hyphen or full stop.
var typesetKey = parser.NewContextKey()

// typographyParser runs goldmark's typographer in English documents only,
// outside web addresses, with a figure reference next to a quote read as a
// word.
type typographyParser struct {
	punctuation parser.InlineParser
}

// Trigger is the characters englishPunctuation replaces, alone or in runs.
func (p *typographyParser) Trigger() []byte { return []byte{'\'', '"', '-', '.'} }

func (p *typographyParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if !typeset(pc) {
		return nil
	}
	_, seg := block.PeekLine()
	return p.substitute(block, pc, textBefore(parent, seg.Start))
}

// textBefore is where the plain text that runs up to offset starts: the
// text goldmark has parsed just before, or none after a link, code or any
// other element.
func textBefore(parent ast.Node, offset int) int {
	if t, ok := parent.LastChild().(*ast.Text); ok && t.Segment.Stop == offset {
		return t.Segment.Start
	}
	return offset
}

// CloseBlock ends the quotes left open in a paragraph, heading or cell, so
// that one never pairs with a quote in the next. goldmark's typographer has
// a method for that, but with a signature goldmark's parser does not call.
func (p *typographyParser) CloseBlock(parent ast.Node, _ text.Reader, pc parser.Context) {
	if on, _ := pc.Get(typesetKey).(bool); !on {
		return
	}
	if closer, ok := p.punctuation.(interface {
		CloseBlock(ast.Node, parser.Context)
	}); ok {
		closer.CloseBlock(parent, pc)
	}
}

// typeset reports whether the document being parsed gets typography,
// asking its resolver the first time.
func typeset(pc parser.Context) bool {
	if on, ok := pc.Get(typesetKey).(bool); ok {
		return on
	}
	on := false
	if st := stateOf(pc); st != nil {
		if l, ok := st.resolver.(Language); ok {
			on = typographic(l.Locale())
		}
	}
	pc.Set(typesetKey, on)
	return on
}

// substitute is the typographer's node for the punctuation block is at, or
// nil to leave it as written; the plain text before it starts at textStart.
func (p *typographyParser) substitute(block text.Reader, pc parser.Context, textStart int) ast.Node {
	line, seg := block.PeekLine()
	if !mayChange(line) || inAddress(block.Source()[textStart:seg.Start], line) {
		return nil
	}
	if isQuote(line[0]) {
		block = quoteView(block, line, seg)
	}
	return p.punctuation.Parse(nil, block, pc)
}

// mayChange reports whether line starts with something the typographer
// could replace: a quote, "--" or "...". It keeps a lone hyphen or full
// stop, the common case, from the checks that follow.
func mayChange(line []byte) bool {
	switch {
	case len(line) == 0:
		return false
	case line[0] == '-':
		return len(line) > 1 && line[1] == '-'
	case line[0] == '.':
		return len(line) > 2 && line[1] == '.' && line[2] == '.'
	}
	return true
}

// inAddress reports whether the punctuation line starts with, after the
// plain text before, belongs to a web or e-mail address, where it stays as
// typed. Inside one, it is part of the address ("https://example.org/a--b"),
// in a link's text as much as in plain text; just before one, a
// replacement would let goldmark's linkify make a link of what follows,
// which the same text without typography is not. A quote that ends its
// word is no part of an address: it closes a quotation around one.
func inAddress(before, line []byte) bool {
	run := 1
	for !isQuote(line[0]) && run < len(line) && line[run] == line[0] {
		run++
	}
	rest := line[run:]
	if !continuesWord(rest) {
		return false
	}
	before = before[max(0, len(before)-maxAddress):]
	if space := bytes.LastIndexAny(before, " \t\r\n"); space >= 0 {
		before = before[space+1:] // the word so far
	}
	return startsAddress(rest) ||
		bytes.Contains(before, []byte("://")) || bytes.Contains(before, []byte("www.")) || bytes.IndexByte(before, '@') >= 0
}

// startsAddress reports whether b starts with what linkify reads as a web
// or e-mail address.
func startsAddress(b []byte) bool {
	for _, prefix := range []string{"http:", "https:", "ftp:", "www."} {
		if bytes.HasPrefix(b, []byte(prefix)) {
			return true
		}
	}
	local := 0
	for local < min(len(b), maxEmailLocal) && isEmailLocal(b[local]) {
		local++
	}
	return local > 0 && local < len(b) && b[local] == '@'
}

// maxEmailLocal is the longest part before the "@" of an e-mail address
// (RFC 5321).
const maxEmailLocal = 64

// isEmailLocal reports whether c may be in the part of an e-mail address
// before the "@".
func isEmailLocal(c byte) bool {
	return util.IsAlphaNumeric(c) || strings.IndexByte(".!#$%&'*+/=?^_`{|}~-", c) >= 0
}

// continuesWord reports whether rest, what follows the punctuation, goes on
// with the same word: neither a space, nor punctuation, nor the end.
func continuesWord(rest []byte) bool {
	return len(rest) > 0 && !util.IsSpace(rest[0]) && !util.IsPunct(rest[0])
}

func isQuote(c byte) bool { return c == '\'' || c == '"' }

// Bounds on what the checks around the punctuation read, so that a line of
// thousands of quotes without a space costs no more than a line of words:
// longer addresses, figure references or runs of quotes do not occur in
// prose.
const (
	maxAddress   = 1024 // bytes of a word looked at for an address
	maxFigureRef = 128  // bytes of a {{…}} figure reference
	quoteWindow  = 16   // bytes of the line goldmark's typographer sees
)

// quoteView returns block as goldmark's typographer should see it at a
// quote. A figure reference ({{key}}) just before or after the quote
// stands for a number, so it reads as a letter rather than as the
// punctuation "{" and "}" are (as for emphasis, see emphasis.go): "{{x}}
// people" then opens and "about {{y}}" closes, like the same words with a
// number in place of the figure. And the typographer sees only the start of
// the line: it reads a few bytes but measures the run of quotes first,
// which on a line of thousands of quotes would be done at every one.
func quoteView(block text.Reader, line []byte, seg text.Segment) text.Reader {
	v := &typographerView{Reader: block, before: block.PrecendingCharacter()}
	if v.before == '}' && bytes.HasSuffix(block.Source()[:seg.Start], []byte("}}")) {
		v.before = 'a'
	}
	rest := line[1:]
	if ref := figureRefLength(rest); ref > 0 {
		rest = append([]byte{'a'}, rest[ref:min(len(rest), ref+quoteWindow)]...)
	}
	v.line = append(append(v.window[:0], line[0]), rest[:min(len(rest), quoteWindow-1)]...)
	return v
}

// figureRefLength is the length of the figure reference b starts with, or 0.
func figureRefLength(b []byte) int {
	if !bytes.HasPrefix(b, []byte("{{")) {
		return 0
	}
	end := bytes.Index(b[2:min(len(b), maxFigureRef)], []byte("}}"))
	if end < 0 {
		return 0
	}
	return 2 + end + 2
}

// typographerView is a reader that shows the typographer another preceding
// character and line; it still advances the real reader.
type typographerView struct {
	text.Reader
	before rune
	line   []byte
	window [quoteWindow]byte
}

func (v *typographerView) PrecendingCharacter() rune { return v.before }

func (v *typographerView) PeekLine() ([]byte, text.Segment) {
	_, seg := v.Reader.PeekLine()
	return v.line, seg
}

// Typeset returns s, plain text in locale (a title, a summary, a figure
// label), with the punctuation a Markdown body in that language gets: in
// English, straight quotes and apostrophes become “ ” ‘ ’, "--" and "---"
// dashes and "..." an ellipsis, by the same rules as in the body; in other
// languages s is returned as it is, as is s if it is not UTF-8 (which
// TOML strings always are). Nothing in s is read as Markdown.
func Typeset(locale, s string) string {
	if !typographic(locale) || !mayTypeset(s) || !utf8.ValidString(s) {
		return s
	}
	src := []byte(s)
	reader := text.NewReader(src)
	pc := parser.NewContext()
	var out strings.Builder
	out.Grow(len(s) + 8)
	written := 0 // bytes of src written to out
	for {
		next := indexTrigger(src[written:])
		if next < 0 {
			break
		}
		out.Write(src[written : written+next])
		reader.Advance(next)
		written += next
		if n, ok := typographer.substitute(reader, pc, 0).(*ast.String); ok {
			out.Write(n.Value)
			written = readerOffset(reader)
			continue
		}
		out.WriteByte(src[written])
		reader.Advance(1)
		written++
	}
	out.Write(src[written:])
	return out.String()
}

// mayTypeset reports whether s has anything Typeset could replace.
func mayTypeset(s string) bool {
	return strings.ContainsAny(s, `'"`) || strings.Contains(s, "--") || strings.Contains(s, "...")
}

// indexTrigger is the index of the first character in b the typographer
// may replace, or -1.
func indexTrigger(b []byte) int {
	return bytes.IndexAny(b, `'"-.`)
}

// readerOffset is the byte offset in its source r has reached.
func readerOffset(r text.Reader) int {
	_, seg := r.Position()
	return seg.Start
}
