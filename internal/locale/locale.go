// Package locale decides the language-dependent behaviour of a page from
// its language's BCP 47 locale, never from the language's key: the tables
// here are keyed by locale, and a locale without an entry of its own takes
// the nearest one (zh-Hant-TW → zh-Hant → zh → the default). A new site
// language therefore builds with sensible defaults and needs no Go change.
package locale

import (
	"strings"

	"golang.org/x/text/language"
)

// Parse reads a BCP 47 tag such as "zh-Hans", "zh-Hant" or "fr".
func Parse(s string) (language.Tag, error) { return language.Parse(s) }

// Chain lists the table keys tried for tag, nearest first, ending with ""
// (the default): "zh-Hant-TW", "zh-Hant", "zh", "". The script is the one
// written or, failing that, the one the language and region imply, so
// zh-TW looks up zh-Hant like zh-Hant does. CLDR itself does not derive
// zh-Hant from zh; here it does, because a Traditional edition shares more
// with the Simplified one (measure words, number words) than with the
// default.
func Chain(tag language.Tag) []string {
	if tag == language.Und {
		// x/text would guess English; a page with no language gets the
		// defaults, not English's choices.
		return []string{""}
	}
	base, _ := tag.Base()
	script, sconf := tag.Script()
	region, rconf := tag.Region()
	var chain []string
	add := func(parts ...string) {
		key := strings.Join(parts, "-")
		for _, k := range chain {
			if k == key {
				return
			}
		}
		chain = append(chain, key)
	}
	if base.String() == "und" {
		return []string{""}
	}
	hasScript := sconf != language.No && script.String() != "Zzzz"
	if hasScript && rconf == language.Exact {
		add(base.String(), script.String(), region.String())
	}
	if hasScript {
		add(base.String(), script.String())
	}
	if rconf == language.Exact {
		add(base.String(), region.String())
	}
	add(base.String())
	return append(chain, "")
}

// Lookup returns the entry of table nearest to tag along Chain, and the key
// it was found under. The second result is false when table has no entry
// for any key of the chain, the default ("") included.
func Lookup[T any](table map[string]T, tag language.Tag) (T, string, bool) {
	for _, key := range Chain(tag) {
		if v, ok := table[key]; ok {
			return v, key, true
		}
	}
	var zero T
	return zero, "", false
}

// SameLanguage reports whether a and b are the same language (zh-Hans and
// zh-Hant are; en and fr are not): the languages whose texts one may lend
// the other when it has none of its own.
func SameLanguage(a, b language.Tag) bool {
	ba, _ := a.Base()
	bb, _ := b.Base()
	return ba == bb && ba.String() != "und"
}

// Script is the script tag is written in, written or implied: Hans for
// zh and zh-Hans, Hant for zh-Hant and zh-TW, Latn for en.
func Script(tag language.Tag) string {
	s, _ := tag.Script()
	return s.String()
}
