package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer renders almanac's nodes, and headings and links in place of
// goldmark's so that their ids and in-page targets carry idMarker and their
// levels and addresses are recorded as places (see embed.go). Images are
// goldmark's, wrapped to record where their addresses are.
//
// Embedding gmhtml.Config makes goldmark hand it the same options as its own
// renderer (Unsafe, XHTML, the text writer); SetOption passes them on to
// goldmark's renderer, which draws the images.
type htmlRenderer struct {
	gmhtml.Config
	goldmark *gmhtml.Renderer
	image    renderer.NodeRendererFunc // goldmark's
}

func newHTMLRenderer() renderer.NodeRenderer {
	r := &htmlRenderer{Config: gmhtml.NewConfig(), goldmark: gmhtml.NewRenderer().(*gmhtml.Renderer)}
	r.goldmark.RegisterFuncs(imageFunc{&r.image})
	return r
}

func (r *htmlRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
	r.goldmark.SetOption(name, value)
}

// imageFunc keeps the image function of the renderer that registers with it.
type imageFunc struct{ f *renderer.NodeRendererFunc }

func (k imageFunc) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) {
	if kind == ast.KindImage {
		*k.f = f
	}
}

func (r *htmlRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindFigureRef, r.renderFigureRef)
	reg.Register(kindChart, r.renderRefBlock)
	reg.Register(kindKeyFigures, r.renderRefBlock)
	reg.Register(ast.KindHeading, r.renderHeading)
	reg.Register(ast.KindLink, r.renderLink)
	reg.Register(ast.KindImage, r.renderImage)
}

func (r *htmlRenderer) renderFigureRef(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		// Keys are [a-z0-9-], nothing to escape.
		_, _ = w.WriteString(`<span class="fig" data-fig="`)
		_, _ = w.WriteString(node.(*figureRef).Key)
		_, _ = w.WriteString(`">`)
	} else {
		_, _ = w.WriteString("</span>")
	}
	return ast.WalkContinue, nil
}

func (r *htmlRenderer) renderRefBlock(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if h := node.(*refBlock).HTML; h != "" {
			_, _ = w.WriteString(string(h))
			_ = w.WriteByte('\n')
		}
	}
	return ast.WalkSkipChildren, nil
}

func (r *htmlRenderer) renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := "0123456"[n.Level]
	if !entering {
		_, _ = w.WriteString("</h")
		recordPlace(w, placeLevel)
		_ = w.WriteByte(level)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<h")
	recordPlace(w, placeLevel)
	_ = w.WriteByte(level)
	if id, ok := n.AttributeString("id"); ok {
		_, _ = w.WriteString(` id="` + idMarker)
		_, _ = w.Write(util.EscapeHTML(attributeBytes(id)))
		_ = w.WriteByte('"')
	}
	renderAttributesExceptID(w, n, gmhtml.HeadingAttributeFilter)
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderAttributesExceptID is gmhtml.RenderAttributes leaving out the id,
// which the caller has written with its marker.
func renderAttributesExceptID(w util.BufWriter, n ast.Node, filter util.BytesFilter) {
	for _, attr := range n.Attributes() {
		if bytes.Equal(attr.Name, []byte("id")) {
			continue
		}
		if !filter.Contains(attr.Name) && !bytes.HasPrefix(attr.Name, []byte("data-")) {
			continue
		}
		_ = w.WriteByte(' ')
		_, _ = w.Write(attr.Name)
		_, _ = w.WriteString(`="`)
		_, _ = w.Write(util.EscapeHTML(attributeBytes(attr.Value)))
		_ = w.WriteByte('"')
	}
}

// attributeBytes is an attribute value as goldmark's parser stores it.
func attributeBytes(v any) []byte {
	switch v := v.(type) {
	case []byte:
		return v
	case string:
		return []byte(v)
	}
	return nil
}

// renderLink is goldmark's link rendering, with idMarker after the "#" of an
// in-page target so that it follows the ids when they are prefixed.
func (r *htmlRenderer) renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Link)
	_, _ = w.WriteString(`<a href="`)
	dest := util.URLEscape(n.Destination, true)
	if r.Unsafe || !gmhtml.IsDangerousURL(dest) {
		if len(dest) > 1 && dest[0] == '#' {
			_, _ = w.WriteString("#" + idMarker)
			dest = dest[1:]
		} else {
			recordPlace(w, placeURL)
		}
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.Writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		gmhtml.RenderAttributes(w, n, gmhtml.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// imageStart is how goldmark starts an image; its address comes next.
const imageStart = `<img src="`

// renderImage is goldmark's, noting where the address is. The check that
// the image starts as expected keeps a change in goldmark from making the
// place point anywhere else.
func (r *htmlRenderer) renderImage(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	b, ok := w.(*renderBuffer)
	if !ok || !entering {
		return r.image(w, source, node, entering)
	}
	start := b.Len()
	status, err := r.image(w, source, node, entering)
	if bytes.HasPrefix(b.Bytes()[start:], []byte(imageStart)) {
		b.places = append(b.places, place{at: start + len(imageStart), kind: placeURL})
	}
	return status, err
}
