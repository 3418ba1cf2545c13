package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"path"
	"sort"
	"unicode/utf8"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/xmca/almanac/internal/diag"
)

// docState is what the parsers and transformer learn about one document.
type docState struct {
	src       []byte
	file      string
	firstLine int
	resolver  Resolver

	lineStarts []int        // byte offsets of each line's start; built on first use
	last       mark         // the last position computed, to count on from
	unclosed   text.Segment // the rest of a line known to hold no "}}"

	figures []Ref
	charts  []Ref
	toc     []Heading
	diags   diag.List
}

func newDocState(src []byte, file string, firstLine int, r Resolver) *docState {
	if firstLine < 1 {
		firstLine = 1
	}
	if r == nil {
		r = noFigures{}
	}
	return &docState{src: src, file: file, firstLine: firstLine, resolver: r}
}

// stateOf returns the document's state, or nil when the parser runs outside
// Convert (then figure syntax stays literal).
func stateOf(pc parser.Context) *docState {
	st, _ := pc.Get(stateKey).(*docState)
	return st
}

// mark is a byte offset in src and its line index and column.
type mark struct{ offset, line, col int }

// position converts a byte offset in src to a line and column of the file.
// Columns count characters from the last position on the same line when
// possible, so that a long line full of references is not counted over and
// over.
func (st *docState) position(offset int) (line, col int) {
	if st.lineStarts == nil {
		st.lineStarts = lineStarts(st.src)
		st.last = mark{col: 1}
	}
	offset = max(0, min(offset, len(st.src)))
	i := sort.SearchInts(st.lineStarts, offset+1) - 1
	from := mark{offset: st.lineStarts[i], line: i, col: 1}
	if st.last.line == i && st.last.offset <= offset {
		from = st.last
	}
	col = from.col + utf8.RuneCount(st.src[from.offset:offset])
	st.last = mark{offset: offset, line: i, col: col}
	return st.firstLine + i, col
}

func lineStarts(src []byte) []int {
	starts := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	for i := 0; ; {
		n := bytes.IndexByte(src[i:], '\n')
		if n < 0 {
			return starts
		}
		i += n + 1
		starts = append(starts, i)
	}
}

func (st *docState) ref(key string, offset int) Ref {
	line, col := st.position(offset)
	return Ref{Key: key, Line: line, Col: col}
}

func (st *docState) report(offset int, hint, format string, args ...any) {
	line, col := st.position(offset)
	st.diags = append(st.diags, diag.Errorf(st.file, line, col, hint, format, args...))
}

// figureText resolves {{key}} at offset, recording the reference.
func (st *docState) figureText(key string, offset int) (string, bool) {
	st.figures = append(st.figures, st.ref(key, offset))
	text, ok := st.resolver.Inline(key)
	if !ok {
		st.reportUnknown("figure", key, offset, st.figureKeys())
	}
	return text, ok
}

// chartHTML resolves {{chart key}} at offset, recording the reference.
func (st *docState) chartHTML(key string, offset int) template.HTML {
	st.charts = append(st.charts, st.ref(key, offset))
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
// if it is a Diagnostic.
func (st *docState) reportResolverError(err error, offset int) {
	var d *diag.Diagnostic
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
	figuresFile := path.Join(path.Dir(st.file), "figures.toml")
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
