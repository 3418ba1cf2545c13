package publish

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
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

// scanTag finds where the attributes of the raw start tag raw ("<a href=x>")
// stand, with tdewolff/parse's HTML lexer, which gives each attribute's
// bytes (golang.org/x/net/html's tokenizer gives only values). Rewriting a
// value where it stands keeps the rest of the tag byte for byte. Only the
// first attribute of a key counts, as in the tokenizer; applyTagEdit checks
// that both read the same keys.
func scanTag(raw []byte) []rawAttr {
	// The lexer lower-cases names in its buffer: give it a copy. It reads
	// <svg> and <math> to their end tag, so the copy's name is blanked out.
	buf := append([]byte(nil), raw...)
	for i := 1; i < len(buf) && !isSpace(buf[i]) && buf[i] != '/' && buf[i] != '>'; i++ {
		buf[i] = 'x'
	}
	l := htmllex.NewLexer(parse.NewInputBytes(buf))
	if tt, _ := l.Next(); tt != htmllex.StartTagToken {
		return nil
	}
	var attrs []rawAttr
	seen := map[string]bool{}
	pos := len(l.Text()) + 1 // past "<name"
	for {
		tt, data := l.Next()
		if tt != htmllex.AttributeToken {
			return attrs
		}
		keyStart := pos
		for isSpace(raw[keyStart]) {
			keyStart++
		}
		key := string(l.AttrKey())
		a := rawAttr{key: key, keyEnd: keyStart + len(key)}
		if val := l.AttrVal(); val != nil {
			a.hasVal = true
			a.valEnd = pos + len(data)
			a.valStart = a.valEnd - len(val)
			if q := val[0:min(1, len(val))]; len(q) == 1 && (q[0] == '"' || q[0] == '\'') {
				a.quote = q[0]
				a.valStart++
				if len(val) > 1 && val[len(val)-1] == q[0] {
					a.valEnd--
				}
			}
		}
		pos += len(data)
		if !seen[key] {
			seen[key] = true
			attrs = append(attrs, a)
		}
	}
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

// applyTagEdit returns raw (a start tag named name, with the tokenizer's
// attributes tokAttrs) with e applied. Changed values are replaced where
// they stand, new attributes go before the closing > (or />), and every
// other byte is kept; on markup where the lexer and the tokenizer read the
// attributes differently, the tag is written anew from tokAttrs.
func applyTagEdit(raw []byte, name string, tokAttrs []html.Attribute, e *tagEdit) []byte {
	if out, ok := spliceTagEdit(raw, tokAttrs, e); ok {
		return out
	}
	var b strings.Builder
	b.WriteString("<" + name)
	for _, a := range append(slices.Clip(tokAttrs), e.add...) {
		if v, ok := e.set[a.Key]; ok {
			a.Val = v
		}
		b.WriteString(" " + a.Key + `="` + escapeAttr(a.Val, '"') + `"`)
	}
	if bytes.HasSuffix(raw, []byte("/>")) {
		b.WriteByte('/')
	}
	b.WriteByte('>')
	return []byte(b.String())
}

// spliceTagEdit is applyTagEdit where the lexer and the tokenizer agree.
func spliceTagEdit(raw []byte, tokAttrs []html.Attribute, e *tagEdit) (out []byte, ok bool) {
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
