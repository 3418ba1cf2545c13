package check

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/markdown"
	"github.com/xmca/almanac/internal/site"
)

// translations checks that every page made from Markdown exists in every
// language, and that its translations have the same headings and cite the
// same figures.
func (c *checker) translations() {
	s := c.res.Site
	c.translationSet(s.Homes, func(lang string) string {
		return path.Join(content.Dir, "_index."+lang+".md")
	})
	for _, r := range s.Reports {
		c.translationSet(byLang(c, r.Covers), func(lang string) string {
			return path.Join(content.Dir, r.Year, "_index."+lang+".md")
		})
		for _, sec := range r.Sections {
			pages := byLang(c, sec.Pages)
			if len(pages) == 0 {
				continue
			}
			ref := pages[0]
			c.translationSet(pages, func(lang string) string {
				return strings.TrimSuffix(ref.Source, "."+ref.LangKey()+".md") + "." + lang + ".md"
			})
		}
	}
}

func byLang(c *checker, m map[string]*site.Page) []*site.Page {
	var pages []*site.Page
	for _, l := range c.res.Config.Langs {
		if p := m[l.Key]; p != nil {
			pages = append(pages, p)
		}
	}
	return pages
}

// translationSet checks one page in all its languages; fileFor names the
// Markdown file a language's version comes from.
func (c *checker) translationSet(pages []*site.Page, fileFor func(lang string) string) {
	var written []*site.Page
	for _, p := range pages {
		if p.Source != "" && !p.Converted {
			written = append(written, p)
		}
	}
	if len(written) == 0 {
		return // generated pages (a cover without text) are alike in every language
	}
	ref := written[0]
	have := map[string]bool{}
	for _, p := range written {
		have[p.LangKey()] = true
	}
	for _, l := range c.res.Config.Langs {
		if have[l.Key] || l.Converter() != nil {
			continue // a converted edition needs no file of its own
		}
		c.missingTranslation(ref, l.Key, fileFor(l.Key))
	}
	if c.errorsOnly {
		return // the comparisons below only warn
	}
	for _, t := range written[1:] {
		c.compareHeadings(ref, t)
		c.compareFigures(ref, t)
		c.compareKeyFigures(ref, t)
	}
}

func (c *checker) missingTranslation(ref *site.Page, lang, file string) {
	what := "this page"
	if ref.Kind == site.KindSection {
		what = fmt.Sprintf("the section %q", c.writtenTitle(ref))
	} else if ref.Kind == site.KindCover {
		what = fmt.Sprintf("the cover of the %s report", ref.Report.Year)
	}
	if _, err := fs.Stat(c.fsys, file); err == nil {
		c.errorf(file, 0, 0,
			fmt.Sprintf("finish the translation and remove draft = true, or mark %s as a draft too until both are ready", ref.Source),
			"the %s version of %s is a draft, so the site would show it in %s only", c.langName(lang), what, c.langName(ref.LangKey()))
		return
	}
	hint := fmt.Sprintf("create %s by translating %s: the two file names must be the same apart from .%s/.%s", file, ref.Source, ref.LangKey(), lang)
	if ref.Kind == site.KindSection {
		// The source may be ready before its translation.
		hint = fmt.Sprintf("%s; until then, keep the section off the site with draft = true in %s", hint, ref.Source)
	}
	c.errorf(file, 0, 0, hint, "%s has no %s version: this file is missing", what, c.langName(lang))
}

// writtenTitle is p's title as its file has it, so that the editor can
// search for it there: the page shows it with typographic quotes.
func (c *checker) writtenTitle(p *site.Page) string {
	if s := c.sources[p.Source]; s != nil {
		return s.front.Title
	}
	return p.Title
}

// compareHeadings flags translations whose headings differ in number,
// level or written {#id}.
func (c *checker) compareHeadings(ref, t *site.Page) {
	sa, sb := c.sources[ref.Source], c.sources[t.Source]
	if sa == nil || sb == nil {
		return
	}
	a, b := sa.parsed(), sb.parsed()
	n := min(len(a.headings), len(b.headings))
	for i := 0; i < n; i++ {
		ha, hb := a.headings[i], b.headings[i]
		if ha.level != hb.level {
			c.warnf(t.Source, hb.line, hb.col,
				fmt.Sprintf("compare the headings with %s: a translation should have the same headings at the same levels", ref.Source),
				"heading %d is level %d here but level %d in %s (line %d)", i+1, hb.level, ha.level, ref.Source, ha.line)
			return
		}
		if ha.id != hb.id && len(a.headings) == len(b.headings) {
			hint := fmt.Sprintf("give both headings the same {#id}, so a reader who switches language stays at the same place; %s line %d has %s", ref.Source, ha.line, idText(ha.id))
			c.warnf(t.Source, hb.line, hb.col, hint, "heading %d has %s here but %s in %s", i+1, idText(hb.id), idText(ha.id), ref.Source)
		}
	}
	if len(a.headings) != len(b.headings) {
		line, col := 0, 0
		if n < len(b.headings) {
			line, col = b.headings[n].line, b.headings[n].col
		}
		c.warnf(t.Source, line, col,
			"compare the two files heading by heading: a heading is missing from one of them, or one has a heading too many",
			"%s has %d %s but %s has %d", t.Source, len(b.headings), plural(len(b.headings), "heading", "headings"), ref.Source, len(a.headings))
	}
}

func idText(id string) string {
	if id == "" {
		return "no {#id}"
	}
	return "{#" + id + "}"
}

// compareKeyFigures flags covers whose key_figures differ between languages.
func (c *checker) compareKeyFigures(ref, t *site.Page) {
	if slices.Equal(ref.KeyFigures, t.KeyFigures) {
		return
	}
	line := 0
	if s := c.sources[t.Source]; s != nil {
		line = s.front.Line("key_figures")
	}
	c.warnf(t.Source, line, 0,
		fmt.Sprintf("list the same figures in the same order in every language's cover; %s has %s", ref.Source, keyList(ref.KeyFigures)),
		"key_figures differ from %s: here %s", ref.Source, keyList(t.KeyFigures))
}

func keyList(keys []string) string {
	if len(keys) == 0 {
		return "none"
	}
	return "[" + strings.Join(keys, ", ") + "]"
}

// compareFigures flags figures and charts cited in one translation but not
// the other, or a different number of times.
func (c *checker) compareFigures(ref, t *site.Page) {
	if ref.Doc == nil || t.Doc == nil {
		return
	}
	for _, kind := range []struct {
		name   string
		syntax string
		refs   func(*markdown.Document) []markdown.Ref
	}{
		{"figure", "{{%s}}", func(d *markdown.Document) []markdown.Ref { return d.Figures }},
		{"chart", "{{chart %s}}", func(d *markdown.Document) []markdown.Ref { return d.Charts }},
		// {{change key}} is among Figures; an earlier year's value is not.
		{"earlier figure", "{{previous %s}}", previousRefs},
	} {
		ra, rb := kind.refs(ref.Doc), kind.refs(t.Doc)
		ca, cb := c.countSentences(ref.Source, ra), c.countSentences(t.Source, rb)
		onlyIn := func(p *site.Page, refs []markdown.Ref, other *site.Page, otherCount map[string]citations) bool {
			found := false
			done := map[string]bool{}
			for _, r := range refs {
				if otherCount[r.Key].sentences > 0 || done[r.Key] {
					continue
				}
				done[r.Key] = true
				found = true
				written := fmt.Sprintf(kind.syntax, r.Key)
				c.warnf(p.Source, r.Line, r.Col,
					fmt.Sprintf("cite %s in %s too, or remove it here: both languages should state the same figures", written, other.Source),
					"%s %q is cited here but not in %s", kind.name, r.Key, other.Source)
			}
			return found
		}
		differ := onlyIn(ref, ra, t, cb)
		differ = onlyIn(t, rb, ref, ca) || differ
		if differ {
			continue
		}
		for _, r := range rb {
			if a, b := ca[r.Key], cb[r.Key]; a.clauses < b.sentences || b.clauses < a.sentences {
				c.warnf(t.Source, r.Line, r.Col,
					fmt.Sprintf("compare the sentences citing it with %s: a sentence may be missing from one translation", ref.Source),
					"%s %q is cited %s here but %s in %s", kind.name, r.Key, times(b.clauses), times(a.clauses), ref.Source)
				break
			}
		}
	}
}

// previousRefs are the document's {{previous key}} references.
func previousRefs(d *markdown.Document) []markdown.Ref {
	var refs []markdown.Ref
	for _, c := range d.Comparisons {
		if c.Verb == "previous" {
			refs = append(refs, c.Ref)
		}
	}
	return refs
}

// citations is how many sentences of a file cite a key, counted twice: as
// sentences, and as clauses, where a semicolon ends one too. A translator
// may join two Chinese clauses (…；…。) with "and", or split them into two
// sentences, so only counts that differ both ways say a sentence is
// missing.
type citations struct{ sentences, clauses int }

// countSentences counts, per key, the sentences (and clauses) of file
// that cite it. A sentence may repeat a number for emphasis in one
// language and say it once in the other; only a sentence missing from one
// translation should count. Without the file's text, every citation
// counts.
func (c *checker) countSentences(file string, refs []markdown.Ref) map[string]citations {
	s := c.sources[file]
	m := map[string]citations{}
	seen := map[string]bool{}
	for _, r := range refs {
		n := m[r.Key]
		for _, clauses := range []bool{false, true} {
			id := strconv.Itoa(len(seen)) // a sentence of its own
			if s != nil {
				id = strconv.Itoa(s.sentenceAt(r.Line, r.Col, clauses))
			}
			if k := fmt.Sprint(r.Key, "\x00", clauses, id); !seen[k] {
				seen[k] = true
				if clauses {
					n.clauses++
				} else {
					n.sentences++
				}
			}
		}
		m[r.Key] = n
	}
	return m
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
