// Package htmltest holds the few helpers tests use to read the HTML and SVG
// almanac writes, once parsed with golang.org/x/net/html.
package htmltest

import (
	"math"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Attr is n's attribute key, or "" when n is nil or has none.
func Attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// Elements lists the elements named tag under n, in document order.
func Elements(n *html.Node, tag string) []*html.Node {
	var found []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == tag {
			found = append(found, d)
		}
	}
	return found
}

// Text is all the text under n, script and style included.
func Text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// FindAll lists the elements at or under n that match, in document order.
func FindAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var found []*html.Node
	if n.Type == html.ElementNode && match(n) {
		found = append(found, n)
	}
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && match(d) {
			found = append(found, d)
		}
	}
	return found
}

// Find is the first element at or under n that matches, or nil.
func Find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if all := FindAll(n, match); len(all) > 0 {
		return all[0]
	}
	return nil
}

// ByID is the element under n whose id is id, or nil.
func ByID(n *html.Node, id string) *html.Node {
	return Find(n, func(e *html.Node) bool { return Attr(e, "id") == id })
}

// HasAttr reports whether n has the attribute key, whatever its value.
func HasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Key == key })
}

// VisibleText is the text under n a reader sees: script, style and the
// head left out.
func VisibleText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "head") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// RGB is an opaque sRGB colour, each channel 0–255.
type RGB struct{ R, G, B float64 }

// Luminance is c's relative luminance (WCAG 2).
func (c RGB) Luminance() float64 {
	lin := func(v float64) float64 {
		v /= 255
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG 2 contrast ratio of two opaque colours.
func Contrast(a, b RGB) float64 {
	la, lb := a.Luminance(), b.Luminance()
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}
