package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
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
	t.visit(st, doc, source)
	// Changing the tree while walking it would cut the walk short.
	for _, n := range st.unsafe {
		unwrap(n, source)
	}
	// Only now are a heading's line wraps settled.
	if len(st.headings) > 0 {
		st.toc = make([]Heading, 0, len(st.headings))
	}
	for _, h := range st.headings {
		st.toc = append(st.toc, st.tocEntry(h, source))
	}
}

// visit is ast.Walk, entering only, written out: it runs on every node of
// every page, and a closure for ast.Walk would be allocated each time.
func (t *documentTransformer) visit(st *docState, n ast.Node, source []byte) {
	switch n := n.(type) {
	case *ast.Heading:
		if n.Level == 2 || n.Level == 3 {
			st.headings = append(st.headings, n)
		}
	case *ast.Text:
		joinWideLines(n, source)
	case *ast.Link, *ast.Image, *ast.AutoLink:
		if t.dropUnsafeURLs && isUnsafeURL(destination(n, source)) {
			st.unsafe = append(st.unsafe, n)
		}
	case *east.TableCell:
		// |---:| aligns a column: a class the stylesheet aligns, since a
		// style attribute would be blocked by the Content-Security-Policy.
		if n.Alignment != east.AlignNone {
			n.SetAttributeString("class", []byte("align-"+n.Alignment.String()))
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t.visit(st, c, source)
	}
}

// destination is where a link, image or autolink points.
func destination(n ast.Node, source []byte) []byte {
	switch n := n.(type) {
	case *ast.Link:
		return n.Destination
	case *ast.Image:
		return n.Destination
	case *ast.AutoLink:
		return n.URL(source)
	}
	return nil
}

// tocEntry is h in the table of contents. Its id is the string the heading
// ids hold already, its text is gathered in st's scratch buffer: only the
// final string is allocated.
func (st *docState) tocEntry(h *ast.Heading, source []byte) Heading {
	id, _ := h.AttributeString("id")
	st.text = appendText(st.text[:0], h, source)
	return Heading{Level: h.Level, ID: st.ids.intern(attributeBytes(id)), Text: string(bytes.TrimSpace(st.text))}
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
