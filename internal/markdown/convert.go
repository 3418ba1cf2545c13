package markdown

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	chinese "github.com/xmca/almanac/internal/convert"
)

// TextConverter is optionally implemented by a Resolver whose page shows
// the Markdown's text converted: a Traditional Chinese edition made from
// the Simplified text. The words a reader sees are converted; code, link
// addresses, figure keys, raw HTML and heading ids are not, so the ids
// are those of the source edition and links written there work here.
type TextConverter interface {
	// TextConversion returns the conversion, or nil to show the text as
	// written.
	TextConversion() func(string) string
}

func conversionOf(r Resolver) func(string) string {
	if tc, ok := r.(TextConverter); ok {
		return tc.TextConversion()
	}
	return nil
}

// convertText returns src with the text of doc's Text nodes converted,
// in place: doc's nodes point into src by offset, so the conversion must
// keep every character's length, and a run whose conversion would not is
// left as written. Consecutive Text nodes (a line wrap splits a sentence
// into two) are converted together, so that a phrase across the wrap is
// still one phrase. src itself is not changed.
func convertText(doc ast.Node, src []byte, conv func(string) string) []byte {
	out := src
	var run []*ast.Text
	flush := func() {
		if len(run) == 0 {
			return
		}
		out = convertRun(run, src, out, conv)
		run = run[:0]
	}
	var visit func(n ast.Node)
	visit = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				if c.IsRaw() {
					flush()
					continue
				}
				run = append(run, c)
				continue
			case *ast.String:
				if !c.IsCode() && !c.IsRaw() {
					c.Value = []byte(conv(string(c.Value)))
				}
			case *ast.Link:
				if c.Title != nil {
					c.Title = []byte(conv(string(c.Title)))
				}
			case *ast.Image:
				if c.Title != nil {
					c.Title = []byte(conv(string(c.Title)))
				}
			}
			flush()
			if skipConversion(c) {
				continue
			}
			visit(c)
			flush()
		}
	}
	visit(doc)
	flush()
	return out
}

// skipConversion reports the nodes whose content is shown as written.
func skipConversion(n ast.Node) bool {
	switch n.(type) {
	case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink:
		return true
	}
	return false
}

// convertRun converts the text of consecutive Text nodes as one string
// and writes it back over their segments in out, copying src the first
// time anything changes.
func convertRun(run []*ast.Text, src, out []byte, conv func(string) string) []byte {
	var joined []byte
	for _, t := range run {
		joined = append(joined, src[t.Segment.Start:t.Segment.Stop]...)
	}
	if !hasNonASCII(joined) {
		return out
	}
	converted := conv(string(joined))
	if converted == string(joined) || !chinese.SameShape(string(joined), converted) {
		return out
	}
	if &out[0] == &src[0] {
		out = append([]byte(nil), src...)
	}
	at := 0
	for _, t := range run {
		n := t.Segment.Stop - t.Segment.Start
		copy(out[t.Segment.Start:t.Segment.Stop], converted[at:at+n])
		at += n
	}
	return out
}

func hasNonASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
