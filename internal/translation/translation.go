// Package translation tells which translations have fallen behind their
// source, the default language's file.
//
// A translation records in its front matter a short hash of every heading
// section of the source as it was when translated (almanac translated
// writes it). Comparing those hashes with the source today names the
// sections that changed since. The hash is taken over the Markdown as
// written, {{figure}} references included, so a new value in figures.toml
// does not make prose stale; runs of white space count as one space, so
// re-wrapping lines does not either.
package translation

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Keys of the sections that have no heading of their own.
const (
	TitleKey = "_title" // the title and summary
	IntroKey = "_intro" // the text before the first heading
)

// Section is one part of a Markdown file: its title and summary, the text
// before the first heading, or a heading with the text under it up to the
// next heading.
type Section struct {
	// Key names the section in a record: the heading's {#id} where it has
	// one, otherwise its text, or TitleKey / IntroKey.
	Key     string
	Heading string // the heading as written, without {#id}; "" for TitleKey and IntroKey
	Index   int    // the heading's position among the file's headings, from 1; 0 without a heading
	Line    int    // the line of the heading in the file; 0 without a heading
	Hash    string
}

// Fingerprint splits a file's text into sections and hashes each. bodyLine
// is the line of the file where body starts.
func Fingerprint(title, summary string, body []byte, bodyLine int) []Section {
	secs := []Section{{Key: TitleKey, Hash: hash("title " + title + "\nsummary " + summary)}}
	cur := Section{Key: IntroKey}
	var text strings.Builder
	flush := func() {
		if cur.Key != IntroKey || strings.TrimSpace(text.String()) != "" {
			cur.Hash = hash(text.String())
			secs = append(secs, cur)
		}
		text.Reset()
	}
	fence := ""
	index := 0
	seen := map[string]bool{}
	for i, line := range strings.Split(string(body), "\n") {
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
		} else if f := fenceOf(trimmed); f != "" {
			fence = f
		} else if level, heading, id, ok := atxHeading(line); ok {
			flush()
			index++
			key := id
			if key == "" {
				key = heading
			}
			// Two headings written alike ("其他" in two parts) need
			// keys of their own.
			for n := 2; seen[key]; n++ {
				key = fmt.Sprintf("%s (%d)", strings.TrimSuffix(key, fmt.Sprintf(" (%d)", n-1)), n)
			}
			seen[key] = true
			cur = Section{Key: key, Heading: heading, Index: index, Line: bodyLine + i}
			text.WriteString(strings.Repeat("#", level) + " " + heading + "\n")
			continue
		}
		text.WriteString(line + "\n")
	}
	flush()
	return secs
}

func fenceOf(trimmed string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(trimmed, f) {
			return f
		}
	}
	return ""
}

var headingID = regexp.MustCompile(`\s*\{#([^}\s]+)\}\s*$`)

// atxHeading reads a "## heading {#id}" line (up to three spaces before it).
func atxHeading(line string) (level int, text, id string, ok bool) {
	s := strings.TrimLeft(line, " ")
	if len(line)-len(s) > 3 {
		return 0, "", "", false
	}
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || (level < len(s) && s[level] != ' ' && s[level] != '\t') {
		return 0, "", "", false
	}
	text = strings.TrimSpace(s[level:])
	if m := headingID.FindStringSubmatchIndex(text); m != nil {
		id = text[m[2]:m[3]]
		text = text[:m[0]]
	}
	text = strings.TrimSpace(strings.TrimRight(text, "#"))
	return level, text, id, true
}

// hash is the first 12 hex digits of SHA-256 over the text with every run
// of white space made one space, or none beside a Chinese character: a line
// wrapped between Chinese characters is not a space on the page either.
func hash(text string) string {
	var b strings.Builder
	for i, f := range strings.Fields(text) {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next, _ := utf8.DecodeRuneInString(f)
			if !wide(prev) && !wide(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(f)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:6])
}

// wide reports whether r is a Chinese, Japanese or Korean character or
// full-width punctuation, which no space separates.
func wide(r rune) bool { return r >= 0x2E80 && r != utf8.RuneError }

// Change is one section of the source that differs from what a translation
// recorded.
type Change struct {
	Source Section  // the section in the source; for a removed one, only Key is set
	Target *Section // the matching section of the translation, nil when none
	Kind   Kind
}

// Kind says how a section changed.
type Kind int

const (
	Changed Kind = iota // its text changed
	Added               // it is new in the source
	Removed             // the source no longer has it
)

// Compare lists the sections of source whose hashes differ from recorded,
// in the source's order, then those recorded that the source no longer
// has. target is the translation's own sections, to point at the place that
// needs work: a section matches by {#id} or heading text, else by position.
func Compare(recorded map[string]string, source, target []Section) []Change {
	var out []Change
	present := map[string]bool{}
	for _, s := range source {
		present[s.Key] = true
		h, ok := recorded[s.Key]
		switch {
		case !ok:
			out = append(out, Change{Source: s, Target: match(s, target), Kind: Added})
		case h != s.Hash:
			out = append(out, Change{Source: s, Target: match(s, target), Kind: Changed})
		}
	}
	for _, key := range slices.Sorted(maps.Keys(recorded)) {
		if !present[key] {
			out = append(out, Change{Source: Section{Key: key}, Kind: Removed})
		}
	}
	return out
}

func match(s Section, target []Section) *Section {
	for i := range target {
		if target[i].Key == s.Key {
			return &target[i]
		}
	}
	if s.Index > 0 {
		for i := range target {
			if target[i].Index == s.Index {
				return &target[i]
			}
		}
	}
	return nil
}

// Record rewrites the front matter of a translation file (src, starting
// with a +++ line) to record source as translated: every earlier record
// line goes, and the new lines come after the last top-level setting, so
// that no [table] of the front matter captures them.
func Record(src []byte, source []Section) ([]byte, bool) {
	lines := strings.SplitAfter(string(src), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "+++" {
		return nil, false
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "+++" {
			end = i
			break
		}
	}
	if end < 0 {
		return nil, false
	}
	var kept []string
	insert := -1
	for i := 1; i < end; i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "translated.") || strings.HasPrefix(t, "translated =") || (strings.HasPrefix(t, "#") && strings.Contains(t, "almanac translated")) {
			continue
		}
		if insert < 0 && strings.HasPrefix(t, "[") {
			insert = len(kept)
		}
		kept = append(kept, l)
	}
	if insert < 0 {
		insert = len(kept)
	}
	// Keep the record apart from the settings above it.
	for insert > 0 && strings.TrimSpace(kept[insert-1]) == "" {
		kept = append(kept[:insert-1], kept[insert:]...)
		insert--
	}
	var rec []string
	if insert > 0 {
		rec = append(rec, "\n")
	}
	rec = append(rec, recordComment+"\n")
	for _, s := range source {
		rec = append(rec, "translated."+tomlKey(s.Key)+" = \""+s.Hash+"\"\n")
	}
	if insert < len(kept) {
		rec = append(rec, "\n")
	}
	if insert > 0 && !strings.HasSuffix(kept[insert-1], "\n") {
		kept[insert-1] += "\n"
	}
	var b bytes.Buffer
	b.WriteString(lines[0])
	for _, l := range kept[:insert] {
		b.WriteString(l)
	}
	for _, l := range rec {
		b.WriteString(l)
	}
	for _, l := range kept[insert:] {
		b.WriteString(l)
	}
	for _, l := range lines[end:] {
		b.WriteString(l)
	}
	return b.Bytes(), true
}

// recordComment heads the record in the front matter, for the editor who
// wonders what the lines are.
const recordComment = "# 译文对应的原文各节（由 almanac translated 写入，请勿修改）The source as translated, by section (written by almanac translated; do not edit)."

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func tomlKey(k string) string {
	if bareKey.MatchString(k) {
		return k
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range k {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			b.WriteString(" ")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
