package check

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlPage is what the checker learns from one built HTML file.
type htmlPage struct {
	src        []byte
	ids        map[string]bool
	headingIDs []string // ids of h1…h6, in order: the anchors worth suggesting
	dupIDs     []idAt   // every repeat of an id already used
	links      []linkAt
	h1         []int // offsets of each <h1>
	problems   []problem
	doctype    bool
}

type idAt struct {
	id     string
	offset int
}

type linkAt struct {
	tag, attr, url string
	offset         int
}

type problem struct {
	offset    int
	msg, hint string
}

var (
	voidElements = set("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr")
	// optionalEnd are the elements HTML lets a page leave unclosed.
	optionalEnd = set("p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rt", "rp", "rb", "rtc", "colgroup", "caption", "html", "head", "body")
	// closesP are the elements whose start ends an open <p>.
	closesP = set("address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figcaption", "figure",
		"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul")
	// implicitClose maps a start tag to the open elements it ends.
	implicitClose = map[string][]string{
		"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
		"tr": {"td", "th", "tr"}, "td": {"td", "th"}, "th": {"td", "th"},
		"thead": {"td", "th", "tr", "tbody", "thead"}, "tbody": {"td", "th", "tr", "tbody", "thead"}, "tfoot": {"td", "th", "tr", "tbody", "thead"},
		"option": {"option"}, "optgroup": {"option", "optgroup"},
	}
	linkAttrs = map[string]string{
		"a": "href", "area": "href", "link": "href", "form": "action",
		"img": "src", "script": "src", "source": "src", "iframe": "src", "audio": "src", "video": "src", "track": "src", "embed": "src",
	}
)

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

type openElement struct {
	name   string
	offset int
}

// parseHTML reads a page with golang.org/x/net/html's tokenizer and checks
// that its elements nest and close properly: browsers repair bad HTML each
// in its own way, and screen readers and print then see something else
// than the designer did.
func parseHTML(src []byte) *htmlPage {
	p := &htmlPage{src: src, ids: map[string]bool{}}
	z := html.NewTokenizer(bytes.NewReader(src))
	var stack []openElement
	// endedP remembers where a <p> was ended by a block inside it, to explain
	// the stray </p> that usually follows.
	endedP := -1
	offset := 0
	foreign := 0 // depth inside <svg> or <math>, where XML rules apply
	for {
		tt := z.Next()
		start := offset
		offset += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); !errors.Is(err, io.EOF) {
				p.problem(start, "", "the page cannot be read as HTML: %v", err)
			}
			for _, open := range stack {
				if !optionalEnd[open.name] {
					p.problem(open.offset, "add the closing tag where the element ends", "<%s> is never closed", open.name)
				}
			}
			return p
		case html.DoctypeToken:
			p.doctype = true
		case html.StartTagToken, html.SelfClosingTagToken:
			raw, hasAttrs := z.TagName()
			name := elementName(raw)
			selfClosing := tt == html.SelfClosingTagToken
			p.attributes(z, name, hasAttrs, start, foreign > 0)
			if foreign > 0 {
				if !selfClosing {
					stack = append(stack, openElement{name, start})
					foreign++
				}
				continue
			}
			if top := topName(stack); top == "p" && closesP[name] {
				stack = stack[:len(stack)-1]
				endedP = start
			}
			for {
				top := topName(stack)
				if top == "" || !contains(implicitClose[name], top) {
					break
				}
				stack = stack[:len(stack)-1]
			}
			if voidElements[name] {
				continue
			}
			if selfClosing && name != "svg" && name != "math" {
				p.problem(start, fmt.Sprintf("write <%s></%s>: only empty elements such as <br> and <img> close themselves", name, name),
					"<%s/> does not close itself in HTML", name)
			}
			if selfClosing {
				continue
			}
			stack = append(stack, openElement{name, start})
			if name == "svg" || name == "math" {
				foreign = 1
			}
		case html.EndTagToken:
			raw, _ := z.TagName()
			name := elementName(raw)
			if voidElements[name] && foreign == 0 {
				p.problem(start, fmt.Sprintf("remove </%s>: <%s> has no end tag", name, name), "end tag </%s> of an empty element", name)
				continue
			}
			i := len(stack) - 1
			for i >= 0 && stack[i].name != name {
				i--
			}
			if i < 0 {
				hint := "remove it, or add the start tag it belongs to"
				if name == "p" && endedP >= 0 {
					hint = "a <p> cannot contain blocks such as <div> or <ul>: the browser ends the paragraph before the block; use a <div> instead of the <p>"
				}
				p.problem(start, hint, "</%s> closes no open element", name)
				continue
			}
			for _, open := range stack[i+1:] {
				if !optionalEnd[open.name] || foreign > 0 {
					p.problem(open.offset, fmt.Sprintf("close </%s> before </%s>", open.name, name),
						"<%s> is not closed before </%s>", open.name, name)
				}
			}
			if foreign > 0 {
				foreign -= len(stack) - i
				if foreign < 0 {
					foreign = 0
				}
			}
			stack = stack[:i]
		}
	}
}

func (p *htmlPage) problem(offset int, hint, format string, args ...any) {
	p.problems = append(p.problems, problem{offset: offset, msg: fmt.Sprintf(format, args...), hint: hint})
}

// attributes records the ids, headings and links of the tag z has just
// read. Only the attributes it keeps become strings: the others are most
// of a page's.
func (p *htmlPage) attributes(z *html.Tokenizer, name string, more bool, offset int, foreign bool) {
	if name == "h1" {
		p.h1 = append(p.h1, offset)
	}
	linkAttr := ""
	if !foreign {
		linkAttr = linkAttrs[name]
	}
	if linkAttr == "" && !mentionsID(z.Raw()) {
		return // neither a link nor an id: most tags
	}
	// The tokenizer drops a repeated attribute, as browsers do.
	for more {
		var key, val []byte
		key, val, more = z.TagAttr()
		switch {
		case string(key) == "id":
			p.id(name, string(val), offset)
		case linkAttr != "" && string(key) == linkAttr:
			p.links = append(p.links, linkAt{tag: name, attr: linkAttr, url: string(val), offset: offset})
		}
	}
}

func (p *htmlPage) id(element, id string, offset int) {
	switch {
	case id == "":
		p.problem(offset, "remove the empty id, or give it a value", "<%s> has an empty id", element)
		return
	case strings.ContainsAny(id, " \t\n\f\r"):
		p.problem(offset, "use hyphens instead of spaces in ids", "the id %q contains a space", id)
	}
	if p.ids[id] {
		p.dupIDs = append(p.dupIDs, idAt{id, offset})
		return
	}
	p.ids[id] = true
	if len(element) == 2 && element[0] == 'h' && '1' <= element[1] && element[1] <= '6' {
		p.headingIDs = append(p.headingIDs, id)
	}
}

// mentionsID reports whether the raw text of a tag has "id" in it, in any
// case: without it, the tag has no id attribute. With it, the tag may
// still have none (<video>, hidden): then its attributes are read.
func mentionsID(raw []byte) bool {
	for i := 0; i+1 < len(raw); i++ {
		if raw[i]|0x20 == 'i' && raw[i+1]|0x20 == 'd' {
			return true
		}
	}
	return false
}

// elementName is the tag name raw as a string, without copying the names
// HTML defines.
func elementName(raw []byte) string {
	if a := atom.Lookup(raw); a != 0 {
		return a.String()
	}
	return string(raw)
}

func topName(stack []openElement) string {
	if len(stack) == 0 {
		return ""
	}
	return stack[len(stack)-1].name
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// lineOf is the 1-based line of offset in src.
func lineOf(src []byte, offset int) int {
	return 1 + bytes.Count(src[:min(offset, len(src))], []byte{'\n'})
}
