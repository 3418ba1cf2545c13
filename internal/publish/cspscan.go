package publish

import (
	"bytes"
	"sync"
	"unicode/utf8"
)

// cspClean reports whether the page src certainly has nothing cspHTML
// would report: walkTags follows all of it, the script text is blank, and
// cspTag finds nothing in the tags it would check.
//
// It runs over every byte of every page on every build, so it looks only
// at the tags cspTags picks, reads most of those where they stand
// (cspAttrsClean), and remembers its verdict on the others, which are the
// same few <script> and <button> tags on every page.
func (s *site) cspClean(src []byte) bool {
	memo := cspMemos.Get().(*cspMemo)
	defer cspMemos.Put(memo)
	clean := true
	walked := walkTags(src, cspTags, func(t *tagToken) bool {
		if string(t.name) == "script" && !isBlank(t.text) {
			clean = false // script text: leave it to cspHTML
			return false
		}
		if !cspElement(t.name) || string(t.name) == "link" && !t.linkLoads(src) {
			if t.keys == 0 {
				return true
			}
			if ok, sure := t.cspAttrsClean(src); sure {
				clean = ok
				return clean
			}
		}
		clean = memo.tagClean(s, t, src)
		return clean
	})
	return walked && clean
}

// linkLoads reports whether cspTag may check what the <link> t loads:
// whether its rel has a token of iconRels or loadRels, or is not plain
// ASCII, which the tokenizer or strings.ToLower could change. Most links
// are a page's canonical URL and its translations, which load nothing.
func (t *tagToken) linkLoads(src []byte) bool {
	rel, _ := t.value(src, "rel")
	for _, c := range rel {
		if c >= utf8.RuneSelf || c == '&' || c == '\r' || c == 0 {
			return true
		}
	}
	for tok := range bytes.FieldsSeq(rel) {
		for _, r := range iconRels {
			if foldEq(tok, r) {
				return true
			}
		}
		for _, r := range loadRels {
			if foldEq(tok, r) {
				return true
			}
		}
	}
	return false
}

// cspTags are the tags cspClean reads: the start tags of elements cspTag
// checks by name, and those with keys it checks on every element.
var cspTags = tagFilter{starts: cspElementLens, keys: keyEvent | keyStyle | keyURL}

// cspMemo is cspTag's verdict on whole tags, by their bytes, for one
// goroutine at a time.
type cspMemo struct {
	clean map[string]bool
}

var cspMemos = sync.Pool{New: func() any { return &cspMemo{clean: map[string]bool{}} }}

// Tags longer than memoTag are checked each time, and the memo stops
// growing at memoTags: it is for the tags that every page repeats.
const (
	memoTag  = 256
	memoTags = 4096
)

// tagClean reports whether cspTag finds nothing in the start tag t, which
// it reads as the tokenizer would.
func (m *cspMemo) tagClean(s *site, t *tagToken, src []byte) bool {
	raw := src[t.at:t.end]
	if clean, ok := m.clean[string(raw)]; ok {
		return clean
	}
	clean := true
	attrs, start, ok := t.attributes(src)
	if ok {
		s.cspTag(lowerString(t.name), attrs, start, func(string, string, ...any) { clean = false })
	}
	clean = clean && ok
	if len(raw) <= memoTag && len(m.clean) < memoTags {
		m.clean[string(raw)] = clean
	}
	return clean
}

// Classes of attribute keys, as cspTag reads them on every element
// (cspAttr): on an element cspElement does not name, only keys of these
// classes can break the policy.
const (
	keyEvent = 1 << iota // on…
	keyStyle             // style
	keyURL               // href, src, xlink:href, action, formaction
)

// keyLens has, for each first byte of a key, bit n set when a key of
// length n with that first byte can have a class, and bit 0 for an 'o',
// which may start an event handler of any length: keyClass runs on every
// key of every page, and this passes most of them by at a glance.
var keyLens = func() (t [256]uint16) {
	for _, k := range []string{"src", "href", "style", "action", "xlink:href", "formaction"} {
		t[k[0]] |= 1 << len(k)
		t[k[0]-'a'+'A'] |= 1 << len(k)
	}
	t['o'] |= 1
	t['O'] |= 1
	return t
}()

// keyClass is the class of an attribute key as written, in any case.
func keyClass(key []byte) uint8 {
	if len(key) == 0 {
		return 0
	}
	lens := keyLens[key[0]]
	if lens&1 != 0 && len(key) > 2 && lowerByte(key[1]) == 'n' {
		return keyEvent
	}
	if len(key) >= 16 || lens&(1<<len(key)) == 0 {
		return 0
	}
	var is bool
	switch len(key) {
	case 3:
		is = foldEq(key, "src")
	case 4:
		is = foldEq(key, "href")
	case 5:
		if foldEq(key, "style") {
			return keyStyle
		}
	case 6:
		is = foldEq(key, "action")
	case 10:
		is = foldEq(key, "xlink:href") || foldEq(key, "formaction")
	}
	if is {
		return keyURL
	}
	return 0
}

// cspAttrsClean is what cspTag finds in the attributes of a tag whose
// element cspElement does not name, read from the page: clean when it
// would report nothing. sure is false when a value it must read holds a
// character reference, a carriage return or a NUL, which the tokenizer
// would change.
func (t *tagToken) cspAttrsClean(src []byte) (clean, sure bool) {
	if t.keys&keyEvent != 0 {
		return false, true
	}
	for i, a := range t.attrs {
		if a.class == 0 || !firstOfKey(src, t.attrs, i) {
			continue // a key that does not matter, or one the tokenizer drops
		}
		val := src[a.valStart:a.valEnd]
		if !plainValue(val) {
			return false, false
		}
		if a.class == keyStyle && !isBlank(val) || a.class == keyURL && isScriptURL(val) {
			return false, true
		}
	}
	return true, true
}
