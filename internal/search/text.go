package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// The rules below are the whole contract between the index and the query:
// static/js/search.js splits a query with the same rules, character class
// for character class, so the terms a query looks up are always terms the
// index could hold. Change one side and the other together.
//
// Text is read as a sequence of tokens:
//   - a run of Chinese characters (Han) is one token; the index holds each
//     character of it and each pair of neighbouring characters;
//   - a run of letters and digits is one word, lower-cased; a "." or ","
//     between two digits stays in the number (69.31, 5,964) and the "," is
//     dropped, so 5,964 and 5964 are the same term;
//   - anything else (spaces, punctuation, symbols) separates tokens.
//
// Full-width letters and digits (５９６４) count as their ASCII twins.

// maxWord is the longest word indexed, in characters: longer runs are
// addresses or codes nobody types.
const maxWord = 40

// class is what a character is to the tokenizer.
type class uint8

const (
	classSep class = iota
	classHan
	classWord
)

// maxHan is the largest code point isHan accepts.
const maxHan = 0x3FFFF

// isHan reports whether r is a Chinese character: the CJK Unified
// Ideographs and their extensions, the compatibility ideographs, and 〇.
func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF ||
		r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= maxHan || r == 0x3007
}

// isWordRune reports whether r belongs in a word: ASCII letters and
// digits, and the letters of the Latin, Greek and Cyrillic blocks,
// kana and Hangul.
func isWordRune(r rune) bool {
	switch {
	case r < 0x80:
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	case r >= 0xC0 && r <= 0x2AF:
		return r != 0xD7 && r != 0xF7
	}
	return r >= 0x370 && r <= 0x3FF && r != 0x37E && r != 0x387 || r >= 0x400 && r <= 0x52F ||
		r >= 0x1E00 && r <= 0x1FFF || r >= 0x3040 && r <= 0x30FF && r != 0x30FB ||
		r >= 0xAC00 && r <= 0xD7AF
}

// fold reads r as the index does: full-width letters and digits as their
// ASCII twins, letters in lower case (one character for one, as search.js
// does it), and returns its class.
func fold(r rune) (rune, class) {
	switch {
	case r >= 0xFF10 && r <= 0xFF19, r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A:
		r -= 0xFEE0
	}
	switch {
	case isHan(r):
		return r, classHan
	case !isWordRune(r):
		return r, classSep
	case r >= 'A' && r <= 'Z':
		return r + 32, classWord
	case r >= 0x80 && r != 0x130: // İ lower-cases to two characters in JavaScript
		return unicode.ToLower(r), classWord
	}
	return r, classWord
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// digitOf is r with a full-width digit read as its ASCII twin.
func digitOf(r rune) rune {
	if r >= 0xFF10 && r <= 0xFF19 {
		return r - 0xFEE0
	}
	return r
}

// asciiWord is each ASCII character as a word holds it (letters in lower
// case), 0 for those that separate words: most text of either language is
// read through it, at less cost than fold.
var asciiWord = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		if r, k := fold(rune(c)); k == classWord {
			t[c] = byte(r)
		}
	}
	return t
}()

// decodeRune is utf8.DecodeRuneInString, with the three-byte characters
// that need no check beyond their continuation bytes (all of Chinese and
// the full-width forms) decoded in line.
func decodeRune(s string) (rune, int) {
	if len(s) >= 3 && s[0] >= 0xE1 && s[0] <= 0xEF && s[0] != 0xED && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 {
		return rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F), 3
	}
	return utf8.DecodeRuneInString(s)
}

// tokens calls emit for every token of text, in order: a word (folded) or
// a run of Chinese characters. buf is scratch space, returned for reuse;
// the token passed to emit is only valid during the call.
func tokens(text string, buf []rune, emit func(tok []rune, han bool)) []rune {
	tok := buf[:0]
	cur := classSep
	flush := func() {
		if len(tok) > 0 && (cur == classHan || len(tok) <= maxWord) {
			emit(tok, cur == classHan)
		}
		tok, cur = tok[:0], classSep
	}
	for i := 0; i < len(text); {
		var r rune
		var c class
		if b := text[i]; b < utf8.RuneSelf {
			i++
			if w := asciiWord[b]; w != 0 {
				r, c = rune(w), classWord
			} else {
				r, c = rune(b), classSep
			}
		} else {
			var size int
			r, size = decodeRune(text[i:])
			i += size
			if isHan(r) {
				c = classHan
			} else {
				r, c = fold(r)
			}
		}
		if c == classSep && (r == '.' || r == ',') && cur == classWord && isDigit(tok[len(tok)-1]) {
			if next, _ := utf8.DecodeRuneInString(text[i:]); isDigit(digitOf(next)) {
				if r == '.' {
					tok = append(tok, r)
				}
				continue
			}
		}
		if c != cur {
			flush()
			cur = c
		}
		if c != classSep {
			tok = append(tok, r)
		}
	}
	flush()
	return tok
}

// IsChinese reports whether a BCP 47 locale (zh-Hans, zh-Hant, zh-TW) is
// Chinese, whose text is indexed by characters and character pairs rather
// than by spaces. It goes by the locale's language, never by a site's
// language key.
func IsChinese(locale string) bool {
	tag, err := language.Parse(locale)
	if err != nil {
		return strings.HasPrefix(strings.ToLower(locale), "zh")
	}
	base, _ := tag.Base()
	return base.String() == "zh"
}
