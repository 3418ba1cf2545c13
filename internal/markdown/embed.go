package markdown

import (
	"html"
	"html/template"
	"strings"
)

// Embedding says how a document changes when it is shown inside a larger
// page (the print edition holds a report's cover and every section on one
// page) rather than as a page of its own.
type Embedding struct {
	// IDPrefix goes before every id and in-page link target, as in
	// Document.HTML.
	IDPrefix string
	// HeadingShift is added to the level of every heading written in
	// Markdown, so that a body's headings sit under the title the larger
	// page gives it: 1 makes ## an <h3>. HTML has no level beyond 6, so a
	// heading that would go deeper stays an <h6>, beside the one above it;
	// none goes above <h1>.
	HeadingShift int
	// URL, when set, rewrites the address of every link and image written
	// in Markdown, except links to an anchor on the page ("#x"), which
	// follow IDPrefix. It gets the address as the browser reads it and
	// returns the one to use; Document escapes it for the attribute.
	// Autolinks (<https://…>) and raw HTML are left as written.
	URL func(string) string
}

// place is a spot in a document's HTML that HTML or EmbeddedHTML changes.
type place struct {
	at   int // byte offset in the HTML
	kind placeKind
}

type placeKind uint8

const (
	// placeID is where an id prefix goes: at the start of an id, or after
	// the "#" of an in-page link.
	placeID placeKind = iota
	// placeLevel is the digit of a heading tag, opening or closing: "2" in
	// <h2 or </h2.
	placeLevel
	// placeURL is where a link's href or an image's src starts; it ends at
	// the next '"', which an escaped address never holds.
	placeURL
)

// EmbeddedHTML returns the document as e says to show it inside a larger
// page. With only an IDPrefix, it is HTML(e.IDPrefix).
func (d *Document) EmbeddedHTML(e Embedding) template.HTML {
	if e.HeadingShift == 0 && e.URL == nil {
		return d.HTML(e.IDPrefix)
	}
	prefix := html.EscapeString(e.IDPrefix)
	var b strings.Builder
	b.Grow(len(d.html) + len(d.places)*max(len(prefix), 16))
	last := 0
	for _, p := range d.places {
		b.WriteString(d.html[last:p.at])
		last = d.writePlace(&b, p, e, prefix)
	}
	b.WriteString(d.html[last:])
	return template.HTML(b.String())
}

// writePlace writes what e makes of the place p and returns the offset in
// d.html where the text after it starts.
func (d *Document) writePlace(b *strings.Builder, p place, e Embedding, prefix string) int {
	switch p.kind {
	case placeID:
		b.WriteString(prefix)
		return p.at
	case placeLevel:
		b.WriteByte(shiftLevel(d.html[p.at], e.HeadingShift))
		return p.at + 1
	}
	end := len(d.html)
	if n := strings.IndexByte(d.html[p.at:], '"'); n >= 0 {
		end = p.at + n
	}
	escaped := d.html[p.at:end]
	if e.URL != nil {
		old := html.UnescapeString(escaped)
		if url := e.URL(old); url != old {
			escaped = html.EscapeString(url)
		}
	}
	b.WriteString(escaped)
	return end
}

// shiftLevel is the level digit of a heading tag moved by shift, kept
// between 1 and 6.
func shiftLevel(digit byte, shift int) byte {
	shift = min(max(shift, -6), 6) // no overflow below
	level := min(max(int(digit-'0')+shift, 1), 6)
	return byte('0' + level)
}
