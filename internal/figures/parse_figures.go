package figures

import (
	"fmt"
	"maps"
	"math"
	"strings"

	"github.com/xmca/almanac/internal/diag"
)

// figureDefaults are what [defaults] gives every figure that does not set its own.
type figureDefaults struct {
	asOf    string
	sources map[string]string
}

// Examples shown in messages about a missing or mistaken setting.
const (
	sourceExample = `source = { zh = "厦门市民政局", en = "Xiamen Civil Affairs Bureau" }`
	labelExample  = `label = { zh = "全市社会组织", en = "Social organizations in the city" }`
)

var defaultsKeys = []string{"as_of", "source"}

// defaults reads [defaults].
func (p *parser) defaults(raw any) figureDefaults {
	var d figureDefaults
	if raw == nil {
		return d
	}
	path := []string{"defaults"}
	at := p.ix.find(position{}, path...)
	m, ok := raw.(map[string]any)
	if !ok {
		p.notTable(raw, at, "[defaults]", `[defaults] with as_of = "2019-12-31" below it`)
		return d
	}
	p.checkKeys(m, position{}, path, defaultsKeys)
	setting := p.ix.settings(position{}, path...)
	if v, ok := m["as_of"]; ok {
		d.asOf, _ = p.asOf(v, setting("as_of"))
	}
	if v, ok := m["source"]; ok {
		d.sources, _ = p.langTexts(v, setting("source"), "source", sourceExample)
	}
	return d
}

// figures reads the [figure.<key>] tables, keeping the file's order.
func (p *parser) figures(raw any, defaults figureDefaults) {
	if raw == nil {
		return
	}
	at := p.ix.find(position{}, "figure")
	m, ok := raw.(map[string]any)
	if !ok {
		p.notTable(raw, at, "figure", "[figure.social-organizations] with value, unit and label below it")
		return
	}
	for _, k := range p.keysInFileOrder(m, position{}, "figure") {
		f, ok := p.figure(k.key, k.at, m[k.key], defaults)
		if !ok {
			p.broken[k.key] = true
			continue
		}
		p.set.figures = append(p.set.figures, f)
		p.set.byKey[k.key] = f
	}
}

var figureKeys = []string{"value", "unit", "qualifier", "style", "as_of", "source", "label"}

// figure reads [figure.<key>]. It returns the figure when it can be formatted
// (value and unit are good) even if, say, a label is missing: that mistake is
// reported, and the figure is still there for pages that refer to it.
func (p *parser) figure(key string, at position, raw any, defaults figureDefaults) (*Figure, bool) {
	path := []string{"figure", key}
	p.checkKeyName("figure", key, at)
	m, ok := raw.(map[string]any)
	if !ok {
		p.notTable(raw, at, "figure "+key, fmt.Sprintf("[figure.%s] with value, unit and label below it", key))
		return nil, false
	}
	p.checkKeys(m, position{}, path, figureKeys)
	setting := p.ix.settings(position{}, path...)

	f := &Figure{Key: key, Line: at.line, AsOf: defaults.asOf, w: p.w}
	valueOK := p.figureValue(f, m["value"], setting("value"))
	unitOK := p.figureUnit(f, m["unit"], setting("unit"))
	if valueOK && unitOK && f.Value.Sign() < 0 && !p.w.CanBeNegative(f.Unit) {
		p.errorAt(setting("value").pos(), "Check the number against the source report and remove the minus sign; a fall from last year is shown by comparing the years, not by a negative count.",
			"figure %s is %s %s, but %s counts things and cannot be negative", key, f.Value, f.Unit, f.Unit)
		valueOK = false
	}
	p.figureQualifier(f, m["qualifier"], setting("qualifier"))
	p.figureStyle(f, m["style"], setting("style"))
	if v, ok := m["as_of"]; ok {
		f.AsOf, _ = p.asOf(v, setting("as_of"))
	}
	p.checkWritten(f)
	if v, ok := m["source"]; ok {
		f.Sources, _ = p.langTexts(v, setting("source"), "source", sourceExample)
	} else {
		f.Sources = maps.Clone(defaults.sources)
	}
	if v, ok := m["label"]; ok {
		f.Labels, _ = p.langTexts(v, setting("label"), "label", labelExample)
	} else if len(p.langs) > 0 {
		p.errorAt(at, "Add a line "+labelExample+" below [figure."+key+"].", "figure %s has no label", key)
	}
	return f, valueOK && unitOK
}

// figureValue reads value: a number, or PendingValue while the figure awaits its source.
func (p *parser) figureValue(f *Figure, raw any, at spot) bool {
	const hint = "Write the number as plain digits, without quotes, commas or units, like value = 5964 or value = 35.5."
	switch v := raw.(type) {
	case nil:
		p.errorAt(at.pos(), "Add a line value = 5964 below [figure."+f.Key+"]. "+hint, "figure %s has no value", f.Key)
	case string:
		if v == PendingValue {
			f.Pending = true
			return true
		}
		p.errorAt(at.pos(), hint, "the value of figure %s must be a number, not %s", f.Key, describe(raw))
	case int64:
		f.Value = DecimalFromInt(v)
		return true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			p.errorAt(at.pos(), hint, "the value of figure %s must be a number", f.Key)
			return false
		}
		f.Value = DecimalFromFloat(v)
		return true
	default:
		p.errorAt(at.pos(), hint, "the value of figure %s must be a number, not %s", f.Key, describe(raw))
	}
	return false
}

// figureUnit reads unit, which must be one the site knows how to write.
func (p *parser) figureUnit(f *Figure, raw any, at spot) bool {
	// The list of units is made only for a message: every figure has a unit.
	units := func() string { return "Use one of these units: " + strings.Join(p.unitNames(), ", ") + "." }
	if raw == nil {
		p.errorAt(at.pos(), `Add a line like unit = "people" below [figure.`+f.Key+"]. "+units(), "figure %s has no unit", f.Key)
		return false
	}
	s, ok := p.text(raw, at, "unit", `unit = "yuan"`)
	if !ok {
		return false
	}
	if !p.w.KnownUnit(Unit(s)) {
		hint := units()
		hint += fmt.Sprintf(` A new unit is declared in site.toml as [units.%s] with a pattern per language, like zh = "{0}户".`, s)
		if guess := closest(s, p.unitNames()); guess != "" {
			hint = fmt.Sprintf("Did you mean %q? ", guess) + hint
		}
		p.errorAt(at.pos(), hint, "unknown unit %q in figure %s", s, f.Key)
		return false
	}
	f.Unit = Unit(s)
	return true
}

func (p *parser) unitNames() []string {
	var names []string
	for _, u := range p.w.Units() {
		names = append(names, string(u))
	}
	return names
}

// figureQualifier reads qualifier, which is optional: without it the value is exact.
func (p *parser) figureQualifier(f *Figure, raw any, at spot) {
	if raw == nil {
		return
	}
	s, ok := p.text(raw, at, "qualifier", `qualifier = "nearly"`)
	if !ok {
		return
	}
	if !p.w.KnownQualifier(Qualifier(s)) || s == "" {
		var names []string
		for _, q := range p.w.Qualifiers() {
			names = append(names, string(q))
		}
		hint := "Use one of " + strings.Join(names, ", ") + ", or leave qualifier out when the number is exact."
		if guess := closest(s, names); guess != "" {
			hint = fmt.Sprintf("Did you mean %q? ", guess) + hint
		}
		if s != "" {
			hint += fmt.Sprintf(` A new qualifier is declared in site.toml as [qualifiers.%s] with a pattern per language, like zh = "至少{0}".`, s)
		}
		p.errorAt(at.pos(), hint, "unknown qualifier %q in figure %s", s, f.Key)
		return
	}
	f.Qualifier = Qualifier(s)
}

// figureStyle reads style, which is optional.
func (p *parser) figureStyle(f *Figure, raw any, at spot) {
	if raw == nil {
		return
	}
	s, ok := p.text(raw, at, "style", `style = "plain"`)
	if !ok {
		return
	}
	if Style(s) != StylePlain {
		p.errorAt(at.pos(), `Write style = "plain" to show every digit (25288, not 2.5288万), or leave style out.`, "unknown style %q in figure %s", s, f.Key)
		return
	}
	f.Style = StylePlain
}

// checkWritten reports each language of the site that cannot write f: no
// pattern for its unit or qualifier, or no as-of phrase for its date. The
// mistake is in site.toml, so that is where the message points.
func (p *parser) checkWritten(f *Figure) {
	if f.Unit == "" || !p.w.KnownUnit(f.Unit) {
		return
	}
	rate := p.w.ComparesInPoints(f.Unit)
	for _, lang := range p.set.langs {
		if _, ok := p.w.UnitPattern(f.Unit, lang); !ok {
			p.lacks(f, "units", string(f.Unit), lang, "unit", `"{0}…"`)
		}
		if rate {
			if _, ok := p.w.PointsPattern(f.Unit, lang); !ok {
				p.lacksPoints(f, lang)
			}
		}
		if f.Qualifier != Exact && p.w.KnownQualifier(f.Qualifier) {
			if _, ok := p.w.QualifierPattern(f.Qualifier, f.Unit, lang); !ok {
				p.lacks(f, "qualifiers", string(f.Qualifier), lang, "qualifier", `"…{0}"`)
			}
		}
		if strings.Contains(f.AsOf, "-") {
			if _, ok := p.w.asOfPhrase(lang); !ok && !p.reported["as_of."+lang] {
				p.reported["as_of."+lang] = true
				p.errs = append(p.errs, diag.Errorf("site.toml", 0, 0,
					fmt.Sprintf(`add [as_of.%s] with month = "…{month}…{year}…", day = "…{day}…" and label = "{label} ({date})" to site.toml (figure %s, %s:%d, is dated to the month); see docs/design.md`, lang, f.Key, p.file, f.Line),
					"language %q has no as-of phrase", lang))
			}
		}
	}
}

// lacks reports, once, that lang has no pattern for the unit or qualifier
// name that f uses, at its table in site.toml. One only almanac defines
// has no line there: the hint says which table to add, as a language
// lacking it lacks it in every year's figures.
func (p *parser) lacks(f *Figure, table, name, lang, what, example string) {
	line := p.w.site.lineOf(table, name)
	hint := fmt.Sprintf("add %s = %s under [%s.%s] in site.toml; figure %s (%s:%d) uses it", lang, example, table, name, f.Key, p.file, f.Line)
	if line == 0 {
		hint = fmt.Sprintf("add a table [%s.%s] to site.toml with %s = %s below it: almanac comes with this %s, but not in this language; figure %s (%s:%d) uses it", table, name, lang, example, what, f.Key, p.file, f.Line)
	}
	p.reportOnce(table+"."+name+"."+lang, diag.Errorf("site.toml", line, 0, hint, "%s %q has no pattern for language %q", what, name, lang))
}

// lacksPoints reports, once, that lang has no words for a point of f's
// unit, a rate whose changes are written in points: at its points or its
// table in site.toml, or, for a rate only almanac defines, at f, with the
// table to add.
func (p *parser) lacksPoints(f *Figure, lang string) {
	unit := string(f.Unit)
	sign, _ := p.w.rateSign(f.Unit)
	example := pointWordsExample(sign, p.w.Lang(lang).Tag)
	d := diag.Errorf("site.toml", p.w.site.lineOf("units", unit), 0,
		fmt.Sprintf(`add %s = "%s" to points under [units.%s] in site.toml; figure %s (%s:%d) compares in points`, lang, example, unit, f.Key, p.file, f.Line),
		"unit %q has no words for a point in language %q", unit, lang)
	if def := p.w.site.units[unit]; def != nil && def.pointsLine > 0 {
		d.Line = def.pointsLine
	}
	if d.Line == 0 {
		d.File, d.Line = p.file, f.Line
		d.Hint = fmt.Sprintf(`add a table [units.%s] to site.toml with points = { %s = "%s" } below it: almanac comes with words for a point of this unit, but not in this language`, unit, lang, example)
	}
	p.reportOnce("points."+unit+"."+lang, d)
}

// reportOnce reports d unless what it is about, key, has been reported.
func (p *parser) reportOnce(key string, d *diag.Diagnostic) {
	if !p.reported[key] {
		p.reported[key] = true
		p.errs = append(p.errs, d)
	}
}
