package importer

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/scaffold"
	"github.com/xmca/almanac/internal/tomlfile"
)

// writer turns the blocks of a draft into Markdown and figures.toml text.
type writer struct {
	plan     *Plan
	lang     string
	langs    []string
	prefix   string          // of the figure keys: the section's name
	taken    map[string]bool // figure keys in use
	newUnits bool            // units the site lacks may be declared in site.toml
	writing  *figures.Writing
	measures measures
	next     int
	figs     []Figure
	declared []newUnit
}

type newUnit struct {
	name, measure string
}

func (w *writer) markdown(blocks []block) string {
	var b strings.Builder
	written := map[int]bool{} // the notes with a text
	minLevel := 0
	for _, bl := range blocks {
		if bl.kind == headingBlock && bl.level > 0 && (minLevel == 0 || bl.level < minLevel) {
			minLevel = bl.level
		}
	}
	for _, bl := range blocks {
		switch bl.kind {
		case headingBlock:
			if bl.level == 0 && w.plan.Title == "" {
				w.plan.Title = bl.text
				continue
			}
			level := max(2, min(5, bl.level-minLevel+2))
			w.plan.Headings++
			b.WriteString(strings.Repeat("#", level) + " " + w.inline(bl.text, bl.line, false) + "\n\n")
		case paraBlock:
			if bl.marker != "" {
				b.WriteString(escapeStart(bl.marker) + " ")
			}
			b.WriteString(w.inline(bl.text, bl.line, bl.marker == "") + "\n\n")
		case tableBlock:
			w.plan.Tables++
			b.WriteString(w.table(bl))
		case imageBlock:
			w.plan.Notes = append(w.plan.Notes, Note{Line: bl.line, Text: "an image (a chart or a photo) is not imported: save it in static/ and show it with ![what it shows](its address), or draw the chart from figures.toml with {{chart key}}"})
		case noteBlock:
			written[bl.note] = true
			fmt.Fprintf(&b, "%c: %s\n\n", noteMark(bl.note), w.inline(bl.text, bl.line, false))
		}
	}
	return citeNotes(b.String(), written)
}

// citeNotes writes each note's mark as a Markdown footnote, [^1]; the
// mark of a note without text (a draft's broken reference) goes.
func citeNotes(md string, written map[int]bool) string {
	if !strings.ContainsFunc(md, isNoteMark) {
		return md
	}
	var b strings.Builder
	for _, r := range md {
		switch {
		case !isNoteMark(r):
			b.WriteRune(r)
		case written[int(r-noteMark(0))]:
			fmt.Fprintf(&b, "[^%d]", r-noteMark(0))
		}
	}
	return b.String()
}

// inline writes a paragraph's text with each figure as a reference.
func (w *writer) inline(text string, line int, lineStart bool) string {
	figs, left := findNumbers(text, w.measures)
	for _, l := range left {
		if l.unsure {
			w.plan.Unsure = append(w.plan.Unsure, Note{Line: line, Text: fmt.Sprintf("%s: %s, in “%s”", l.written, l.why, around(text, l.start))})
		} else {
			w.plan.Left++
		}
	}
	var b strings.Builder
	last := 0
	for _, f := range figs {
		seg := escapeText(text[last:f.start])
		if last == 0 && lineStart {
			seg = escapeStart(seg)
		}
		b.WriteString(seg)
		b.WriteString(w.reference(f, text, line))
		last = f.end
	}
	seg := escapeText(text[last:])
	if last == 0 && lineStart {
		seg = escapeStart(seg)
	}
	b.WriteString(seg)
	return b.String()
}

// reference adds f to the figures and returns how the Markdown refers to it.
func (w *writer) reference(f found, text string, line int) string {
	unit, after := f.unit, ""
	if !w.writing.KnownUnit(figures.Unit(unit)) {
		if w.newUnits {
			w.declare(unit, f.measure)
		} else {
			// Without the unit, the number stands alone and the measure
			// word stays text after it.
			unit, after = "number", f.measure
		}
	}
	e := Figure{Key: w.key(), Written: f.written, Value: f.value, Unit: unit, Qualifier: f.qualifier,
		Label: label(text, f, w.measures), Line: line}
	e.Style = w.style(e, after, line)
	w.figs = append(w.figs, e)
	w.plan.Figures = append(w.plan.Figures, e)
	return "{{" + e.Key + "}}" + after
}

// style makes the page show the figure as the draft wrote it: in full
// digits (style = "plain") where the site would write 105550户次 as
// 10.555万户次. Where neither way gives the draft's text (12次以上 shown as
// 12多次), the editor is told. A unit being declared is not known yet.
func (w *writer) style(e Figure, after string, line int) string {
	if !w.writing.KnownUnit(figures.Unit(e.Unit)) || !w.chinese() {
		return ""
	}
	v, err := figures.ParseDecimal(e.Value)
	if err != nil {
		return ""
	}
	written := strings.ReplaceAll(e.Written, " ", "")
	show := func(style figures.Style) string {
		return w.writing.Format(v, figures.Unit(e.Unit), figures.Qualifier(e.Qualifier), style, w.lang) + after
	}
	if show(figures.StyleDefault) == written {
		return ""
	}
	if show(figures.StylePlain) == written {
		return string(figures.StylePlain)
	}
	w.plan.Notes = append(w.plan.Notes, Note{Line: line, Text: fmt.Sprintf(
		"%s will show as %s: check {{%s}}, or declare in site.toml a qualifier or unit written the draft's way", written, show(figures.StyleDefault), e.Key)})
	return ""
}

func (w *writer) declare(unit, measure string) {
	for _, d := range w.declared {
		if d.name == unit {
			return
		}
	}
	w.declared = append(w.declared, newUnit{unit, measure})
	w.plan.NewUnits = append(w.plan.NewUnits, unit)
}

func (w *writer) key() string {
	for {
		w.next++
		k := fmt.Sprintf("%s-%02d", w.prefix, w.next)
		if !w.taken[k] {
			w.taken[k] = true
			return k
		}
	}
}

// table writes a pipe table; merged cells are repeated as empty cells and
// noted, since a pipe table cannot merge them.
func (w *writer) table(bl block) string {
	var rows [][]string
	width := 0
	for r, row := range bl.rows {
		var cells []string
		for _, cl := range row {
			text := strings.ReplaceAll(w.inline(normalize(cl.text, w.chinese()), bl.line, false), "|", `\|`)
			if cl.vmerge {
				text = ""
			}
			if cl.merged || cl.span > 1 {
				w.plan.Notes = append(w.plan.Notes, Note{Line: bl.line, Text: fmt.Sprintf("table %d, row %d, column %d: a merged cell; the Markdown table repeats it as empty cells, so check that the table still reads right", w.plan.Tables, r+1, len(cells)+1)})
			}
			cells = append(cells, text)
			for i := 1; i < cl.span; i++ {
				cells = append(cells, "")
			}
		}
		width = max(width, len(cells))
		rows = append(rows, cells)
	}
	if len(rows) == 0 || width == 0 {
		return ""
	}
	var b strings.Builder
	for i, cells := range rows {
		for len(cells) < width {
			cells = append(cells, "")
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", width) + "\n")
		}
	}
	return b.String() + "\n"
}

func (w *writer) chinese() bool { return w.lang == "zh" || strings.HasPrefix(w.lang, "zh-") }

func (w *writer) frontMatter() string {
	title := w.plan.Title
	if title == "" {
		title = "（标题）"
		if !w.chinese() {
			title = "(title)"
		}
	}
	return "+++\ntitle = " + tomlfile.Quote(title) + "\ndraft = true\n+++\n\n"
}

// others are the section's files in the other languages: drafts with the
// title to translate and a pointer to the imported text, so that the
// section exists in every language while it is translated.
func (w *writer) others(files []scaffold.File, source string) []scaffold.File {
	title := w.plan.Title
	if title == "" {
		title = path.Base(source)
	}
	var out []scaffold.File
	for _, f := range files {
		lang := strings.TrimSuffix(path.Ext(strings.TrimSuffix(f.Path, ".md")), "")
		lang = strings.TrimPrefix(lang, ".")
		text, prefix := "Translate "+source+" here.", "(to translate) "
		if strings.HasPrefix(lang, "zh") {
			text, prefix = "请在这里翻译 "+source+"。", "（待译）"
		}
		data := "+++\ntitle = " + tomlfile.Quote(prefix+title) + "\ndraft = true\n+++\n\n" + text + "\n"
		out = append(out, scaffold.File{Path: f.Path, Data: []byte(data)})
	}
	return out
}

// figuresText is the figures to add to figures.toml, under a comment that
// says where they came from.
func (w *writer) figuresText(input string, newFile bool) string {
	if len(w.figs) == 0 {
		return ""
	}
	var b strings.Builder
	if !newFile {
		b.WriteString("\n")
	}
	draft := path.Base(strings.ReplaceAll(input, `\`, "/"))
	fmt.Fprintf(&b, "# ---------------------------------------------------------------------------\n# 以下数字由 almanac import 从草稿 %[1]s 中读出，请逐一核对数值、单位和名称。\n# Figures read by almanac import from the draft %[1]s: check each value, unit and label.\n# ---------------------------------------------------------------------------\n", draft)
	for _, f := range w.figs {
		fmt.Fprintf(&b, "\n# %s\n[figure.%s]\nvalue = %s\nunit = %q\n", f.Written, f.Key, f.Value, f.Unit)
		if f.Qualifier != "" {
			fmt.Fprintf(&b, "qualifier = %q\n", f.Qualifier)
		}
		if f.Style != "" {
			fmt.Fprintf(&b, "style = %q\n", f.Style)
		}
		var labels []string
		for _, l := range w.langs {
			text := f.Label
			if l != w.lang {
				text = figures.UntranslatedMarks[0] + f.Label
				if strings.HasPrefix(l, "zh") {
					text = figures.UntranslatedMarks[1] + f.Label
				}
			}
			labels = append(labels, l+" = "+tomlfile.Quote(text))
		}
		fmt.Fprintf(&b, "label = { %s }\n", strings.Join(labels, ", "))
	}
	return b.String()
}

// unitsText declares in site.toml the units the shipped set lacks: the
// number followed by the measure word in Chinese, the number alone in
// other languages, which leave count nouns to the sentence.
func (w *writer) unitsText() string {
	var b strings.Builder
	for _, u := range w.declared {
		fmt.Fprintf(&b, "\n# 导入时新增的单位 A unit added by almanac import\n[units.%s]\n", u.name)
		for _, l := range w.langs {
			pattern := "{0}"
			if strings.HasPrefix(l, "zh") {
				pattern = "{0}" + u.measure
			}
			fmt.Fprintf(&b, "%s = %s\n", l, tomlfile.Quote(pattern))
		}
	}
	return b.String()
}

// label is the clause around a figure, without its number: the words
// between the punctuation before and after it, or the sentence when the
// clause is the number alone (5000元、1万元、2万元).
func label(text string, f found, ms measures) string {
	stopSets := []string{"，；。：！？、", "，；。：！？", "；。！？"}
	if strings.HasSuffix(text[:f.start], "、") || strings.HasPrefix(text[f.end:], "、") {
		stopSets = stopSets[1:] // one of a list: the clause of the whole list
	}
	for _, stops := range stopSets {
		start := strings.LastIndexAny(text[:f.start], stops)
		if start < 0 {
			start = 0
		} else {
			_, size := utf8.DecodeRuneInString(text[start:])
			start += size
		}
		end := len(text)
		if i := strings.IndexAny(text[f.end:], stops); i >= 0 {
			end = f.end + i
		}
		clause := text[start:f.start] + text[f.end:end]
		figs, _ := findNumbers(clause, ms)
		for i := len(figs) - 1; i >= 0; i-- {
			clause = clause[:figs[i].start] + clause[figs[i].end:]
		}
		clause = strings.TrimSpace(strings.Trim(clause, " ，,、"))
		for _, lead := range []string{"其中", "同时", "并"} {
			clause = strings.TrimPrefix(clause, lead)
		}
		for _, verb := range []string{"累计达", "增至", "达到", "提高到", "达"} {
			if c := strings.TrimSuffix(clause, verb); c != clause && utf8.RuneCountInString(c) >= 2 {
				clause = c
				break
			}
		}
		if utf8.RuneCountInString(clause) >= 2 {
			return truncate(clause, 40)
		}
	}
	if f.measure != "" {
		return f.measure
	}
	return f.written
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s) // the words nearest the number say most
	return "…" + string(rs[len(rs)-n:])
}

// around is a few characters of text either side of offset, for a note.
func around(text string, offset int) string {
	rs := []rune(text)
	at := utf8.RuneCountInString(text[:offset])
	from, to := max(0, at-12), min(len(rs), at+12)
	return string(rs[from:to])
}

var mdSpecial = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, "{{", `\{\{`)

func escapeText(s string) string { return mdSpecial.Replace(s) }

var blockStart = regexp.MustCompile(`^(#|>|-|\+|=|[0-9]+[.)])`)

// escapeStart keeps a paragraph's first characters from starting a heading,
// quote or list.
func escapeStart(s string) string {
	if m := blockStart.FindStringIndex(s); m != nil {
		return s[:m[1]-1] + `\` + s[m[1]-1:]
	}
	return s
}

var nameRE = regexp.MustCompile(`[^a-z0-9]+`)

// deriveName makes a section name from the draft's file name: its ASCII
// letters and digits, or "imported" when it has none (a Chinese name).
func deriveName(input string) string {
	base := path.Base(strings.ReplaceAll(input, `\`, "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	n := strings.Trim(nameRE.ReplaceAllString(strings.ToLower(base), "-"), "-")
	n = strings.TrimLeft(n, "0123456789-")
	if n == "" || n == "print" {
		return "imported"
	}
	return n
}

// keyPrefix is the start of the figure keys: the section's name without a
// leading number.
var numbered = regexp.MustCompile(`^[0-9]+-(.+)$`)

func keyPrefix(name string) string {
	if m := numbered.FindStringSubmatch(name); m != nil {
		return m[1]
	}
	return name
}
