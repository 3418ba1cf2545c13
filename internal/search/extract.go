package search

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/xmca/almanac/internal/site"
)

// entry is one searchable passage: the part of a page from one heading to
// the next (the first entry of a page is what comes before its first
// heading, under the page's title).
type entry struct {
	path    string // the page, relative to the base URL: "zh/2019/highlights/"
	anchor  string // the heading's id, "" for the top of the page
	title   string // the page's title
	heading string // the heading's text, "" for the top of the page
	text    string // the passage as a reader sees it, whitespace collapsed
}

// headingLevels are the headings that start an entry: those of the
// page's table of contents.
var headingLevels = map[atom.Atom]bool{atom.H2: true, atom.H3: true}

// blockTags end a run of text: the words on either side of them are
// separate even where the HTML puts no space between them.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Td: true, atom.Th: true, atom.Tr: true, atom.Br: true,
	atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Figcaption: true, atom.Caption: true, atom.Dt: true, atom.Dd: true, atom.Blockquote: true,
	atom.Summary: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Pre: true, atom.Hr: true,
	atom.Section: true, atom.Figure: true, atom.Details: true,
}

// skipped reports whether the text inside a start tag is not part of the
// passage: drawings (a chart's SVG repeats its data table), the chart's
// download link and footnote markers.
func skipped(a atom.Atom, z *html.Tokenizer, hasAttr bool) bool {
	if a == atom.Svg || a == atom.Script || a == atom.Style {
		return true
	}
	if !hasAttr || a != atom.A && a != atom.P {
		return false
	}
	for {
		k, v, more := z.TagAttr()
		if string(k) == "class" {
			c := string(v)
			return strings.Contains(c, "footnote-ref") || strings.Contains(c, "footnote-backref") || strings.Contains(c, "chart-download")
		}
		if !more {
			return false
		}
	}
}

// pageEntries splits a page's body into entries.
func pageEntries(p *site.Page) []entry {
	cur := entry{path: p.Path, title: p.Title}
	if p.Doc == nil {
		cur.text = p.Summary
		return []entry{cur}
	}
	var out []entry
	var text, heading strings.Builder
	text.WriteString(p.Summary) // the summary opens the page, under its title
	inHeading := atom.Atom(0)
	skipDepth, skipTag := 0, atom.Atom(0)
	sep := func(b *strings.Builder) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
	}
	z := html.NewTokenizer(strings.NewReader(string(p.Doc.HTML(""))))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			cur.text = collapse(text.String())
			return append(out, cur)
		case html.TextToken:
			if skipDepth > 0 {
				continue
			}
			if inHeading != 0 {
				heading.Write(z.Text())
			} else {
				text.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skipDepth > 0 {
				if a == skipTag && tt == html.StartTagToken {
					skipDepth++
				}
				continue
			}
			if headingLevels[a] && tt == html.StartTagToken {
				id := attr(z, hasAttr, "id")
				if id != "" {
					cur.text = collapse(text.String())
					out = append(out, cur)
					cur = entry{path: p.Path, anchor: id, title: p.Title}
					text.Reset()
					heading.Reset()
					inHeading = a
					continue
				}
			}
			if skipped(a, z, hasAttr) && tt == html.StartTagToken {
				skipDepth, skipTag = 1, a
				continue
			}
			if blockTags[a] {
				if inHeading != 0 {
					sep(&heading)
				} else {
					sep(&text)
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipDepth > 0 {
				if a == skipTag {
					skipDepth--
				}
				continue
			}
			if a == inHeading && a != 0 {
				cur.heading = collapse(heading.String())
				inHeading = 0
				continue
			}
			if blockTags[a] {
				sep(&text)
			}
		}
	}
}

// attr reads the value of the attribute key of the current start tag.
func attr(z *html.Tokenizer, hasAttr bool, key string) string {
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		if string(k) == key {
			return string(v)
		}
	}
	return ""
}

// collapse turns every run of white space into one space and trims the ends.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
