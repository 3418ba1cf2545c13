package search

import "golang.org/x/text/language"

// The words of some languages are indexed and looked up in their
// singular, so that "volunteers" finds "volunteer services" and
// "children" finds "child welfare"; snippets still show the words as
// written. How a plural is read as its singular is the language's table
// of endings below, which the manifest hands to static/js/search.js: the
// query is read by the same table, and a new language or a new word is a
// line of data here, never code in either place.
//
// Only words of lower-case ASCII letters change (not "1990s", "écoles").
// A word of the table's words is read as the word given there: irregular
// plurals, and words that only look like plurals, read as themselves
// (news). Any other word is read by the first of the endings it ends in,
// after at least stem letters: an ending read as itself keeps the word
// (class, status). The rules are conservative: a plural missed (headaches,
// read as "headach", does not find headache) costs less than two words
// made one. Whole words, not endings, hold the irregular plurals, so that
// Xiamen stays Xiamen.

// plurals is one language's table.
type plurals struct {
	words   map[string]string
	endings []ending
}

// ending is one line of a table's endings: a word ending in plural, with
// at least stem letters before it, ends in singular instead.
type ending struct {
	plural, singular string
	stem             int
}

// pluralTables are the tables, by base language.
var pluralTables = map[string]*plurals{
	"en": {
		words: map[string]string{
			"children": "child", "grandchildren": "grandchild", "men": "man", "women": "woman",
			"people": "person", "analyses": "analysis", "crises": "crisis", "criteria": "criterion",
			"news": "news", "series": "series", "species": "species",
			"always": "always", "perhaps": "perhaps", "whereas": "whereas",
		},
		endings: []ending{
			{"sses", "ss", 1}, // classes → class
			{"xes", "x", 2},   // boxes → box
			{"ches", "ch", 2}, // churches → church
			{"shes", "sh", 1}, // wishes → wish
			{"ies", "y", 2},   // families → family (but ties → tie)
			{"ss", "ss", 0},   // class
			{"us", "us", 0},   // status
			{"is", "is", 0},   // analysis
			{"s", "", 3},      // volunteers → volunteer (but its, gas)
		},
	},
}

// pluralTable is the table of a locale's language, nil for a language
// whose words are indexed as written.
func pluralTable(locale string) *plurals {
	tag, err := language.Parse(locale)
	if err != nil {
		return nil
	}
	base, _ := tag.Base()
	return pluralTables[base.String()]
}

// singular returns w, a lower-cased word, in its singular by the table,
// reusing w's bytes.
func singular(w []byte, table *plurals) []byte {
	if table == nil || len(w) == 0 {
		return w
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return w
		}
	}
	if s, ok := table.words[string(w)]; ok {
		return append(w[:0], s...)
	}
	last := w[len(w)-1]
	for _, e := range table.endings {
		stem := len(w) - len(e.plural)
		if stem >= e.stem && e.plural[len(e.plural)-1] == last && string(w[stem:]) == e.plural {
			return append(w[:stem], e.singular...)
		}
	}
	return w
}
