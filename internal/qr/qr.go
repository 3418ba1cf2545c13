// Package qr draws QR codes as inline SVG, so that a printed report can carry
// a code that opens its online edition on a phone ("scan to open this page").
//
// The SVG is vector, so it stays sharp at any print size, and it is built from
// presentation attributes only, so it passes a Content-Security-Policy without
// 'unsafe-inline' styles.
package qr

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// QuietZone is the light margin around the code, in modules. Scanners need
// four modules of it (ISO/IEC 18004) to find the code on a busy printed page.
const QuietZone = 4

// SVG returns text (usually a URL) as a QR code in an <svg role="img"> whose
// <title> is title, the name a screen reader announces for the image. Say
// what it is ("QR code"), not what a visible caption beside it says, or
// screen readers read the caption twice.
//
// The error correction level is at least medium (15% of the code may be lost,
// enough for a crease or a smudge on paper); the encoder raises it when that
// costs no extra size. Sizing is left to the stylesheet: the viewBox counts
// modules, so the SVG scales to whatever box the class "qr" is given.
func SVG(text, title string) (template.HTML, error) {
	if text == "" {
		return "", errors.New("qr: nothing to encode: the text is empty")
	}
	title = strings.TrimSpace(cleanText(title))
	if title == "" {
		return "", errors.New("qr: the title is empty; it is what screen readers announce for the code")
	}
	e := encoders.Get().(*encoder)
	defer encoders.Put(e)
	code, err := e.encode(text)
	if err != nil {
		return "", fmt.Errorf("qr: cannot encode %d bytes of text (a QR code holds at most about 2300 bytes at medium error correction): %w", len(text), err)
	}
	e.svg = appendSVG(e.svg[:0], code, title)
	return template.HTML(e.svg), nil
}

// encoders keeps encoders' memory, the SVG buffer included, between calls:
// pages render on every core, and each call takes one for itself.
var encoders = sync.Pool{New: func() any { return new(encoder) }}

// bitmap is a code's modules by rows, stride words a row: bit x%64 of
// words[y*stride+x/64] is the module at (x, y), 1 for dark. Bits past
// the edge are 0.
type bitmap struct {
	size, stride int
	words        []uint64
}

func (m bitmap) row(y int) []uint64 { return m.words[y*m.stride : (y+1)*m.stride] }

func appendSVG(b []byte, code bitmap, title string) []byte {
	side := code.size + 2*QuietZone
	b = append(b, `<svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" viewBox="0 0 `...)
	b = strconv.AppendInt(b, int64(side), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(side), 10)
	b = append(b, `" shape-rendering="crispEdges"><title>`...)
	b = append(b, html.EscapeString(title)...)
	// An explicit light background keeps the code readable on a tinted or
	// dark page; the quiet zone must be light, not transparent.
	b = append(b, `</title><rect width="`...)
	b = strconv.AppendInt(b, int64(side), 10)
	b = append(b, `" height="`...)
	b = strconv.AppendInt(b, int64(side), 10)
	b = append(b, `" fill="#fff"/><path fill="#000" d="`...)
	b = appendPath(b, code)
	return append(b, `"/></svg>`...)
}

// appendPath draws every dark module in one path. Horizontal runs of dark
// modules become one rectangle each, which keeps the path short and leaves
// no hairline seams between neighbouring modules.
func appendPath(b []byte, code bitmap) []byte {
	for y := range code.size {
		// A run starts and ends where a module differs from the one on its
		// left (the first module's left is light, and so is what lies past
		// the last): edges come in pairs, start and end.
		start, left := -1, uint64(0)
		for i, w := range code.row(y) {
			edges := w ^ (w<<1 | left)
			left = w >> 63
			for edges != 0 {
				x := i*64 + bits.TrailingZeros64(edges)
				edges &= edges - 1
				if start < 0 {
					start = x
				} else {
					b = appendRun(b, start+QuietZone, y+QuietZone, x-start)
					start = -1
				}
			}
		}
	}
	return b
}

// appendRun appends the rectangle "M<x> <y>h<w>v1h-<w>z".
func appendRun(b []byte, x, y, w int) []byte {
	if max(x, y, w) >= 100 { // only in codes of version 20 and up
		return fmt.Appendf(b, "M%d %dh%dv1h-%dz", x, y, w, w)
	}
	b = append(b, 'M')
	b = appendSmallInt(b, x)
	b = append(b, ' ')
	b = appendSmallInt(b, y)
	b = append(b, 'h')
	b = appendSmallInt(b, w)
	b = append(b, "v1h-"...)
	b = appendSmallInt(b, w)
	return append(b, 'z')
}

// appendSmallInt is strconv.AppendInt for 0 ≤ n < 100, written out so that
// it inlines: nearly every number in a path is one of these.
func appendSmallInt(b []byte, n int) []byte {
	if n < 10 {
		return append(b, byte('0'+n))
	}
	return append(b, byte('0'+n/10), byte('0'+n%10))
}

// cleanText drops what is not allowed in XML text (control characters,
// invalid UTF-8), since the SVG may also be saved as a standalone file.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r), r == 0xFFFE, r == 0xFFFF:
			return -1
		}
		return r
	}, s)
}
