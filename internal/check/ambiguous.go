package check

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/convert"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/i18n"
)

// ReviewedFile lists, for a converted edition (zh-hant), the sentences
// with an ambiguous character that an editor has read in that edition and
// found right, one a line as the edition shows them. It is at the root of
// the site.
func ReviewedFile(lang string) string { return "reviewed." + lang + ".txt" }

// ambiguousCharacters lists, in the text a converted edition takes from
// its source language, every sentence with a character that has more than
// one Traditional form (发: 發 or 髮) whose conversion nobody has reviewed
// yet. A sentence once reviewed, and recorded in ReviewedFile, is not
// listed again until its text or its conversion changes: so only new text
// is listed, and an editor looks at each sentence once.
func (c *checker) ambiguousCharacters() {
	for _, lang := range c.res.Config.Langs {
		conv := lang.Converter()
		if conv == nil {
			continue
		}
		reviewed := c.readReviewed(lang.Key)
		done := map[string]bool{}
		for _, p := range c.res.Site.Pages {
			if !p.Converted || p.Lang != lang || done[p.Source] {
				continue
			}
			done[p.Source] = true
			if s := c.sources[p.Source]; s != nil {
				c.ambiguousIn(s, lang, conv, reviewed)
			}
		}
		for _, r := range c.res.Site.Reports {
			if r.Figures != nil && r.FiguresFile != "" {
				c.ambiguousFigures(r.FiguresFile, r.Figures, lang, conv, reviewed)
			}
		}
		c.ambiguousStrings(lang, conv, reviewed)
		c.ambiguousTitle(lang, conv, reviewed)
	}
}

// ambiguousTitle checks the site title, converted from the source
// language's when site.toml gives the edition none.
func (c *checker) ambiguousTitle(lang *config.Language, conv *convert.Converter, reviewed map[string]bool) {
	from := c.res.Config.Languages[lang.ConvertFrom]
	if from == nil {
		return
	}
	line := c.res.Config.Line("languages", from.Key, "title")
	c.ambiguousText(config.File, line, 0, from.Title, lang.Title, lang, conv, reviewed)
}

// ambiguousStrings does for the layouts' strings what ambiguousIn does for
// Markdown: the strings of the source language's file (zh.toml) that the
// edition converts, those its own file (zh-hant.toml) does not write.
// almanac's own strings (internal/i18n/defaults) were reviewed with it.
func (c *checker) ambiguousStrings(lang *config.Language, conv *convert.Converter, reviewed map[string]bool) {
	file := i18n.File(lang.ConvertFrom)
	for _, s := range c.res.Site.Strings.Converted(lang.Key) {
		for _, sentence := range sentences(s.Source) {
			c.ambiguousSentence(file, s.Line, 0, sentence.text, lang, conv, reviewed)
		}
	}
}

// ambiguousFigures does for figures.toml what ambiguousIn does for
// Markdown: the labels, sources and chart texts the edition converts.
func (c *checker) ambiguousFigures(file string, set *figures.Set, lang *config.Language, conv *convert.Converter, reviewed map[string]bool) {
	from := lang.ConvertFrom
	for _, f := range set.Figures() {
		for _, texts := range []map[string]string{f.Labels, f.Sources} {
			c.ambiguousText(file, f.Line, 0, texts[from], texts[lang.Key], lang, conv, reviewed)
		}
	}
	for _, ch := range set.Charts() {
		for _, texts := range []map[string]string{ch.Titles, ch.Descriptions} {
			c.ambiguousText(file, ch.Line, 0, texts[from], texts[lang.Key], lang, conv, reviewed)
		}
	}
}

// ambiguousText checks one text written in the source language; shown
// is the edition's own text for it, when it has one, which needs no look.
func (c *checker) ambiguousText(file string, line, col int, text, shown string, lang *config.Language, conv *convert.Converter, reviewed map[string]bool) {
	if text == "" || shown != conv.String(text) {
		return // nothing to convert, or written by hand for the edition
	}
	for _, sentence := range sentences(text) {
		c.ambiguousSentence(file, line, col, sentence.text, lang, conv, reviewed)
	}
}

func (c *checker) ambiguousSentence(file string, line, col int, sentence string, lang *config.Language, conv *convert.Converter, reviewed map[string]bool) {
	chars := conv.Unsettled(sentence)
	if len(chars) == 0 {
		return
	}
	shown := conv.String(sentence)
	if reviewed[shown] {
		return
	}
	c.warnf(file, line, col,
		fmt.Sprintf("%s: each has more than one Traditional form. If the sentence is right, add it as a line to %s; if not, add the phrase and its right form to [languages.%s.phrases] in site.toml, like \"头发\" = \"頭髮\"",
			describeForms(chars), ReviewedFile(lang.Key), lang.Key),
		"check the %s of this sentence: %s", lang.Name, shown)
}

func (c *checker) ambiguousIn(s *source, lang *config.Language, conv *convert.Converter, reviewed map[string]bool) {
	warn := func(sentence string, line, col int) {
		c.ambiguousSentence(s.file, line, col, sentence, lang, conv, reviewed)
	}
	for _, key := range []string{"title", "summary"} {
		text := s.front.Title
		if key == "summary" {
			text = s.front.Summary
		}
		line := s.front.Line(key)
		for _, sentence := range sentences(text) {
			warn(sentence.text, line, 0)
		}
	}
	for _, seg := range s.parsed().texts {
		for _, sentence := range sentences(string(s.body[seg.Start:seg.Stop])) {
			line, col := s.position(seg.Start + sentence.at)
			warn(sentence.text, line, col)
		}
	}
}

// describeForms says which forms each character may take: "后 (後, 后), 发 (發, 髮)".
func describeForms(chars []rune) string {
	parts := make([]string, len(chars))
	for i, r := range chars {
		forms := []rune(convert.Ambiguous[r])
		names := make([]string, len(forms))
		for j, f := range forms {
			names[j] = string(f)
		}
		parts[i] = fmt.Sprintf("%c (%s)", r, strings.Join(names, ", "))
	}
	return strings.Join(parts, ", ")
}

type sentence struct {
	text string
	at   int // byte offset in the text it was taken from
}

// sentences splits text after each 。！？； so that a message quotes one
// sentence, and a reviewed sentence stays reviewed when another in its
// paragraph changes.
func sentences(text string) []sentence {
	var out []sentence
	start := 0
	for i, r := range text {
		if strings.ContainsRune("。！？；", r) {
			end := i + utf8.RuneLen(r)
			out = appendSentence(out, text, start, end)
			start = end
		}
	}
	return appendSentence(out, text, start, len(text))
}

func appendSentence(out []sentence, text string, start, end int) []sentence {
	trimmed := strings.TrimLeft(text[start:end], " \t\n")
	start = end - len(trimmed)
	trimmed = strings.TrimRight(trimmed, " \t\n")
	if trimmed == "" {
		return out
	}
	return append(out, sentence{text: trimmed, at: start})
}

// readReviewed reads ReviewedFile(lang): one sentence a line; blank lines
// and lines starting with # are left out.
func (c *checker) readReviewed(lang string) map[string]bool {
	reviewed := map[string]bool{}
	b, err := fs.ReadFile(c.fsys, ReviewedFile(lang))
	if err != nil {
		return reviewed
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			reviewed[line] = true
		}
	}
	return reviewed
}
