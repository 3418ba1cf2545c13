package markdown

import (
	"bytes"
	"regexp"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// headingIDs is goldmark's parser.IDs for one document: ids keep every
// letter and digit in any script, so Chinese headings get readable ids
// instead of goldmark's "heading", "heading-1", ….
type headingIDs struct {
	// used maps each id taken to itself, so that the table of contents can
	// share the string rather than copy the id once more (see intern).
	used     map[string]string
	next     map[string]int // the suffix to try next for a repeated id
	untitled int            // headings so far with no letter or digit
	slug     []byte         // scratch for the id being made
	arena    *arena         // where the ids given to the tree are copied
}

func newHeadingIDs(a *arena) headingIDs {
	return headingIDs{used: map[string]string{}, next: map[string]int{}, arena: a}
}

// maxKeptIDs bounds the tables a pooled state keeps: clearing a map costs
// as much as its largest size, and ordinary pages have a few dozen ids.
const maxKeptIDs = 256

// reset empties s for the next document, keeping its tables unless an odd
// document made them large.
func (s *headingIDs) reset() {
	if len(s.used) > maxKeptIDs || len(s.next) > maxKeptIDs {
		*s = newHeadingIDs(s.arena)
		return
	}
	clear(s.used)
	clear(s.next)
	s.untitled = 0
	s.slug = s.slug[:0]
}

// Generate makes an id from a heading's source text, unique in the document.
func (s *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	s.slug = appendSlug(s.slug[:0], value)
	if len(s.slug) == 0 {
		s.untitled++
		s.slug = strconv.AppendInt(append(s.slug, "section-"...), int64(s.untitled), 10)
	}
	return s.arena.bytesOf(s.claim(s.slug))
}

// Put records an id the editor wrote ({#id}); it is kept as written.
func (s *headingIDs) Put(value []byte) {
	id := string(value)
	s.used[id] = id
}

// explicitID finds the {#id} an ATX heading line ends with.
var explicitID = regexp.MustCompile(`(?m)^ {0,3}#{1,6}[ \t].*\{#([^\s{}]+)\}[ \t]*$`)

// reserve takes, before parsing, every id written explicitly anywhere in
// src. Goldmark generates a heading's id as it meets the heading, so
// without this an automatic id ("section-1") could take an id the editor
// writes further down, and the page would have it twice.
func (s *headingIDs) reserve(src []byte) {
	if !bytes.Contains(src, []byte("{#")) {
		return
	}
	for _, m := range explicitID.FindAllSubmatch(src, -1) {
		s.Put(m[1])
	}
}

// intern returns id as a string, the one in used when there is one.
func (s *headingIDs) intern(id []byte) string {
	if v, ok := s.used[string(id)]; ok {
		return v
	}
	return string(id)
}

// claim returns id, or id-2, id-3, … if it is taken, and marks it taken.
func (s *headingIDs) claim(slug []byte) string {
	if _, taken := s.used[string(slug)]; !taken {
		// The common case, made without building candidates. No next entry
		// is needed: one is only read for an id already taken.
		id := string(slug)
		s.used[id] = id
		return id
	}
	id := string(slug)
	candidate := id
	n := max(s.next[id], 2)
	for ; s.isUsed(candidate); n++ {
		candidate = id + "-" + strconv.Itoa(n)
	}
	s.next[id] = n
	s.used[candidate] = candidate
	return candidate
}

func (s *headingIDs) isUsed(id string) bool {
	_, ok := s.used[id]
	return ok
}

// appendSlug appends to b text lowercased, keeping its letters, digits and
// combining marks; every run of anything else becomes one "-", and none is
// left at either end. Markdown punctuation in the source (*, `, {{ }}) thus
// disappears.
func appendSlug(b, text []byte) []byte {
	start := len(b)
	gap := false
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text[i:])
		}
		if !isWordRune(r) {
			gap = true
			i += size
			continue
		}
		if gap && len(b) > start {
			b = append(b, '-')
		}
		gap = false
		b = appendLower(b, r, text[i:i+size])
		i += size
	}
	return b
}

// appendLower appends r, written as raw, lowercased. ASCII and common
// Chinese characters, nearly all that headings hold, take shortcuts.
func appendLower(b []byte, r rune, raw []byte) []byte {
	switch {
	case 'A' <= r && r <= 'Z':
		return append(b, byte(r)+'a'-'A')
	case r < utf8.RuneSelf || isCommonHan(r):
		return append(b, raw...)
	}
	return utf8.AppendRune(b, unicode.ToLower(r))
}

// isWordRune takes shortcuts for ASCII and common Chinese characters, which
// are nearly all that headings hold.
func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case isCommonHan(r):
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isCommonHan reports whether r is in the CJK Unified Ideographs block.
func isCommonHan(r rune) bool {
	return 0x4E00 <= r && r <= 0x9FFF
}
