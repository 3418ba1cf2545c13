package check

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/locale"
	"github.com/xmca/almanac/internal/site"
)

// figures checks each report's figures: the rules of figures.toml, figures
// and charts no page shows, and numbers typed into prose that should have
// been a reference to a figure.
func (c *checker) figures() {
	for _, r := range c.res.Site.Reports {
		if r.Figures == nil {
			continue
		}
		// The build fails on a broken rule; warnings, if rules ever give
		// any, would otherwise be lost.
		for _, d := range r.Figures.CheckRules() {
			c.add(d.Severity, d.File, d.Line, d.Col, d.Hint, "%s", d.Msg)
		}
		c.unused(r)
	}
	c.acrossYears()
	words := c.numberWords()
	byValue := map[*site.Report]map[figures.Decimal][]*figures.Figure{}
	for _, p := range c.res.Site.Pages {
		if s := c.sources[p.Source]; s != nil && p.Report != nil && p.Report.Figures != nil {
			if byValue[p.Report] == nil {
				byValue[p.Report] = figuresByValue(p.Report.Figures)
			}
			c.typedNumbers(s, p.Report, words, byValue[p.Report])
		}
	}
}

// unused lists the figures and charts of r that no page shows.
func (c *checker) unused(r *site.Report) {
	if r.FiguresFile == "" {
		return
	}
	usedFigures, usedCharts := map[string]bool{}, map[string]bool{}
	for _, p := range c.res.Site.Pages {
		// A later year's page may show this year's figure: {{previous}},
		// {{change}}, a series chart.
		for _, key := range p.Inputs.Figures {
			if k, ok := strings.CutPrefix(key, r.Year+"/"); ok {
				usedFigures[k] = true
			}
		}
		if p.Report != r {
			continue
		}
		if p.Doc != nil {
			for _, ref := range p.Doc.Figures {
				usedFigures[ref.Key] = true
			}
			for _, ref := range p.Doc.Charts {
				usedCharts[ref.Key] = true
			}
		}
	}
	for _, f := range r.Figures.Figures() {
		if !usedFigures[f.Key] {
			c.warnf(r.FiguresFile, f.Line, 0,
				fmt.Sprintf("cite it with {{%s}} in the sections that state it (in every language), or delete it if the report does not state this number; it is still published in figures.csv and figures.json", f.Key),
				"figure %q is not shown on any page", f.Key)
		}
	}
	c.untranslatedLabels(r)
	for _, ch := range r.Figures.Charts() {
		if !usedCharts[ch.Key] {
			c.warnf(r.FiguresFile, ch.Line, 0,
				fmt.Sprintf("place it with {{chart %s}} on a line of its own in a section (in every language), or delete it", ch.Key),
				"chart %q is not placed on any page", ch.Key)
		}
	}
}

// untranslatedLabels lists the labels of r's figures that are still the
// placeholder almanac import wrote for a translation: published, a reader
// would see "(to translate)" in figures.csv and beside the figure.
func (c *checker) untranslatedLabels(r *site.Report) {
	for _, f := range r.Figures.Figures() {
		for _, l := range c.res.Config.Langs {
			if label := f.Labels[l.Key]; figures.Untranslated(label) {
				c.warnf(r.FiguresFile, f.Line, 0,
					fmt.Sprintf("write the %s label in place of the whole text, the mark included: label = { …, %s = \"…\" }", c.langName(l.Key), l.Key),
					"the %s label of figure %q is still to be translated: %q", c.langName(l.Key), f.Key, label)
			}
		}
	}
}

// number matches a number as prose writes it: 5964, 5,964, 69.31.
var number = regexp.MustCompile(`(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?`)

// numberWords gathers the site's numberWords from its languages' locale
// data and qualifiers.
func (c *checker) numberWords() numberWords {
	var tags []language.Tag
	for _, l := range c.res.Config.Langs {
		tags = append(tags, l.Tag)
	}
	return numberWords{steps: locale.StepWords(tags...), qualifiers: qualifierSuffixes(c.res), ordinals: locale.OrdinalWords(tags...)}
}

// figuresByValue indexes a report's figures by value. It is made once per
// report, not per page: a report with more pages has more figures too.
func figuresByValue(set *figures.Set) map[figures.Decimal][]*figures.Figure {
	byValue := map[figures.Decimal][]*figures.Figure{}
	for _, f := range set.Figures() {
		byValue[f.Value] = append(byValue[f.Value], f)
	}
	return byValue
}

// typedNumbers warns about numbers in s's prose that equal a figure of r
// (byValue): a number typed by hand does not change when figures.toml does.
func (c *checker) typedNumbers(s *source, r *site.Report, words numberWords, byValue map[figures.Decimal][]*figures.Figure) {
	for _, seg := range s.parsed().texts {
		t := s.body[seg.Start:seg.Stop]
		for _, m := range number.FindAllIndex(t, -1) {
			if inFigureRef(t, m[0]) {
				continue
			}
			n, ok := readNumber(t, m[0], m[1], words)
			if !ok {
				continue
			}
			var matches []*figures.Figure
			for _, f := range byValue[n.value] {
				if f.Percent() == n.percent {
					matches = append(matches, f)
				}
			}
			if len(matches) == 0 {
				continue
			}
			line, col := s.position(seg.Start + m[0])
			c.typedNumber(s.file, line, col, n.text, matches, r)
		}
	}
}

func (c *checker) typedNumber(file string, line, col int, text string, matches []*figures.Figure, r *site.Report) {
	var refs, shown []string
	for i, f := range matches {
		if i == 3 {
			refs = append(refs, "…")
			break
		}
		refs = append(refs, "{{"+f.Key+"}}")
		var forms []string
		for _, l := range c.res.Config.Langs {
			forms = append(forms, f.Format(l.Key))
		}
		shown = append(shown, fmt.Sprintf("%q (%s)", f.Key, strings.Join(forms, " / ")))
	}
	c.warnf(file, line, col,
		fmt.Sprintf("write %s instead, so the number is kept once in %s and shown the right way in every language", strings.Join(refs, " or "), r.FiguresFile),
		"%s is typed into the text; it is the value of figure %s", text, strings.Join(shown, ", "))
}

// inFigureRef reports whether offset i of t is inside {{…}}.
func inFigureRef(t []byte, i int) bool {
	open := strings.LastIndex(string(t[:i]), "{{")
	if open < 0 {
		return false
	}
	return !strings.Contains(string(t[open:i]), "}}")
}

// numberWords are the words that may follow the digits of a number in the
// site's languages: step words (万, million) and the words qualifiers put
// after the digits (4500余万), both from the site's data.
type numberWords struct {
	steps      []locale.Step
	qualifiers []string // longest first
	ordinals   []string // 月, 日, 届: the number is a date or a rank
}

// qualifierSuffixes are the words after {0} of every qualifier of the site
// that go with the digits (余 of "{0}余"; not 以上, which follows the unit).
func qualifierSuffixes(res *build.Result) []string {
	w := res.Site.Writing
	seen := map[string]bool{}
	var list []string
	for _, q := range w.Qualifiers() {
		for _, l := range res.Config.Langs {
			p, ok := w.QualifierPattern(q, "", l.Key)
			if !ok || p.AfterUnit {
				continue
			}
			for _, form := range p.Forms {
				if _, after, ok := strings.Cut(form, "{0}"); ok && after != "" && !seen[after] {
					seen[after] = true
					list = append(list, after)
				}
			}
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i]) != len(list[j]) {
			return len(list[i]) > len(list[j])
		}
		return list[i] < list[j]
	})
	return list
}

type typed struct {
	text    string
	value   figures.Decimal
	percent bool
}

// readNumber reads the number at t[start:end] with the magnitude word after
// it, leaving out what is not a quantity: years, dates, ordinals, parts of
// words and keys, and single digits.
func readNumber(t []byte, start, end int, words numberWords) (typed, bool) {
	digits := string(t[start:end])
	if start > 0 {
		if prev := t[start-1]; isWordByte(prev) || strings.IndexByte("#^/.:-_@&", prev) >= 0 {
			return typed{}, false
		}
	}
	rest := string(t[end:])
	if rest != "" {
		next, _ := utf8.DecodeRuneInString(rest)
		if next < utf8.RuneSelf && (isWordByte(byte(next)) || next == '-' || next == ':' || next == '/') {
			return typed{}, false // 3D, 20th, 2019-11, 10:30, 1/2
		}
		for _, w := range words.ordinals {
			if strings.HasPrefix(rest, w) {
				return typed{}, false
			}
		}
	}
	plain := strings.ReplaceAll(digits, ",", "")
	text := digits
	exp := 0
	after := rest
	for _, q := range words.qualifiers {
		if strings.HasPrefix(rest, q) {
			after = rest[len(q):]
			break
		}
	}
	for _, m := range words.steps {
		if strings.HasPrefix(after, m.Word) {
			exp = m.Zeros
			text = digits + rest[:len(rest)-len(after)] + m.Word
			break
		}
	}
	if exp == 0 {
		if n, err := strconv.Atoi(plain); err == nil && plain == digits && (n < 10 || len(plain) == 4 && n >= 1900 && n < 2100) {
			return typed{}, false // a single digit, or a year
		}
	}
	value, err := figures.ParseDecimal(plain + "e" + strconv.Itoa(exp))
	if err != nil {
		return typed{}, false
	}
	percent := false
	for _, sign := range []string{"%", "％", " percent"} {
		if exp == 0 && strings.HasPrefix(rest, sign) {
			percent, text = true, digits+sign
		}
	}
	return typed{text: text, value: value, percent: percent}, true
}

func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}
