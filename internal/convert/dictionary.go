package convert

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// The dictionaries are OpenCC's data, in dict/ as OpenCC publishes them
// (see dict/README.md). almanac embeds tables made from them by
// tables_test.go: one "text<TAB>form" line per text, the usual form only,
// sorted by text, so that reading a table is finding its lines, not
// building an index of 50,000 phrases.

//go:generate go test -run TestTablesAreMadeFromTheDictionaries -update-tables

var (
	//go:embed tables/st.txt
	stTable string
	//go:embed tables/tw.txt
	twTable string
	//go:embed tables/hk.txt
	hkTable string
)

// stages are the tables of each configuration, as OpenCC chains them: the
// whole text through the first, then its result through the next. The
// first, st, is Simplified → Traditional, phrases and characters
// together; Taiwan's (tw) and Hong Kong's (hk) then change some
// characters to their local forms (裏 → 裡, 着 → 著).
var stages = map[string][]tableText{
	"s2t":  {{"st", stTable}},
	"s2tw": {{"st", stTable}, {"tw", twTable}},
	"s2hk": {{"st", stTable}, {"hk", hkTable}},
}

// tableText is a table as embedded.
type tableText struct{ name, text string }

// tables holds each table once read, for the whole process: a table is
// read-only once made, and the dev server rebuilds the site on every save.
var tables sync.Map // name → func() *table

func (tt tableText) table() *table {
	read, _ := tables.LoadOrStore(tt.name, sync.OnceValue(func() *table { return readTable(tt.text) }))
	return read.(func() *table)()
}

// Unload forgets the tables read so far, so that the next conversion reads
// them again, as a new almanac process does: benchmarks call it to count
// the reading in every build.
func Unload() { tables.Clear() }

// table is a sorted table's text and where its lines are: line i is
// text[starts[i]:starts[i+1]], its key ending at tabs[i].
type table struct {
	text   string
	starts []uint32 // one more than the lines: the end of the text
	tabs   []uint32
	// byFirst[r] is the first line whose key begins with r or a later
	// character; the keys that begin with r, a character of the Basic
	// Multilingual Plane, are lines byFirst[r] to byFirst[r+1].
	byFirst []uint32
}

const bmp = 0x10000 // the Basic Multilingual Plane's characters are below

// readTable finds the lines of text, a table as tables_test.go writes it
// (every line has a tab and ends in a newline; the test holds the
// embedded tables to that).
func readTable(text string) *table {
	lines := strings.Count(text, "\n")
	t := &table{text: text, starts: make([]uint32, 0, lines+1), tabs: make([]uint32, 0, lines), byFirst: make([]uint32, bmp+1)}
	next := rune(0) // the first character byFirst has no line for yet
	for at := 0; at < len(text); {
		end := at + strings.IndexByte(text[at:], '\n') + 1
		tab := at + strings.IndexByte(text[at:end], '\t')
		first, _ := utf8.DecodeRuneInString(text[at:])
		for ; next <= first && next <= bmp; next++ {
			t.byFirst[next] = uint32(len(t.starts))
		}
		t.starts = append(t.starts, uint32(at))
		t.tabs = append(t.tabs, uint32(tab))
		at = end
	}
	for ; next <= bmp; next++ {
		t.byFirst[next] = uint32(len(t.starts))
	}
	t.starts = append(t.starts, uint32(len(text)))
	return t
}

func (t *table) key(i int) string { return t.text[t.starts[i]:t.tabs[i]] }

func (t *table) form(i int) string { return t.text[t.tabs[i]+1 : t.starts[i+1]-1] }

// match finds the longest key s begins with: its form and its length.
func (t *table) match(s string) (form string, size int) {
	first, end := utf8.DecodeRuneInString(s)
	lo, hi := 0, len(t.tabs)
	if first < bmp {
		lo, hi = int(t.byFirst[first]), int(t.byFirst[first+1])
	} else {
		lo, hi = t.beginning(s[:end], lo, hi)
	}
	// Lines lo to hi are the keys that begin with s[:end]; sorted, the
	// first of them is s[:end] itself if that is a key.
	for lo < hi {
		if t.key(lo) == s[:end] {
			form, size = t.form(lo), end
		}
		if end == len(s) {
			break
		}
		_, n := utf8.DecodeRuneInString(s[end:])
		end += n
		lo, hi = t.beginning(s[:end], lo, hi)
	}
	return form, size
}

// beginning narrows lines lo to hi to those whose key begins with prefix.
func (t *table) beginning(prefix string, lo, hi int) (int, int) {
	from := lo + sort.Search(hi-lo, func(i int) bool { return t.key(lo+i) >= prefix })
	to := from + sort.Search(hi-from, func(i int) bool { return !strings.HasPrefix(t.key(from+i), prefix) })
	return from, to
}

// convert replaces, from the start of s, the longest key found there with
// its form, and moves past it; a character that begins no key stays as it
// is. This is OpenCC's forward maximum matching: 头发 is one key (頭髮),
// where 发 alone would be 發.
func (t *table) convert(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if form, size := t.match(s[i:]); size > 0 {
			b.WriteString(form)
			i += size
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		i += size
	}
	return b.String()
}
