package render

import (
	"errors"
	"html/template"
	"io"
	"strings"
	"text/template/parse"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/site"
)

// An attribute or tag left open in a layout is noticed by html/template
// only where the damage shows: often in another file (the footer's class
// read as an attribute name), at no line. escapeCulprit finds where it was
// left open instead, for the message.

// escapeCulprit looks for the template of kind's layouts that leaves
// markup open at its end (an unclosed quote or tag) and returns a
// diagnostic at the place it was opened; nil when there is none to blame.
func (l *Layouts) escapeCulprit(kind site.Kind) *diag.Diagnostic {
	names, ok := l.templateNames(kind)
	if !ok {
		return nil
	}
	for _, name := range names {
		set, _ := l.parseKind(kind)
		t := set.Lookup(name)
		tree := t.Tree // html/template drops it when escaping fails
		// Escaping runs before anything is evaluated: with no data, a
		// template that escapes cleanly stops at its first action.
		var e *template.Error
		if err := t.Execute(io.Discard, nil); !errors.As(err, &e) || e.ErrorCode != template.ErrEndContext || e.Name != name {
			continue
		}
		file := tree.ParseName
		src := l.sources[file]
		if at, ok := unclosedMarkup(src, tree.Root); ok {
			line, col := diag.LineCol([]byte(src), at)
			what, close := "the tag that starts here", "a >"
			if src[at] != '<' {
				what, close = "the attribute value that starts here", "a "+src[at:at+1]
			}
			return &diag.Diagnostic{File: file, Line: line, Col: col,
				Msg:  "template: " + what + " is still open at the end of {{define \"" + name + "\"}}",
				Hint: "close it with " + close + " inside the same template: html/template must know, at the end of every template, that it is back in text"}
		}
	}
	return nil
}

// templateNames lists the templates kind's layouts define, in the order
// their files are parsed; false when they do not parse.
func (l *Layouts) templateNames(kind site.Kind) ([]string, bool) {
	set, err := l.parseKind(kind)
	if err != nil {
		return nil, false
	}
	var names []string
	for _, file := range l.files[kind] {
		for _, t := range set.Templates() {
			if t.Tree != nil && t.Tree.ParseName == file && t.Name() != file {
				names = append(names, t.Name())
			}
		}
	}
	return names, true
}

// parseKind parses kind's layout files into a new set, as LoadLayouts did:
// a copy to fold (fold.go) or to escape template by template.
func (l *Layouts) parseKind(kind site.Kind) (*template.Template, error) {
	set := template.New("").Funcs(funcs)
	for _, file := range l.files[kind] {
		if _, err := set.New(file).Parse(l.sources[file]); err != nil {
			return nil, err
		}
	}
	return set, nil
}

// unclosedMarkup reads the markup of the template whose tree root is
// root, in src, its file, skipping {{ }} actions, and returns the offset
// of the quote or tag still open at its end.
func unclosedMarkup(src string, root *parse.ListNode) (int, bool) {
	start, end := int(root.Pos), templateEnd(src, root)
	if start < 0 || end > len(src) || start >= end {
		return 0, false
	}
	tagAt, quoteAt, quote := -1, -1, byte(0)
	for i := start; i < end; i++ {
		c := src[i]
		switch {
		case strings.HasPrefix(src[i:], "{{"):
			j := strings.Index(src[i:end], "}}")
			if j < 0 {
				return 0, false
			}
			i += j + 1
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case tagAt >= 0:
			switch c {
			case '"', '\'':
				quote, quoteAt = c, i
			case '>':
				tagAt = -1
			}
		case c == '<' && i+1 < end && (isLetter(src[i+1]) || src[i+1] == '/'):
			tagAt = i
		}
	}
	switch {
	case quote != 0:
		return quoteAt, true
	case tagAt >= 0:
		return tagAt, true
	}
	return 0, false
}

// templateEnd is the offset where the template rooted at root ends in src:
// the end of its last node, or of the {{end}} after it.
func templateEnd(src string, root *parse.ListNode) int {
	if len(root.Nodes) == 0 {
		return int(root.Pos)
	}
	last := root.Nodes[len(root.Nodes)-1]
	end := int(last.Position())
	if t, ok := last.(*parse.TextNode); ok {
		end += len(t.Text)
	} else if j := strings.Index(src[min(end, len(src)):], "}}"); j >= 0 {
		end += j + 2
	}
	return min(end, len(src))
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
