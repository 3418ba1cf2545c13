package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// documentTransformer finishes a parsed document in one walk: it collects the
// table of contents, decides which line wraps are spaces, and (unless the
// site allows raw HTML) takes out links with dangerous URLs.
type documentTransformer struct {
	dropUnsafeURLs bool
}

func (t *documentTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc)
	if st == nil {
		return
	}
	source := reader.Source()
	var headings, unsafe []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 2 || n.Level == 3 {
				headings = append(headings, n)
			}
		case *ast.Text:
			joinWideLines(n, source)
		case *ast.Link:
			if t.dropUnsafeURLs && isUnsafeURL(n.Destination) {
				unsafe = append(unsafe, n)
			}
		case *ast.Image:
			if t.dropUnsafeURLs && isUnsafeURL(n.Destination) {
				unsafe = append(unsafe, n)
			}
		case *ast.AutoLink:
			if t.dropUnsafeURLs && isUnsafeURL(n.URL(source)) {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	// Changing the tree while walking it would cut the walk short.
	for _, n := range unsafe {
		unwrap(n, source)
	}
	// Only now are a heading's line wraps settled.
	for _, h := range headings {
		st.toc = append(st.toc, tocEntry(h.(*ast.Heading), source))
	}
}

func tocEntry(h *ast.Heading, source []byte) Heading {
	id, _ := h.AttributeString("id")
	return Heading{Level: h.Level, ID: string(attributeBytes(id)), Text: plainText(h, source)}
}

// plainText is what a reader sees of n's inline content, without markup.
func plainText(n ast.Node, source []byte) string {
	return string(bytes.TrimSpace(appendText(nil, n, source)))
}

func appendText(b []byte, n ast.Node, source []byte) []byte {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			value := c.Value(source)
			if !c.IsRaw() {
				value = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(value)))
			}
			b = append(b, value...)
			if c.SoftLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		default:
			b = appendText(b, c, source)
		}
	}
	return b
}

// unwrap replaces n by its content: a link by its text, an image by its
// alternative text, an autolink by the address as plain text.
func unwrap(n ast.Node, source []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if a, ok := n.(*ast.AutoLink); ok {
		s := ast.NewString(a.Label(source))
		s.SetRaw(true)
		parent.ReplaceChild(parent, n, s)
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}
