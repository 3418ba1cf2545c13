package figures

import (
	"fmt"
	"strings"

	"github.com/xmca/almanac/internal/diag"
)

// A rate (a percentage, a per-mille rate, a rate an editor declares)
// changes by points: 下降0.6个千分点, not 下降40% of last year's rate. A
// unit says so with points, the words for a point in each language:
//
//	[units.permille]
//	points = { zh = "{0}个千分点", en = "{0} per thousand" }

// pointsHint is how a unit's points are written, for messages.
const pointsHint = `points = { zh = "{0}个千分点", en = "{0} per thousand" }`

// ComparesInPoints reports whether a change of u is the difference of the
// two values in points (提高16个百分点), not a share of the earlier value:
// u has words for a point, or it writes a per cent sign, as the report's
// own percentages do.
func (w *Writing) ComparesInPoints(u Unit) bool {
	return w.hasPoints(string(u)) || w.writesPercent(u)
}

func (w *Writing) hasPoints(name string) bool {
	site, shipped := w.site.units[name], w.shipped.units[name]
	return site != nil && site.points != nil || shipped != nil && shipped.points != nil
}

// writesPercent reports whether u writes a per cent sign after the number
// in some language of the site.
func (w *Writing) writesPercent(u Unit) bool {
	for _, l := range w.langs {
		p, _ := w.UnitPattern(u, l.Key)
		for _, s := range p.Forms {
			if _, after, ok := strings.Cut(s, "{0}"); ok && strings.HasSuffix(strings.TrimLeft(after, " \u00a0\u202f"), "%") {
				return true
			}
		}
	}
	return false
}

// PointsPattern returns the words for a point of u in the language with
// key lang ("{0}个千分点"), found as UnitPattern finds a unit's pattern. A
// unit that writes a per cent sign and has no words of its own for lang
// takes percent's.
func (w *Writing) PointsPattern(u Unit, lang string) (Pattern, bool) {
	if p, ok := w.resolve(resolveKey{kind: 'c', name: string(u), lang: lang}); ok {
		return p, true
	}
	if u != percentUnit && w.writesPercent(u) {
		return w.resolve(resolveKey{kind: 'c', name: string(percentUnit), lang: lang})
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
		r.errorf(line, "give the words for a point of the unit in each language, with {0} where the number goes, like "+pointsHint,
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

// checkPoints reports the site's units whose points cannot be used: on a
// unit that counts things, or missing for a language of the site.
func (w *Writing) checkPoints() error {
	var errs diag.List
	for _, name := range w.site.unitOrder {
		def := w.site.units[name]
		if def.points == nil {
			continue
		}
		if !w.CanBeNegative(Unit(name)) {
			errs = append(errs, diag.Errorf(w.site.file, def.pointsLine, 0,
				fmt.Sprintf("a rate compared in points is not a count: add negative = true to [units.%s]; or, if the unit counts things, remove points, and a change is then a share of last year's count", name),
				"[units.%s] compares in points, but it counts things (it does not say negative = true)", name))
			continue
		}
		var missing []string
		for _, l := range w.langs {
			if _, ok := w.PointsPattern(Unit(name), l.Key); !ok {
				missing = append(missing, l.Key)
			}
		}
		if len(missing) > 0 {
			errs = append(errs, diag.Errorf(w.site.file, def.pointsLine, 0,
				fmt.Sprintf(`add %s = "{0} …" to points in [units.%s], like %s`, missing[0], name, pointsHint),
				"the words for a point of [units.%s] are missing in %s", name, quoteAll(missing)))
		}
	}
	return errs.Err()
}
