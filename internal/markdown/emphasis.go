package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Whether * and _ open or close emphasis depends on the characters around
// them, and "{" and "}" are punctuation. So in Chinese, where no space comes
// before, "惠及**{{service-recipients}}**家" would not be bold. A figure
// reference stands for a number, so next to a delimiter it counts as a
// letter; otherwise this is goldmark's emphasis parser, which it replaces.

// emphasisParser is goldmark's emphasis parser, reading a figure reference
// beside a delimiter run as a word.
type emphasisParser struct{}

func (emphasisParser) Trigger() []byte { return []byte{'*', '_'} }

func (emphasisParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	before := block.PrecendingCharacter()
	if before == '}' && bytes.HasSuffix(block.Source()[:seg.Start], []byte("}}")) {
		before = 'a'
	}
	d := parser.ScanDelimiter(figureAsLetter(line), before, 1, emphasisDelimiters{})
	if d == nil {
		return nil
	}
	d.Segment = seg.WithStop(seg.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

// figureAsLetter returns line, or, when the delimiter run it starts with is
// followed by "{{", the run followed by a letter: all ScanDelimiter looks at.
func figureAsLetter(line []byte) []byte {
	run := 0
	for run < len(line) && line[run] == line[0] {
		run++
	}
	if !bytes.HasPrefix(line[run:], []byte("{{")) {
		return line
	}
	probe := make([]byte, run+1)
	copy(probe, line[:run])
	probe[run] = 'a'
	return probe
}

// emphasisDelimiters are CommonMark's rules for * and _: a run closes one
// of the same character and makes emphasis.
type emphasisDelimiters struct{}

func (emphasisDelimiters) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisDelimiters) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }
