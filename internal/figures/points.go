package figures

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/diag"
)

// A rate (a percentage, a per-mille rate, a rate an editor declares)
// changes by points: 下降0.6个千分点, not 下降40% of last year's rate. A
// unit says so with points, the words for a point in each language:
//
//	[units.permille]
//	points = { zh = "{0}个千分点", en = "{0} per thousand" }

// pointsExamples are words for a point by the rate sign a unit writes
// (none: a neutral example), in Chinese and in English, for messages.
var pointsExamples = map[string][2]string{
	"%": {"{0}个百分点", "{0} percentage points"},
	"‰": {"{0}个千分点", "{0} per thousand"},
	"‱": {"{0}个万分点", "{0} points per 10,000"},
	"":  {"{0}个…点", "{0} … points"},
}

// pointsExample is how a unit writing sign gives its words for a point.
func pointsExample(sign string) string {
	e := pointsExamples[sign]
	return `points = { zh = "` + e[0] + `", en = "` + e[1] + `" }`
}

// pointWordsExample is the words for a point of a unit writing sign in
// the language of tag: Chinese or English, else only where {0} goes.
func pointWordsExample(sign string, tag language.Tag) string {
	switch base, _ := tag.Base(); base.String() {
	case "zh":
		return pointsExamples[sign][0]
	case "en":
		return pointsExamples[sign][1]
	}
	return "{0} …"
}

// rateSignIn is the rate sign a unit's table writes after {0} in any of
// its patterns, or "".
func rateSignIn(table map[string]any) string {
	for _, key := range sortedKeys(table) {
		texts := []any{table[key]}
		if forms, ok := table[key].(map[string]any); ok && key != "points" {
			texts = slices.Collect(maps.Values(forms))
		}
		for _, t := range texts {
			if s, ok := t.(string); ok && rateSignOf(s) != "" {
				return rateSignOf(s)
			}
		}
	}
	return ""
}

// rateSigns are the signs after a number that make its unit a rate, with
// the shipped unit whose words for a point such a unit takes when it has
// none of its own: "" where almanac ships none (‱ is read 万分点, or basis
// points, or points per 10,000: the site says which).
var rateSigns = []struct {
	sign   string
	points Unit
}{{"%", percentUnit}, {"‰", permilleUnit}, {"‱", ""}}

// permilleUnit is the shipped unit of rates per thousand.
const permilleUnit Unit = "permille"

// ComparesInPoints reports whether a change of u is the difference of the
// two values in points (提高16个百分点), not a share of the earlier value:
// u has words for a point, or it writes a per cent, per mille or per ten
// thousand sign, as the report's own rates do.
func (w *Writing) ComparesInPoints(u Unit) bool {
	_, isRate := w.rateSign(u)
	return w.hasPoints(string(u)) || isRate
}

func (w *Writing) hasPoints(name string) bool {
	site, shipped := w.site.units[name], w.shipped.units[name]
	return site != nil && site.points != nil || shipped != nil && shipped.points != nil
}

// rateSign returns the rate sign (%, ‰, ‱) u writes right after the
// number in some language of the site.
func (w *Writing) rateSign(u Unit) (sign string, ok bool) {
	for _, l := range w.langs {
		p, _ := w.UnitPattern(u, l.Key)
		for _, s := range p.Forms {
			if sign := rateSignOf(s); sign != "" {
				return sign, true
			}
		}
	}
	return "", false
}

// rateSignOf is the rate sign pattern writes right after its number
// ("{0}%", "{0} ‰"), or "".
func rateSignOf(pattern string) string {
	_, after, ok := strings.Cut(pattern, "{0}")
	if !ok {
		return ""
	}
	after = strings.TrimLeft(after, " \u00a0\u202f")
	for _, r := range rateSigns {
		if strings.HasPrefix(after, r.sign) {
			return r.sign
		}
	}
	return ""
}

// shippedPointsFor is the shipped unit whose words for a point a unit
// writing sign takes, or "" when almanac ships none.
func shippedPointsFor(sign string) Unit {
	for _, r := range rateSigns {
		if r.sign == sign {
			return r.points
		}
	}
	return ""
}

// PointsPattern returns the words for a point of u in the language with
// key lang ("{0}个千分点"), found as UnitPattern finds a unit's pattern. A
// unit that writes % or ‰ and has no words of its own for lang takes
// percent's or permille's.
func (w *Writing) PointsPattern(u Unit, lang string) (Pattern, bool) {
	if p, ok := w.resolve(resolveKey{kind: 'c', name: string(u), lang: lang}); ok {
		return p, true
	}
	sign, _ := w.rateSign(u)
	if shipped := shippedPointsFor(sign); shipped != "" && shipped != u {
		return w.resolve(resolveKey{kind: 'c', name: string(shipped), lang: lang})
	}
	return Pattern{}, false
}

// pointWords reads a unit's points: a pattern per language, with plural
// forms where the language has them.
func (r *reader) pointWords(unit string, raw any, line int) map[string]forms {
	table := "units." + unit
	words, ok := raw.(map[string]any)
	if !ok || len(words) == 0 {
		what := describe(raw)
		if ok {
			what = "an empty table"
		}
		r.errorf(line, "give the words for a point of the unit in each language, with {0} where the number goes, like "+pointsExample(r.rateSign),
			"points in [%s] must give the words for a point in each language, not %s", table, what)
		return nil
	}
	points := map[string]forms{}
	for _, lang := range sortedKeys(words) {
		at := lineOr(r.line("units", unit, "points", lang), line)
		if !r.checkLang(table, "points", lang, at) {
			continue
		}
		if f, ok := r.forms(table, "points", lang, words[lang], at, true); ok {
			points[lang] = f
		}
	}
	return points
}

// checkPoints reports the site's rates whose changes cannot be written:
// a unit that compares in points (it has points, or writes %, ‰ or ‱) but
// counts things, one writing ‱ without words for a point, and words
// missing for a language of the site.
func (w *Writing) checkPoints() error {
	var errs diag.List
	for _, name := range w.site.unitOrder {
		def := w.site.units[name]
		sign, writesSign := w.rateSign(Unit(name))
		if def.points == nil && (!writesSign || w.shipped.units[name] != nil) {
			continue // not a rate, or a shipped one whose words are checked where a figure uses it
		}
		line, why := def.pointsLine, "points"
		if def.points == nil {
			line, why = def.line, sign
		}
		if !w.CanBeNegative(Unit(name)) {
			errs = append(errs, diag.Errorf(w.site.file, line, 0,
				fmt.Sprintf("a rate compared in points is not a count: add negative = true to [units.%s]; or, if the unit counts things, remove %s, and a change is then a share of last year's count", name, why),
				"[units.%s] compares in points (%s), but it counts things (it does not say negative = true)", name, why))
			continue
		}
		if def.points == nil && shippedPointsFor(sign) == "" {
			errs = append(errs, diag.Errorf(w.site.file, line, 0,
				fmt.Sprintf("add the words for a point in each language to [units.%s], like %s", name, pointsExample(sign)),
				"[units.%s] writes %s, so it compares in points, but almanac has no words for a point of it", name, sign))
			continue
		}
		var missing []string
		for _, l := range w.langs {
			if _, ok := w.PointsPattern(Unit(name), l.Key); !ok {
				missing = append(missing, l.Key)
			}
		}
		if len(missing) > 0 {
			errs = append(errs, diag.Errorf(w.site.file, line, 0,
				fmt.Sprintf(`add %s = "{0} …" to points in [units.%s], like %s`, missing[0], name, pointsExample(sign)),
				"the words for a point of [units.%s] are missing in %s", name, quoteAll(missing)))
		}
	}
	return errs.Err()
}
