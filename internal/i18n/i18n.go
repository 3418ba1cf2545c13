// Package i18n holds the user-interface strings of the layouts, one TOML
// file per language in layouts/i18n/<lang>.toml. Every key must exist in
// every language: a button that is translated on one side only is a bug the
// build catches, not the reader.
package i18n

import (
	"crypto/sha256"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/locale"
	"github.com/xmca/almanac/internal/tomlfile"
)

// Dir is where the string files live in a site.
const Dir = "layouts/i18n"

// Catalog maps language key → string key → text.
type Catalog struct {
	strings map[string]map[string]string
	lines   map[string]map[string]int    // where each key is defined, for messages
	sums    map[string][sha256.Size]byte // Sum, by language
	// converted lists, by derived language, the strings it took from its
	// source language's file (not almanac's own), converted.
	converted map[string][]ConvertedString
	retired   []RetiredString
}

// retiredKeys are keys almanac once read and reads no more, each with the
// key that took its place. A site's file that still sets one is warned
// about (almanac check), rather than its wording silently ceasing to show.
var retiredKeys = map[string]string{
	// A rate's change now takes the point's words from its unit
	// (个百分点, 个千分点), so these patterns no longer carry them.
	"change_points_up":   "change_rate_up",
	"change_points_down": "change_rate_down",
	"change_point_up":    "change_rate_up",
	"change_point_down":  "change_rate_down",
}

// RetiredString is a key of a site's string file that almanac no longer
// reads, where it is, and the key to write instead.
type RetiredString struct {
	File, Key, Instead string
	Line               int
}

// ConvertedString is a string a derived language took from its source
// language's file: its key, the source's text, and its line there.
type ConvertedString struct {
	Key, Source string
	Line        int
}

// Derived says that a language's strings are converted from another's (a
// Traditional Chinese edition from the Simplified one): its file is
// optional, and each key it leaves out is From's text, converted.
type Derived struct {
	Lang, From string
	Convert    func(string) string
}

// defaults are almanac's own strings for what its Go code shows (a chart's
// words, the dev server's page before a first build), by locale.
//
//go:embed defaults
var defaults embed.FS

// LoadSite is Load for the languages of a site: a string a language's file
// does not have is taken from almanac's own (internal/i18n/defaults) for
// the nearest locale, where there is one, so a new site needs no chart
// words of its own. A language almanac has no strings for gets none.
//
// A derived language (a Traditional Chinese edition converted from the
// Simplified one) takes what its file leaves out from its source
// language's strings, converted, almanac's own included.
func LoadSite(fsys fs.FS, langs []*config.Language, derived ...Derived) (*Catalog, error) {
	keys := make([]string, len(langs))
	own := map[string]map[string]string{}
	for i, l := range langs {
		keys[i] = l.Key
		if !isDerived(derived, l.Key) {
			own[l.Key] = defaultsFor(l.Tag)
		}
	}
	return load(fsys, keys, own, derived)
}

// defaultsFor reads almanac's own strings for the locale nearest tag.
func defaultsFor(tag language.Tag) map[string]string {
	for _, key := range locale.Chain(tag) {
		if key == "" {
			continue
		}
		src, err := fs.ReadFile(defaults, "defaults/"+key+".toml")
		if err != nil {
			continue
		}
		m := map[string]string{}
		if _, err := toml.Decode(string(src), &m); err != nil {
			panic("i18n: almanac's own " + key + ".toml does not read: " + err.Error())
		}
		return m
	}
	return nil
}

// Load reads layouts/i18n/<lang>.toml for every language in langs.
func Load(fsys fs.FS, langs []string) (*Catalog, error) { return load(fsys, langs, nil, nil) }

// ownLine marks a string taken from almanac's own, which has no line in
// the site.
const ownLine = -1

func load(fsys fs.FS, langs []string, own map[string]map[string]string, derived []Derived) (*Catalog, error) {
	c := &Catalog{strings: map[string]map[string]string{}, lines: map[string]map[string]int{}}
	fill := func(lang string) {
		if c.strings[lang] == nil {
			c.strings[lang], c.lines[lang] = map[string]string{}, map[string]int{}
		}
		for k, v := range own[lang] {
			if _, ok := c.strings[lang][k]; !ok {
				c.strings[lang][k], c.lines[lang][k] = v, ownLine
			}
		}
	}
	var list diag.List
	var absent []string // languages without a file
	for _, lang := range langs {
		file := File(lang)
		src, err := fs.ReadFile(fsys, file)
		if err != nil && isDerived(derived, lang) && errors.Is(err, fs.ErrNotExist) {
			c.strings[lang], c.lines[lang] = map[string]string{}, map[string]int{}
			continue
		}
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && !diag.IsOutsideLink(err) {
				absent = append(absent, lang)
				fill(lang)
				continue
			}
			list = append(list, diag.ReadError(file, err))
			continue
		}
		m := map[string]string{}
		if err := tomlfile.Decode(file, src, 1, &m); err != nil {
			list.Add(file, err)
			continue
		}
		c.strings[lang] = m
		c.lines[lang] = map[string]int{}
		keys := tomlfile.IndexKeys(src)
		for k := range m {
			c.lines[lang][k] = keys.Line([]string{k})
		}
		for _, k := range sortedKeys(m) {
			if instead, ok := retiredKeys[k]; ok {
				c.retired = append(c.retired, RetiredString{File: file, Key: k, Instead: instead, Line: c.lines[lang][k]})
			}
		}
		fill(lang)
	}
	for _, lang := range absent {
		if d := c.absent(lang); d != nil {
			list = append(list, d)
		}
	}
	if len(list) == 0 {
		c.derive(derived)
		list = c.missing(langs)
	}
	c.sums = map[string][sha256.Size]byte{}
	for lang, m := range c.strings {
		h := sha256.New()
		for _, k := range sortedKeys(m) {
			h.Write([]byte(k + "\x00" + m[k] + "\x00"))
		}
		c.sums[lang] = [sha256.Size]byte(h.Sum(nil))
	}
	return c, list.Err()
}

// Sum stands for every string of lang: it changes when any of them does,
// so what was made with a language's strings can tell whether to make it
// again without listing the keys it read.
func (c *Catalog) Sum(lang string) [sha256.Size]byte { return c.sums[lang] }

func isDerived(derived []Derived, lang string) bool {
	for _, d := range derived {
		if d.Lang == lang {
			return true
		}
	}
	return false
}

// derive fills each derived language's missing keys: a hand-written
// string wins, key by key.
func (c *Catalog) derive(derived []Derived) {
	for _, d := range derived {
		own, from := c.strings[d.Lang], c.strings[d.From]
		if own == nil || from == nil {
			continue
		}
		for _, key := range sortedKeys(from) {
			if _, ok := own[key]; !ok {
				own[key] = d.Convert(from[key])
				line := c.lines[d.From][key]
				c.lines[d.Lang][key] = line
				if line == ownLine {
					continue // almanac's own strings were reviewed with it
				}
				if c.converted == nil {
					c.converted = map[string][]ConvertedString{}
				}
				c.converted[d.Lang] = append(c.converted[d.Lang], ConvertedString{key, from[key], line})
			}
		}
	}
}

// Retired lists the keys the site's files set that almanac no longer
// reads, file by file in the order of the site's languages.
func (c *Catalog) Retired() []RetiredString { return c.retired }

// Converted lists, by key, the strings lang took from its source
// language's file, converted (none from almanac's own strings).
func (c *Catalog) Converted(lang string) []ConvertedString { return c.converted[lang] }

// absent reports a language with no string file, listing every string the
// other languages have, which the new file must translate.
func (c *Catalog) absent(lang string) *diag.Diagnostic {
	keys := map[string]bool{}
	from := ""
	for have, m := range c.strings {
		if have == lang {
			continue
		}
		if from == "" || have < from {
			from = have
		}
		for k := range m {
			if _, ok := c.strings[lang][k]; !ok {
				keys[k] = true
			}
		}
	}
	if len(keys) == 0 && len(c.strings[lang]) > 0 {
		return nil // almanac's own strings are all it needs
	}
	d := diag.Errorf(File(lang), 0, 0, "", "the interface strings for language %q are missing", lang)
	if len(keys) == 0 {
		d.Hint = "create it with one line key = \"text\" for each string the layouts show"
		return d
	}
	list := make([]string, 0, len(keys))
	for k := range keys {
		list = append(list, k)
	}
	sort.Strings(list)
	d.Msg = fmt.Sprintf("the %d interface strings for language %q are missing: %s", len(list), lang, strings.Join(list, ", "))
	d.Hint = fmt.Sprintf("create it with a line key = \"…\" for each of them, translating %s", File(from))
	return d
}

// File is the path of a language's string file.
func File(lang string) string { return path.Join(Dir, lang+".toml") }

// missing reports every key defined in one language but not in another.
func (c *Catalog) missing(langs []string) diag.List {
	var list diag.List
	reported := map[[2]string]bool{} // lack, key: once, whichever languages have it
	for _, have := range langs {
		for _, lack := range langs {
			if have == lack {
				continue
			}
			for _, key := range sortedKeys(c.strings[have]) {
				if _, retired := retiredKeys[key]; retired {
					continue // its own warning says to remove it, not to translate it
				}
				if _, ok := c.strings[lack][key]; !ok && !reported[[2]string{lack, key}] {
					reported[[2]string{lack, key}] = true
					source := fmt.Sprintf("the text at %s:%d", File(have), c.lines[have][key])
					if c.lines[have][key] == ownLine {
						source = fmt.Sprintf("almanac's own %s text %q", have, c.strings[have][key])
					}
					list = append(list, diag.Errorf(File(lack), 0, 0,
						fmt.Sprintf("add %s = \"…\" here, translating %s", key, source),
						"interface string %q is missing", key))
				}
			}
		}
	}
	return list
}

// Get returns the text of key in lang.
func (c *Catalog) Get(lang, key string) (string, bool) {
	s, ok := c.strings[lang][key]
	return s, ok
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
