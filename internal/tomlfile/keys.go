package tomlfile

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Position is where something is written in a file: a 1-based line and
// column (in characters, as an editor counts). The zero Position comes
// before everything.
type Position struct{ Line, Col int }

// Before reports whether p comes before q.
func (p Position) Before(q Position) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Col < q.Col
}

// Keys records where each key path of a TOML document is written. The toml
// package knows positions only while it parses, and reports them only for
// syntax errors, yet an editor needs the line of a misspelt setting or a
// figure without a label; so a small scanner reads the document too and
// notes where every key path appears. It is the one answer in the program
// to "where is this key?".
type Keys struct {
	// at lists every place a path is written, in file order; a path only
	// implied by a longer one ("figure" in [figure.x]) is noted once, where
	// it is first implied. Paths are joined by pathKey.
	at map[string][]Position
	// tables lists, for an array of tables, where each of its tables starts
	// ([[rule]] headers, or the { of each table in rule = [{…}, {…}]).
	tables map[string][]Position
}

// pathKey joins a key path into a map key: each key after its length, so no
// two paths are written alike.
func pathKey(path []string) string {
	var b []byte
	for _, k := range path {
		b = strconv.AppendInt(b, int64(len(k)), 10)
		b = append(b, ':')
		b = append(b, k...)
	}
	return string(b)
}

// IndexKeys reads the keys and [table] headers of src. It reads any input,
// moving on where it does not understand it: its positions serve messages
// about a document the toml package has read.
func IndexKeys(src []byte) *Keys {
	s := &keyScanner{src: string(src), line: 1, keys: &Keys{at: map[string][]Position{}, tables: map[string][]Position{}}}
	if strings.HasPrefix(s.src, "\uFEFF") {
		s.i = len("\uFEFF")
		s.lineStart = s.i
	}
	s.document()
	return s.keys
}

// Find returns where path is first written at or after from, trying ever
// shorter paths so that a missing key is reported where its table is; from
// when none is. from is the start of the table being read when it is one of
// an array of tables (each [[rule]] writes the same paths), and the zero
// Position otherwise.
func (k *Keys) Find(from Position, path ...string) Position {
	for n := len(path); n > 0; n-- {
		at := k.at[pathKey(path[:n])]
		if i := sort.Search(len(at), func(i int) bool { return !at[i].Before(from) }); i < len(at) {
			return at[i]
		}
	}
	return from
}

// Table returns where the i-th table of the array of tables path starts.
func (k *Keys) Table(i int, path ...string) Position {
	if starts := k.tables[pathKey(path)]; i < len(starts) {
		return starts[i]
	}
	return k.Find(Position{}, path...)
}

// Line is the line where key is first set, or where the nearest table
// around it is; 1 when the file does not show it, so that a message still
// names the file.
func (k *Keys) Line(key toml.Key) int {
	return max(k.Find(Position{}, key...).Line, 1)
}

// keyScanner reads only as much TOML as it takes to find keys: headers, keys
// and enough of each value to skip it.
type keyScanner struct {
	src       string
	i         int
	line      int
	lineStart int
	keys      *Keys
}

func (s *keyScanner) eof() bool { return s.i >= len(s.src) }

func (s *keyScanner) peek() byte { return s.peekAt(0) }

func (s *keyScanner) peekAt(n int) byte {
	if s.i+n >= len(s.src) {
		return 0
	}
	return s.src[s.i+n]
}

func (s *keyScanner) advance() {
	if s.eof() {
		return
	}
	if s.src[s.i] == '\n' {
		s.line++
		s.lineStart = s.i + 1
	}
	s.i++
}

func (s *keyScanner) pos() Position {
	return Position{Line: s.line, Col: utf8.RuneCountInString(s.src[s.lineStart:s.i]) + 1}
}

// skipUntil moves to the next byte in stop (which holds '\n') or the end.
func (s *keyScanner) skipUntil(stop string) {
	if n := strings.IndexAny(s.src[s.i:], stop); n >= 0 {
		s.i += n
	} else {
		s.i = len(s.src)
	}
}

func (s *keyScanner) skipSpaces() {
	for c := s.peek(); c == ' ' || c == '\t' || c == '\r'; c = s.peek() {
		s.i++
	}
}

// skipBlank skips spaces, newlines and comments.
func (s *keyScanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.advance()
		case '#':
			s.skipUntil("\n")
		default:
			return
		}
	}
}

func (s *keyScanner) document() {
	var table []string
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		start := s.i
		if s.peek() == '[' {
			table = s.header()
		} else {
			s.keyValue(table)
		}
		if s.i == start {
			s.advance() // never loop on input this scanner does not understand
		}
	}
}

// note records that path is written at at. A path is noted again only
// where it is written itself, not where a longer path implies it.
func (s *keyScanner) note(path []string, at Position, implied bool) {
	k := pathKey(path)
	if list, ok := s.keys.at[k]; !ok || !implied {
		s.keys.at[k] = append(list, at)
	}
}

// header reads [table] or [[array.of.tables]] and returns its path.
func (s *keyScanner) header() []string {
	at := s.pos()
	isArray := s.peekAt(1) == '['
	s.advance()
	if isArray {
		s.advance()
	}
	path := s.key(nil, at)
	s.skipSpaces()
	for s.peek() == ']' {
		s.advance()
	}
	if isArray {
		k := pathKey(path)
		s.keys.tables[k] = append(s.keys.tables[k], at)
	}
	return path
}

// keyValue reads key = value inside table.
func (s *keyScanner) keyValue(table []string) {
	at := s.pos()
	path := s.key(table, at)
	s.skipSpaces()
	if s.peek() == '=' {
		s.advance()
	}
	s.skipSpaces()
	s.value(path)
}

// key reads a dotted key (bare, "basic" or 'literal' parts joined by dots)
// written at at inside parent, notes it, and returns its path.
func (s *keyScanner) key(parent []string, at Position) []string {
	path := parent[:len(parent):len(parent)]
	for {
		s.skipSpaces()
		var part string
		switch s.peek() {
		case '"':
			part = unescapeKey(s.quoted('"'))
		case '\'':
			part = s.quoted('\'')
		default:
			start := s.i
			s.skipUntil(" \t\r\n.=[]{},#\"'")
			part = s.src[start:s.i]
		}
		s.skipSpaces()
		last := s.peek() != '.'
		path = append(path, part)
		s.note(path, at, !last)
		if last {
			return path
		}
		s.advance()
	}
}

// quoted reads a one-line string that starts at the current byte and returns
// its text between the quotes, escapes still in place.
func (s *keyScanner) quoted(quote byte) string {
	s.advance()
	start := s.i
	for !s.eof() && s.peek() != quote && s.peek() != '\n' {
		if quote == '"' && s.peek() == '\\' {
			s.advance()
		}
		s.advance()
	}
	end := min(s.i, len(s.src))
	s.advance()
	return s.src[start:end]
}

// value skips the value of the key at path, noting keys of inline tables.
func (s *keyScanner) value(path []string) {
	switch s.peek() {
	case '"', '\'':
		s.skipString()
	case '{':
		s.items('}', func() { s.keyValue(path) })
	case '[':
		s.items(']', func() {
			if s.peek() == '{' {
				k := pathKey(path)
				s.keys.tables[k] = append(s.keys.tables[k], s.pos())
			}
			s.value(path)
		})
	default:
		// Numbers, booleans and dates; a date may hold a space ("1979-05-27 07:32:00").
		s.skipUntil(",]}\n#")
	}
}

func (s *keyScanner) skipString() {
	quote := s.peek()
	triple := strings.Repeat(string(quote), 3)
	if !strings.HasPrefix(s.src[s.i:], triple) {
		s.quoted(quote)
		return
	}
	for range 3 {
		s.advance()
	}
	for !s.eof() {
		if quote == '"' && s.peek() == '\\' {
			s.advance()
			s.advance()
			continue
		}
		if strings.HasPrefix(s.src[s.i:], triple) {
			// Up to two quotes may end the text just before the closing three.
			n := 3
			for n < 5 && s.peekAt(n) == quote {
				n++
			}
			for range n {
				s.advance()
			}
			return
		}
		s.advance()
	}
}

// items reads a bracketed, comma-separated list from its opening bracket to
// the closing one, reading each item with item. It always moves on, so a
// broken list cannot stop it.
func (s *keyScanner) items(closing byte, item func()) {
	s.advance()
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		start := s.i
		switch s.peek() {
		case closing:
			s.advance()
			return
		case ',':
			s.advance()
		default:
			item()
		}
		if s.i == start {
			s.advance()
		}
	}
}

// unescapeKey turns the escapes of a "quoted key" into the characters they
// stand for, so the key matches what the toml package decoded.
func unescapeKey(raw string) string {
	if !strings.Contains(raw, `\`) {
		return raw
	}
	if s, err := strconv.Unquote(`"` + raw + `"`); err == nil {
		return s
	}
	return raw
}
