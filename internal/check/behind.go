package check

import (
	"fmt"

	"github.com/xmca/almanac/internal/diag"

	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/translation"
)

// translationsBehind warns, for every translation whose source changed
// since it was recorded as translated, at each section that fell behind.
func (c *checker) translationsBehind() {
	for _, p := range c.res.Site.Pages {
		if p.Behind == nil || p.Source == "" {
			continue
		}
		titleLine := 0
		if src := c.sources[p.Source]; src != nil {
			titleLine = src.front.Line("title")
		}
		for _, d := range BehindFindings(p, titleLine) {
			c.add(d.Severity, d.File, d.Line, d.Col, d.Hint, "%s", d.Msg)
		}
	}
}

// BehindFindings are the warnings for a translation that is behind its
// source, one per section that changed; the dev server shows them too.
// titleLine is the line of the translation's title (0: unknown, where the
// front matter starts).
func BehindFindings(p *site.Page, titleLine int) diag.List {
	if titleLine == 0 {
		titleLine = 2
	}
	if p.Behind == nil {
		return nil
	}
	var list diag.List
	src := p.Behind.Source
	hint := fmt.Sprintf("bring it up to date with %s, then run: almanac translated %s", src, p.Source)
	for _, ch := range p.Behind.Changes {
		line := 0
		if ch.Target != nil {
			line = ch.Target.Line
		}
		var d *diag.Diagnostic
		switch {
		case ch.Source.Key == translation.TitleKey:
			d = diag.Errorf(p.Source, titleLine, 0, hint, "the title or summary of %s changed since this translation was made", src)
		case ch.Source.Key == translation.IntroKey:
			d = diag.Errorf(p.Source, line, 0, hint, "the text before the first heading of %s changed since this translation was made", src)
		case ch.Kind == translation.Removed:
			d = diag.Errorf(p.Source, 0, 0, hint, "%s no longer has the section %q that this translation was made from", src, ch.Source.Key)
		case ch.Kind == translation.Added:
			d = diag.Errorf(p.Source, line, 0, hint, "%s has a section %q (line %d) that it did not have when this translation was made", src, ch.Source.Heading, ch.Source.Line)
		case ch.Target != nil:
			d = diag.Errorf(p.Source, line, 0, hint, "the section %q is behind its source: %q in %s (line %d) changed since this translation was made", ch.Target.Heading, ch.Source.Heading, src, ch.Source.Line)
		default:
			d = diag.Errorf(p.Source, line, 0, hint, "the section %q of %s (line %d) changed since this translation was made", ch.Source.Heading, src, ch.Source.Line)
		}
		d.Severity = diag.Warning
		list = append(list, d)
	}
	return list
}
