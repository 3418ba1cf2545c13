// Package search builds the static search index of each language: the
// files the search page (static/js/search.js) downloads to find passages in
// the browser, with no server.
//
// Every heading section of the language's home, covers and sections is one
// entry (page title, heading, anchor, text). Chinese text is indexed by
// single characters and pairs of neighbouring characters, with no
// dictionary; other text by lower-cased words, numbers as the page writes
// them (text.go holds the rules, which search.js repeats). The terms are
// spread over shards by their first character(s), so a query downloads only
// the shards its terms are in; the entries' text, for snippets, comes in
// chunks of neighbouring entries.
//
// A language's files sit in <lang>/search/ beside its search page:
//
//	index.json   the manifest: shard and chunk file names, entry count,
//	             the language's table of plurals (plurals.go), and where
//	             an edition is converted to or from another, the form the
//	             index holds of each character the other writes differently
//	tN.json      shard N: {"term": [postings]}, each posting the entry's
//	             number times two, plus one where the term is in the
//	             page's title or the heading; the numbers are given as the
//	             difference from the one before, and -n repeats the last
//	             difference n more times
//	dN.json      chunk N: [[path, anchor, title, heading, text], …]
//
// With Options.Hashed (build --minify) every name carries the hash of its
// content, as publish gives fingerprinted assets (index.3f9a2c1b.json), so
// a CDN can keep them for a year; the search page names its manifest.
package search

import (
	"bytes"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/convert"
	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/parallel"
	"github.com/xmca/almanac/internal/publish"
	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/sitepath"
)

// Options are the build's choices.
type Options struct {
	// Hashed names every file by the hash of its content.
	Hashed bool
}

// Index is every language's search index.
type Index struct {
	Files output.Files
	// Manifests names each language's manifest, relative to the base URL
	// ("zh/search/index.json"), by language key.
	Manifests map[string]string
}

// The sizes the files aim at, in bytes before compression: small enough
// that a query's few shards and chunks download quickly on a phone,
// large enough that a small site needs only a few files.
const (
	shardTarget = 6 << 10
	chunkTarget = 24 << 10
	maxShards   = 256
)

// Indexed reports whether pages of this kind are searched: the pages with
// the report's text. The print edition repeats them and the others have
// none.
func Indexed(k site.Kind) bool {
	return k == site.KindHome || k == site.KindCover || k == site.KindSection
}

// Build makes the index of every language of s.
func Build(s *site.Site, opt Options) *Index {
	idx := &Index{Files: output.Files{}, Manifests: map[string]string{}}
	byLang := map[string][]*site.Page{}
	for _, p := range s.Pages {
		if p.Lang != nil && Indexed(p.Kind) {
			byLang[p.Lang.Key] = append(byLang[p.Lang.Key], p)
		}
	}
	files := make([]output.Files, len(s.Config.Langs))
	manifests := make([]string, len(s.Config.Langs))
	collected := make([]*terms, len(s.Config.Langs))
	ready := make([]chan struct{}, len(s.Config.Langs)) // closed once collected holds the language's terms
	for i := range ready {
		ready[i] = make(chan struct{})
	}
	var wg sync.WaitGroup
	for i, lang := range s.Config.Langs {
		wg.Go(func() {
			entries := extractAll(byLang[lang.Key])
			collected[i] = collectTerms(entries, pluralTable(lang.Locale))
			close(ready[i])
			var forms map[rune]rune
			if from := slices.IndexFunc(s.Config.Langs, func(l *config.Language) bool { return l.Key == lang.ConvertFrom }); from >= 0 && lang.Converter() != nil {
				<-ready[from]
				forms = convertedForms(charConversions(collected[from], lang.Converter()), collected[i])
			}
			for _, c := range s.Config.Langs {
				if c.ConvertFrom == lang.Key && c.Converter() != nil {
					if forms == nil {
						forms = map[rune]rune{}
					}
					sourceForms(charConversions(collected[i], c.Converter()), collected[i], forms)
				}
			}
			files[i], manifests[i] = buildLanguage(lang.Key, lang.Locale, entries, collected[i], forms, opt)
		})
	}
	wg.Wait()
	for i, lang := range s.Config.Langs {
		for name, b := range files[i] {
			idx.Files[name] = b
		}
		idx.Manifests[lang.Key] = manifests[i]
	}
	return idx
}

// charConversions converts each Chinese character of a source edition's
// index (Simplified) to a converted edition's form, one by one, each as a
// word of its own (发 → 發, though 头发 is 頭髮): the pairs that differ, in
// the order the index first met the characters.
func charConversions(source *terms, conv *convert.Converter) [][2]rune {
	var chars []rune
	for _, term := range source.text {
		if r, size := utf8.DecodeRuneInString(term); size == len(term) && isHan(r) {
			chars = append(chars, r)
		}
	}
	// One conversion for all, a line each, so none is read with another.
	var text strings.Builder
	for _, r := range chars {
		text.WriteRune(r)
		text.WriteByte('\n')
	}
	out := strings.Split(conv.String(text.String()), "\n")
	if len(out) != len(chars)+1 {
		return nil
	}
	var pairs [][2]rune
	for i, r := range chars {
		if to, size := utf8.DecodeRuneInString(out[i]); size == len(out[i]) && to != r && isHan(to) {
			pairs = append(pairs, [2]rune{r, to})
		}
	}
	return pairs
}

// convertedForms maps each Simplified character of pairs to the form a
// converted edition writes for it, where that edition's index holds the
// form and not the Simplified character: what search.js reads a query by
// on the converted edition's search page, so that a reader who types 养老
// there finds 養老.
func convertedForms(pairs [][2]rune, converted *terms) map[rune]rune {
	forms := map[rune]rune{}
	for _, p := range pairs {
		// A character the converted text also writes as it is (台 beside
		// 臺) already finds what it should, and is left alone.
		if converted.chars[p[1]] != 0 && converted.chars[p[0]] == 0 {
			forms[p[0]] = p[1]
		}
	}
	return forms
}

// sourceForms is the other way: each converted form the source edition's
// index does not hold, mapped to the character it was converted from, so
// that a reader who types 養老 on the Simplified edition's search page
// finds 养老. Where two characters take the same form, the first the index
// met is kept.
func sourceForms(pairs [][2]rune, source *terms, forms map[rune]rune) {
	for _, p := range pairs {
		if _, taken := forms[p[1]]; !taken && source.chars[p[1]] == 0 {
			forms[p[1]] = p[0]
		}
	}
}

// extractAll splits pages into entries on all cores, keeping page order.
func extractAll(pages []*site.Page) []entry {
	per := parallel.Map(pages, pageEntries)
	var all []entry
	for _, e := range per {
		all = append(all, e...)
	}
	return all
}

// buildLanguage writes one language's shards, chunks and manifest:
// entries and their terms, and for an edition converted to or from
// another the forms its characters take in the other (convertedForms,
// sourceForms).
func buildLanguage(key, locale string, entries []entry, t *terms, forms map[rune]rune, opt Options) (output.Files, string) {
	dir := sitepath.Search(key)
	files := output.Files{}
	// name stores a file and returns its name in the manifest, relative
	// to dir.
	name := func(p string, content []byte) string {
		if opt.Hashed {
			p = publish.HashedName(p, content)
		}
		files[p] = content
		return p[len(dir):]
	}
	shards := shardTerms(t.all())
	var shardNames, chunkNames []string
	for i, sh := range shards {
		shardNames = append(shardNames, name(sitepath.SearchShard(key, i), sh))
	}
	chunks, starts := chunkEntries(entries)
	for i, ch := range chunks {
		chunkNames = append(chunkNames, name(sitepath.SearchChunk(key, i), ch))
	}
	var m bytes.Buffer
	m.WriteString(`{"v":1,"locale":`)
	writeString(&m, locale)
	m.WriteString(`,"zh":`)
	m.WriteString(strconv.FormatBool(IsChinese(locale)))
	m.WriteString(`,"plurals":`)
	writePlurals(&m, pluralTable(locale))
	if forms != nil {
		m.WriteString(`,"forms":`)
		writeForms(&m, forms)
	}
	m.WriteString(`,"count":`)
	m.WriteString(strconv.Itoa(len(entries)))
	m.WriteString(`,"shards":`)
	writeStrings(&m, shardNames)
	m.WriteString(`,"chunks":`)
	writeStrings(&m, chunkNames)
	m.WriteString(`,"starts":`)
	writeInts(&m, starts)
	m.WriteString("}")
	return files, dir + name(sitepath.SearchManifest(key), m.Bytes())
}

// postings are the entries a term is in, in order, as entry*2+inHeading.
type postings []uint32

// add records that entry id (with its inHeading bit) holds the term. The
// title and heading of an entry are read before its text, so a term
// already recorded for the entry keeps its bit.
func (ps *postings) add(id uint32) {
	if n := len(*ps); n > 0 && (*ps)[n-1]>>1 == id>>1 {
		return
	}
	*ps = append(*ps, id)
}

// terms maps each term to its postings. Chinese characters are found by
// code point, pairs by number (the first's code point shifted past the
// second's), words by a hash of the word as written, each to the term's
// place in lists, so that reading a term allocates only when the term is
// new and the maps hold no pointers for the collector to follow.
type terms struct {
	chars   []uint32 // by code point: the place in lists plus one, 0 for none yet
	pairs   map[uint64]uint32
	words   map[uint64]uint32 // by the FNV-1a hash of the word as written: its place in written plus one
	written []writtenWord
	clashed map[string]uint32 // words as written whose hash another has: the place in lists plus one
	byText  map[string]uint32 // every word's term (its singular): the place in lists plus one
	plurals *plurals
	lists   []postings
	text    []string // each list's term, as text
}

// writtenWord is a word as the text writes it, and the place plus one in
// lists of the term it is indexed by.
type writtenWord struct {
	text  string
	place uint32
}

// newList makes the postings of a new term and returns its place plus one.
func (t *terms) newList(term string) uint32 {
	t.lists = append(t.lists, nil)
	t.text = append(t.text, term)
	return uint32(len(t.lists))
}

// word returns the place plus one of the postings of a word as written,
// making them on first use. Words are found by a hash of their bytes,
// which costs less than hashing and comparing strings in a map, and
// checked against the word found: a word whose hash another already has
// goes to clashed. A word is read in its singular once, when first met.
func (t *terms) word(w []byte) uint32 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h ^= uint64(c)
		h *= 1099511628211
	}
	i := t.words[h]
	if i != 0 {
		if t.written[i-1].text == string(w) {
			return t.written[i-1].place
		}
		if p := t.clashed[string(w)]; p != 0 {
			return p
		}
	}
	text := string(w)
	term := string(singular(w, t.plurals))
	p := t.byText[term]
	if p == 0 {
		p = t.newList(term)
		t.byText[term] = p
	}
	if i == 0 {
		t.written = append(t.written, writtenWord{text, p})
		t.words[h] = uint32(len(t.written))
	} else {
		t.clashed[text] = p
	}
	return p
}

// collectTerms indexes every entry's title, heading and text, words in
// their singular by the table of plurals (none for nil).
func collectTerms(entries []entry, plurals *plurals) *terms {
	t := &terms{chars: make([]uint32, maxHan+1), pairs: map[uint64]uint32{}, words: map[uint64]uint32{},
		clashed: map[string]uint32{}, byText: map[string]uint32{}, plurals: plurals}
	var runes []rune
	var word []byte
	for i, e := range entries {
		for part, s := range [3]string{e.title, e.heading, e.text} {
			if part == 0 && e.anchor != "" {
				continue // the title counts for the top of the page only
			}
			id := uint32(i) << 1
			if part < 2 {
				id |= 1
			}
			runes = tokens(s, runes, func(tok []rune, han bool) {
				if !han {
					word = word[:0]
					for _, r := range tok {
						word = utf8.AppendRune(word, r)
					}
					t.lists[t.word(word)-1].add(id)
					return
				}
				for j, r := range tok {
					p := t.chars[r]
					if p == 0 {
						p = t.newList(string(r))
						t.chars[r] = p
					}
					t.lists[p-1].add(id)
					if j+1 < len(tok) {
						key := uint64(r)<<21 | uint64(tok[j+1])
						p := t.pairs[key]
						if p == 0 {
							p = t.newList(string(r) + string(tok[j+1]))
							t.pairs[key] = p
						}
						t.lists[p-1].add(id)
					}
				}
			})
		}
	}
	return t
}

// all lists every term with its postings, by the term's text.
func (t *terms) all() map[string]postings {
	out := make(map[string]postings, len(t.lists))
	for i, ps := range t.lists {
		out[t.text[i]] = ps
	}
	return out
}

// shardOf is the shard a term is in among n: by its first character when
// it starts with a Chinese one, by its first two otherwise, so that the
// words a typed prefix could begin are all in the prefix's shard. It is
// FNV-1a over the code points; search.js computes the same.
func shardOf(term string, n int) int {
	h := uint32(2166136261)
	count := 0
	for _, r := range term {
		h ^= uint32(r)
		h *= 16777619
		count++
		if isHan(r) || count == 2 {
			break
		}
	}
	return int(h % uint32(n))
}

// shardTerms writes the terms into as many shards as keep each near
// shardTarget.
func shardTerms(t map[string]postings) [][]byte {
	keys := make([]string, 0, len(t))
	size := 0
	for k, ps := range t {
		keys = append(keys, k)
		size += len(k) + 4 + 3*len(ps)
	}
	slices.Sort(keys)
	n := min(max(1, (size+shardTarget-1)/shardTarget), maxShards)
	out := make([][]byte, n)
	for _, k := range keys {
		i := shardOf(k, n)
		b := out[i]
		if len(b) == 0 {
			b = append(b, '{')
		} else {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, k...) // terms are letters, digits, "." and Chinese: nothing to escape
		b = append(b, `":[`...)
		b = appendPostings(b, t[k])
		out[i] = append(b, ']')
	}
	for i, b := range out {
		if len(b) == 0 {
			b = append(b, '{')
		}
		out[i] = append(b, '}')
	}
	return out
}

// appendPostings appends ps as the differences from one to the next (the
// first from 0), and a run of n more equal differences as -n: a term
// common to many entries in a row (的, "the") costs a few numbers.
func appendPostings(b []byte, ps postings) []byte {
	prev, last, run := uint32(0), uint32(0), 0
	for i, p := range ps {
		d := p - prev
		prev = p
		if i > 0 && d == last {
			run++
			continue
		}
		if run > 0 {
			b = strconv.AppendInt(append(b, ','), int64(-run), 10)
			run = 0
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendUint(b, uint64(d), 10)
		last = d
	}
	if run > 0 {
		b = strconv.AppendInt(append(b, ','), int64(-run), 10)
	}
	return b
}

// chunkEntries writes the entries into chunks of about chunkTarget bytes
// and returns each chunk's first entry number.
func chunkEntries(entries []entry) ([][]byte, []int) {
	var chunks [][]byte
	var starts []int
	var b bytes.Buffer
	for i, e := range entries {
		if b.Len() == 0 {
			starts = append(starts, i)
			b.WriteByte('[')
		} else {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for j, s := range [5]string{e.path, e.anchor, e.title, e.heading, e.text} {
			if j > 0 {
				b.WriteByte(',')
			}
			writeString(&b, s)
		}
		b.WriteByte(']')
		if b.Len() >= chunkTarget || i == len(entries)-1 {
			b.WriteByte(']')
			chunks = append(chunks, bytes.Clone(b.Bytes()))
			b.Reset()
		}
	}
	return chunks, starts
}

// writeString writes s as a JSON string, escaping only what JSON requires,
// so a JSON minifier finds nothing to shorten and the hashed names stay
// true to the bytes served.
func writeString(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b.WriteString(s[last:i])
		last = i + 1
		switch c {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	b.WriteString(s[last:])
	b.WriteByte('"')
}

func writeStrings(b *bytes.Buffer, list []string) {
	b.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, s)
	}
	b.WriteByte(']')
}

// writePlurals writes a table of plurals as the manifest gives it to
// search.js, {"words": {word: singular, …}, "endings": [[plural,
// singular, stem], …]}, or null for none.
func writePlurals(b *bytes.Buffer, table *plurals) {
	if table == nil {
		b.WriteString("null")
		return
	}
	b.WriteString(`{"words":{`)
	for i, w := range slices.Sorted(maps.Keys(table.words)) {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, w)
		b.WriteByte(':')
		writeString(b, table.words[w])
	}
	b.WriteString(`},"endings":[`)
	for i, e := range table.endings {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		writeString(b, e.plural)
		b.WriteByte(',')
		writeString(b, e.singular)
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(e.stem))
		b.WriteByte(']')
	}
	b.WriteString("]}")
}

// writeForms writes a converted edition's forms of characters as
// {"发":"發", …}, in the order of the source characters.
func writeForms(b *bytes.Buffer, forms map[rune]rune) {
	b.WriteByte('{')
	for i, r := range slices.Sorted(maps.Keys(forms)) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteRune(r)
		b.WriteString(`":"`)
		b.WriteRune(forms[r])
		b.WriteByte('"')
	}
	b.WriteByte('}')
}

func writeInts(b *bytes.Buffer, list []int) {
	b.WriteByte('[')
	for i, n := range list {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(n))
	}
	b.WriteByte(']')
}
