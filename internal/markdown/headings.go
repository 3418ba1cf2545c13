package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// headingParser is goldmark's ATX heading parser ("## …"), run before it.
// With attributes on, goldmark reads every heading byte by byte, through a
// reader of its own, looking for a "{" that opens {#id}; a line without one
// goes to a parser that does not look, which does the same otherwise.
type headingParser struct {
	plain, withAttributes parser.BlockParser
}

func newHeadingParser() *headingParser {
	return &headingParser{
		plain:          parser.NewATXHeadingParser(parser.WithAutoHeadingID()),
		withAttributes: parser.NewATXHeadingParser(parser.WithAutoHeadingID(), parser.WithHeadingAttribute()),
	}
}

func (p *headingParser) Trigger() []byte { return p.plain.Trigger() }

func (p *headingParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if line, _ := reader.PeekLine(); bytes.IndexByte(line, '{') >= 0 {
		return p.withAttributes.Open(parent, reader, pc)
	}
	return p.plain.Open(parent, reader, pc)
}

func (p *headingParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return p.plain.Continue(node, reader, pc)
}

// Close gives the heading its id, or records the one the editor wrote;
// attributes play no part in that, so either parser will do.
func (p *headingParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.plain.Close(node, reader, pc)
}

func (p *headingParser) CanInterruptParagraph() bool { return p.plain.CanInterruptParagraph() }
func (p *headingParser) CanAcceptIndentedLine() bool { return p.plain.CanAcceptIndentedLine() }
