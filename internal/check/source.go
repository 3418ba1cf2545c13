package check

import (
	"bytes"
	"io/fs"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/diag"
)

// source is what the checker reads in one Markdown file itself: the build
// keeps the rendered HTML, but links, headings and typed numbers must be
// pointed at in the file the editor wrote.
type source struct {
	file     string
	body     []byte
	bodyLine int
	front    content.FrontMatter

	parseOnce sync.Once
	md        mdFacts // through parsed()
}

// mdFacts is what parsing a source's Markdown finds.
type mdFacts struct {
	links    []mdLink
	headings []mdHeading
	texts    []text.Segment // prose text, outside code and links' addresses
	html     []rawHTML      // raw HTML, inline or a block
}

// rawHTML is where raw HTML starts in the body.
type rawHTML struct {
	offset int
	block  bool // a block (<div>…</div>), whose text goes with it
}

// parsed is the source's links, headings and prose, parsed on first use:
// the checks build runs look at them only where they found a problem.
func (s *source) parsed() *mdFacts {
	s.parseOnce.Do(s.parse)
	return &s.md
}

// mdLink is a link or image written in Markdown.
type mdLink struct {
	dest      string // as written, escaped the way the renderer escapes it
	line, col int
	image     bool
}

// mdHeading is a heading written in Markdown.
type mdHeading struct {
	level     int
	id        string // written with {#id}; "" when the id is generated
	line, col int
}

// plain parses Markdown the way almanac's converter does as far as links,
// headings and code are concerned; figure references stay text.
var plain = goldmark.New(
	goldmark.WithExtensions(extension.GFM, extension.Footnote),
	goldmark.WithParserOptions(parser.WithAttribute()),
)

// readSource reads file from fsys and its front matter. It returns nil when
// the file cannot be read; the build has already read it, so that only
// happens when the file changed in between.
func readSource(fsys fs.FS, file string) *source {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil
	}
	front, body, bodyLine, err := content.SplitFrontMatter(file, src)
	if err != nil {
		return nil
	}
	s := &source{file: file, body: body, bodyLine: bodyLine}
	s.front, _ = content.ParseFrontMatter(file, front)
	return s
}

// parse fills s.md; call it through parsed.
func (s *source) parse() {
	body := s.body
	doc := plain.Parser().Parse(text.NewReader(body))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				s.md.html = append(s.md.html, rawHTML{n.Lines().At(0).Start, true})
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				s.md.html = append(s.md.html, rawHTML{n.Segments.At(0).Start, false})
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			s.addLink(n.Destination, n.Pos(), false)
		case *ast.Image:
			s.addLink(n.Destination, n.Pos(), true)
		case *ast.AutoLink:
			s.addLink(n.URL(body), n.Pos(), false)
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			h := mdHeading{level: n.Level}
			if v, ok := n.AttributeString("id"); ok {
				if b, ok := v.([]byte); ok {
					h.id = string(b)
				}
			}
			h.line, h.col = s.position(n.Pos())
			if n.Lines().Len() > 0 && n.Pos() < 0 {
				h.line, h.col = s.position(n.Lines().At(0).Start)
			}
			s.md.headings = append(s.md.headings, h)
		case *ast.Text:
			s.md.texts = append(s.md.texts, n.Segment)
		}
		return ast.WalkContinue, nil
	})
}

func (s *source) addLink(dest []byte, pos int, image bool) {
	l := mdLink{dest: string(util.URLEscape(dest, true)), image: image}
	if pos < 0 {
		// Without a position, the address itself is the best clue.
		pos = bytes.Index(s.body, dest)
	}
	l.line, l.col = s.position(pos)
	s.md.links = append(s.md.links, l)
}

// position turns a byte offset in the body into a line and column of the
// file; an unknown offset gives line 0.
func (s *source) position(offset int) (line, col int) {
	if offset < 0 {
		return 0, 0
	}
	line, col = diag.LineCol(s.body, offset)
	return s.bodyLine + line - 1, col
}

// level1 lists the # headings, which make a second <h1> on the page.
func (s *source) level1() []mdHeading {
	var out []mdHeading
	for _, h := range s.parsed().headings {
		if h.level == 1 {
			out = append(out, h)
		}
	}
	return out
}

// sentenceAt numbers the sentence holding the given file line and column
// (characters, 1-based) by counting the sentence ends before it: 。！？, an
// English full stop, question or exclamation mark before a space, and a
// blank line; with clauses, a semicolon (；, or ; before a space) ends one
// too.
func (s *source) sentenceAt(line, col int, clauses bool) int {
	offset := s.offsetOf(line, col)
	n := 0
	body := s.body[:offset]
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		next := byte(' ')
		if i+size < len(s.body) {
			next = s.body[i+size]
		}
		switch {
		case r == '。' || r == '！' || r == '？' || r == '；' && clauses:
			n++
		case (r == '.' || r == '!' || r == '?' || r == ';' && clauses) && (next == ' ' || next == '\n'):
			n++
		case r == '\n' && next == '\n':
			n++
		}
		i += size
	}
	return n
}

// offsetOf turns a file line and character column into a byte offset in the
// body, clamped to the body.
func (s *source) offsetOf(line, col int) int {
	offset := 0
	for l := s.bodyLine; l < line; l++ {
		nl := bytes.IndexByte(s.body[offset:], '\n')
		if nl < 0 {
			return len(s.body)
		}
		offset += nl + 1
	}
	for ; col > 1 && offset < len(s.body); col-- {
		_, size := utf8.DecodeRune(s.body[offset:])
		offset += size
	}
	return offset
}
