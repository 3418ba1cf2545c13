// Package markdown turns the Markdown body of a content file into HTML for
// almanac: CommonMark with GFM and footnotes, figure references ({{key}})
// resolved per language, chart and key-figures blocks, heading ids that keep
// Chinese, a table of contents, line wraps that suit Chinese text, and links
// made safe unless the site allows raw HTML.
//
// It is goldmark with an extension: the figure syntax has its own AST nodes,
// parsers and renderers, and per-document state (the resolver, positions,
// diagnostics, heading ids) lives in goldmark's parser context, so one
// Converter serves every page of a site from many goroutines.
//
// Every id and in-page "#…" link in the output carries a marker that
// Document.HTML replaces with a prefix, and the renderer notes where the
// heading levels and link addresses are, so one rendering serves both a
// section's own page and the print edition, where all sections share a page
// and Document.EmbeddedHTML also moves headings and rewrites links.
package markdown

import (
	"bytes"
	"errors"
	"html"
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options are the site-wide Markdown settings.
type Options struct {
	// RawHTML keeps raw HTML and every link scheme (site.toml [build] raw_html).
	RawHTML bool
}

// Resolver supplies figures and blocks in one language; the site implements it.
type Resolver interface {
	// Inline returns the formatted figure for {{key}}.
	Inline(key string) (text string, ok bool)
	// Chart returns the chart for {{chart key}}; an undefined chart is an
	// error wrapping ErrUnknownKey.
	Chart(key string) (template.HTML, error)
	// KeyFigures returns the block for {{key-figures a b c}}; it is only
	// called with keys Inline knows.
	KeyFigures(keys []string) (template.HTML, error)
}

// KeyLister is optionally implemented by a Resolver so that an unknown figure
// key gets a "did you mean" hint.
type KeyLister interface {
	Keys() []string
}

// ChartLister is optionally implemented by a Resolver so that an unknown chart
// key gets a "did you mean" hint.
type ChartLister interface {
	ChartKeys() []string
}

// Placement is optionally implemented by a Resolver whose page belongs to no
// report year (a home page), so that a figure there is reported as out of
// place rather than as a key missing from a figures.toml that does not exist.
type Placement interface {
	OutsideReport() bool
}

// Comparer is optionally implemented by a Resolver whose pages can compare
// a figure with an earlier report year's: {{previous key}}, {{change key}}
// and the same with a year. year is "" for the latest earlier year that has
// the figure. It returns the text to show and the year compared with; an
// error is best a *diag.Diagnostic, whose message and hint are kept and
// placed at the reference.
type Comparer interface {
	Compare(verb, key, year string) (text, from string, err error)
}

// ErrUnknownKey is what a Resolver's Chart wraps when no such chart exists,
// so the editor gets the same kind of message as for an unknown figure.
var ErrUnknownKey = errors.New("unknown key")

// Heading is one entry of a document's table of contents.
type Heading struct {
	Level int    // 2 or 3
	ID    string // without any prefix
	Text  string // plain text
}

// Ref is one figure or chart reference and where it is in the file.
type Ref struct {
	Key       string
	Line, Col int // 1-based; Col counts characters
}

// Comparison is one {{previous key}} or {{change key}}: the verb, the
// figure, the year written (or ""), and the year it was compared with.
type Comparison struct {
	Ref
	Verb, Year, From string
}

// Document is one converted Markdown body.
type Document struct {
	TOC []Heading // headings of level 2 and 3, in order

	// Figures and Charts are every reference in reading order, including
	// references to unknown keys; a key in {{key-figures …}} is placed where
	// the key is written.
	Figures []Ref
	Charts  []Ref
	// Comparisons are every {{previous …}} and {{change …}} that resolved,
	// in reading order; a {{change key}} is in Figures too, since it shows
	// how this year's figure compares.
	Comparisons []Comparison

	// html is the HTML without any prefix, which is what a section's own
	// page asks for, so that costs no copy; places are where in html an id
	// prefix goes, and the heading levels and addresses an Embedding may
	// change, in increasing order (see embed.go).
	html   string
	places []place
}

// HTML returns the document with idPrefix before every id and in-page link
// target: "" for a section's own page, something unique per section where
// several share a page. idPrefix is escaped for use in an attribute.
func (d *Document) HTML(idPrefix string) template.HTML {
	prefix := html.EscapeString(idPrefix)
	if prefix == "" || len(d.places) == 0 {
		return template.HTML(d.html)
	}
	var b strings.Builder
	b.Grow(len(d.html) + len(d.places)*len(prefix))
	last := 0
	for _, p := range d.places {
		if p.kind == placeID {
			b.WriteString(d.html[last:p.at])
			b.WriteString(prefix)
			last = p.at
		}
	}
	b.WriteString(d.html[last:])
	return template.HTML(b.String())
}

// setHTML copies rendered, the HTML with idMarker where a prefix goes, into
// d, taking the markers out and noting where they were, together with the
// places the renderer recorded in rendered, moved back by the markers
// before them. It is the one copy of the HTML a conversion makes, and
// places its one other allocation.
func (d *Document) setHTML(rendered []byte, recorded []place) {
	n := bytes.Count(rendered, []byte(idMarker))
	if n+len(recorded) > 0 {
		d.places = make([]place, 0, n+len(recorded))
	}
	var b strings.Builder
	b.Grow(len(rendered) - n*len(idMarker))
	for from := 0; ; {
		end := len(rendered)
		i := bytes.Index(rendered[from:], []byte(idMarker))
		if i >= 0 {
			end = from + i
		}
		removed := from - b.Len()
		for ; len(recorded) > 0 && recorded[0].at < end; recorded = recorded[1:] {
			d.places = append(d.places, place{at: recorded[0].at - removed, kind: recorded[0].kind})
		}
		b.Write(rendered[from:end])
		if i < 0 {
			break
		}
		d.places = append(d.places, place{at: b.Len(), kind: placeID})
		from = end + len(idMarker)
	}
	d.html = b.String()
}

// Converter converts Markdown for one site. It is safe for concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// New builds the Markdown pipeline once for a site.
func New(opts Options) *Converter {
	var rendererOpts []renderer.Option
	if opts.RawHTML {
		rendererOpts = append(rendererOpts, gmhtml.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			// GFM, with table alignment left to us: goldmark writes it as a
			// style attribute, which the site's Content-Security-Policy
			// blocks; the document transformer gives the cell a class.
			extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.TaskList,
			extension.NewFootnote(extension.WithFootnoteIDPrefix(idMarker)),
			// Line wraps next to Chinese text are handled by our own
			// transformer (see softbreak.go); goldmark's CJK line-break option
			// drops the wrap before emphasis, links and figures even in English.
			extension.NewCJK(extension.WithEscapedSpace()),
			&almanacExtension{rawHTML: opts.RawHTML},
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
	return &Converter{md: md}
}

// Convert renders src, the Markdown body of file, whose first line is line
// firstLine of the file (front matter comes before it). Figures and blocks
// come from r. The error, if any, is a diag.List naming every bad reference;
// the Document is returned even then, with bad references left as written.
func (c *Converter) Convert(src []byte, file string, firstLine int, r Resolver) (*Document, error) {
	src = replaceNUL(src)
	st := newDocState(src, file, firstLine, r)
	defer st.release()
	pc := parser.NewContext(st.withIDs)
	pc.Set(stateKey, st)

	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if conv := conversionOf(r); conv != nil {
		src = convertText(root, src, conv)
		for i := range st.toc {
			st.toc[i].Text = conv(st.toc[i].Text)
		}
	}
	out := newRenderBuffer()
	defer out.release()
	if err := c.md.Renderer().Render(out, src, root); err != nil {
		st.diags.Add(file, err)
	}

	doc := &Document{
		TOC:     st.toc,
		Figures: st.positioned(st.figures),
		Charts:  st.positioned(st.charts),
	}
	doc.Comparisons = st.positionedComparisons()
	doc.setHTML(out.Bytes(), out.places)
	if len(st.diags) == 0 {
		return doc, nil
	}
	st.diags.Sort()
	return doc, st.diags
}

// renderBuffer is what Convert renders into. It is a util.BufWriter, so
// goldmark writes into it directly instead of through a bufio.Writer of its
// own, and it is reused: a section's HTML would otherwise be grown from
// nothing, and copied again, on every conversion.
type renderBuffer struct {
	bytes.Buffer
	places []place // heading levels and addresses; ids are marked in the HTML itself (idMarker), as a Resolver's HTML can hold them too
}

var _ util.BufWriter = (*renderBuffer)(nil)

// insert puts s at offset at, inside the tag just written.
func (b *renderBuffer) insert(at int, s string) {
	tail := append([]byte(s), b.Bytes()[at:]...)
	b.Truncate(at)
	b.Write(tail)
}

// maxPooledBuffer keeps one huge document from pinning its buffer for good.
const maxPooledBuffer = 1 << 20

var renderBuffers = sync.Pool{New: func() any { return new(renderBuffer) }}

func newRenderBuffer() *renderBuffer {
	return renderBuffers.Get().(*renderBuffer)
}

func (b *renderBuffer) release() {
	if b.Cap() > maxPooledBuffer {
		return
	}
	b.Reset()
	b.places = b.places[:0]
	renderBuffers.Put(b)
}

// Buffered and Flush complete util.BufWriter: whatever is written is in the
// buffer already.
func (b *renderBuffer) Buffered() int { return b.Len() }
func (b *renderBuffer) Flush() error  { return nil }

// replaceNUL replaces NUL with U+FFFD as CommonMark requires. goldmark does so
// on most paths but not in raw HTML; doing it up front guarantees the content
// can never produce idMarker. Both are one character, so columns still match
// the file.
func replaceNUL(src []byte) []byte {
	if bytes.IndexByte(src, 0) < 0 {
		return src
	}
	return bytes.ReplaceAll(src, []byte{0}, []byte("\uFFFD"))
}
