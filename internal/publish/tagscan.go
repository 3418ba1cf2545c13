package publish

import (
	"bytes"
	"sync"

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
	// (except that the tokenizer turns a NUL into U+FFFD). It is the
	// page's own bytes when they are in lower case already.
	name  []byte
	lower []byte // name's buffer otherwise
	scannedTag
	// text is, for a start tag of <title> or <script>, the element's text
	// up to its end tag.
	text []byte
	// scratch is attributes' buffer.
	scratch []html.Attribute
}

// tagTokens keeps walkTags' tokens from page to page, with their buffers.
var tagTokens = sync.Pool{New: func() any { return new(tagToken) }}

// walkTags walks the markup of src as the tokenizer reads it, calling visit
// for each start and end tag that want picks, in order, until visit returns
// false. It reports whether it got that far (to the end of src, or to
// visit's false) rather than giving up.
func walkTags(src []byte, want tagFilter, visit func(t *tagToken) (more bool)) bool {
	t := tagTokens.Get().(*tagToken) // reused: its buffers with it
	defer func() {
		t.name, t.text = nil, nil // parts of src, which the pool must not keep
		tagTokens.Put(t)
	}()
	for i := 0; ; {
		switch {
		case i < len(src) && src[i] == '<': // a tag right after the last, as often
		case i+1 < len(src) && src[i+1] == '<': // or after a line break
			i++
		default:
			k := bytes.IndexByte(src[i:], '<')
			if k < 0 {
				return true // the rest is text
			}
			i += k
		}
		if i+1 >= len(src) {
			return true // a '<' at the very end is text
		}
		name, endTag := i+1, false
		if src[name] == '/' {
			if i+2 >= len(src) {
				return false
			}
			name, endTag = i+2, true
		}
		if !isASCIILetter(src[name]) {
			var ok bool
			if i, ok = skipDeclaration(src, i); !ok {
				return false
			}
			continue
		}
		if !t.scan(src, i, name, endTag) {
			return false
		}
		i = t.end
		if !endTag {
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
		}
		if want.picks(t) && !visit(t) {
			return true
		}
	}
}

// skipDeclaration skips what starts with the '<' at src[i] and is not a
// tag: "</>", a doctype or other <!…> or <?…> declaration, or a '<' that
// is text. ok is false where the tokenizer's rules are not followed here
// (comments) or src ends first.
func skipDeclaration(src []byte, i int) (next int, ok bool) {
	switch src[i+1] {
	case '/':
		if src[i+2] == '>' { // "</>", which the tokenizer skips
			return i + 3, true
		}
		// A bogus comment, up to the next '>'.
		k := bytes.IndexByte(src[i+2:], '>')
		return i + 2 + k + 1, k >= 0
	case '!':
		if i+4 > len(src) || src[i+2] == '-' && src[i+3] == '-' {
			return 0, false // a comment, with its many special cases
		}
		// A doctype or a bogus comment: either way up to the next '>'.
		k := bytes.IndexByte(src[i+2:], '>')
		return i + 2 + k + 1, k >= 0
	case '?': // a bogus comment from the '?' to the next '>'
		k := bytes.IndexByte(src[i+1:], '>')
		return i + 1 + k + 1, k >= 0
	}
	return i + 1, true // not markup: the '<' is text
}

// tagFilter picks the tags walkTags shows its visitor, which would pass
// most of them by, at less than the cost of calling it.
type tagFilter struct {
	// starts has, for each first letter of a start tag's name, bit n set
	// when names of that letter and length n are wanted, as keyLens.
	starts *[256]uint16
	keys   uint8        // and start tags with keys of these classes
	ends   *[256]uint16 // end tags, likewise; nil for none
}

func (f tagFilter) picks(t *tagToken) bool {
	names := f.starts
	if t.endTag {
		names = f.ends
	} else if t.keys&f.keys != 0 {
		return true
	}
	return names != nil && len(t.name) < 16 && names[t.name[0]]&(1<<len(t.name)) != 0
}

// nameLens is a tagFilter table for names.
func nameLens(names ...string) *[256]uint16 {
	var t [256]uint16
	for _, n := range names {
		t[n[0]] |= 1 << len(n)
	}
	return &t
}

// scan sets t to the tag whose '<' is at src[at] and whose name starts at
// src[name], keeping t's buffers; false if src ends inside the tag.
func (t *tagToken) scan(src []byte, at, name int, endTag bool) bool {
	t.at, t.endTag, t.text = at, endTag, nil
	// The name runs to white space, '/' or '>'; its first byte is a letter.
	j := name
	var seen uint8
	for j < len(src) {
		c := tagBytes[src[j]]
		if c&tagNameEnd != 0 {
			break
		}
		seen |= c
		j++
	}
	t.nameStart, t.nameEnd = name, j
	t.name = src[name:j]
	if seen&tagUpper != 0 {
		t.lower = lowerASCII(append(t.lower[:0], t.name...))
		t.name = t.lower
	}
	if j < len(src) && src[j] == '>' { // no attributes, as in every end tag
		t.end, t.attrs, t.keys = j+1, t.attrs[:0], 0
		return true
	}
	return scanAttrs(src, j, &t.scannedTag)
}

// scannedTag is a tag as the tokenizer reads it; positions index the page.
type scannedTag struct {
	nameStart, nameEnd int // the name, after "<" or "</"
	end                int // just past the closing '>'
	// attrs are the attributes with a name, in order. The tokenizer keeps
	// only the first of each name (compared in lower case); attrs keeps
	// them all, for most tags are read for a key or two, if at all.
	attrs []scannedAttr
	// keys says which keys the Content-Security-Policy check reads (see
	// keyClass) are among attrs: most tags have none, and the check
	// passes them by.
	keys uint8
}

type scannedAttr struct {
	keyStart, keyEnd int
	valStart, valEnd int   // inside any quotes; empty for a bare attribute
	class            uint8 // the key's keyClass
}

// Byte classes in tags, as the tokenizer's readTag sees them.
const (
	tagSpace   = 1 << iota // ' ', '\n', '\r', '\t', '\f'
	tagNameEnd             // white space, '/', '>': ends a tag name
	tagKeyEnd              // and '=': ends an attribute key
	tagValEnd              // white space, '>': ends an unquoted value
	tagUpper               // 'A' to 'Z', which names and keys are lowered from
)

var tagBytes = func() (t [256]uint8) {
	for _, c := range []byte(" \n\r\t\f") {
		t[c] = tagSpace | tagNameEnd | tagKeyEnd | tagValEnd
	}
	t['/'] = tagNameEnd | tagKeyEnd
	t['>'] = tagNameEnd | tagKeyEnd | tagValEnd
	t['='] = tagKeyEnd
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = tagUpper
	}
	return t
}()

// scanAttrs reads into t the attributes of the tag whose name ends at
// src[j], to the end of the tag, step for step as golang.org/x/net/html's
// Tokenizer.readTag does, reusing t.attrs. It returns false when src ends
// inside the tag.
func scanAttrs(src []byte, j int, t *scannedTag) bool {
	attrs := t.attrs[:0]
	keys := uint8(0)
	n := len(src)
	for {
		j = skipTagSpace(src, j)
		if j >= n {
			return false
		}
		if src[j] == '>' {
			t.end, t.attrs, t.keys = j+1, attrs, keys
			return true
		}
		// The key runs to '=', white space, '/' or '>', except that an '='
		// as its first byte belongs to it. (The bounds are kept in
		// variables and stored field by field: copying a struct built up
		// field by field on the stack stalls the processor, at every
		// attribute of every page.)
		keyStart := j
		if src[j] == '=' {
			j++
		}
		for j < n && tagBytes[src[j]]&tagKeyEnd == 0 {
			j++
		}
		keyEnd, valStart, valEnd := j, j, j
		if j+1 < n && src[j] == '=' && src[j+1] == '"' {
			// key="value", as nearly every attribute is written.
			k := bytes.IndexByte(src[j+2:], '"')
			if k < 0 {
				return false
			}
			valStart, valEnd = j+2, j+2+k
			j += 2 + k + 1
		} else if valStart, valEnd, j = scanTagValue(src, j); j < 0 {
			return false
		}
		if keyEnd > keyStart {
			attrs = append(attrs, scannedAttr{})
			a := &attrs[len(attrs)-1]
			a.keyStart, a.keyEnd, a.valStart, a.valEnd = keyStart, keyEnd, valStart, valEnd
			a.class = keyClass(src[keyStart:keyEnd])
			keys |= a.class
		}
	}
}

func skipTagSpace(src []byte, j int) int {
	for j < len(src) && tagBytes[src[j]]&tagSpace != 0 {
		j++
	}
	return j
}

// scanTagValue reads the value, if an '=' follows, of the attribute whose
// key ends at src[j]: its bounds (empty at j if it has none) and where the
// next attribute may start, or next -1 if src ends first.
func scanTagValue(src []byte, j int) (start, end, next int) {
	n := len(src)
	start, end = j, j
	if j = skipTagSpace(src, j); j >= n {
		return start, end, -1
	}
	switch src[j] {
	case '/': // consumed, as the tokenizer does
		return start, end, j + 1
	case '=':
	default:
		return start, end, j
	}
	if j = skipTagSpace(src, j+1); j >= n {
		return start, end, -1
	}
	switch q := src[j]; q {
	case '>': // "a= >": no value, and the '>' ends the tag
		return start, end, j
	case '"', '\'':
		k := bytes.IndexByte(src[j+1:], q)
		if k < 0 {
			return start, end, -1
		}
		return j + 1, j + 1 + k, j + 1 + k + 1
	}
	// Unquoted, to white space (consumed) or '>'.
	start = j
	for j < n && tagBytes[src[j]]&tagValEnd == 0 {
		j++
	}
	if j >= n {
		return start, end, -1
	}
	end = j
	if tagBytes[src[j]]&tagSpace != 0 {
		j++
	}
	return start, end, j
}

// firstOfKey reports whether attrs[i] is the first attribute of its key,
// the one the tokenizer keeps.
func firstOfKey(src []byte, attrs []scannedAttr, i int) bool {
	a := attrs[i]
	key := src[a.keyStart:a.keyEnd]
	for _, b := range attrs[:i] {
		if b.keyEnd-b.keyStart == len(key) && equalFoldASCII(src[b.keyStart:b.keyEnd], key) {
			return false
		}
	}
	return true
}

// value is the value, as written, of the tag's attribute key (in lower
// case); ok is false when it has none.
func (t *tagToken) value(src []byte, key string) (v []byte, ok bool) {
	for _, a := range t.attrs {
		if foldEq(src[a.keyStart:a.keyEnd], key) {
			return src[a.valStart:a.valEnd], true // the first of the key: the one kept
		}
	}
	return nil, false
}

// attributes returns the start tag's attributes as the tokenizer gives
// them, valid until the next tag: keys in lower case, values as written
// unless the tag holds a character reference, a carriage return or a NUL,
// in which case the tokenizer itself reads the tag. start is false for a
// self-closing tag. ok is false if the tokenizer does not see the start
// tag the scan saw, which would be a bug in the scan.
func (t *tagToken) attributes(src []byte) (attrs []html.Attribute, start, ok bool) {
	raw := src[t.at:t.end]
	if !plainValue(raw) {
		z := html.NewTokenizer(bytes.NewReader(raw))
		tt := z.Next()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken || len(z.Raw()) != len(raw) {
			return nil, false, false
		}
		_, attrs := tokenAttrs(z)
		return attrs, tt == html.StartTagToken, true
	}
	// One copy of the tag, of which keys and values are substrings.
	tag := string(raw)
	attrs = t.scratch[:0]
	lastEnd := -1 // where the value of the last attribute kept ends
	for i, a := range t.attrs {
		if !firstOfKey(src, t.attrs, i) {
			continue
		}
		key := tag[a.keyStart-t.at : a.keyEnd-t.at]
		if hasUpperASCII(key) {
			key = string(lowerASCII([]byte(key)))
		}
		attrs = append(attrs, html.Attribute{Key: key, Val: tag[a.valStart-t.at : a.valEnd-t.at]})
		lastEnd = a.valEnd
	}
	// Self-closing as the tokenizer decides it: a '/' before the '>' that
	// is not the end of the last attribute's unquoted value.
	start = !(src[t.end-2] == '/' && t.end-2 != lastEnd-1)
	t.scratch = attrs
	return attrs, start, true
}

func hasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// plainValue reports whether the tokenizer gives the attribute value v as
// written (or the names and values in the tag v as written, but for case):
// it has no character reference, carriage return or NUL.
func plainValue(v []byte) bool {
	return bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, '\r') < 0 && bytes.IndexByte(v, 0) < 0
}

// isBlank reports whether b is all HTML white space.
func isBlank(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
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
