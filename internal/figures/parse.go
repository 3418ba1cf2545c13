package figures

import (
	"fmt"
	"strings"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/suggest"
)

// Parse reads a figures.toml. file is its slash path relative to the site
// folder, used in messages; w is how the site writes figures, whose
// languages (in site order) every label and title must be given in, and
// whose units and qualifiers the figures may use. A nil w is a site with
// no languages and the shipped units.
//
// Bad input yields a diag.List naming every mistake found. The Set returned
// with it still holds each figure, rule and chart that could be read, so later
// stages can go on checking the rest of the site; the build must still stop.
func Parse(file string, src []byte, w *Writing) (*Set, error) {
	if w == nil {
		w = WritingFor()
	}
	langs := w.Langs()
	set := &Set{
		file:    file,
		w:       w,
		langs:   langs,
		byKey:   map[string]*Figure{},
		chartBy: map[string]*Chart{},
	}
	ix := indexKeys(src)
	raw, syntaxErr := decodeTOML(file, src)
	if syntaxErr != nil {
		return set, diag.List{syntaxErr}
	}
	p := &parser{file: file, langs: w.writtenLangs(), w: w, ix: ix, set: set, broken: map[string]bool{}, reported: map[string]bool{}}
	p.document(raw)
	p.errs.Sort()
	for _, d := range w.opt.Derived {
		set.Derive(d.Lang, d.From, d.Convert)
	}
	return set, p.errs.Err()
}

// parser turns the decoded TOML into a Set, collecting every mistake.
type parser struct {
	file  string
	langs []string
	w     *Writing
	ix    *keyIndex
	set   *Set
	errs  diag.List
	// broken holds figures that are in the file but could not be read, so that
	// rules and charts naming them do not also claim they do not exist.
	broken map[string]bool
	// reported holds the unit, qualifier or as-of phrase a language lacks
	// that has been reported, so it is reported once, not for every figure.
	reported map[string]bool
}

func (p *parser) errorAt(at position, hint, format string, args ...any) {
	p.errs = append(p.errs, diag.Errorf(p.file, at.line, at.col, hint, format, args...))
}

var topLevelKeys = []string{"defaults", "figure", "rule", "chart"}

func (p *parser) document(raw map[string]any) {
	p.checkKeys(raw, position{}, nil, topLevelKeys)
	defaults := p.defaults(raw["defaults"])
	p.figures(raw["figure"], defaults)
	p.rules(raw["rule"])
	p.charts(raw["chart"])
}

// referTo checks that key names a figure, reporting it when not.
// A figure that is in the file but broken has been reported already.
func (p *parser) referTo(key string, at spot, who string) (*Figure, bool) {
	if f, ok := p.set.byKey[key]; ok {
		return f, true
	}
	if p.broken[key] {
		return nil, false
	}
	hint := "Check the spelling against the [figure.…] headers in this file, or add the figure."
	keys := make([]string, len(p.set.figures))
	for i, f := range p.set.figures {
		keys[i] = f.Key
	}
	if guess := closest(key, keys); guess != "" {
		hint = fmt.Sprintf("Did you mean %q? ", guess) + hint
	}
	p.errorAt(at.pos(), hint, "%s names figure %q, which is not in this file", who, key)
	return nil, false
}

// closest returns the option most like word when it is close enough to be a
// likely typing mistake, or "".
func closest(word string, options []string) string {
	guess, _ := suggest.Closest(strings.ToLower(word), options, 2)
	return guess
}
