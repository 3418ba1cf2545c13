package markdown

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The figure syntax:
//
//	{{key}}                     a figure, inline, anywhere text goes
//	{{chart key}}               a chart, on a line of its own
//	{{key-figures a b c}}       key figures, on a line of its own
//	{{previous key}}            the figure in the latest earlier year that has it
//	{{change key}}              how the figure changed since then
//	{{previous key 2015}}       the same against a named year
//	{{change key 2015}}
//
// A key is [a-z0-9][a-z0-9-]*. Spaces inside the braces are allowed. As
// inline and block parsers, neither sees code spans or code blocks, so figure
// syntax there stays literal.

const (
	verbChart      = "chart"
	verbKeyFigures = "key-figures"
	verbPrevious   = "previous"
	verbChange     = "change"
)

const (
	hintKeyForm  = "a figure reference is {{key}}, where the key uses lowercase letters, digits and hyphens, like {{social-organizations}}"
	hintUnclosed = `close it with "}}" on the same line, like {{social-organizations}}; to write braces as they are, put a backslash before them: \{{`
	hintOwnLine  = "move it to a line of its own; charts and key figures cannot sit inside a sentence, a heading or a table"
)

var (
	kindFigureRef  = ast.NewNodeKind("FigureRef")
	kindChart      = ast.NewNodeKind("Chart")
	kindKeyFigures = ast.NewNodeKind("KeyFigures")
)

// figureRef is {{key}}; its one child is the resolved text, allocated with
// it since every figure has one.
type figureRef struct {
	ast.BaseInline
	Key  string
	text ast.String
}

func (st *docState) newFigureRef(key, value string) *figureRef {
	n := &figureRef{Key: key}
	n.text.Value = st.arena.bytesOf(value)
	n.text.SetRaw(true) // the figure's text is shown as it is, never read as Markdown or entities
	n.AppendChild(n, &n.text)
	return n
}

func (n *figureRef) Kind() ast.NodeKind { return kindFigureRef }

func (n *figureRef) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Key": n.Key}, nil)
}

// refBlock is {{chart key}} or {{key-figures …}}, already resolved to HTML.
type refBlock struct {
	ast.BaseBlock
	kind ast.NodeKind
	Keys []string
	HTML template.HTML
}

func (n *refBlock) Kind() ast.NodeKind { return n.kind }
func (n *refBlock) IsRaw() bool        { return true }

func (n *refBlock) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Keys": strings.Join(n.Keys, " ")}, nil)
}

// word is one space-separated word inside {{…}} and its byte offset from the
// first brace.
type word struct {
	text string
	at   int
}

// scanBraces reads the {{…}} that b starts with, appending its words to
// words (the caller's buffer, so that the common case allocates nothing) and
// returning its length; closed is false when no "}}" follows on the line.
func scanBraces(b []byte, words []word) (_ []word, length int, closed bool) {
	end := bytes.Index(b[2:], []byte("}}"))
	if end < 0 {
		return nil, 0, false
	}
	inner := b[2 : 2+end]
	for i := 0; i < len(inner); {
		if inner[i] == ' ' || inner[i] == '\t' {
			i++
			continue
		}
		start := i
		for i < len(inner) && inner[i] != ' ' && inner[i] != '\t' {
			i++
		}
		words = append(words, word{text: string(inner[start:i]), at: 2 + start})
	}
	return words, 2 + end + 2, true
}

// scanInline is scanBraces for a reference in text. It remembers a line
// found to hold no "}}", so that a long line of "{{" is not searched over and
// over.
func (st *docState) scanInline(line []byte, seg text.Segment, words []word) (_ []word, length int, closed bool) {
	if st.unclosed.Stop == seg.Stop && st.unclosed.Start <= seg.Start && seg.Stop > 0 {
		return nil, 0, false
	}
	words, length, closed = scanBraces(line, words)
	if !closed {
		st.unclosed = seg
	}
	return words, length, closed
}

func isKey(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// isComparison reports whether words are {{previous key}} or {{change key}},
// with or without a year. Anything else starting with those words is
// reported as malformed, with the forms in the hint.
func isComparison(words []word) bool {
	if len(words) < 2 || len(words) > 3 || (words[0].text != verbPrevious && words[0].text != verbChange) {
		return false
	}
	return isKey(words[1].text) && (len(words) == 2 || isYear(words[2].text))
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isBlockRef(words []word) bool {
	return len(words) >= 2 && (words[0].text == verbChart || words[0].text == verbKeyFigures)
}

// figureRefParser parses {{key}} inside text.
type figureRefParser struct{}

func (figureRefParser) Trigger() []byte { return []byte{'{'} }

func (figureRefParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	st := stateOf(pc)
	if st == nil || !bytes.HasPrefix(line, []byte("{{")) {
		return nil
	}
	offset := seg.Start
	var buf [4]word
	words, length, closed := st.scanInline(line, seg, buf[:0])
	if !closed {
		st.report(offset, hintUnclosed, `"{{" is not closed on this line`)
		block.Advance(2)
		return literal(offset, offset+2)
	}
	block.Advance(length)
	written := line[:length]
	switch {
	case len(words) == 1 && isKey(words[0].text):
		key := words[0].text
		if value, ok := st.figureText(key, offset); ok {
			return st.newFigureRef(key, value)
		}
	case isComparison(words):
		verb, key, year := words[0].text, words[1].text, ""
		if len(words) == 3 {
			year = words[2].text
		}
		if value, ok := st.comparisonText(verb, key, year, offset); ok {
			return st.newFigureRef(key, value)
		}
	case isBlockRef(words):
		st.report(offset, hintOwnLine, "%s must be on a line of its own", written)
	default:
		reportMalformed(st, written, words, offset)
	}
	return literal(offset, offset+length)
}

func reportMalformed(st *docState, written []byte, words []word, offset int) {
	if len(words) == 0 {
		st.report(offset, "write the figure's key between the braces, like {{social-organizations}}",
			"empty figure reference %q", written)
		return
	}
	hint := hintKeyForm
	texts := make([]string, len(words))
	for i, w := range words {
		texts[i] = w.text
	}
	if verb := strings.ToLower(texts[0]); verb == verbPrevious || verb == verbChange {
		hint = "write {{" + verb + " key}} or {{" + verb + " key 2015}}: a figure key, then, if you want another year than the last one before this report, the year in four digits"
		if guess, ok := guessComparison(verb, texts[1:]); ok {
			hint = "did you mean " + guess + "? " + hint
		}
	} else if guess := strings.ToLower(strings.Join(texts, "-")); isKey(guess) {
		hint = "did you mean {{" + guess + "}}? Figure keys use lowercase letters, digits and hyphens"
	}
	st.report(offset, hint, "malformed figure reference %q", written)
}

// guessComparison is the comparison an editor most likely meant by the
// words after the verb: a key written with capitals or spaces, then
// perhaps a year.
func guessComparison(verb string, rest []string) (string, bool) {
	year := ""
	if n := len(rest); n > 1 && isYear(rest[n-1]) {
		year, rest = " "+rest[n-1], rest[:n-1]
	}
	if len(rest) == 0 || len(rest) > 1 && strings.Trim(rest[len(rest)-1], "0123456789") == "" {
		return "", false // a trailing number that is not a year is a mistyped year
	}
	key := strings.ToLower(strings.Join(rest, "-"))
	if !isKey(key) {
		return "", false
	}
	return "{{" + verb + " " + key + year + "}}", true
}

// literal keeps source text as written, for a reference that could not be
// resolved: the build fails anyway, and a preview shows what is wrong.
func literal(start, stop int) ast.Node {
	t := ast.NewTextSegment(text.NewSegment(start, stop))
	t.SetRaw(true)
	return t
}

// blockRefParser parses {{chart key}} and {{key-figures …}} lines.
type blockRefParser struct{}

func (blockRefParser) Trigger() []byte { return []byte{'{'} }

func (blockRefParser) Open(_ ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	st := stateOf(pc)
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if st == nil || pos < 0 || !bytes.HasPrefix(line[pos:], []byte("{{")) {
		return nil, parser.NoChildren
	}
	var buf [8]word
	words, length, closed := scanBraces(line[pos:], buf[:0])
	if !closed || !isBlockRef(words) || !util.IsBlank(line[pos+length:]) {
		return nil, parser.NoChildren
	}
	node := st.resolveBlock(words, seg.Start+pos-seg.Padding)
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

func (blockRefParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}

func (blockRefParser) Close(ast.Node, text.Reader, parser.Context) {}
func (blockRefParser) CanInterruptParagraph() bool                 { return true }
func (blockRefParser) CanAcceptIndentedLine() bool                 { return false }

// resolveBlock turns the words of a block reference written at offset into a
// node; a bad key is reported and leaves the block empty.
func (st *docState) resolveBlock(words []word, offset int) *refBlock {
	verb, args := words[0].text, words[1:]
	keys := make([]string, len(args))
	var buf [8]int // the offsets are only needed here: on the stack when few
	offsets := buf[:0]
	valid := true
	for i, w := range args {
		keys[i] = w.text
		offsets = append(offsets, offset+w.at)
		if !isKey(w.text) {
			st.report(offsets[i], hintKeyForm, "malformed key %q in {{%s …}}", w.text, verb)
			valid = false
		}
	}
	if verb == verbKeyFigures {
		n := &refBlock{kind: kindKeyFigures, Keys: keys}
		if valid {
			n.HTML = st.keyFiguresHTML(keys, offsets, offset)
		}
		return n
	}
	n := &refBlock{kind: kindChart, Keys: keys}
	if len(keys) != 1 {
		st.report(offset, "write one chart per line, like {{chart social-organizations-by-type}}",
			"{{chart …}} takes one chart key, not %d", len(keys))
		return n
	}
	if valid {
		n.HTML = st.chartHTML(keys[0], offset)
	}
	return n
}
