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
	"strconv"
	"strings"
	"unicode"

	goqr "github.com/piglig/go-qr"
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
	code, err := goqr.EncodeText(text, goqr.Medium)
	if err != nil {
		return "", fmt.Errorf("qr: cannot encode %d bytes of text (a QR code holds at most about 2300 bytes at medium error correction): %w", len(text), err)
	}
	// About 2 KB for a page's URL; sized once rather than grown.
	return template.HTML(appendSVG(make([]byte, 0, 4096), code, title)), nil
}

func appendSVG(b []byte, code *goqr.QrCode, title string) []byte {
	side := code.Size() + 2*QuietZone
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
func appendPath(b []byte, code *goqr.QrCode) []byte {
	size := code.Size()
	for y := range size {
		for x := 0; x < size; x++ {
			if !code.Module(x, y) {
				continue
			}
			run := 1
			for x+run < size && code.Module(x+run, y) {
				run++
			}
			b = appendRun(b, x+QuietZone, y+QuietZone, run)
			x += run
		}
	}
	return b
}

// appendRun appends the rectangle "M<x> <y>h<w>v1h-<w>z".
func appendRun(b []byte, x, y, w int) []byte {
	b = append(b, 'M')
	b = strconv.AppendInt(b, int64(x), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, 'h')
	b = strconv.AppendInt(b, int64(w), 10)
	b = append(b, "v1h-"...)
	b = strconv.AppendInt(b, int64(w), 10)
	return append(b, 'z')
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
