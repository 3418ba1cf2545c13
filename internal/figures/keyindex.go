package figures

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// position is a 1-based line and column (in characters, as an editor counts).
type position struct{ line, col int }

// keyIndex records where each key of a TOML document is written. The toml
// package knows positions only while it parses, and reports them only for
// syntax errors, yet an editor needs the line of a misspelt unit or a figure
// without a label; so this small scanner walks the document too and notes
// where every key path appears.
//
// The key paths form a tree: node 0 is the document itself, and every other
// node is a path one key longer than its parent's. A tree rather than a map
// of joined paths, because a report's figures.toml has tens of thousands of
// keys, and joining each path (and each of its prefixes) costs more than the
// toml package's own parse.
type keyIndex struct {
	nodes []keyNode
	// many finds the kids of nodes that have many (the tables under
	// "figure"), where a list would be slow to search.
	many map[edge]int32
	// tables lists, for the node of an array of tables, where each of its
	// tables starts ([[rule]] headers, or the { of each table in
	// rule = [{…}, {…}]).
	tables map[int32][]position
	// spare backs the one-place lists of new nodes: most keys are written
	// once, and a list of their own would be an allocation each.
	spare []position
	// cuts are the byte offsets of the top-level [table] headers that start
	// a line: where the document can be cut to decode it in pieces.
	cuts []int
}

type keyNode struct {
	key string // the last key of the path
	// at lists every place the path is written, in file order; a path only
	// implied by a longer one ("figure" in [figure.x]) is noted once, where
	// it is first implied.
	at []position
	// The kids of a node are a list, newest first, and are also in many
	// once there are more than fewKids of them. 0 ends a list: the document
	// is nobody's kid.
	firstKid, nextSibling int32
	kids                  int32
}

// edge names a node by its parent and its last key.
type edge struct {
	parent int32
	key    string
}

const (
	root    = 0
	fewKids = 8
)

// kid returns the node of key inside the path of parent, if it is written.
func (ix *keyIndex) kid(parent int32, key string) (int32, bool) {
	if ix.nodes[parent].kids > fewKids {
		n, ok := ix.many[edge{parent, key}]
		return n, ok
	}
	for n := ix.nodes[parent].firstKid; n != 0; n = ix.nodes[n].nextSibling {
		if ix.nodes[n].key == key {
			return n, true
		}
	}
	return 0, false
}

// addKid adds the node of key inside the path of parent, first written at at.
func (ix *keyIndex) addKid(parent int32, key string, at position) int32 {
	if len(ix.spare) == 0 {
		ix.spare = make([]position, 256)
	}
	n := int32(len(ix.nodes))
	ix.nodes = append(ix.nodes, keyNode{key: key, at: ix.spare[:1:1], nextSibling: ix.nodes[parent].firstKid})
	ix.spare = ix.spare[1:]
	ix.nodes[n].at[0] = at
	p := &ix.nodes[parent]
	p.firstKid = n
	p.kids++
	switch {
	case p.kids == fewKids+1:
		for k := n; k != 0; k = ix.nodes[k].nextSibling {
			ix.many[edge{parent, ix.nodes[k].key}] = k
		}
	case p.kids > fewKids+1:
		ix.many[edge{parent, key}] = n
	}
	return n
}

// find returns where path is first written at or after from, trying ever
// shorter paths so that a missing key is reported where its table is. from is
// the start of the table being read when it is one of an array of tables
// (each [[rule]] writes the same paths), and the zero position otherwise.
func (ix *keyIndex) find(from position, path ...string) position {
	return ix.trail(from, path...).at()
}

// trail is a key path as far as it is written: the node of each of its
// keys that is, and the place to look from. Finding many keys of one table
// from its trail (as putting thousands of [figure.…] tables in file order
// does) saves walking the table's path again for each.
type trail struct {
	ix    *keyIndex
	from  position
	nodes []int32
	whole bool // every key of the path is written
}

func (ix *keyIndex) trail(from position, path ...string) trail {
	t := trail{ix: ix, from: from, nodes: make([]int32, 0, len(path)), whole: true}
	n := int32(root)
	for _, key := range path {
		var ok bool
		if n, ok = ix.kid(n, key); !ok {
			t.whole = false
			break
		}
		t.nodes = append(t.nodes, n)
	}
	return t
}

// at is ix.find(from, path...) for the trail's path.
func (t trail) at() position {
	for i := len(t.nodes) - 1; i >= 0; i-- {
		if at, ok := t.ix.firstFrom(t.nodes[i], t.from); ok {
			return at
		}
	}
	return t.from
}

// find is ix.find(from, append(path, key)...) for the trail's path.
func (t trail) find(key string) position {
	if t.whole {
		parent := int32(root)
		if len(t.nodes) > 0 {
			parent = t.nodes[len(t.nodes)-1]
		}
		if n, ok := t.ix.kid(parent, key); ok {
			if at, ok := t.ix.firstFrom(n, t.from); ok {
				return at
			}
		}
	}
	return t.at()
}

// spot is where a message about a setting points. Finding a setting in the
// index takes a walk down its path, and a file without mistakes has no
// messages to place: so a spot is only looked up when a message is written.
type spot struct {
	ix    *keyIndex
	from  position
	table []string
	key   string
}

func (s spot) pos() position { return s.ix.trail(s.from, s.table...).find(s.key) }

// settings returns the spot of each setting of the table at path.
func (ix *keyIndex) settings(from position, table ...string) func(key string) spot {
	return func(key string) spot { return spot{ix, from, table, key} }
}

// firstFrom returns the first place node n is written at or after from.
func (ix *keyIndex) firstFrom(n int32, from position) (position, bool) {
	at := ix.nodes[n].at
	if !at[0].before(from) {
		return at[0], true // as for every key outside arrays of tables
	}
	// The places are in file order, so the first at or after from is found by halving.
	if i := sort.Search(len(at), func(i int) bool { return !at[i].before(from) }); i < len(at) {
		return at[i], true
	}
	return position{}, false
}

// table returns where the i-th table of the array of tables path starts.
func (ix *keyIndex) table(i int, path ...string) position {
	if n, ok := ix.node(path...); ok && i < len(ix.tables[n]) {
		return ix.tables[n][i]
	}
	return ix.find(position{}, path...)
}

// node returns the node of path, if it is written.
func (ix *keyIndex) node(path ...string) (int32, bool) {
	n := int32(root)
	for _, key := range path {
		var ok bool
		if n, ok = ix.kid(n, key); !ok {
			return 0, false
		}
	}
	return n, true
}

// noteKey records that key, inside the path of parent, is written at at, and
// returns the node of the longer path. A new node is noted where it is first
// written; implied is true when this mention only implies it (as the "a" of
// a.b = 1 does), and then a node already known is not noted again.
func (ix *keyIndex) noteKey(parent int32, key string, at position, implied bool) int32 {
	n, ok := ix.kid(parent, key)
	switch {
	case !ok:
		n = ix.addKid(parent, key, at)
	case !implied:
		ix.nodes[n].at = append(ix.nodes[n].at, at)
	}
	return n
}

func (p position) before(q position) bool {
	return p.line < q.line || p.line == q.line && p.col < q.col
}

func indexKeys(text string) *keyIndex {
	// Every key is written before an = or in a [header]: sizing the tree by
	// those saves growing it step by step.
	size := strings.Count(text, "=") + strings.Count(text, "[") + 1
	s := &keyScanner{
		src:  text,
		line: 1,
		ix: &keyIndex{
			nodes:  make([]keyNode, 1, size+1),
			many:   map[edge]int32{},
			tables: map[int32][]position{},
		},
	}
	s.skipBOM()
	s.document()
	return s.ix
}

// keyScanner reads only as much TOML as it takes to find keys: headers, keys
// and enough of each value to skip it. Its positions are only used once the
// toml package has accepted the document, but it reads the document first
// (its cuts decide how the document is decoded): so on anything it does not
// understand it moves on rather than fail.
type keyScanner struct {
	src       string
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

// skipTo moves past every byte that stop does not hold. stop must hold
// '\n', which this does not count.
func (s *keyScanner) skipTo(stop *[256]bool) {
	for s.i < len(s.src) && !stop[s.src[s.i]] {
		s.i++
	}
}

// Bytes that end a bare key, and a value that is not text, a list or a table.
var keyEnd, valueEnd [256]bool

func init() {
	for _, c := range []byte(" \t\r\n.=[]{},#\"'") {
		keyEnd[c] = true
	}
	for _, c := range []byte(",]}\n#") {
		valueEnd[c] = true
	}
}

func (s *keyScanner) pos() position {
	return position{line: s.line, col: utf8.RuneCountInString(s.src[s.lineStart:s.i]) + 1}
}

func (s *keyScanner) skipBOM() {
	if strings.HasPrefix(s.src, "\uFEFF") {
		s.i = len("\uFEFF")
		s.lineStart = s.i
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
			if end := strings.IndexByte(s.src[s.i:], '\n'); end >= 0 {
				s.i += end
			} else {
				s.i = len(s.src)
			}
		default:
			return
		}
	}
}

func (s *keyScanner) document() {
	table := int32(root)
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

// header reads [table] or [[array.of.tables]] and returns its node.
func (s *keyScanner) header() int32 {
	at := s.pos()
	if strings.Trim(s.src[s.lineStart:s.i], " \t") == "" {
		s.ix.cuts = append(s.ix.cuts, s.i)
	}
	isArray := s.peekAt(1) == '['
	s.advance()
	if isArray {
		s.advance()
	}
	n := s.key(root, at)
	s.skipSpaces()
	for s.peek() == ']' {
		s.advance()
	}
	if isArray {
		s.ix.tables[n] = append(s.ix.tables[n], at)
	}
	return n
}

// keyValue reads key = value inside table.
func (s *keyScanner) keyValue(table int32) {
	at := s.pos()
	n := s.key(table, at)
	s.skipSpaces()
	if s.peek() == '=' {
		s.advance()
	}
	s.skipSpaces()
	s.value(n)
}

// key reads a dotted key (bare, "basic" or 'literal' parts joined by dots)
// written at at inside the path of parent, notes it, and returns its node.
func (s *keyScanner) key(parent int32, at position) int32 {
	n := parent
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
			s.skipTo(&keyEnd)
			part = s.src[start:s.i]
		}
		s.skipSpaces()
		last := s.peek() != '.'
		n = s.ix.noteKey(n, part, at, !last)
		if last {
			return n
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

// value skips the value of the key at node n, noting keys of inline tables.
func (s *keyScanner) value(n int32) {
	switch s.peek() {
	case '"', '\'':
		s.skipString()
	case '{':
		s.inlineTable(n)
	case '[':
		s.array(n)
	default:
		// Numbers, booleans and dates; a date may hold a space ("1979-05-27 07:32:00").
		s.skipTo(&valueEnd)
	}
}

func (s *keyScanner) skipString() {
	quote := s.peek()
	triple := string([]byte{quote, quote, quote})
	if !strings.HasPrefix(s.src[s.i:], triple) {
		s.quoted(quote)
		return
	}
	s.advanceN(3)
	for !s.eof() {
		if quote == '"' && s.peek() == '\\' {
			s.advanceN(2)
			continue
		}
		if strings.HasPrefix(s.src[s.i:], triple) {
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

func (s *keyScanner) inlineTable(n int32) {
	s.items('}', func() { s.keyValue(n) })
}

func (s *keyScanner) array(n int32) {
	s.items(']', func() {
		if s.peek() == '{' {
			s.ix.tables[n] = append(s.ix.tables[n], s.pos())
			s.inlineTable(n)
			return
		}
		s.value(n)
	})
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
