package importer

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

type blockKind int

const (
	paraBlock blockKind = iota
	headingBlock
	tableBlock
	noteBlock  // a footnote's or endnote's text, after the draft's text
	imageBlock // where a Word draft has an image, which is not imported
)

// block is one paragraph, heading or table of a draft.
type block struct {
	kind   blockKind
	level  int    // headings: 0 the title, 1 the top level (一、), 2 (（一）), …
	text   string // without any official numbering
	marker string // a list item's numbering, kept before the text
	rows   [][]cell
	line   int  // line of a text file, paragraph of a Word file
	styled bool // the level came from a Word style or outline level
	note   int  // a note's number, from 1, in the order the text cites them
}

// noteMark stands in the text for the citation of note n until the
// Markdown is written: a character of Unicode's private use area, which
// neither the search for numbers nor the escaping of Markdown touches.
func noteMark(n int) rune { return rune(0xE000 + n) }

func isNoteMark(r rune) bool { return r > noteMark(0) && r < noteMark(0x1000) }

// cell is one cell of a Word table.
type cell struct {
	text   string
	span   int  // columns it covers
	merged bool // Word merged it with a neighbour
	vmerge bool // it continues the cell above
}

// Official-document numbering (GB/T 9704-2012 §7.3.3): 一、 then （一） then
// 1. then （1）.
var numbering = []struct {
	re    *regexp.Regexp
	level int
}{
	{regexp.MustCompile(`^[一二三四五六七八九十百]+[、，]\s*`), 1},
	{regexp.MustCompile(`^[（(][一二三四五六七八九十百]+[）)]\s*`), 2},
	{regexp.MustCompile(`^[0-9]{1,2}[.．、]\s*`), 3},
	{regexp.MustCompile(`^[（(][0-9]+[）)]\s*`), 4},
}

// maxHeadingRunes is how long a numbered line may be and still be a
// heading; a longer one is a numbered paragraph.
const maxHeadingRunes = 40

// textBlocks splits a plain-text draft into paragraphs, one per line.
func textBlocks(text string, chinese bool) []block {
	var blocks []block
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = normalize(line, chinese)
		if line == "" || !hasLetters(line) {
			continue
		}
		blocks = append(blocks, block{kind: paraBlock, text: line, line: i + 1})
	}
	return blocks
}

// structure finds the headings of a draft: Word's heading styles where it
// has them; otherwise the official numbering; in a draft with neither,
// short lines without closing punctuation. The first heading-like line
// of a draft without a title becomes its title, and so does a styled
// first paragraph that is the draft's only styled one: many drafts style
// their title alone and number their headings by hand.
func structure(blocks []block, chinese bool) []block {
	styled, numbered := 0, false
	for i := range blocks {
		b := &blocks[i]
		if b.kind == headingBlock && b.styled {
			styled++
		}
		if b.kind == paraBlock {
			b.text = normalize(b.text, chinese)
		}
	}
	// hasStyles stays true after the lone styled title is promoted: the
	// numbering is then read, but a draft with styles has its headings
	// styled or numbered, so its short lines are never guessed to be ones.
	hasStyles := styled > 0
	if styled == 1 && len(blocks) > 1 && blocks[0].kind == headingBlock && blocks[0].styled {
		blocks[0].level, styled = 0, 0
	}
	var out []block
	for _, b := range blocks {
		if b.kind != paraBlock {
			out = append(out, b)
			continue
		}
		if level, marker, rest, ok := readNumbering(b.text); ok && styled == 0 {
			numbered = true
			head, body := splitHeading(rest)
			if utf8.RuneCountInString(head) <= maxHeadingRunes {
				out = append(out, block{kind: headingBlock, level: level, text: head, line: b.line})
				if body != "" {
					out = append(out, block{kind: paraBlock, text: body, line: b.line})
				}
				continue
			}
			b.marker, b.text = marker, rest
		}
		out = append(out, b)
	}
	if !hasStyles && !numbered {
		// A heading has text under it: a short line at the end, or
		// before another short line, is a line of text.
		for i := range out {
			next := i + 1
			if out[i].kind == paraBlock && headingLike(out[i].text) && next < len(out) && out[next].kind != headingBlock && !headingLike(out[next].text) {
				out[i].kind, out[i].level = headingBlock, 1
			}
		}
	}
	hasTitle := false
	for _, b := range out {
		if b.kind == headingBlock && b.level == 0 {
			hasTitle = true
		}
	}
	if !hasTitle && len(out) > 0 && styled == 0 && (out[0].kind == headingBlock || headingLike(out[0].text)) && out[0].kind != tableBlock {
		out[0].kind, out[0].level = headingBlock, 0
	}
	return out
}

// numbered_ reads official numbering at the start of a paragraph.
func readNumbering(text string) (level int, marker, rest string, ok bool) {
	for _, n := range numbering {
		if m := n.re.FindString(text); m != "" && !startsWithDigit(text[len(m):]) {
			return n.level, strings.TrimSpace(m), strings.TrimSpace(text[len(m):]), true
		}
	}
	return 0, "", text, false
}

// splitHeading parts "加强政策制度建设。出台……" into the heading and the text
// after it: official drafts often run a heading into its paragraph.
func splitHeading(text string) (head, body string) {
	if i := strings.Index(text, "。"); i >= 0 && strings.TrimSpace(text[i+len("。"):]) != "" {
		return text[:i], strings.TrimSpace(text[i+len("。"):])
	}
	return strings.TrimSuffix(text, "。"), ""
}

// headingLike: a short line that does not end a sentence.
func headingLike(text string) bool {
	if utf8.RuneCountInString(text) > 30 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	return !strings.ContainsRune("。；：，！？.;:,!?、", last)
}

func hasLetters(s string) bool {
	for _, r := range s {
		if isHan(r) && r != '“' && r != '”' || isASCIILetter(r) || isDigit(r) {
			return true
		}
	}
	return false
}
