package markdown

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Chinese is written without spaces, so an editor's line wrap next to a
// Chinese character or full-width punctuation must not become one
// ("共有\n{{social-organizations}}家" is 共有5964家), while a wrap between English
// words must. goldmark's CJK option gets the first right only between two
// plain text nodes and, worse, drops the space before emphasis, links and
// figures even in English, so the rule is applied here, on the finished tree.

// joinWideLines removes t's soft line break when the character before or
// after it is wide (Chinese, Japanese, full-width punctuation).
func joinWideLines(t *ast.Text, source []byte) {
	if !t.SoftLineBreak() || t.HardLineBreak() {
		return
	}
	before, ok := lastRune(t, source)
	if !ok {
		return
	}
	after, ok := runeAfter(t, source)
	if ok && (isWide(before) || isWide(after)) {
		t.SetSoftLineBreak(false)
	}
}

// isWide reports whether r takes a full em in East Asian text. Hangul is
// left out: Korean puts spaces between words.
func isWide(r rune) bool {
	if r < 0x1100 { // nothing wide comes before the Hangul Jamo block
		return false
	}
	switch util.EastAsianWidth(r) {
	case "F", "W", "H":
		return !unicode.Is(unicode.Hangul, r)
	}
	return false
}

// lastRune is the last character written at or before n in its paragraph.
func lastRune(n ast.Node, source []byte) (rune, bool) {
	if r, ok := lastRuneIn(n, source); ok {
		return r, true
	}
	for ; n != nil && n.Type() == ast.TypeInline; n = n.Parent() {
		for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
			if r, ok := lastRuneIn(s, source); ok {
				return r, true
			}
		}
	}
	return 0, false
}

// runeAfter is the first character written after n in its paragraph.
func runeAfter(n ast.Node, source []byte) (rune, bool) {
	for ; n != nil && n.Type() == ast.TypeInline; n = n.Parent() {
		for s := n.NextSibling(); s != nil; s = s.NextSibling() {
			if r, ok := firstRuneIn(s, source); ok {
				return r, true
			}
		}
	}
	return 0, false
}

func firstRuneIn(n ast.Node, source []byte) (rune, bool) {
	if v, ok := inlineValue(n, source); ok {
		if len(v) == 0 {
			return 0, false
		}
		r, _ := utf8.DecodeRune(v)
		return r, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if r, ok := firstRuneIn(c, source); ok {
			return r, true
		}
	}
	return 0, false
}

func lastRuneIn(n ast.Node, source []byte) (rune, bool) {
	if v, ok := inlineValue(n, source); ok {
		if len(v) == 0 {
			return 0, false
		}
		r, _ := utf8.DecodeLastRune(v)
		return r, true
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if r, ok := lastRuneIn(c, source); ok {
			return r, true
		}
	}
	return 0, false
}

// inlineValue is the text of a leaf that holds text; ok is false for nodes
// whose text is in their children.
func inlineValue(n ast.Node, source []byte) ([]byte, bool) {
	switch n := n.(type) {
	case *ast.Text:
		return n.Value(source), true
	case *ast.String:
		return n.Value, true
	case *ast.AutoLink:
		return n.Label(source), true
	}
	return nil, false
}
