package publish

import (
	"bytes"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Publishing reads every page twice on every build: the
// Content-Security-Policy check reads all of it, the sitemap the <head>.
// Tokenizing with golang.org/x/net/html costs more than the rest of
// publishing together, yet most of a page is text, which neither needs, and
// most tags carry nothing either looks at. walkTags finds the tags with a
// scan that jumps from '<' to '<' and reads them exactly as the tokenizer
// does; on markup it cannot follow exactly it gives up, and the caller
// tokenizes the page as before. So the results are the tokenizer's either
// way, and the quick path is taken for every page the renderer makes.
//
// walkTags follows start and end tags, doctypes and other <!…> and <?…>
// declarations, and the text of <title> and <script> up to their end tag.
// It gives up on comments, the other raw-text elements (<style>,
// <noscript>, <textarea>, <xmp>, <iframe>, <noembed>, <noframes>,
// <plaintext>), and a page that ends inside a tag. (NUL bytes, which the
// tokenizer replaces in names and values, never move a token's bounds; a
// tag with one has its attributes read by the tokenizer.)

// tagToken is a start or end tag met by walkTags; positions index the page.
// It is valid only during the visit.
type tagToken struct {
	at     int // the '<'
	endTag bool
	// name is the name in ASCII lower case, as the tokenizer gives it
	// (except that the tokenizer turns a NUL into U+FFFD).
	name []byte
	scannedTag
	// text is, for a start tag of <title> or <script>, the element's text
	// up to its end tag.
	text []byte
}

// walkTags walks the markup of src as the tokenizer reads it, calling visit
// for each start and end tag, in order, until visit returns false. It
// reports whether it got that far (to the end of src, or to visit's false)
// rather than giving up.
func walkTags(src []byte, visit func(t *tagToken) (more bool)) bool {
	t := &tagToken{} // one token, reused: its buffers with it
	for i := 0; ; {
		k := bytes.IndexByte(src[i:], '<')
		if k < 0 {
			return true // the rest is text
		}
		i += k
		if i+1 >= len(src) {
			return true // a '<' at the very end is text
		}
		switch c := src[i+1]; {
		case isASCIILetter(c): // a start tag
			if !t.scan(src, i, i+1, false) {
				return false
			}
			i = t.end
			switch string(t.name) {
			case "title", "script":
				// Text up to the end tag, which must be the first '<':
				// anything else takes the tokenizer's rules for raw text.
				k := bytes.IndexByte(src[i:], '<')
				if k < 0 || !isRawEndTag(src[i+k:], t.name) {
					return false
				}
				t.text = src[i : i+k]
				i += k
			case "iframe", "noembed", "noframes", "noscript", "plaintext", "style", "textarea", "xmp":
				return false
			}
			if !visit(t) {
				return true
			}
		case c == '/':
			if i+2 >= len(src) {
				return false
			}
			switch c := src[i+2]; {
			case c == '>': // "</>", which the tokenizer skips
				i += 3
			case isASCIILetter(c): // an end tag: its attributes are read, not kept
				if !t.scan(src, i, i+2, true) {
					return false
				}
				i = t.end
				if !visit(t) {
					return true
				}
			default: // a bogus comment, up to the next '>'
				k := bytes.IndexByte(src[i+2:], '>')
				if k < 0 {
					return false
				}
				i += 2 + k + 1
			}
		case c == '!':
			if i+4 > len(src) || src[i+2] == '-' && src[i+3] == '-' {
				return false // a comment, with its many special cases
			}
			// A doctype or a bogus comment: either way up to the next '>'.
			k := bytes.IndexByte(src[i+2:], '>')
			if k < 0 {
				return false
			}
			i += 2 + k + 1
		case c == '?': // a bogus comment from the '?' to the next '>'
			k := bytes.IndexByte(src[i+1:], '>')
			if k < 0 {
				return false
			}
			i += 1 + k + 1
		default: // not markup: the '<' is text
			i++
		}
	}
}

// scan sets t to the tag whose '<' is at src[at] and whose name starts at
// src[name], keeping t's buffers; false if src ends inside the tag.
func (t *tagToken) scan(src []byte, at, name int, endTag bool) bool {
	if !scanTagAt(src, name, &t.scannedTag) {
		return false
	}
	t.at, t.endTag, t.text = at, endTag, nil
	t.name = lowerASCII(append(t.name[:0], src[t.nameStart:t.nameEnd]...))
	return true
}

// scannedTag is a tag as the tokenizer reads it; positions index the page.
type scannedTag struct {
	nameStart, nameEnd int // the name, after "<" or "</"
	end                int // just past the closing '>'
	// attrs are the attributes the tokenizer keeps: those with a name, the
	// first of each name (compared in lower case).
	attrs []scannedAttr
}

type scannedAttr struct {
	keyStart, keyEnd int
	valStart, valEnd int // inside any quotes; empty for a bare attribute
}

// Byte classes in tags, as the tokenizer's readTag sees them.
const (
	tagSpace   = 1 << iota // ' ', '\n', '\r', '\t', '\f'
	tagNameEnd             // white space, '/', '>': ends a tag name
	tagKeyEnd              // and '=': ends an attribute key
	tagValEnd              // white space, '>': ends an unquoted value
)

var tagBytes = func() (t [256]uint8) {
	for _, c := range []byte(" \n\r\t\f") {
		t[c] = tagSpace | tagNameEnd | tagKeyEnd | tagValEnd
	}
	t['/'] = tagNameEnd | tagKeyEnd
	t['>'] = tagNameEnd | tagKeyEnd | tagValEnd
	t['='] = tagKeyEnd
	return t
}()

// scanTagAt reads into t the tag whose name starts at src[i], just after
// "<" or "</", step for step as golang.org/x/net/html's Tokenizer.readTag
// does, reusing t.attrs. It returns false when src ends inside the tag.
func scanTagAt(src []byte, i int, t *scannedTag) bool {
	attrs := t.attrs[:0]
	n := len(src)
	skipSpace := func(j int) int {
		for j < n && tagBytes[src[j]]&tagSpace != 0 {
			j++
		}
		return j
	}
	// The name runs to white space, '/' or '>'; its first byte is a letter.
	j := i + 1
	for j < n && tagBytes[src[j]]&tagNameEnd == 0 {
		j++
	}
	t.nameStart, t.nameEnd = i, j
	for {
		j = skipSpace(j)
		if j >= n {
			return false
		}
		if src[j] == '>' {
			t.end, t.attrs = j+1, attrs
			return true
		}
		// The key runs to '=', white space, '/' or '>', except that an '='
		// as its first byte belongs to it.
		a := scannedAttr{keyStart: j}
		if src[j] == '=' {
			j++
		}
		for j < n && tagBytes[src[j]]&tagKeyEnd == 0 {
			j++
		}
		if j >= n {
			return false
		}
		a.keyEnd, a.valStart, a.valEnd = j, j, j
		// The value, if an '=' follows.
		j = skipSpace(j)
		if j >= n {
			return false
		}
		switch src[j] {
		case '/': // consumed, as the tokenizer does
			j++
		case '=':
			j = skipSpace(j + 1)
			if j >= n {
				return false
			}
			switch q := src[j]; q {
			case '>': // "a= >": no value, and the '>' ends the tag
			case '"', '\'':
				k := bytes.IndexByte(src[j+1:], q)
				if k < 0 {
					return false
				}
				a.valStart, a.valEnd = j+1, j+1+k
				j += 1 + k + 1
			default: // unquoted, to white space (consumed) or '>'
				a.valStart = j
				for j < n && tagBytes[src[j]]&tagValEnd == 0 {
					j++
				}
				if j >= n {
					return false
				}
				a.valEnd = j
				if tagBytes[src[j]]&tagSpace != 0 {
					j++
				}
			}
		}
		if a.keyEnd > a.keyStart && !hasKey(src, attrs, a) {
			attrs = append(attrs, a)
		}
	}
}

// hasKey reports whether attrs has a's key, in lower case.
func hasKey(src []byte, attrs []scannedAttr, a scannedAttr) bool {
	key := src[a.keyStart:a.keyEnd]
	for _, b := range attrs {
		if equalFoldASCII(src[b.keyStart:b.keyEnd], key) {
			return true
		}
	}
	return false
}

// attributes returns the start tag's attributes as the tokenizer gives
// them, appended to scratch[:0]: keys in lower case, values as written
// unless the tag holds a character reference, a carriage return or a NUL,
// in which case the tokenizer itself reads the tag. start is false for a
// self-closing tag. ok is false if the tokenizer does not see the start
// tag the scan saw, which would be a bug in the scan.
func (t *tagToken) attributes(src []byte, scratch []html.Attribute) (attrs []html.Attribute, start, ok bool) {
	raw := src[t.at:t.end]
	if bytes.ContainsAny(raw, "&\r\x00") {
		z := html.NewTokenizer(bytes.NewReader(raw))
		tt := z.Next()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken || len(z.Raw()) != len(raw) {
			return nil, false, false
		}
		_, attrs := tokenAttrs(z)
		return attrs, tt == html.StartTagToken, true
	}
	attrs = scratch[:0]
	for _, a := range t.attrs {
		attrs = append(attrs, html.Attribute{Key: lowerString(src[a.keyStart:a.keyEnd]), Val: string(src[a.valStart:a.valEnd])})
	}
	// Self-closing as the tokenizer decides it: a '/' before the '>' that
	// is not the end of the last attribute's unquoted value.
	last := len(t.attrs) - 1
	start = !(src[t.end-2] == '/' && (last < 0 || t.end-2 != t.attrs[last].valEnd-1))
	return attrs, start, true
}

// cspClean reports whether the page src certainly has nothing cspHTML
// would report: walkTags follows all of it, the script text is blank, and
// cspTag finds nothing in the tags it would check.
func (s *site) cspClean(src []byte) bool {
	var attrs []html.Attribute // reused from tag to tag
	clean := true
	walked := walkTags(src, func(t *tagToken) bool {
		if t.endTag {
			return true
		}
		if string(t.name) == "script" && len(bytes.Trim(t.text, htmlSpace)) > 0 {
			clean = false // script text: leave it to cspHTML
			return false
		}
		if !t.mayViolate(src) {
			return true
		}
		var start, ok bool
		if attrs, start, ok = t.attributes(src, attrs); !ok {
			clean = false
			return false
		}
		s.cspTag(lowerString(t.name), attrs, start, func(string, string, ...any) { clean = false })
		return clean
	})
	return walked && clean
}

// mayViolate reports whether cspTag could report anything for the tag: its
// element is one cspTag checks by name, or it has an attribute cspAttr names.
func (t *tagToken) mayViolate(src []byte) bool {
	if cspElement(string(t.name)) {
		return true
	}
	var buf [16]byte
	for _, a := range t.attrs {
		key := src[a.keyStart:a.keyEnd]
		// Event handlers (on…) have any length; the others are short.
		if len(key) > 2 && lowerByte(key[0]) == 'o' && lowerByte(key[1]) == 'n' {
			return true
		}
		if len(key) <= len(buf) && cspAttr(string(lowerASCII(append(buf[:0], key...)))) {
			return true
		}
	}
	return false
}

// isRawEndTag reports whether b starts with the end tag of the raw-text
// element name ("</title" in any case, then white space, '/' or '>'), which
// ends the element's text for the tokenizer.
func isRawEndTag(b []byte, name []byte) bool {
	n := 2 + len(name)
	if len(b) <= n || b[0] != '<' || b[1] != '/' || !equalFoldASCII(b[2:n], name) {
		return false
	}
	return tagBytes[b[n]]&tagNameEnd != 0 // white space, '/' or '>'
}

// lowerString is b in lower case as a string, without allocating for the
// names of HTML elements and attributes. b is not changed.
func lowerString(b []byte) string {
	var buf [16]byte
	if len(b) > len(buf) {
		return string(lowerASCII(bytes.Clone(b)))
	}
	lower := lowerASCII(append(buf[:0], b...))
	if a := atom.Lookup(lower); a != 0 {
		return a.String()
	}
	return string(lower)
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// lowerASCII lower-cases b in place, as the tokenizer does names and keys.
func lowerASCII(b []byte) []byte {
	for i, c := range b {
		b[i] = lowerByte(c)
	}
	return b
}

func equalFoldASCII(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if lowerByte(a[i]) != lowerByte(b[i]) {
			return false
		}
	}
	return true
}
