package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A .docx file is a zip of XML parts; the text is in word/document.xml,
// the paragraph styles in word/styles.xml and the notes in
// word/footnotes.xml and word/endnotes.xml. Only the standard library reads
// them: paragraphs, their style's heading level, tables and notes.

// docxStyle is what a paragraph style says about headings.
type docxStyle struct {
	name    string
	basedOn string
	outline int // 0-based outline level; -1 when the style sets none
}

// readDocx returns the blocks of a .docx file in document order. A
// paragraph's heading level comes from its outline level or its style's
// name ("heading 2", "Title"): Chinese-locale Word gives the styles numeric
// ids, so the id itself says nothing.
func readDocx(data []byte) ([]block, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errors.New("the file is not a Word document (.docx): it is not a zip archive")
	}
	part := func(name string) ([]byte, error) {
		for _, f := range zr.File {
			if f.Name == name {
				r, err := f.Open()
				if err != nil {
					return nil, err
				}
				defer r.Close()
				return io.ReadAll(io.LimitReader(r, 64<<20))
			}
		}
		return nil, nil
	}
	doc, err := part("word/document.xml")
	if err != nil || doc == nil {
		return nil, errors.New("the file is not a Word document (.docx): it has no word/document.xml")
	}
	stylesXML, err := part("word/styles.xml")
	if err != nil {
		return nil, err
	}
	styles := parseStyles(stylesXML)
	notes := &citedNotes{number: map[string]int{}}
	blocks, err := parseDocument(doc, styles, notes)
	if err != nil {
		return nil, err
	}
	texts := map[string]string{}
	for _, name := range []string{"footnotes", "endnotes"} {
		xmlData, err := part("word/" + name + ".xml")
		if err != nil {
			return nil, err
		}
		readNotes(xmlData, strings.TrimSuffix(name, "s"), texts)
	}
	for i, id := range notes.order {
		if text := texts[id]; text != "" {
			blocks = append(blocks, block{kind: noteBlock, text: text, note: i + 1, line: notes.paragraph[i]})
		}
	}
	return blocks, nil
}

// citedNotes numbers the footnotes and endnotes in the order the text
// cites them; a note is known by its kind and Word's id ("footnote 2").
type citedNotes struct {
	number    map[string]int
	order     []string
	paragraph []int // where each is first cited
}

func (n *citedNotes) cite(id string, paragraph int) int {
	if k, ok := n.number[id]; ok {
		return k
	}
	n.order = append(n.order, id)
	n.paragraph = append(n.paragraph, paragraph)
	n.number[id] = len(n.order)
	return len(n.order)
}

// readNotes adds the text of each note of a footnotes.xml or endnotes.xml
// (kind "footnote" or "endnote") to texts, by kind and id; Word's
// separators are not notes.
func readNotes(data []byte, kind string, texts map[string]string) {
	if data == nil {
		return
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var text strings.Builder
	id, inText := "", false
	for {
		tok, err := d.Token()
		if err != nil {
			return // what was read before a damage stays
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case kind:
				id, _ = attr(t, "id")
				if typ, _ := attr(t, "type"); typ != "" && typ != "normal" {
					id = ""
				}
				text.Reset()
			case "t":
				inText = true
			case "tab", "br", "cr":
				text.WriteString(" ")
			}
		case xml.CharData:
			if inText && id != "" {
				text.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				text.WriteString(" ")
			case kind:
				if id != "" {
					texts[kind+" "+id] = strings.Join(strings.Fields(text.String()), " ")
				}
				id = ""
			}
		}
	}
}

func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

func parseStyles(data []byte) map[string]docxStyle {
	styles := map[string]docxStyle{}
	if data == nil {
		return styles
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var id string
	var cur docxStyle
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "style":
				id, _ = attr(t, "styleId")
				cur = docxStyle{outline: -1}
			case "name":
				cur.name, _ = attr(t, "val")
			case "basedOn":
				cur.basedOn, _ = attr(t, "val")
			case "outlineLvl":
				if v, ok := attr(t, "val"); ok {
					if n, err := strconv.Atoi(v); err == nil {
						cur.outline = n
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "style" && id != "" {
				styles[id] = cur
				id = ""
			}
		}
	}
	return styles
}

// headingLevel is a style's heading level: 0 for a title, 1 for "heading 1"
// or outline level 0, and so on; -1 for body text. Styles inherit from
// the style they are based on.
func headingLevel(styles map[string]docxStyle, id string) int {
	for seen := 0; id != "" && seen < 10; seen++ {
		s, ok := styles[id]
		if !ok {
			return -1
		}
		name := strings.ToLower(strings.TrimSpace(s.name))
		switch {
		case name == "title" || name == "标题":
			return 0
		case strings.HasPrefix(name, "heading "), strings.HasPrefix(name, "标题 "):
			_, num, _ := strings.Cut(name, " ")
			if n, err := strconv.Atoi(num); err == nil && n >= 1 && n <= 9 {
				return n
			}
		}
		if s.outline >= 0 && s.outline < 9 {
			return s.outline + 1
		}
		id = s.basedOn
	}
	return -1
}

// parseDocument walks document.xml: paragraphs outside tables become
// blocks; a table becomes one block of rows, whose cells keep their text
// and say whether Word merged them.
func parseDocument(data []byte, styles map[string]docxStyle, notes *citedNotes) ([]block, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var blocks []block
	var (
		para      strings.Builder
		style     string
		outline   = -1
		paraNo    int
		tableLvl  int
		tbl       *block
		row       []cell
		cur       *cell
		inText    bool
		cellParas int
		images    int // in the paragraph
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("the Word document is damaged: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				para.Reset()
				style, outline, images = "", -1, 0
				paraNo++
			case "drawing", "pict":
				images++
			case "pStyle":
				style, _ = attr(t, "val")
			case "outlineLvl":
				if v, ok := attr(t, "val"); ok {
					if n, err := strconv.Atoi(v); err == nil {
						outline = n
					}
				}
			case "t":
				inText = true
			case "tab":
				para.WriteString(" ")
			case "br", "cr":
				para.WriteString(" ")
			case "footnoteReference", "endnoteReference":
				if id, ok := attr(t, "id"); ok {
					kind := strings.TrimSuffix(t.Name.Local, "Reference")
					para.WriteRune(noteMark(notes.cite(kind+" "+id, paraNo)))
				}
			case "tbl":
				tableLvl++
				if tableLvl == 1 {
					tbl = &block{kind: tableBlock, line: paraNo + 1}
				}
			case "tr":
				if tableLvl == 1 {
					row = nil
				}
			case "tc":
				if tableLvl == 1 {
					row = append(row, cell{span: 1})
					cur = &row[len(row)-1]
					cellParas = 0
				}
			case "gridSpan":
				if cur != nil && tableLvl == 1 {
					if v, ok := attr(t, "val"); ok {
						if n, err := strconv.Atoi(v); err == nil && n > 1 {
							cur.span = n
						}
					}
				}
			case "vMerge":
				if cur != nil && tableLvl == 1 {
					v, _ := attr(t, "val")
					cur.vmerge = v != "restart"
					cur.merged = true
				}
			case "hMerge":
				if cur != nil && tableLvl == 1 {
					cur.merged = true
				}
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				text := strings.TrimSpace(para.String())
				switch {
				case tableLvl > 0:
					if cur != nil && text != "" {
						if cellParas > 0 {
							cur.text += " "
						}
						cur.text += text
						cellParas++
					}
				case text != "":
					level := headingLevel(styles, style)
					if outline >= 0 && outline < 9 {
						level = outline + 1
					}
					kind := paraBlock
					if level >= 0 {
						kind = headingBlock
					}
					blocks = append(blocks, block{kind: kind, level: level, text: text, line: paraNo, styled: level >= 0})
				}
				if images > 0 {
					blocks = append(blocks, block{kind: imageBlock, line: paraNo})
				}
			case "tc":
				if tableLvl == 1 {
					cur = nil
				}
			case "tr":
				if tableLvl == 1 && tbl != nil {
					tbl.rows = append(tbl.rows, row)
				}
			case "tbl":
				tableLvl--
				if tableLvl == 0 && tbl != nil {
					blocks = append(blocks, *tbl)
					tbl = nil
				}
			}
		}
	}
	return blocks, nil
}
