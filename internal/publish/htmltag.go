package publish

import (
	"bytes"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// rawAttr is where one attribute sits in the raw bytes of a start tag.
type rawAttr struct {
	key              string // lower-cased, as the tokenizer reports it
	keyEnd           int    // where the name ends
	valStart, valEnd int    // the value's bytes, inside any quotes
	quote            byte   // '"', '\'' or 0 for an unquoted or missing value
	hasVal           bool
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f'
}

// scanTag finds the attributes of the raw start tag raw ("<a href=x>"),
// following golang.org/x/net/html's tokenizer step for step so both agree on
// what is an attribute and where its value is: the tokenizer gives values but
// not positions, and rewriting a value in place keeps the rest of the tag
// byte-identical.
func scanTag(raw []byte) []rawAttr {
	n := len(raw)
	i := 1
	// Tag name.
	for i < n {
		c := raw[i]
		i++
		if isSpace(c) {
			break
		}
		if c == '/' || c == '>' {
			i--
			break
		}
	}
	skip := func() {
		for i < n && isSpace(raw[i]) {
			i++
		}
	}
	skip()
	var attrs []rawAttr
	seen := map[string]bool{}
	for i < n {
		if raw[i] == '>' {
			break
		}
		// Attribute name.
		keyStart := i
		for i < n {
			c := raw[i]
			i++
			if c == '=' && keyStart+1 == i {
				continue
			}
			if c == '=' || isSpace(c) || c == '/' || c == '>' {
				i--
				break
			}
		}
		keyEnd := i
		a := rawAttr{key: strings.ToLower(string(raw[keyStart:keyEnd])), keyEnd: keyEnd}
		// Attribute value.
		func() {
			skip()
			if i >= n {
				return
			}
			c := raw[i]
			i++
			if c == '/' {
				return
			}
			if c != '=' {
				i--
				return
			}
			skip()
			if i >= n {
				return
			}
			q := raw[i]
			i++
			switch q {
			case '>':
				i--
			case '"', '\'':
				a.hasVal, a.quote, a.valStart = true, q, i
				for i < n && raw[i] != q {
					i++
				}
				a.valEnd = i
				if i < n {
					i++
				}
			default:
				a.hasVal, a.valStart = true, i-1
				for i < n && !isSpace(raw[i]) && raw[i] != '>' {
					i++
				}
				a.valEnd = i
				if i < n && isSpace(raw[i]) {
					i++
				}
			}
		}()
		if keyEnd > keyStart && !seen[a.key] {
			seen[a.key] = true
			attrs = append(attrs, a)
		}
		skip()
	}
	return attrs
}

// tagEdit collects changes to one start tag.
type tagEdit struct {
	set map[string]string // attribute (lower-case key) → new value
	add []html.Attribute  // attributes to append, in order
}

func (e *tagEdit) empty() bool {
	return e == nil || len(e.set) == 0 && len(e.add) == 0
}

func (e *tagEdit) setAttr(key, val string) {
	if e.set == nil {
		e.set = map[string]string{}
	}
	e.set[key] = val
}

// escapeAttr escapes an attribute value for writing between quote characters.
func escapeAttr(v string, quote byte) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '&':
			b.WriteString("&amp;")
		case c == '"' && quote == '"':
			b.WriteString("&#34;")
		case c == '\'' && quote == '\'':
			b.WriteString("&#39;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// applyTagEdit returns raw (a start tag) with e applied: changed values are
// replaced where they stand, new attributes go before the closing > (or />),
// and every other byte is kept. tokAttrs are the tokenizer's attributes for
// the same tag; if the scanner disagrees with them, ok is false.
func applyTagEdit(raw []byte, tokAttrs []html.Attribute, e *tagEdit) (out []byte, ok bool) {
	if len(raw) < 3 || raw[len(raw)-1] != '>' {
		return nil, false // a tag cut off by the end of the file
	}
	attrs := scanTag(raw)
	if len(attrs) != len(tokAttrs) {
		return nil, false
	}
	for i, a := range attrs {
		if a.key != tokAttrs[i].Key {
			return nil, false
		}
	}
	type splice struct {
		start, end int
		text       string
	}
	var sp []splice
	for _, a := range attrs {
		v, ok := e.set[a.key]
		if !ok {
			continue
		}
		switch {
		case !a.hasVal: // a bare attribute ("<link integrity>"): give it a value
			j := a.keyEnd
			for j < len(raw) && isSpace(raw[j]) {
				j++
			}
			if j < len(raw) && raw[j] == '=' { // "a= >": an empty value
				sp = append(sp, splice{j + 1, j + 1, `"` + escapeAttr(v, '"') + `"`})
				continue
			}
			sp = append(sp, splice{a.keyEnd, a.keyEnd, `="` + escapeAttr(v, '"') + `"`})
		case a.quote == 0:
			sp = append(sp, splice{a.valStart, a.valEnd, `"` + escapeAttr(v, '"') + `"`})
		default:
			sp = append(sp, splice{a.valStart, a.valEnd, escapeAttr(v, a.quote)})
		}
	}
	if len(e.add) > 0 {
		at := len(raw) - 1 // before '>'
		if at > 0 && raw[at-1] == '/' {
			// "/>": insert before the slash unless it ends an unquoted value.
			n := len(attrs)
			if n == 0 || !(attrs[n-1].quote == 0 && attrs[n-1].hasVal && attrs[n-1].valEnd == at) {
				at--
			}
		}
		var b strings.Builder
		for _, a := range e.add {
			b.WriteByte(' ')
			b.WriteString(a.Key)
			b.WriteString(`="`)
			b.WriteString(escapeAttr(a.Val, '"'))
			b.WriteByte('"')
		}
		sp = append(sp, splice{at, at, b.String()})
	}
	sort.Slice(sp, func(i, j int) bool { return sp[i].start < sp[j].start })
	var buf bytes.Buffer
	last := 0
	for _, s := range sp {
		buf.Write(raw[last:s.start])
		buf.WriteString(s.text)
		last = s.end
	}
	buf.Write(raw[last:])
	return buf.Bytes(), true
}
