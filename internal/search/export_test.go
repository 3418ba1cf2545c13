package search

import "bytes"

// What the tests outside the package need of its insides.
var ShardOf = shardOf

// Terms lists text's tokens as the index reads them, Chinese runs marked
// with a leading "#".
func Terms(text string) []string {
	var out []string
	tokens(text, nil, func(tok []rune, han bool) {
		s := string(tok)
		if han {
			s = "#" + s
		}
		out = append(out, s)
	})
	return out
}

// Singular is a word in the form an English index keeps it.
func Singular(word string) string { return string(singular([]byte(word), pluralTable("en"))) }

// FoldsPlurals reports whether a locale's words are indexed in their
// singular.
func FoldsPlurals(locale string) bool { return pluralTable(locale) != nil }

// PluralsJSON is the table of plurals of a locale as the manifest gives it.
func PluralsJSON(locale string) string {
	var b bytes.Buffer
	writePlurals(&b, pluralTable(locale))
	return b.String()
}
