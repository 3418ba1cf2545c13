package figures

import (
	"errors"
	"fmt"
	"github.com/xmca/almanac/internal/suggest"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/tomlfile"
)

// Parse reads a figures.toml. file is its slash path relative to the site
// folder, used in messages; w is how the site writes figures, whose
// languages (in site order) every label and title must be given in, and
// whose units and qualifiers the figures may use. A nil w is a site with
// no languages and the shipped units.
//
// Bad input yields a diag.List naming every mistake found. The Set returned
// with it still holds each figure, rule and chart that could be read, so later
// stages can go on checking the rest of the site; the build must still stop.
func Parse(file string, src []byte, w *Writing) (*Set, error) {
	if w == nil {
		w = WritingFor()
	}
	langs := w.Langs()
	set := &Set{
		file:    file,
		w:       w,
		langs:   langs,
		byKey:   map[string]*Figure{},
		chartBy: map[string]*Chart{},
	}
	ix := indexKeys(src)
	raw, syntaxErr := decodeTOML(file, src)
	if syntaxErr != nil {
		return set, diag.List{syntaxErr}
	}
	p := &parser{file: file, langs: w.writtenLangs(), w: w, ix: ix, set: set, broken: map[string]bool{}, reported: map[string]bool{}}
	p.document(raw)
	p.errs.Sort()
	for _, d := range w.opt.Derived {
		set.Derive(d.Lang, d.From, d.Convert)
	}
	return set, p.errs.Err()
}

// decodeTOML reads the TOML syntax of src, turning the toml package's
// errors (and any panic it has on input it did not expect) into a
// Diagnostic.
func decodeTOML(file string, src []byte) (raw map[string]any, d *diag.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			d = diag.Errorf(file, 0, 0, syntaxHint(""), "figures.toml could not be read: %v", r)
		}
	}()
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, syntaxError(file, src, err)
	}
	return raw, nil
}

func syntaxError(file string, src []byte, err error) *diag.Diagnostic {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return diag.Errorf(file, 0, 0, syntaxHint(""), "figures.toml could not be read: %v", err)
	}
	line, col := pe.Position.Line, 0
	// The toml package counts bytes after a byte order mark; editors count characters.
	text := src[len(src)-len(strings.TrimPrefix(string(src), "\uFEFF")):]
	if l, c := diag.LineCol(text, pe.Position.Start); l == line {
		col = c
	}
	if h := tomlfile.HeaderLine(text, pe.Message, line); h > 0 {
		line, col = h, 0 // a missing "]" is noticed on a later line
	}
	return diag.Errorf(file, line, col, syntaxHint(pe.Message), "this line cannot be read: %s", pe.Message)
}

// syntaxHint explains the mistakes editors make most, in their words.
func syntaxHint(message string) string {
	switch {
	case strings.Contains(message, "UTF-8"):
		return "Save the file as UTF-8 (in most editors: File → Save with Encoding → UTF-8)."
	case strings.Contains(message, "already been defined"), strings.Contains(message, "already been created"):
		return "Each figure, chart and setting may appear only once in the file: rename or delete the second one."
	case strings.Contains(message, "inline table"):
		return `Write texts in every language between braces with commas between them, like label = { zh = "全市社会组织", en = "Social organizations" }.`
	case strings.Contains(message, "to end with a newline"):
		return "Write one setting per line, and numbers as plain digits without commas or units: value = 5964, not value = 5,964."
	case strings.Contains(message, "bare key"), strings.Contains(message, "expected value"):
		return `Put text in double quotes (unit = "yuan") and write numbers as plain digits without commas or units (value = 5964).`
	}
	return `Check this line and the one before it: text goes in double quotes, numbers are plain digits (value = 5964), lists are in [ ] and texts per language in { }.`
}

// parser turns the decoded TOML into a Set, collecting every mistake.
type parser struct {
	file  string
	langs []string
	w     *Writing
	ix    *keyIndex
	set   *Set
	errs  diag.List
	// broken holds figures that are in the file but could not be read, so that
	// rules and charts naming them do not also claim they do not exist.
	broken map[string]bool
	// reported holds the unit, qualifier or as-of phrase a language lacks
	// that has been reported, so it is reported once, not for every figure.
	reported map[string]bool
}

func (p *parser) errorAt(at position, hint, format string, args ...any) {
	p.errs = append(p.errs, diag.Errorf(p.file, at.line, at.col, hint, format, args...))
}

var topLevelKeys = []string{"defaults", "figure", "rule", "chart"}

func (p *parser) document(raw map[string]any) {
	p.checkKeys(raw, position{}, nil, topLevelKeys)
	defaults := p.defaults(raw["defaults"])
	p.figures(raw["figure"], defaults)
	p.rules(raw["rule"])
	p.charts(raw["chart"])
}

// placedKey is a key of a table and where it is first written.
type placedKey struct {
	key string
	at  position
}

// keysInFileOrder returns the keys of m, the table at path, with where each
// is first written at or after from, in the order they are written: so that
// figures keep the editor's order and messages come out in reading order.
func (p *parser) keysInFileOrder(m map[string]any, from position, path ...string) []placedKey {
	table := p.ix.trail(from, path...)
	keys := make([]placedKey, 0, len(m))
	for k := range m {
		keys = append(keys, placedKey{k, table.find(k)})
	}
	slices.SortFunc(keys, func(a, b placedKey) int {
		switch {
		case a.at.before(b.at):
			return -1
		case b.at.before(a.at):
			return 1
		}
		return strings.Compare(a.key, b.key)
	})
	return keys
}

// where names a table the way an editor sees it in the file.
func where(path []string) string {
	switch {
	case len(path) == 0:
		return "at the top level of the file"
	case path[0] == "rule":
		return "in a [[rule]]"
	case len(path) == 1:
		return "in [" + path[0] + "]"
	}
	return "in [" + path[0] + "." + path[1] + "]"
}

func (p *parser) unknownKey(at position, path []string, key string, allowed []string) {
	hint := ""
	if guess := closest(key, allowed); guess != "" {
		hint = fmt.Sprintf("Did you mean %q? ", guess)
	}
	if len(path) == 0 {
		hint += "figures.toml has these sections: [defaults], [figure.<key>], [[rule]] and [chart.<key>]."
	} else {
		hint += fmt.Sprintf("Allowed %s: %s.", where(path), strings.Join(allowed, ", "))
	}
	p.errorAt(at, hint, "unknown setting %q %s", key, where(path))
}

// checkKeys reports every key of m that is not allowed, in file order.
func (p *parser) checkKeys(m map[string]any, from position, path []string, allowed []string) {
	if allAllowed(m, allowed) {
		return // as in almost every table: then there is no need to find the keys in the file
	}
	for _, k := range p.keysInFileOrder(m, from, path...) {
		if !slices.Contains(allowed, k.key) {
			p.unknownKey(k.at, path, k.key, allowed)
		}
	}
}

// allAllowed reports whether every key of m is one of allowed (which has no
// repeats). It counts the allowed keys m has: a few lookups in a small map
// cost less than ranging over it.
func allAllowed(m map[string]any, allowed []string) bool {
	n := 0
	for _, key := range allowed {
		if _, ok := m[key]; ok {
			n++
		}
	}
	return n == len(m)
}

// notTable reports that raw should have been a table of settings.
func (p *parser) notTable(raw any, at position, what, example string) {
	p.errorAt(at, "Write it as "+example+".", "%s must be a table of settings, not %s", what, describe(raw))
}

// describe names the kind of a TOML value in an editor's words.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "text"
	case int64, float64:
		return "a number"
	case bool:
		return "true or false"
	case time.Time:
		// The toml package names the zone of dates and times written without one.
		switch v.Location().String() {
		case "date-local":
			return "a date"
		case "time-local":
			return "a time of day"
		}
		return "a date and time"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// validKey reports whether key is lowercase ASCII letters, digits and hyphens,
// not starting with a hyphen: keys become URLs, file names and Markdown references.
func validKey(key string) bool {
	if key == "" || key[0] == '-' {
		return false
	}
	for _, c := range []byte(key) {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func (p *parser) checkKeyName(kind, key string, at position) {
	if validKey(key) {
		return
	}
	p.errorAt(at, "Use only lowercase letters a-z, digits 0-9 and hyphens, starting with a letter or digit, like social-organizations.",
		"%s name %q is not allowed", kind, key)
}

// text reads a setting that must be text.
func (p *parser) text(raw any, at spot, setting, example string) (string, bool) {
	s, ok := raw.(string)
	if !ok {
		p.errorAt(at.pos(), "Write it in double quotes, like "+example+".", "%s must be text, not %s", setting, describe(raw))
	}
	return s, ok
}

// keyList reads a setting that must be a list of keys, like parts = ["a", "b"].
func (p *parser) keyList(raw any, at spot, setting string) ([]string, bool) {
	hint := func() string {
		return fmt.Sprintf(`Write the keys of the figures in square brackets, each in double quotes, like %s = ["social-associations", "foundations"].`, setting)
	}
	items, ok := raw.([]any)
	if !ok || len(items) == 0 {
		p.errorAt(at.pos(), hint(), "%s must be a list of figure keys, not %s", setting, describeList(raw))
		return nil, false
	}
	keys := make([]string, 0, len(items))
	for _, item := range items {
		key, ok := item.(string)
		if !ok {
			p.errorAt(at.pos(), hint(), "%s must list figure keys as text, but it holds %s", setting, describe(item))
			return nil, false
		}
		keys = append(keys, key)
	}
	return keys, true
}

func describeList(raw any) string {
	if items, ok := raw.([]any); ok && len(items) == 0 {
		return "an empty list"
	}
	return describe(raw)
}

// langTexts reads texts per language, like label = { zh = "…", en = "…" },
// and checks one is given in every site language.
func (p *parser) langTexts(raw any, at spot, setting, example string) (map[string]string, bool) {
	hint := func() string {
		return fmt.Sprintf("Give the %s in every language of the site (%s), like %s.", setting, strings.Join(p.langs, ", "), example)
	}
	m, ok := raw.(map[string]any)
	if !ok {
		p.errorAt(at.pos(), hint(), "%s must give one text per language, not %s", setting, describe(raw))
		return nil, false
	}
	// Mostly m holds a text in each site language and nothing else: looking
	// those up is then all it takes, and costs less than ranging over m.
	texts := make(map[string]string, len(m))
	for _, lang := range p.langs {
		if s, ok := m[lang].(string); ok {
			texts[lang] = s
		}
	}
	if len(texts) < len(m) {
		if lang, found := firstNotText(m); found {
			p.errorAt(at.pos(), hint(), "the %s in %q must be text, not %s", setting, lang, describe(m[lang]))
			return nil, false
		}
		for lang, v := range m {
			texts[lang] = v.(string)
		}
	}
	var missing []string
	for _, lang := range p.langs {
		if strings.TrimSpace(texts[lang]) == "" {
			missing = append(missing, lang)
		}
	}
	if len(missing) > 0 {
		p.errorAt(at.pos(), hint(), "the %s is missing in %s", setting, quoteAll(missing))
		return texts, false
	}
	return texts, true
}

// firstNotText finds the first key of m, in sorted order, whose value is not
// text: sorted, so that the same mistake gets the same message.
func firstNotText(m map[string]any) (string, bool) {
	for _, key := range slices.Sorted(maps.Keys(m)) {
		if _, ok := m[key].(string); !ok {
			return key, true
		}
	}
	return "", false
}

func quoteAll(words []string) string {
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = fmt.Sprintf("%q", w)
	}
	return strings.Join(quoted, " and ")
}

// figureDefaults are what [defaults] gives every figure that does not set its own.
type figureDefaults struct {
	asOf    string
	sources map[string]string
}

var defaultsKeys = []string{"as_of", "source"}

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
	if v, ok := m["as_of"]; ok {
		d.asOf, _ = p.asOf(v, p.ix.settings(position{}, path...)("as_of"))
	}
	if v, ok := m["source"]; ok {
		d.sources, _ = p.langTexts(v, p.ix.settings(position{}, path...)("source"), "source", sourceExample)
	}
	return d
}

const (
	sourceExample = `source = { zh = "厦门市民政局", en = "Xiamen Civil Affairs Bureau" }`
	labelExample  = `label = { zh = "全市社会组织", en = "Social organizations in the city" }`
	titleExample  = `title = { zh = "社会组织构成", en = "Social organizations by type" }`
)

// asOf reads a date written "YYYY", "YYYY-MM" or "YYYY-MM-DD". A date written
// without quotes is accepted too: TOML reads it as a date, not as text.
func (p *parser) asOf(raw any, at spot) (string, bool) {
	const hint = `Write the date in double quotes as "2019" (a year), "2019-11" (a month) or "2019-11-30" (a day).`
	switch v := raw.(type) {
	case time.Time:
		// The toml package marks a date without a time by this zone name.
		if v.Location().String() == "date-local" {
			return v.Format(time.DateOnly), true
		}
	case string:
		for _, layout := range []string{"2006", "2006-01", time.DateOnly} {
			if _, err := time.Parse(layout, v); err == nil {
				return v, true
			}
		}
		p.errorAt(at.pos(), hint, "as_of %q is not a date", v)
		return "", false
	}
	p.errorAt(at.pos(), hint, "as_of must be a date, not %s", describe(raw))
	return "", false
}

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

func (p *parser) figureUnit(f *Figure, raw any, at spot) bool {
	hint := "Use one of these units: " + strings.Join(p.unitNames(), ", ") + "."
	if raw == nil {
		p.errorAt(at.pos(), `Add a line like unit = "people" below [figure.`+f.Key+"]. "+hint, "figure %s has no unit", f.Key)
		return false
	}
	s, ok := p.text(raw, at, "unit", `unit = "yuan"`)
	if !ok {
		return false
	}
	if !p.w.KnownUnit(Unit(s)) {
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
	for _, lang := range p.set.langs {
		if _, ok := p.w.UnitPattern(f.Unit, lang); !ok {
			p.lacks(f, "units", string(f.Unit), lang, "unit", `"{0}…"`)
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

// lacks reports that lang has no pattern for the unit or qualifier name.
func (p *parser) lacks(f *Figure, table, name, lang, what, example string) {
	if p.reported[table+"."+name+"."+lang] {
		return
	}
	p.reported[table+"."+name+"."+lang] = true
	line, where := p.w.site.lineOf(table, name), ""
	if line == 0 {
		where = fmt.Sprintf(" (%s is one of almanac's own %s; site.toml can add languages to it)", name, table)
	}
	p.errs = append(p.errs, diag.Errorf("site.toml", line, 0,
		fmt.Sprintf("add %s = %s under [%s.%s] in site.toml%s; figure %s (%s:%d) uses it", lang, example, table, name, where, f.Key, p.file, f.Line),
		"%s %q has no pattern for language %q", what, name, lang))
}

// referTo checks that key names a figure, reporting it when not.
// A figure that is in the file but broken has been reported already.
func (p *parser) referTo(key string, at spot, who string) (*Figure, bool) {
	if f, ok := p.set.byKey[key]; ok {
		return f, true
	}
	if p.broken[key] {
		return nil, false
	}
	hint := "Check the spelling against the [figure.…] headers in this file, or add the figure."
	keys := make([]string, len(p.set.figures))
	for i, f := range p.set.figures {
		keys[i] = f.Key
	}
	if guess := closest(key, keys); guess != "" {
		hint = fmt.Sprintf("Did you mean %q? ", guess) + hint
	}
	p.errorAt(at.pos(), hint, "%s names figure %q, which is not in this file", who, key)
	return nil, false
}

// tablesOf returns the tables of an array of tables however it was written:
// [[rule]] headers or rule = [{…}, {…}].
func tablesOf(raw any) ([]map[string]any, bool) {
	switch v := raw.(type) {
	case []map[string]any:
		return v, true
	case []any:
		tables := make([]map[string]any, len(v))
		for i, item := range v {
			m, ok := item.(map[string]any)
			if !ok {
				return nil, false
			}
			tables[i] = m
		}
		return tables, true
	}
	return nil, false
}

func (p *parser) rules(raw any) {
	if raw == nil {
		return
	}
	tables, ok := tablesOf(raw)
	if !ok {
		p.errorAt(p.ix.find(position{}, "rule"), "Start each rule with [[rule]] (two square brackets) on a line of its own, then total and parts below it.",
			"rule must be written as [[rule]], not as %s", describe(raw))
		return
	}
	for i, m := range tables {
		if r, ok := p.rule(m, p.ix.table(i, "rule")); ok {
			p.set.rules = append(p.set.rules, r)
		}
	}
}

var ruleKeys = []string{"name", "total", "parts"}

func (p *parser) rule(m map[string]any, start position) (*Rule, bool) {
	p.checkKeys(m, start, []string{"rule"}, ruleKeys)
	setting := p.ix.settings(start, "rule")
	r := &Rule{Line: start.line}
	nameOK := true
	if v, found := m["name"]; found {
		r.Name, nameOK = p.text(v, setting("name"), "name", `name = "social organizations by type add up to the total"`)
	}
	total, totalOK := p.ruleTotal(r, m["total"], start, setting("total"))
	partsOK := p.ruleParts(r, total, m["parts"], start, setting("parts"))
	return r, nameOK && totalOK && partsOK
}

func (p *parser) ruleTotal(r *Rule, raw any, start position, at spot) (*Figure, bool) {
	if raw == nil {
		p.errorAt(start, `Add a line like total = "social-organizations" naming the figure the parts add up to.`, "this rule has no total")
		return nil, false
	}
	key, ok := p.text(raw, at, "total", `total = "social-organizations"`)
	if !ok {
		return nil, false
	}
	r.Total = key
	return p.referTo(key, at, "the total of this rule")
}

func (p *parser) ruleParts(r *Rule, total *Figure, raw any, start position, at spot) bool {
	if raw == nil {
		p.errorAt(start, `Add a line like parts = ["social-associations", "foundations"] naming the figures that add up to the total.`, "this rule has no parts")
		return false
	}
	parts, ok := p.keyList(raw, at, "parts")
	if !ok {
		return false
	}
	r.Parts = parts
	return p.checkParts(r, total, at)
}

// checkParts checks the rule's parts exist, appear once and count what the
// total counts: yuan do not add up to people.
func (p *parser) checkParts(r *Rule, total *Figure, at spot) bool {
	ok := true
	seen := map[string]bool{}
	for _, key := range r.Parts {
		if seen[key] || key == r.Total {
			p.errorAt(at.pos(), "List each part once, and not the total itself.", "this rule lists %q twice or as both total and part", key)
			ok = false
			continue
		}
		seen[key] = true
		part, found := p.referTo(key, at, "a part of this rule")
		if !found {
			ok = false
			continue
		}
		if total != nil && part.Unit != total.Unit {
			p.errorAt(at.pos(), "Only figures with the same unit can add up; check the units of these figures or remove this one from the rule.",
				"part %s counts %s but the total %s counts %s", key, part.Unit, total.Key, total.Unit)
			ok = false
		}
	}
	return ok
}

func (p *parser) charts(raw any) {
	if raw == nil {
		return
	}
	at := p.ix.find(position{}, "chart")
	m, ok := raw.(map[string]any)
	if !ok {
		p.notTable(raw, at, "chart", "[chart.social-organizations-by-type] with type, figures and title below it")
		return
	}
	for _, k := range p.keysInFileOrder(m, position{}, "chart") {
		if c, ok := p.chart(k.key, k.at, m[k.key]); ok {
			p.set.charts = append(p.set.charts, c)
			p.set.chartBy[k.key] = c
		}
	}
}

var chartKeys = []string{"type", "total", "figure", "figures", "title", "description"}

func (p *parser) chart(key string, at position, raw any) (*Chart, bool) {
	path := []string{"chart", key}
	p.checkKeyName("chart", key, at)
	m, ok := raw.(map[string]any)
	if !ok {
		p.notTable(raw, at, "chart "+key, fmt.Sprintf("[chart.%s] with type, figures and title below it", key))
		return nil, false
	}
	p.checkKeys(m, position{}, path, chartKeys)
	setting := p.ix.settings(position{}, path...)
	c := &Chart{Key: key, Line: at.line, w: p.w}
	ok = p.chartType(c, m["type"], setting("type")) && validKey(key)
	if v, found := m["title"]; found {
		var titleOK bool
		c.Titles, titleOK = p.langTexts(v, setting("title"), "title", titleExample)
		ok = ok && titleOK
	} else {
		p.errorAt(at, "Add a line "+titleExample+" below [chart."+key+"].", "chart %s has no title", key)
		ok = false
	}
	if v, found := m["description"]; found {
		var descOK bool
		c.Descriptions, descOK = p.langTexts(v, setting("description"), "description",
			`description = { zh = "…", en = "…" }`)
		ok = ok && descOK
	}
	return c, p.chartFigures(c, m, setting) && ok
}

func (p *parser) chartType(c *Chart, raw any, at spot) bool {
	const hint = `Use type = "bar" to compare figures, type = "part-of-whole" to show how parts make up a total, or type = "series" to show figures across the report years.`
	if raw == nil {
		p.errorAt(at.pos(), hint, "chart %s has no type", c.Key)
		return false
	}
	s, ok := p.text(raw, at, "type", `type = "bar"`)
	if !ok {
		return false
	}
	switch t := ChartType(s); t {
	case Bar, PartOfWhole, Series:
		c.Type = t
		return true
	}
	p.errorAt(at.pos(), hint, "unknown chart type %q in chart %s", s, c.Key)
	return false
}

// chartFigures reads the chart's figures and total and checks they count the
// same thing: a chart of yuan beside people would mislead.
func (p *parser) chartFigures(c *Chart, m map[string]any, setting func(string) spot) bool {
	if c.Type == Series {
		return p.seriesFigures(c, m, setting)
	}
	if _, found := m["figure"]; found {
		p.errorAt(setting("figure").pos(), `Write figures = ["…", "…"] for this chart; figure = "…" is for type = "series".`,
			"%s chart %s cannot have figure", c.Type, c.Key)
		return false
	}
	raw, found := m["figures"]
	if !found {
		p.errorAt(setting("figures").pos(), `Add a line like figures = ["social-associations", "foundations"] naming the figures to draw.`,
			"chart %s has no figures", c.Key)
		return false
	}
	keys, ok := p.keyList(raw, setting("figures"), "figures")
	if !ok {
		return false
	}
	c.Figures = keys
	drawn, ok := p.chartReferences(c, keys, setting("figures"), "chart "+c.Key)
	if !p.chartTotal(c, m["total"], setting) {
		return false
	}
	if c.Total != "" {
		total, found := p.referTo(c.Total, setting("total"), "the total of chart "+c.Key)
		if !found {
			return false
		}
		drawn = append([]*Figure{total}, drawn...)
	}
	return ok && p.sameUnit(c, drawn, setting("figures"))
}

func (p *parser) chartReferences(c *Chart, keys []string, at spot, who string) ([]*Figure, bool) {
	ok := true
	var drawn []*Figure
	seen := map[string]bool{}
	for _, key := range keys {
		if seen[key] {
			p.errorAt(at.pos(), "List each figure once.", "chart %s lists %q twice", c.Key, key)
			ok = false
			continue
		}
		seen[key] = true
		f, found := p.referTo(key, at, who)
		if !found {
			ok = false
			continue
		}
		drawn = append(drawn, f)
	}
	return drawn, ok
}

// chartTotal reads total, which a part-of-whole chart needs and a bar chart has no use for.
func (p *parser) chartTotal(c *Chart, raw any, setting func(string) spot) bool {
	switch {
	case raw == nil && c.Type == PartOfWhole:
		p.errorAt(setting("total").pos(), `Add a line like total = "social-organizations" naming the figure the parts make up.`,
			"part-of-whole chart %s has no total", c.Key)
		return false
	case raw == nil:
		return true
	case c.Type == Bar:
		p.errorAt(setting("total").pos(), `Delete the total line, or use type = "part-of-whole" to show how parts make up the total.`,
			"bar chart %s cannot have a total", c.Key)
		return false
	}
	var ok bool
	c.Total, ok = p.text(raw, setting("total"), "total", `total = "social-organizations"`)
	return ok
}

func (p *parser) sameUnit(c *Chart, drawn []*Figure, at spot) bool {
	for _, f := range drawn[min(1, len(drawn)):] {
		if f.Unit != drawn[0].Unit {
			p.errorAt(at.pos(), "A chart compares like with like: put figures with different units in separate charts.",
				"chart %s mixes units: %s counts %s but %s counts %s", c.Key, drawn[0].Key, drawn[0].Unit, f.Key, f.Unit)
			return false
		}
	}
	return true
}

// closest returns the option most like word when it is close enough to be a
// likely typing mistake, or "".
func closest(word string, options []string) string {
	guess, _ := suggest.Closest(strings.ToLower(word), options, 2)
	return guess
}
