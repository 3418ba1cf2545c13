package figures

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// position is a 1-based line and column (in characters, as an editor counts).
type position struct{ line, col int }

// keyIndex records where each key of a TOML document is written. The toml
// package knows positions only while it parses, and reports them only for
// syntax errors, yet an editor needs the line of a misspelt unit or a figure
// without a label; so after the toml package has accepted a document, this
// small scanner walks it again and notes where every key path appears.
type keyIndex struct {
	// keys maps a key path (joined with pathSep) to each place it is written,
	// in file order; a path only implied by a longer one ("figure" in
	// [figure.x]) is noted once, where it is first implied.
	keys map[string][]position
	// tables maps the path of an array of tables to where each of its tables
	// starts ([[rule]] headers, or the { of each table in rule = [{…}, {…}]).
	tables map[string][]position
}

const pathSep = "\x00"

func joinPath(path ...string) string { return strings.Join(path, pathSep) }

// find returns where path is first written at or after from, trying ever
// shorter paths so that a missing key is reported where its table is. from is
// the start of the table being read when it is one of an array of tables
// (each [[rule]] writes the same paths), and the zero position otherwise.
func (ix *keyIndex) find(from position, path ...string) position {
	for n := len(path); n > 0; n-- {
		for _, at := range ix.keys[joinPath(path[:n]...)] {
			if !at.before(from) {
				return at
			}
		}
	}
	return from
}

// table returns where the i-th table of the array of tables path starts.
func (ix *keyIndex) table(path string, i int) position {
	if at := ix.tables[path]; i < len(at) {
		return at[i]
	}
	return ix.find(position{}, path)
}

func (p position) before(q position) bool {
	return p.line < q.line || p.line == q.line && p.col < q.col
}

func indexKeys(src []byte) *keyIndex {
	s := &keyScanner{
		src:  src,
		line: 1,
		ix:   &keyIndex{keys: map[string][]position{}, tables: map[string][]position{}},
	}
	s.skipBOM()
	s.document()
	return s.ix
}

// keyScanner reads only as much TOML as it takes to find keys: headers, keys
// and enough of each value to skip it. It assumes the toml package has already
// accepted the document, and on anything it does not understand it moves on
// rather than fail.
type keyScanner struct {
	src       []byte
	i         int
	line      int
	lineStart int
	ix        *keyIndex
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

func (s *keyScanner) advanceN(n int) {
	for range n {
		s.advance()
	}
}

func (s *keyScanner) pos() position {
	return position{line: s.line, col: utf8.RuneCount(s.src[s.lineStart:s.i]) + 1}
}

func (s *keyScanner) skipBOM() {
	if bytes.HasPrefix(s.src, []byte("\uFEFF")) {
		s.i = len("\uFEFF")
		s.lineStart = s.i
	}
}

func (s *keyScanner) skipSpaces() {
	for c := s.peek(); c == ' ' || c == '\t' || c == '\r'; c = s.peek() {
		s.advance()
	}
}

// skipBlank skips spaces, newlines and comments.
func (s *keyScanner) skipBlank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\r', '\n':
			s.advance()
		case '#':
			for !s.eof() && s.peek() != '\n' {
				s.advance()
			}
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

// header reads [table] or [[array.of.tables]] and returns its path.
func (s *keyScanner) header() []string {
	at := s.pos()
	isArray := s.peekAt(1) == '['
	s.advance()
	if isArray {
		s.advance()
	}
	path := s.key()
	s.skipSpaces()
	for s.peek() == ']' {
		s.advance()
	}
	s.note(path, at)
	if isArray {
		p := joinPath(path...)
		s.ix.tables[p] = append(s.ix.tables[p], at)
	}
	return path
}

// keyValue reads key = value inside table.
func (s *keyScanner) keyValue(table []string) {
	at := s.pos()
	path := append(append([]string{}, table...), s.key()...)
	s.note(path, at)
	s.skipSpaces()
	if s.peek() == '=' {
		s.advance()
	}
	s.skipSpaces()
	s.value(path)
}

// note records that path is written at pos.
func (s *keyScanner) note(path []string, at position) {
	for n := 1; n < len(path); n++ {
		p := joinPath(path[:n]...)
		if len(s.ix.keys[p]) == 0 {
			s.ix.keys[p] = []position{at}
		}
	}
	p := joinPath(path...)
	s.ix.keys[p] = append(s.ix.keys[p], at)
}

// key reads a dotted key: bare, "basic" or 'literal' parts joined by dots.
func (s *keyScanner) key() []string {
	var path []string
	for {
		s.skipSpaces()
		start := s.i
		switch s.peek() {
		case '"':
			path = append(path, unescapeKey(s.quoted('"')))
		case '\'':
			path = append(path, s.quoted('\''))
		default:
			for !s.eof() && !strings.ContainsRune(" \t\r\n.=[]{},#\"'", rune(s.peek())) {
				s.advance()
			}
			path = append(path, string(s.src[start:s.i]))
		}
		s.skipSpaces()
		if s.peek() != '.' {
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
	return string(s.src[start:end])
}

// value skips the value of the key at path, noting keys of inline tables.
func (s *keyScanner) value(path []string) {
	switch s.peek() {
	case '"', '\'':
		s.skipString()
	case '{':
		s.inlineTable(path)
	case '[':
		s.array(path)
	default:
		// Numbers, booleans and dates; a date may hold a space ("1979-05-27 07:32:00").
		for !s.eof() && !strings.ContainsRune(",]}\n#", rune(s.peek())) {
			s.advance()
		}
	}
}

func (s *keyScanner) skipString() {
	quote := s.peek()
	triple := []byte{quote, quote, quote}
	if !bytes.HasPrefix(s.src[s.i:], triple) {
		s.quoted(quote)
		return
	}
	s.advanceN(3)
	for !s.eof() {
		if quote == '"' && s.peek() == '\\' {
			s.advanceN(2)
			continue
		}
		if bytes.HasPrefix(s.src[s.i:], triple) {
			// Up to two quotes may end the text just before the closing three.
			n := 3
			for n < 5 && s.peekAt(n) == quote {
				n++
			}
			s.advanceN(n)
			return
		}
		s.advance()
	}
}

func (s *keyScanner) inlineTable(path []string) {
	s.advance()
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		start := s.i
		switch s.peek() {
		case '}':
			s.advance()
			return
		case ',':
			s.advance()
		default:
			s.keyValue(path)
		}
		if s.i == start {
			s.advance()
		}
	}
}

func (s *keyScanner) array(path []string) {
	s.advance()
	p := joinPath(path...)
	for {
		s.skipBlank()
		if s.eof() {
			return
		}
		start := s.i
		switch s.peek() {
		case ']':
			s.advance()
			return
		case ',':
			s.advance()
		case '{':
			s.ix.tables[p] = append(s.ix.tables[p], s.pos())
			s.inlineTable(path)
		default:
			s.value(path)
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
