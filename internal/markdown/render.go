package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// htmlRenderer renders almanac's nodes, and wraps goldmark's own rendering
// of headings, links and images: it notes where their levels and addresses
// are (places, see embed.go) and puts idMarker before ids and in-page
// targets, in the bytes goldmark wrote.
//
// Embedding gmhtml.Config makes goldmark hand it the same options as its own
// renderer (Unsafe, XHTML, the text writer); SetOption passes them on to
// goldmark's renderer, which draws the wrapped nodes.
type htmlRenderer struct {
	gmhtml.Config
	goldmark             *gmhtml.Renderer
	heading, link, image renderer.NodeRendererFunc // goldmark's
}

func newHTMLRenderer() renderer.NodeRenderer {
	r := &htmlRenderer{Config: gmhtml.NewConfig(), goldmark: gmhtml.NewRenderer().(*gmhtml.Renderer)}
	r.goldmark.RegisterFuncs(goldmarkFuncs{r})
	return r
}

func (r *htmlRenderer) SetOption(name renderer.OptionName, value any) {
	r.Config.SetOption(name, value)
	r.goldmark.SetOption(name, value)
}

// goldmarkFuncs keeps the functions goldmark's renderer registers for the
// nodes htmlRenderer wraps.
type goldmarkFuncs struct{ r *htmlRenderer }

func (k goldmarkFuncs) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) {
	switch kind {
	case ast.KindHeading:
		k.r.heading = f
	case ast.KindLink:
		k.r.link = f
	case ast.KindImage:
		k.r.image = f
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

// renderHeading is goldmark's, with the level's place noted in both tags
// and idMarker at the start of the id.
func (r *htmlRenderer) renderHeading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	b, ok := w.(*renderBuffer)
	if !ok {
		return r.heading(w, source, node, entering)
	}
	start := b.Len()
	status, err := r.heading(w, source, node, entering)
	tag := b.Bytes()[start:]
	level := bytes.IndexAny(tag, "0123456") // "<h2" or "</h2"
	if level < 0 {
		return status, err
	}
	b.places = append(b.places, place{at: start + level, kind: placeLevel})
	if entering {
		if end := bytes.IndexByte(tag, '>'); end >= 0 {
			if id := bytes.Index(tag[:end], []byte(` id="`)); id >= 0 {
				b.insert(start+id+len(` id="`), idMarker)
			}
		}
	}
	return status, err
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

// linkStart is how goldmark starts a link; its address comes next.
const linkStart = `<a href="`

// renderLink is goldmark's, with idMarker after the "#" of an in-page
// target, so that it follows the ids when they are prefixed, and the place
// of any other address noted.
func (r *htmlRenderer) renderLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	b, ok := w.(*renderBuffer)
	if !ok || !entering {
		return r.link(w, source, node, entering)
	}
	start := b.Len()
	status, err := r.link(w, source, node, entering)
	dest := util.URLEscape(node.(*ast.Link).Destination, true)
	if !bytes.HasPrefix(b.Bytes()[start:], []byte(linkStart)) || !r.Unsafe && gmhtml.IsDangerousURL(dest) {
		return status, err // no address written
	}
	at := start + len(linkStart)
	if len(dest) > 1 && dest[0] == '#' {
		b.insert(at+1, idMarker)
	} else {
		b.places = append(b.places, place{at: at, kind: placeURL})
	}
	return status, err
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
