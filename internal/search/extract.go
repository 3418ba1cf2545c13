package search

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xmca/almanac/internal/site"
)

// entry is one searchable passage: the part of a page from one heading to
// the next (the first entry of a page is what comes before its first
// heading, under the page's title, with the page's summary).
type entry struct {
	path    string // the page, relative to the base URL: "zh/2019/highlights/"
	anchor  string // the heading's id, "" for the top of the page
	title   string // the page's title
	heading string // the heading's text, "" for the top of the page
	text    string // the passage as a reader sees it, whitespace collapsed
}

// isBlock reports whether an element ends a run of text: the words on
// either side of it are separate even where the HTML puts no space
// between them. (A switch: every tag of every page is looked up, and a
// map's hashing cost more.)
func isBlock(name string) bool {
	switch name {
	case "p", "li", "td", "th", "tr", "br", "div",
		"h1", "h2", "h3", "h4", "h5", "h6",
		"figcaption", "caption", "dt", "dd", "blockquote",
		"summary", "table", "ul", "ol", "pre", "hr",
		"section", "figure", "details":
		return true
	}
	return false
}

// isSkipped reports whether an element holds no passage text: a chart's
// drawing repeats its data table.
func isSkipped(name string) bool { return name == "svg" || name == "script" || name == "style" }

// skippedClasses mark the links and paragraphs whose text is not part of
// the passage: the chart's download link and footnote markers.
var skippedClasses = []string{"footnote-ref", "footnote-backref", "chart-download"}

// pageEntries splits a page's body into entries.
//
// The body is the Markdown renderer's HTML, well-formed and simple, so a
// scanner of tags and text reads it: a general HTML tokenizer took most of
// the index's time on the charts' SVG, which this one steps over whole.
func pageEntries(p *site.Page) []entry {
	cur := entry{path: p.Path, title: p.Title}
	var text, heading spaced
	text.write(p.Summary) // the summary opens the page, under its title
	if p.Doc == nil {
		cur.text = text.String()
		return []entry{cur}
	}
	var out []entry
	inHeading := ""         // "h2" or "h3" while in the heading that starts an entry
	skipping, skip := 0, "" // depth in an element whose text is skipped, and its name
	// A footnote's text belongs to the passage that cites it, not to the
	// last one, under which the page lists the notes.
	cites := map[string]int{} // footnote id → the entry citing it
	notes := map[int]*spaced{}
	note, noteDepth := (*spaced)(nil), 0 // the note being read, and its depth in <li>
	src := string(p.Doc.HTML(""))
	for i := 0; i < len(src); {
		lt := strings.IndexByte(src[i:], '<')
		if lt < 0 {
			lt = len(src) - i
		}
		if lt > 0 && skipping == 0 {
			t := src[i : i+lt]
			if strings.IndexByte(t, '&') >= 0 {
				t = html.UnescapeString(t)
			}
			switch {
			case inHeading != "":
				heading.write(t)
			case note != nil:
				note.write(t)
			default:
				text.write(t)
			}
		}
		i += lt
		if i >= len(src) {
			break
		}
		tag, next := readTag(src, i)
		i = next
		switch {
		case tag.name == "":
			// A comment or a declaration.
		case skipping > 0:
			if tag.name == skip {
				if tag.end {
					skipping--
				} else if !tag.selfClosing {
					skipping++
				}
			}
		case tag.end && tag.name == inHeading:
			cur.heading = heading.String()
			inHeading = ""
		case !tag.end && (tag.name == "h2" || tag.name == "h3") && tag.attr("id") != "":
			cur.text = text.String()
			out = append(out, cur)
			cur = entry{path: p.Path, anchor: tag.attr("id"), title: p.Title}
			text.reset()
			heading.reset()
			inHeading = tag.name
		case !tag.end && !tag.selfClosing && isSkipped(tag.name):
			// Nothing inside nests another: step to the end tag at once.
			end := strings.Index(src[i:], "</"+tag.name)
			if end < 0 {
				end = len(src) - i
			}
			i += end
		case !tag.end && !tag.selfClosing && (tag.name == "a" || tag.name == "p") && hasClass(tag):
			if id, ok := strings.CutPrefix(tag.attr("href"), "#"); ok && strings.Contains(tag.attr("class"), "footnote-ref") {
				if _, seen := cites[id]; !seen {
					cites[id] = len(out)
				}
			}
			skipping, skip = 1, tag.name
		case tag.name == "li" && note != nil:
			if tag.end {
				noteDepth--
			} else {
				noteDepth++
			}
			note.space()
			if noteDepth == 0 {
				note = nil
			}
		case tag.name == "li" && !tag.end && len(cites) > 0:
			if at, ok := cites[tag.attr("id")]; ok {
				if notes[at] == nil {
					notes[at] = &spaced{}
				}
				note, noteDepth = notes[at], 1
			}
			text.space()
		case isBlock(tag.name):
			switch {
			case inHeading != "":
				heading.space()
			case note != nil:
				note.space()
			default:
				text.space()
			}
		}
	}
	cur.text = text.String()
	out = append(out, cur)
	for at, n := range notes {
		out[at].text = joinSpaced(out[at].text, n.String())
	}
	return out
}

// joinSpaced is a and b with one space between them if both have text.
func joinSpaced(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + " " + b
}

// hasClass reports whether the tag has one of skippedClasses. Most tags
// have none, so their attributes are looked at whole first.
func hasClass(t tag) bool {
	for _, c := range skippedClasses {
		if strings.Contains(t.attrs, c) && strings.Contains(t.attr("class"), c) {
			return true
		}
	}
	return false
}

// tag is one tag as readTag finds it.
type tag struct {
	name             string // lower case; "" for comments and declarations
	end, selfClosing bool
	attrs            string // the text between the name and the closing >
}

// readTag reads the tag that starts at src[i] ('<') and returns it and the
// offset after it. A '<' that starts no tag is read as a one-character
// comment, so the text around it is not lost either way it was written
// (the renderer escapes a '<' in text as &lt;).
func readTag(src string, i int) (tag, int) {
	j := i + 1
	if strings.HasPrefix(src[j:], "!--") {
		end := strings.Index(src[j+3:], "-->")
		if end < 0 {
			return tag{}, len(src)
		}
		return tag{}, j + 3 + end + 3
	}
	var t tag
	if j < len(src) && src[j] == '/' {
		t.end = true
		j++
	}
	start := j
	for j < len(src) && isNameByte(src[j]) {
		j++
	}
	if j == start {
		// "<!DOCTYPE", "<?": skip to '>'.
		end := strings.IndexByte(src[j:], '>')
		if end < 0 {
			return tag{}, len(src)
		}
		return tag{}, j + end + 1
	}
	t.name = strings.ToLower(src[start:j])
	// The attributes run to the first '>' outside quotes.
	attrStart := j
	var quote byte
	for ; j < len(src); j++ {
		c := src[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			t.attrs = src[attrStart:j]
			t.selfClosing = strings.HasSuffix(t.attrs, "/")
			return t, j + 1
		}
	}
	t.attrs = src[attrStart:]
	return t, len(src)
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == ':'
}

// attr is the value of the attribute key, unescaped, or "".
func (t tag) attr(key string) string {
	s := t.attrs
	for len(s) > 0 {
		s = strings.TrimLeft(s, " \t\n\r\f/")
		k := 0
		for k < len(s) && s[k] != '=' && s[k] != ' ' && s[k] != '>' && s[k] != '/' && s[k] != '\t' && s[k] != '\n' {
			k++
		}
		name := s[:k]
		s = strings.TrimLeft(s[k:], " \t\n\r\f")
		val := ""
		if strings.HasPrefix(s, "=") {
			s = strings.TrimLeft(s[1:], " \t\n\r\f")
			if len(s) > 0 && (s[0] == '"' || s[0] == '\'') {
				end := strings.IndexByte(s[1:], s[0])
				if end < 0 {
					end = len(s) - 1
				}
				val, s = s[1:1+end], s[min(len(s), end+2):]
			} else {
				end := strings.IndexAny(s, " \t\n\r\f>")
				if end < 0 {
					end = len(s)
				}
				val, s = s[:end], s[end:]
			}
		}
		if strings.EqualFold(name, key) {
			return html.UnescapeString(val)
		}
		if k == 0 && val == "" {
			break
		}
	}
	return ""
}

// spaced gathers text with every run of white space as one space and
// none at either end. Its buffer is kept from one entry to the next, so
// an entry's text is allocated once, at its length.
type spaced struct {
	b       []byte
	pending bool // white space was met since the last text
}

func (s *spaced) write(t string) {
	start := 0 // of the run of text not yet written
	for i := 0; i < len(t); {
		c, size := rune(t[i]), 1
		if c > ' ' && c < utf8.RuneSelf {
			i++ // the most common case, settled without unicode.IsSpace
			continue
		}
		if c >= utf8.RuneSelf {
			if !spaceLead(t[i]) {
				// Chinese and most other text: no space starts so.
				i += utf8Len(t[i])
				continue
			}
			c, size = utf8.DecodeRuneInString(t[i:])
		}
		if !unicode.IsSpace(c) {
			i += size
			continue
		}
		s.run(t[start:i])
		s.pending = true
		i += size
		start = i
	}
	s.run(t[start:])
}

// spaceLead reports whether a character starting with byte b may be
// white space beyond ASCII: U+0085 and U+00A0 start with 0xC2, U+1680 with
// 0xE1, U+2000–U+205F with 0xE2, U+3000 with 0xE3.
func spaceLead(b byte) bool { return b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3 }

// utf8Len is the length of the UTF-8 sequence that starts with b (1 for a
// byte that starts none, which DecodeRune would read as one bad byte).
func utf8Len(b byte) int {
	switch {
	case b >= 0xF0 && b < 0xF8:
		return 4
	case b >= 0xE0:
		return 3
	case b >= 0xC0:
		return 2
	}
	return 1
}

// run writes text without white space, after a space if one is pending.
func (s *spaced) run(t string) {
	if t == "" {
		return
	}
	if s.pending && len(s.b) > 0 {
		s.b = append(s.b, ' ')
	}
	s.pending = false
	s.b = append(s.b, t...)
}

// space separates what comes next from what came before.
func (s *spaced) space() { s.pending = true }

func (s *spaced) String() string { return string(s.b) }

func (s *spaced) reset() {
	s.b = s.b[:0]
	s.pending = false
}
