package check

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/tomlfile"
)

// acrossYears warns where a figure keeps a key of an earlier year but
// counts something else: another unit, or a label that shares little with
// the earlier one. It compares each figure with the year {{change key}}
// compares it with, the latest earlier one that has the key, since
// comparisons and series charts take a key to mean the same thing every
// year and such a figure would compare unlike with unlike.
func (c *checker) acrossYears() {
	for _, r := range c.res.Site.Reports {
		if r.Figures == nil || r.FiguresFile == "" {
			continue
		}
		for _, f := range r.Figures.Figures() {
			from, was, ok := c.res.Site.FigureBefore(r.Year, f.Key)
			if !ok {
				continue
			}
			if f.Unit != was.Unit {
				c.warnf(r.FiguresFile, f.Line, 0,
					fmt.Sprintf("comparisons and series charts treat a key as the same number every year: if it counts %s now, give it a new key; if not, use unit = %q as in %s", f.Unit, was.Unit, from),
					"figure %s counts %s, but in %s it counted %s", f.Key, f.Unit, from, was.Unit)
				continue
			}
			if lang, ok := c.labelMoved(was, f); ok {
				c.warnf(r.FiguresFile, f.Line, 0,
					fmt.Sprintf("comparisons and series charts treat a key as the same number every year: if it now counts something else, give it a new key; if only the wording changed, this warning can be ignored (%s was %q)", from, was.Labels[lang]),
					"figure %s is labelled %q, which says something else than in %s", f.Key, f.Labels[lang], from)
			}
		}
	}
}

// labelMoved reports the first language, in site order, whose label of
// the figure shares less than half its words (in Chinese, its characters)
// with last year's.
func (c *checker) labelMoved(was, now *figures.Figure) (string, bool) {
	for _, l := range c.res.Config.Langs {
		a, b := was.Labels[l.Key], now.Labels[l.Key]
		if a == "" || b == "" || a == b {
			continue
		}
		if overlap(terms(a), terms(b)) < 0.5 {
			return l.Key, true
		}
	}
	return "", false
}

// terms splits a label into what it is compared by: each Han character on
// its own (Chinese is not written in words), and other runs of letters and
// digits as lowercase words.
func terms(s string) map[string]bool {
	out := map[string]bool{}
	var word strings.Builder
	flush := func() {
		if word.Len() > 0 {
			out[strings.ToLower(word.String())] = true
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			out[string(r)] = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// overlap is the share of the smaller set's terms the two sets share.
func overlap(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 1
	}
	shared := 0
	for t := range a {
		if b[t] {
			shared++
		}
	}
	return float64(shared) / float64(len(a))
}

// skippedYears warns where {{previous key}} or {{change key}}, with no year
// written, compares with a report older than the one just before (the year
// between has no such figure), or with a report from before a year the
// site has no report of: a sentence that says "than the year before"
// (比上年) would state a change over two years or more.
func (c *checker) skippedYears() {
	for _, p := range c.res.Site.Pages {
		if p.Doc == nil || p.Report == nil || p.Source == "" {
			continue
		}
		last := c.reportBefore(p.Report.Year)
		for _, cmp := range p.Doc.Comparisons {
			if cmp.Year != "" || cmp.From == "" {
				continue
			}
			drafts := c.res.Site.DraftsBetween(cmp.From, p.Report.Year)
			switch {
			case cmp.From != last:
				c.warnf(p.Source, cmp.Line, cmp.Col,
					fmt.Sprintf("if the sentence says \"the year before\" (比上年), name the year in the reference, {{%s %s %s}}, and in the sentence; or add the figure to content/%s/figures.toml", cmp.Verb, cmp.Key, cmp.From, last),
					"{{%s %s}} compares with %s: the %s report has no figure %q", cmp.Verb, cmp.Key, cmp.From, last, cmp.Key)
			case !yearBefore(cmp.From, p.Report.Year) && drafts != "":
				c.warnf(p.Source, cmp.Line, cmp.Col,
					fmt.Sprintf("if the sentence says \"the year before\" (比上年), name the year in the reference, {{%s %s %s}}, and in the sentence (比%s年)", cmp.Verb, cmp.Key, cmp.From, cmp.From),
					"{{%s %s}} compares with %s, the latest published report before %s: %s", cmp.Verb, cmp.Key, cmp.From, p.Report.Year, drafts)
			case !yearBefore(cmp.From, p.Report.Year):
				// The site has no report of the years between.
				c.warnf(p.Source, cmp.Line, cmp.Col,
					fmt.Sprintf("if the sentence says \"the year before\" (比上年), name the year in the reference, {{%s %s %s}}, and in the sentence (比%s年)", cmp.Verb, cmp.Key, cmp.From, cmp.From),
					"{{%s %s}} compares with %s, the latest report before %s: the site has no report of the years between", cmp.Verb, cmp.Key, cmp.From, p.Report.Year)
			}
		}
	}
}

// reportBefore is the year of the site's latest report before year, or "".
func (c *checker) reportBefore(year string) string {
	before := ""
	for _, r := range c.res.Site.Reports {
		if r.Year < year && r.Year > before {
			before = r.Year
		}
	}
	return before
}

// yearBefore reports whether the report year from is the calendar year
// just before year.
func yearBefore(from, year string) bool {
	f, err1 := strconv.Atoi(from)
	y, err2 := strconv.Atoi(year)
	return err1 != nil || err2 != nil || f+1 == y
}

// yearRange matches a span of years, "2019—2021年", "2019-2021",
// "2019年至2021年"; yearWord a number that may be a year, with the
// character after it, which tells a year (2019年, "Report 2019") from a
// count (2000余名, 2000名).
var (
	yearRange = regexp.MustCompile(`((?:19|20)[0-9]{2})\s*年?\s*(?:[—–~～-]+|至|到)\s*((?:19|20)[0-9]{2})`)
	yearWord  = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})([^0-9]|$)`)
)

// copiedYear warns where a report looks copied from another year's
// folder and not yet brought up to date, which nothing else notices: a
// cover's or section's title that names years and not the report's
// ("2019年厦门市民政工作报告" in content/2022/), and a figures.toml whose
// every figure is dated another year (as_of = "2019" under [defaults]).
func (c *checker) copiedYear() {
	for _, p := range c.res.Site.Pages {
		s := c.sources[p.Source]
		if s == nil || p.Converted || p.Report == nil || (p.Kind != site.KindCover && p.Kind != site.KindSection) {
			continue
		}
		if years := titleYears(s.front.Title, p.Report.Year); len(years) > 0 && !slices.Contains(years, p.Report.Year) {
			c.warnf(s.file, s.front.Line("title"), 0,
				fmt.Sprintf("correct the year in the title, or, if this is the %s report, move the file to content/%s/", years[0], years[0]),
				"the title names %s, but this page is in the %s report", strings.Join(years, ", "), p.Report.Year)
		}
	}
	for _, r := range c.res.Site.Reports {
		if r.Figures == nil {
			continue
		}
		if other := otherAsOfYear(r.Figures.Figures(), r.Year); other != "" {
			c.warnf(r.FiguresFile, c.asOfLine(r.FiguresFile, r.Figures.Figures()), 0,
				fmt.Sprintf("if the file was copied from the %s report, give each figure this year's value and correct as_of under [defaults]; almanac new starts a year with last year's keys and the values left to fill in", other),
				"every figure of the %s report is dated %s (as_of)", r.Year, other)
		}
	}
}

// asOfLine is the line of as_of under [defaults] in the figures.toml
// file, where the year all its figures share is set; else the first
// figure's line.
func (c *checker) asOfLine(file string, figs []*figures.Figure) int {
	if c.fsys == nil {
		return 0
	}
	if src, err := fs.ReadFile(c.fsys, file); err == nil {
		keys := tomlfile.IndexKeys(src)
		// Find falls back to the [defaults] header when it has no as_of.
		if at := keys.Find(tomlfile.Position{}, "defaults", "as_of"); at.Line > 0 && at != keys.Find(tomlfile.Position{}, "defaults") {
			return at.Line
		}
	}
	if len(figs) > 0 {
		return figs[0].Line
	}
	return 0
}

// titleYears lists the earlier years a title names, which do not fit a
// report of year: a year written as one (2019年, or a four-digit word in
// English), and the ends of a span of years (2016—2018年) that ends
// before year. A later year is a plan ("2023年工作打算" in the 2022
// report), which no copy from an earlier report has.
func titleYears(title, year string) []string {
	var years []string
	for _, m := range yearRange.FindAllStringSubmatch(title, -1) {
		if m[2] < year {
			years = append(years, m[1], m[2])
		}
	}
	rest := yearRange.ReplaceAllString(title, " ")
	for _, m := range yearWord.FindAllStringSubmatch(rest, -1) {
		next, _ := utf8.DecodeRuneInString(m[2])
		if m[1] <= year && (m[2] == "" || next == '年' || !unicode.IsLetter(next)) {
			years = append(years, m[1])
		}
	}
	return years
}

// otherAsOfYear is the one year every figure is dated, when that is not
// year, or "".
func otherAsOfYear(figs []*figures.Figure, year string) string {
	other := ""
	for _, f := range figs {
		y, _, _ := strings.Cut(f.AsOf, "-")
		if y == "" || y == year || (other != "" && y != other) {
			return ""
		}
		other = y
	}
	return other
}
