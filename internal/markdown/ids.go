package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// headingIDs is goldmark's parser.IDs for one document: ids keep every
// letter and digit in any script, so Chinese headings get readable ids
// instead of goldmark's "heading", "heading-1", ….
type headingIDs struct {
	used     map[string]bool
	next     map[string]int // the suffix to try next for a repeated id
	untitled int            // headings so far with no letter or digit
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate makes an id from a heading's source text, unique in the document.
func (s *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	id := slug(value)
	if id == "" {
		s.untitled++
		id = "section-" + strconv.Itoa(s.untitled)
	}
	return []byte(s.claim(id))
}

// Put records an id the editor wrote ({#id}); it is kept as written.
func (s *headingIDs) Put(value []byte) {
	s.used[string(value)] = true
}

// claim returns id, or id-2, id-3, … if it is taken, and marks it taken.
func (s *headingIDs) claim(id string) string {
	candidate := id
	n := max(s.next[id], 2)
	for ; s.used[candidate]; n++ {
		candidate = id + "-" + strconv.Itoa(n)
	}
	s.next[id] = n
	s.used[candidate] = true
	return candidate
}

// slug lowercases text and keeps its letters, digits and combining marks;
// every run of anything else becomes one "-", and none is left at either end.
// Markdown punctuation in the source (*, `, {{ }}) thus disappears.
func slug(text []byte) string {
	b := make([]byte, 0, len(text))
	gap := false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		i += size
		if !isWordRune(r) {
			gap = true
			continue
		}
		if gap && len(b) > 0 {
			b = append(b, '-')
		}
		gap = false
		b = utf8.AppendRune(b, toLower(r))
	}
	return string(b)
}

// isWordRune and toLower take shortcuts for ASCII and common Chinese
// characters, which are nearly all that headings hold.
func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case isCommonHan(r):
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func toLower(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A'
	case r < utf8.RuneSelf || isCommonHan(r):
		return r
	}
	return unicode.ToLower(r)
}

// isCommonHan reports whether r is in the CJK Unified Ideographs block.
func isCommonHan(r rune) bool {
	return 0x4E00 <= r && r <= 0x9FFF
}
