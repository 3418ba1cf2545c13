// Package htmltest holds the few helpers tests use to read the HTML and SVG
// almanac writes, once parsed with golang.org/x/net/html.
package htmltest

import (
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
