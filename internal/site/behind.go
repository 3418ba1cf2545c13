package site

import (
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/translation"
)

// behind compares what the translation src recorded of its source with the
// source today. Only a page's own file is compared: an edition converted
// from another language has no file of its own, so it is never behind.
func (b *builder) behind(p *Page, src, source *content.Source) {
	if src == nil || source == nil || src == source || src.Front.Translated == nil || p.Lang == nil || src.Lang != p.Lang.Key {
		return
	}
	if b.cfg.TranslationNotice {
		// The notice shows on the page, so the page depends on its source.
		p.Inputs.Files = append(p.Inputs.Files, source.File)
	}
	changes := translation.Compare(src.Front.Translated, Fingerprint(source), Fingerprint(src))
	if len(changes) > 0 {
		p.Behind = &Behind{Source: source.File, Changes: changes}
	}
}

// Fingerprint is the sections of a Markdown file with their hashes.
func Fingerprint(src *content.Source) []translation.Section {
	return translation.Fingerprint(src.Front.Title, src.Front.Summary, src.Body, src.BodyLine)
}
