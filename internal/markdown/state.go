package markdown

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"path"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/xmca/almanac/internal/diag"
)

// docState is what the parsers and transformer learn about one document.
// States are pooled: what a conversion only needs while it runs (the heading
// ids' tables, scratch buffers) is kept for the next one, and everything a
// Document keeps is made anew.
type docState struct {
	src       []byte
	file      string
	firstLine int
	resolver  Resolver

	lineStarts []int        // byte offsets of each line's start; built on first use
	last       mark         // the last position computed, to count on from
	unclosed   text.Segment // the rest of a line known to hold no "}}"

	figures     []refAt
	charts      []refAt
	comparisons []comparisonAt
	toc         []Heading
	diags       diag.List

	ids      headingIDs
	withIDs  parser.ContextOption // parser.WithIDs(&ids), made once
	headings []*ast.Heading       // level 2 and 3, as the transformer finds them
	unsafe   []ast.Node           // links the transformer takes out
	text     []byte               // scratch for a heading's plain text
	arena    arena                // figure texts and heading ids in the tree
}

// refAt is a reference and the byte offset in src it is written at; lines
// and columns are counted once all are known (see positioned).
type refAt struct {
	key    string
	offset int
}

var states = sync.Pool{New: func() any {
	st := &docState{}
	st.ids = newHeadingIDs(&st.arena)
	st.withIDs = parser.WithIDs(&st.ids)
	return st
}}

func newDocState(src []byte, file string, firstLine int, r Resolver) *docState {
	if firstLine < 1 {
		firstLine = 1
	}
	if r == nil {
		r = noFigures{}
	}
	st := states.Get().(*docState)
	st.src, st.file, st.firstLine, st.resolver = src, file, firstLine, r
	st.ids.reserve(src)
	return st
}

// release returns st to the pool, keeping its buffers but nothing that
// would keep the document, its tree or its resolver alive.
func (st *docState) release() {
	st.src, st.file, st.resolver = nil, "", nil
	st.lineStarts, st.last, st.unclosed = st.lineStarts[:0], mark{}, text.Segment{}
	st.figures, st.charts = clearRefs(st.figures), clearRefs(st.charts)
	clear(st.comparisons)
	st.comparisons = st.comparisons[:0]
	st.toc, st.diags = nil, nil
	st.ids.reset()
	clear(st.headings)
	clear(st.unsafe)
	st.headings, st.unsafe = st.headings[:0], st.unsafe[:0]
	st.text = st.text[:0]
	st.arena.reset()
	states.Put(st)
}

func clearRefs(refs []refAt) []refAt {
	clear(refs)
	return refs[:0]
}

// stateOf returns the document's state, or nil when the parser runs outside
// Convert (then figure syntax stays literal).
func stateOf(pc parser.Context) *docState {
	st, _ := pc.Get(stateKey).(*docState)
	return st
}

// arena hands out copies of short strings as bytes, carved from one block:
// a tree needs figure texts and heading ids as bytes, and an allocation for
// each adds up over a site. Blocks are reused by the next document, which is
// safe because nothing of a tree outlives Convert.
type arena struct {
	block []byte
}

func (a *arena) bytesOf(s string) []byte {
	if cap(a.block)-len(a.block) < len(s) {
		a.block = make([]byte, 0, max(1024, len(s)))
	}
	start := len(a.block)
	a.block = append(a.block, s...)
	return a.block[start:len(a.block):len(a.block)]
}

func (a *arena) reset() { a.block = a.block[:0] }

// mark is a byte offset in src and its line index and column.
type mark struct{ offset, line, col int }

// position converts a byte offset in src to a line and column of the file.
// Columns count characters from the last position on the same line when
// possible, so that a long line full of references is not counted over and
// over.
func (st *docState) position(offset int) (line, col int) {
	if len(st.lineStarts) == 0 {
		st.lineStarts = appendLineStarts(st.lineStarts, st.src)
		st.last = mark{col: 1}
	}
	offset = st.clamp(offset)
	i := sort.SearchInts(st.lineStarts, offset+1) - 1
	from := mark{offset: st.lineStarts[i], line: i, col: 1}
	if st.last.line == i && st.last.offset <= offset {
		from = st.last
	}
	col = from.col + utf8.RuneCount(st.src[from.offset:offset])
	st.last = mark{offset: offset, line: i, col: col}
	return st.firstLine + i, col
}

func (st *docState) clamp(offset int) int {
	return max(0, min(offset, len(st.src)))
}

func appendLineStarts(starts []int, src []byte) []int {
	starts = append(starts, 0)
	for i := 0; ; {
		n := bytes.IndexByte(src[i:], '\n')
		if n < 0 {
			return starts
		}
		i += n + 1
		starts = append(starts, i)
	}
}

// positioned returns refs in reading order with their lines and columns.
// Blocks are parsed before the text around them, so refs come out of order;
// sorted by offset, they are counted in one pass over the source.
func (st *docState) positioned(refs []refAt) []Ref {
	if len(refs) == 0 {
		return nil
	}
	slices.SortStableFunc(refs, func(a, b refAt) int { return cmp.Compare(a.offset, b.offset) })
	out := make([]Ref, len(refs))
	line, col, at := 0, 1, 0 // at is where line and col are counted to
	for i, r := range refs {
		offset := st.clamp(r.offset)
		for {
			n := bytes.IndexByte(st.src[at:offset], '\n')
			if n < 0 {
				break
			}
			line, col, at = line+1, 1, at+n+1
		}
		col += utf8.RuneCount(st.src[at:offset])
		at = offset
		out[i] = Ref{Key: r.key, Line: st.firstLine + line, Col: col}
	}
	return out
}

func (st *docState) report(offset int, hint, format string, args ...any) {
	line, col := st.position(offset)
	st.diags = append(st.diags, diag.Errorf(st.file, line, col, hint, format, args...))
}

// figureText resolves {{key}} at offset, recording the reference.
func (st *docState) figureText(key string, offset int) (string, bool) {
	st.figures = append(st.figures, refAt{key, offset})
	text, ok := st.resolver.Inline(key)
	if !ok {
		st.reportUnknown("figure", key, offset, st.figureKeys())
	}
	return text, ok
}

// comparisonAt is a resolved comparison and where it is written.
type comparisonAt struct {
	verb, key, year, from string
	offset                int
}

// comparisonText resolves {{previous key}} or {{change key}} (year may be
// "") at offset, recording it; {{change key}} refers to this year's figure
// too.
func (st *docState) comparisonText(verb, key, year string, offset int) (string, bool) {
	c, ok := st.resolver.(Comparer)
	if !ok {
		st.report(offset, "use comparisons in a report's cover or sections (content/<year>/…)",
			"there is nothing to compare with outside a report year")
		return "", false
	}
	if verb == verbChange {
		if _, known := st.figureText(key, offset); !known {
			return "", false
		}
	}
	text, from, err := c.Compare(verb, key, year)
	if err != nil {
		st.reportResolverError(err, offset)
		return "", false
	}
	st.comparisons = append(st.comparisons, comparisonAt{verb, key, year, from, offset})
	return text, true
}

func (st *docState) positionedComparisons() []Comparison {
	if len(st.comparisons) == 0 {
		return nil
	}
	refs := make([]refAt, len(st.comparisons))
	for i, c := range st.comparisons {
		refs[i] = refAt{key: c.key, offset: c.offset}
	}
	slices.SortStableFunc(st.comparisons, func(a, b comparisonAt) int { return cmp.Compare(a.offset, b.offset) })
	placed := st.positioned(refs) // sorts refs the same way
	out := make([]Comparison, len(placed))
	for i, c := range st.comparisons {
		out[i] = Comparison{Ref: placed[i], Verb: c.verb, Year: c.year, From: c.from}
	}
	return out
}

// chartHTML resolves {{chart key}} at offset, recording the reference.
func (st *docState) chartHTML(key string, offset int) template.HTML {
	st.charts = append(st.charts, refAt{key, offset})
	h, err := st.resolver.Chart(key)
	if errors.Is(err, ErrUnknownKey) {
		st.reportUnknown("chart", key, offset, st.chartKeys())
		return ""
	}
	if err != nil {
		st.reportResolverError(err, offset)
		return ""
	}
	return h
}

// keyFiguresHTML resolves {{key-figures …}}, recording every key; offsets are
// where each key is written, so an unknown one is pointed at exactly.
func (st *docState) keyFiguresHTML(keys []string, offsets []int, blockOffset int) template.HTML {
	known := true
	for i, key := range keys {
		if _, ok := st.figureText(key, offsets[i]); !ok {
			known = false
		}
	}
	if !known {
		return ""
	}
	h, err := st.resolver.KeyFigures(keys)
	if err != nil {
		st.reportResolverError(err, blockOffset)
		return ""
	}
	return h
}

// reportResolverError positions an error from the Resolver, keeping its hint
// if it is a Diagnostic. A Diagnostic with a line of its own, a mistake in
// the layout partial that marks the block up, stays there: the fix is in
// that file, and every block the partial marks up meets the same mistake.
func (st *docState) reportResolverError(err error, offset int) {
	var d *diag.Diagnostic
	if errors.As(err, &d) && d.File != "" && d.Line > 0 {
		st.diags = append(st.diags, d)
		return
	}
	if errors.As(err, &d) {
		st.report(offset, d.Hint, "%s", d.Msg)
		return
	}
	st.report(offset, "", "%v", err)
}

// reportUnknown reports an undefined key of kind "figure" or "chart". The
// figures file is the one beside the Markdown file: each report year keeps
// its own.
func (st *docState) reportUnknown(kind, key string, offset int, known []string) {
	if p, ok := st.resolver.(Placement); ok && p.OutsideReport() {
		st.report(offset, "use figures in a report's cover or sections (content/<year>/…), where the year's figures.toml is",
			"there are no %ss outside a report year", kind)
		return
	}
	figuresFile := path.Join(path.Dir(st.file), "figures.toml")
	switch key {
	case verbChart:
		st.report(offset, fmt.Sprintf("write the key of a chart of %s after chart, like {{chart key}}", figuresFile), "{{chart}} names no chart")
		return
	case verbPrevious, verbChange, verbKeyFigures:
		// {{previous}}: the word that starts a reference, without its key.
		st.report(offset, fmt.Sprintf("write the key of a figure of %s after %s, like {{%s key}}", figuresFile, key, key), "{{%s}} names no figure", key)
		return
	}
	define := fmt.Sprintf("define [%s.%s] in %s", kind, key, figuresFile)
	hint := define + ", or check the spelling of the key"
	if near, ok := closestKey(key, known); ok {
		if kind == "chart" {
			near = verbChart + " " + near
		}
		hint = fmt.Sprintf("did you mean {{%s}}? If not, %s", near, define)
	}
	st.report(offset, hint, "unknown %s %q", kind, key)
}

func (st *docState) figureKeys() []string {
	if l, ok := st.resolver.(KeyLister); ok {
		return l.Keys()
	}
	return nil
}

func (st *docState) chartKeys() []string {
	if l, ok := st.resolver.(ChartLister); ok {
		return l.ChartKeys()
	}
	return nil
}

// noFigures is the Resolver of a document converted without one.
type noFigures struct{}

func (noFigures) Inline(string) (string, bool) { return "", false }
func (noFigures) Chart(string) (template.HTML, error) {
	return "", ErrUnknownKey
}
func (noFigures) KeyFigures([]string) (template.HTML, error) { return "", ErrUnknownKey }
