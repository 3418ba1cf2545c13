package figures

import "slices"

// Derive gives lang the texts the set holds in from, converted by conv,
// wherever figures.toml gives none in lang: the labels, sources, chart
// titles and descriptions of an edition converted from another (zh-hant
// from zh). A text written for lang is kept. (The words of units and
// qualifiers are Writing's: Options.Borrow.) lang joins the set's
// languages, so the open data has its columns too. Derive is for the
// site's model while it is made; the set is read-only afterwards.
func (s *Set) Derive(lang, from string, conv func(string) string) {
	if !slices.Contains(s.langs, lang) {
		s.langs = append(s.langs, lang)
	}
	derive := func(texts map[string]string) map[string]string {
		src, ok := texts[from]
		if _, own := texts[lang]; own || !ok {
			return texts
		}
		if texts == nil {
			texts = map[string]string{}
		}
		texts[lang] = conv(src)
		return texts
	}
	for _, f := range s.figures {
		f.Labels = derive(f.Labels)
		f.Sources = derive(f.Sources)
	}
	for _, c := range s.charts {
		c.Titles = derive(c.Titles)
		c.Descriptions = derive(c.Descriptions)
	}
}
