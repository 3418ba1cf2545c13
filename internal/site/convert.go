package site

import (
	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/i18n"
)

// A converted edition (site.toml convert_from) has the pages of the
// language it is converted from, with their text converted, except where
// an editor wrote the page in the edition's own language: a hand-written
// 01-x.zh-hant.md replaces the conversion of 01-x.zh.md.

// sourceIn is lang's file among a page's translations: its own, or for a
// converted edition the file of the language it is converted from.
func sourceIn(sources map[string]*content.Source, lang *config.Language) *content.Source {
	if src := sources[lang.Key]; src != nil || lang.Converter() == nil {
		return src
	}
	return sources[lang.ConvertFrom]
}

// resolverKey picks a report's resolver for a page in lang made from src.
func resolverKey(src *content.Source, lang *config.Language) string {
	if src.Lang != lang.Key {
		return convertedKey(lang)
	}
	return lang.Key
}

func convertedKey(lang *config.Language) string { return lang.Key + " converted" }

// TextConversion converts the page's Markdown text when it was written in
// another language (markdown.TextConverter).
func (r *resolver) TextConversion() func(string) string {
	if r.conv == nil {
		return nil
	}
	return r.conv.String
}

func (r *resolver) conversionKey() string {
	if r.conv == nil {
		return ""
	}
	return r.conv.Key()
}

// docKey is a converted document's entry in the cache: the file and the
// language it is shown in, since a zh file is converted for zh and zh-hant.
func docKey(src *content.Source, res *resolver) string {
	if res.lang != nil && src.Lang != res.lang.Key {
		return src.File + "\x00" + res.lang.Key
	}
	return src.File
}

// derivedStrings lets the layouts' strings of a converted edition come from
// its source language's file, key by key where it has no file of its own.
func derivedStrings(cfg *config.Config) []i18n.Derived {
	var derived []i18n.Derived
	for _, l := range cfg.Langs {
		if conv := l.Converter(); conv != nil {
			derived = append(derived, i18n.Derived{Lang: l.Key, From: l.ConvertFrom, Convert: conv.String})
		}
	}
	return derived
}

// dedupeFindings drops repeats from a sorted list: a mistake in a zh file
// is found again when its zh-hant conversion is made, and is one mistake.
func dedupeFindings(list diag.List) diag.List {
	var out diag.List
	for _, d := range list {
		if len(out) > 0 {
			p := out[len(out)-1]
			if p.File == d.File && p.Line == d.Line && p.Col == d.Col && p.Msg == d.Msg && p.Hint == d.Hint && p.Severity == d.Severity {
				continue
			}
		}
		out = append(out, d)
	}
	return out
}
