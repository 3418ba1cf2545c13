package markdown

import (
	"github.com/yuin/goldmark/util"
)

// unsafeSchemes run code or read local files when clicked or loaded. goldmark
// blocks them too but lets data:image/png and friends through, and SVG or a
// crafted image is no business of a report's Markdown.
var unsafeSchemes = []string{"javascript", "vbscript", "file", "data"}

// isUnsafeURL reports whether dest, as written in Markdown, would reach the
// browser with an unsafe scheme. It reads dest the way goldmark then the
// browser will: backslash escapes and character references resolved
// ("jav&#x61;script:"), leading spaces and control characters skipped, tabs
// and newlines anywhere ignored, letters in any case.
func isUnsafeURL(dest []byte) bool {
	dest = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))
	var scheme [16]byte
	n := 0
	for _, c := range dest {
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case c <= ' ' && n == 0:
			continue
		case c == ':':
			return isUnsafeScheme(scheme[:n])
		case !isSchemeByte(c) || n == len(scheme):
			return false // a path, not a scheme
		}
		scheme[n] = lower(c)
		n++
	}
	return false
}

func isUnsafeScheme(scheme []byte) bool {
	for _, s := range unsafeSchemes {
		if string(scheme) == s {
			return true
		}
	}
	return false
}

func isSchemeByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
