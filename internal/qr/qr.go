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
)

// QuietZone is the light margin around the code, in modules. Scanners need
// four modules of it (ISO/IEC 18004) to find the code on a busy printed page.
const QuietZone = 4

// SVG returns text (usually a URL) as a QR code in an <svg role="img"> whose
// <title> is title, the caption a screen reader announces.
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
	code, err := encode(text)
	if err != nil {
		return "", fmt.Errorf("qr: cannot encode %d bytes of text (a QR code holds at most about 2300 bytes at medium error correction): %w", len(text), err)
	}
	return template.HTML(render(code, title)), nil
}

func render(code modules, title string) string {
	side := strconv.Itoa(code.Size() + 2*QuietZone)
	var b strings.Builder
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="qr" role="img" viewBox="0 0 ` + side + " " + side + `" shape-rendering="crispEdges">`)
	b.WriteString("<title>" + html.EscapeString(title) + "</title>")
	// An explicit light background keeps the code readable on a tinted or
	// dark page; the quiet zone must be light, not transparent.
	b.WriteString(`<rect width="` + side + `" height="` + side + `" fill="#fff"/>`)
	b.WriteString(`<path fill="#000" d="`)
	b.Write(darkModulesPath(code))
	b.WriteString(`"/>`)
	b.WriteString("</svg>")
	return b.String()
}

// darkModulesPath draws every dark module in one path. Horizontal runs of
// dark modules become one rectangle each, which keeps the path short and
// leaves no hairline seams between neighbouring modules.
func darkModulesPath(code modules) []byte {
	size := code.Size()
	b := make([]byte, 0, 4*size*size) // about what a code with half its modules dark takes
	for y := range size {
		for x := 0; x < size; {
			if !code.Module(x, y) {
				x++
				continue
			}
			run := 1
			for code.Module(x+run, y) {
				run++
			}
			// "M<x> <y>h<run>v1h-<run>z"
			b = append(b, 'M')
			b = strconv.AppendInt(b, int64(x+QuietZone), 10)
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(y+QuietZone), 10)
			b = append(b, 'h')
			b = strconv.AppendInt(b, int64(run), 10)
			b = append(b, "v1h-"...)
			b = strconv.AppendInt(b, int64(run), 10)
			b = append(b, 'z')
			x += run
		}
	}
	return b
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
