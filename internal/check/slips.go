package check

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Slips that Markdown publishes as typed, so the build cannot refuse them,
// but that no editor means: a footnote reference whose note is missing, and
// figure references or links typed with a Chinese input method's
// full-width braces and brackets.
var (
	footnoteRef = regexp.MustCompile(`\[\^([^\]\s]+)\]`)
	// [^label]: at the start of a line, a footnote's note.
	footnoteNote = regexp.MustCompile(`(?m)^ {0,3}\[\^([^\]\s]+)\]:`)
	// ｛｛key｝｝, or half of it full-width.
	wideFigure = regexp.MustCompile(`[｛{][｛{]\s*([a-z0-9][a-z0-9 -]*?)\s*[｝}][｝}]`)
	// [text]（url）, ［text］(url), 【text】（url）.
	wideLink = regexp.MustCompile(`[\[［【]([^\]］】\n]{1,200})[\]］】][（(]([^）)\s]+)[）)]`)
)

// inText reports whether offset lies in prose text (not code, not a link's
// address, not a footnote that worked).
func (s *source) inText(offset int) bool {
	for _, seg := range s.parsed().texts {
		if offset >= seg.Start && offset < seg.Stop {
			return true
		}
	}
	return false
}

// undefinedFootnotes reports, in every Markdown file a page was made of,
// the footnote references without a note: an error.
func (c *checker) undefinedFootnotes() {
	for _, s := range c.sources {
		c.undefinedFootnotesIn(s)
	}
}

func (c *checker) undefinedFootnotesIn(s *source) {
	for _, m := range footnoteRef.FindAllSubmatchIndex(s.body, -1) {
		if !s.inText(m[0]) && !s.inText(m[0]+1) {
			continue // a footnote with its note, or inside code
		}
		if m[1] < len(s.body) && s.body[m[1]] == ':' {
			continue // a note's own label
		}
		label := string(s.body[m[2]:m[3]])
		line, col := s.position(m[0])
		c.errorf(s.file, line, col,
			"add the note on a line of its own, anywhere in the file: [^"+label+"]: the text of the note",
			"the footnote [^%s] has no note, so the page would show [^%s] as typed", label, label)
	}
}

// uncitedNotes warns, in every Markdown file a page was made of, of the
// footnotes' notes that no reference cites: the page leaves them out.
func (c *checker) uncitedNotes() {
	for _, s := range c.sources {
		cited := map[string]bool{}
		for _, m := range footnoteRef.FindAllSubmatchIndex(s.body, -1) {
			if m[1] >= len(s.body) || s.body[m[1]] != ':' {
				cited[string(s.body[m[2]:m[3]])] = true
			}
		}
		for _, m := range footnoteNote.FindAllSubmatchIndex(s.body, -1) {
			if label := string(s.body[m[2]:m[3]]); !cited[label] {
				line, col := s.position(m[2] - 2)
				c.warnf(s.file, line, col, "cite it with [^"+label+"] after the words it explains, or delete the note",
					"the note [^%s] is cited nowhere, so the page leaves it out", label)
			}
		}
	}
}

// rawHTMLDropped warns, where the site leaves raw HTML out (raw_html = false),
// of the HTML typed into Markdown: the page drops it, and with a block
// (<div>说明</div>) the words inside it too. One warning per line.
func (c *checker) rawHTMLDropped() {
	if c.res.Config.Build.RawHTML {
		return
	}
	for _, s := range c.sources {
		lastLine := 0
		for _, h := range s.parsed().html {
			line, col := s.position(h.offset)
			if line == lastLine {
				continue
			}
			lastLine = line
			tag := s.body[h.offset:]
			if end := bytes.IndexAny(tag, ">\n"); end >= 0 {
				tag = tag[:end+1]
			}
			const hint = "write it in Markdown (a blank line between paragraphs, **bold**, a list), or set raw_html = true under [build] in site.toml"
			if h.block {
				c.warnf(s.file, line, col, hint, "the HTML block %q is left out of the page, and the words in it too", strings.TrimSpace(string(tag)))
			} else {
				c.warnf(s.file, line, col, hint, "the HTML %q is left out of the page", strings.TrimSpace(string(tag)))
			}
		}
	}
}

// fullWidthSyntax warns, in every Markdown file a page was made of, of
// figure references and links typed with full-width braces or brackets.
func (c *checker) fullWidthSyntax() {
	for _, s := range c.sources {
		c.fullWidthSyntaxIn(s)
	}
}

func (c *checker) fullWidthSyntaxIn(s *source) {
	for _, m := range wideFigure.FindAllSubmatchIndex(s.body, -1) {
		written := string(s.body[m[0]:m[1]])
		if !strings.ContainsAny(written, "｛｝") || !s.inText(m[0]) {
			continue
		}
		line, col := s.position(m[0])
		key := string(s.body[m[2]:m[3]])
		c.warnf(s.file, line, col, "did you mean {{"+key+"}}? Type the braces with the input method in English mode (half-width)",
			"%s is shown as typed: figure references take half-width braces", written)
	}
	for _, m := range wideLink.FindAllSubmatchIndex(s.body, -1) {
		written := string(s.body[m[0]:m[1]])
		addr := string(s.body[m[4]:m[5]])
		if !strings.ContainsAny(written, "［］【】（）") || !strings.ContainsAny(addr, "/.#") || !s.inText(m[0]) && !s.inText(m[0]+len("［")) {
			continue
		}
		line, col := s.position(m[0])
		text := string(s.body[m[2]:m[3]])
		c.warnf(s.file, line, col, "did you mean ["+text+"]("+addr+")? Type the brackets with the input method in English mode (half-width)",
			"%s is shown as typed, not as a link: links take half-width brackets", written)
	}
}

// retiredStrings warns of interface strings the site still sets under a key
// almanac no longer reads: the wording an editor chose would otherwise
// vanish from the pages without a word.
func (c *checker) retiredStrings() {
	for _, r := range c.res.Site.Strings.Retired() {
		c.warnf(r.File, r.Line, 0, fmt.Sprintf("write it as %s, without the point's words: they come from the unit (units.toml, or [units.NAME] in site.toml)", r.Instead),
			"%s is no longer used, so this wording is not shown", r.Key)
	}
}
