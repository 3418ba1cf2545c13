package figures

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/locale"
)

// shippedSrc is the default set of units, qualifiers and as-of phrases,
// keyed by locale; site.toml adds to it and changes it.
//
//go:embed units.toml
var shippedSrc []byte

// ShippedFile names the shipped set in messages.
const ShippedFile = "units.toml (shipped with almanac)"

// Writing is how a site writes its figures in each of its languages: the
// number style of the language's locale, and the patterns of units,
// qualifiers and as-of dates, from site.toml or else from the shipped set.
// It is read-only once made, and shared by every figures file of a build.
type Writing struct {
	langs []*Lang
	byKey map[string]*Lang
	opt   Options

	site    declared // from site.toml, keyed by language key
	shipped declared // from units.toml, keyed by locale

	// fingerprint is the same for two Writings that write every figure
	// the same way, so a cache can keep what one of them parsed.
	fingerprint string

	// resolved holds each pattern once looked up (resolveKey → resolved):
	// every figure on every page asks, from all cores.
	resolved sync.Map
}

// Lang is one language of the site as Writing sees it.
type Lang struct {
	Key     string
	Tag     language.Tag
	number  locale.NumberStyle
	symbols locale.Symbols
	typo    locale.Typography
}

// Options change how a Writing lends texts between languages.
type Options struct {
	// Borrow, when set, is given every text a language takes from another
	// written in a different script (zh-hant takes zh's units when it has
	// none of its own), with the locales it goes from and to, and returns
	// the text to use. A Traditional Chinese edition converts the
	// Simplified patterns here.
	Borrow func(text string, from, to language.Tag) string
	// Derived are the languages whose labels, sources and chart texts are
	// converted from another language's wherever figures.toml gives none
	// (zh-hant from zh): figures.toml need not give them.
	Derived []Derived
}

// Derived is a language whose texts are converted from another's.
type Derived struct {
	Lang, From string
	Convert    func(string) string
}

// writtenLangs are the site's languages whose texts figures.toml must give.
func (w *Writing) writtenLangs() []string {
	var keys []string
	for _, l := range w.langs {
		if !slices.ContainsFunc(w.opt.Derived, func(d Derived) bool { return d.Lang == l.Key }) {
			keys = append(keys, l.Key)
		}
	}
	return keys
}

// declared is one set of unit, qualifier and as-of definitions.
type declared struct {
	file       string
	units      map[string]*definition
	unitOrder  []string
	qualifiers map[string]*definition
	qualOrder  []string
	asOf       map[string]*asOfPhrase // by language key or locale
	pending    map[string]string      // shipped only: what a figure waiting for its value shows, by locale
}

// definition is one [units.NAME] or [qualifiers.NAME] table.
type definition struct {
	line   int
	texts  map[string]forms            // by language key (site) or locale (shipped)
	lines  map[string]int              // where each language's text is written
	byUnit map[string]map[string]forms // qualifiers only: a unit's own patterns
	// afterUnit (qualifiers only, place = "after-unit"): the words after
	// {0} follow the number with its unit (1.2万户以上, 600万元左右), not
	// the digits (4500余万元), where the qualifier goes with the number.
	afterUnit bool
	// negative (units only): a value may be below zero (money, a change in
	// percent); units that count things cannot be. negativeSet tells
	// whether the table says, so a site's [units.yuan] keeps the shipped
	// answer.
	negative, negativeSet bool
	// plain (units only, style = "plain"): the unit's numbers are written
	// in full digits, as a figure with style = "plain" is: 12000%, never
	// 1.2万%; 35000千元, never 3.5万千元.
	plain bool
	// points (units only): the words for a point of a rate, by language
	// key or locale (百分点 for percent, 千分点 for permille). A unit that
	// has them compares two values by their difference in points, not by
	// a share of the earlier value. pointsLine is where they are written.
	points     map[string]forms
	pointsLine int
}

// forms are a pattern's plural forms by CLDR category; a language without
// plural forms has "other" alone.
type forms map[string]string

// asOfPhrase is one [as_of.LANG] table.
type asOfPhrase struct {
	Month  string   `toml:"month"`
	Day    string   `toml:"day"`
	Months []string `toml:"months"`
	Label  string   `toml:"label"`
}

var (
	shippedOnce sync.Once
	shipped     declared
)

func shippedSet() declared {
	shippedOnce.Do(func() {
		var raw struct {
			Units      map[string]map[string]any `toml:"units"`
			Qualifiers map[string]map[string]any `toml:"qualifiers"`
			AsOf       map[string]map[string]any `toml:"as_of"`
			Pending    map[string]string         `toml:"pending"`
		}
		md, err := toml.Decode(string(shippedSrc), &raw)
		if err != nil {
			panic("figures: the shipped units.toml does not parse: " + err.Error())
		}
		order := func(table string) []string {
			var names []string
			for _, k := range md.Keys() {
				if len(k) == 2 && k[0] == table {
					names = append(names, k[1])
				}
			}
			return names
		}
		r := &reader{file: ShippedFile, line: func(...string) int { return 0 }, isLang: func(k string) bool {
			_, err := language.Parse(k)
			return err == nil && localeKey.MatchString(k)
		}}
		shipped = r.read(raw.Units, raw.Qualifiers, raw.AsOf, order("units"), order("qualifiers"))
		if len(r.errs) > 0 {
			panic("figures: the shipped units.toml is wrong: " + r.errs.Error())
		}
		shipped.pending = raw.Pending
	})
	return shipped
}

// NewWriting returns how the site of cfg writes figures: its languages'
// locales, and the shipped units, qualifiers and as-of phrases changed
// and added to by site.toml. A mistake in those tables is an error naming
// its line in site.toml.
func NewWriting(cfg *config.Config, opt Options) (*Writing, error) {
	var langs []*Lang
	for _, l := range cfg.Langs {
		langs = append(langs, newLang(l.Key, l.Tag))
	}
	r := &reader{file: config.File, line: cfg.Line, langs: langs, isLang: func(k string) bool { return cfg.Language(k) != nil }}
	site := r.read(cfg.Units, cfg.Qualifiers, cfg.AsOf, sortedNames(cfg.Units, cfg.Line, "units"), sortedNames(cfg.Qualifiers, cfg.Line, "qualifiers"))
	if err := r.errs.Err(); err != nil {
		return nil, err
	}
	opt, conversions := withConversions(cfg, opt)
	w := newWriting(langs, site, opt)
	if err := w.checkPoints(); err != nil {
		return nil, err
	}
	w.fingerprint = fmt.Sprint(langs, cfg.Units, cfg.Qualifiers, cfg.AsOf, conversions)
	return w, nil
}

// withConversions gives the figures of a converted edition (site.toml
// convert_from) their texts: labels, sources and chart texts converted
// from its source language where figures.toml gives none, and the words
// of units, qualifiers and dates converted wherever it takes them from a
// language in the other script (zh-hant from zh), unless site.toml gives
// it its own. conversions identifies them, for caches.
func withConversions(cfg *config.Config, opt Options) (_ Options, conversions []string) {
	for _, l := range cfg.Langs {
		if conv := l.Converter(); conv != nil {
			opt.Derived = append(opt.Derived, Derived{Lang: l.Key, From: l.ConvertFrom, Convert: conv.String})
			conversions = append(conversions, l.Key, conv.Key())
		}
	}
	if opt.Borrow == nil && len(opt.Derived) > 0 {
		opt.Borrow = func(text string, _, to language.Tag) string {
			for _, l := range cfg.Langs {
				if conv := l.Converter(); conv != nil && l.Tag == to {
					return conv.String(text)
				}
			}
			return text
		}
	}
	return opt, conversions
}

// WritingFor returns the Writing of a site whose languages are keys, each
// key being its own locale ("zh", "en"), with the shipped units alone: for
// tools and tests that need no site.toml.
func WritingFor(keys ...string) *Writing {
	var langs []*Lang
	for _, k := range keys {
		tag, err := language.Parse(k)
		if err != nil {
			tag = language.Und
		}
		langs = append(langs, newLang(k, tag))
	}
	w := newWriting(langs, declared{}, Options{})
	w.fingerprint = fmt.Sprint(langs)
	return w
}

func newLang(key string, tag language.Tag) *Lang {
	return &Lang{Key: key, Tag: tag, number: locale.Number(tag), symbols: locale.NumberSymbols(tag), typo: locale.TypographyOf(tag)}
}

func (l *Lang) String() string { return l.Key + "=" + l.Tag.String() }

func newWriting(langs []*Lang, site declared, opt Options) *Writing {
	w := &Writing{langs: langs, byKey: map[string]*Lang{}, opt: opt, site: site, shipped: shippedSet()}
	for _, l := range langs {
		w.byKey[l.Key] = l
	}
	return w
}

// Langs are the site's language keys, in site order.
func (w *Writing) Langs() []string {
	keys := make([]string, len(w.langs))
	for i, l := range w.langs {
		keys[i] = l.Key
	}
	return keys
}

// Lang returns the language with key. A key the site does not have is read
// as a locale, so a caller outside a site still gets sensible output.
func (w *Writing) Lang(key string) *Lang {
	if l, ok := w.byKey[key]; ok {
		return l
	}
	tag, err := language.Parse(key)
	if err != nil {
		tag = language.Und
	}
	return newLang(key, tag)
}

// Fingerprint is equal for Writings that write every figure alike.
func (w *Writing) Fingerprint() string { return w.fingerprint }

// Units lists every unit: the shipped ones in their order, then the
// site's own in the order site.toml gives them.
func (w *Writing) Units() []Unit {
	var list []Unit
	seen := map[string]bool{}
	for _, names := range [][]string{w.shipped.unitOrder, w.site.unitOrder} {
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				list = append(list, Unit(n))
			}
		}
	}
	return list
}

// Qualifiers lists every qualifier, shipped ones first.
func (w *Writing) Qualifiers() []Qualifier {
	var list []Qualifier
	seen := map[string]bool{}
	for _, names := range [][]string{w.shipped.qualOrder, w.site.qualOrder} {
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				list = append(list, Qualifier(n))
			}
		}
	}
	return list
}

// KnownUnit reports whether u is defined, shipped or in site.toml.
func (w *Writing) KnownUnit(u Unit) bool {
	return w.site.units[string(u)] != nil || w.shipped.units[string(u)] != nil
}

// CanBeNegative reports whether a value of u may be below zero: as the
// site's [units.NAME] says, else as the shipped one says; a unit that
// counts things cannot be, so a minus sign there is a typing slip.
func (w *Writing) CanBeNegative(u Unit) bool {
	if d := w.site.units[string(u)]; d != nil && d.negativeSet {
		return d.negative
	}
	if d := w.shipped.units[string(u)]; d != nil {
		return d.negative
	}
	return false
}

// PlainUnit reports whether u's numbers are written in full digits, as
// its table in site.toml or the shipped set says (style = "plain").
func (w *Writing) PlainUnit(u Unit) bool {
	site, shipped := w.site.units[string(u)], w.shipped.units[string(u)]
	return site != nil && site.plain || shipped != nil && shipped.plain
}

// KnownQualifier reports whether q is Exact or defined.
func (w *Writing) KnownQualifier(q Qualifier) bool {
	return q == Exact || w.site.qualifiers[string(q)] != nil || w.shipped.qualifiers[string(q)] != nil
}

// Pattern is a unit's, qualifier's or as-of phrase's text in one language,
// as Writing resolved it.
type Pattern struct {
	Forms map[string]string // by CLDR plural category; "other" is always there
	// From is the locale the text is written for: the language's own, or
	// that of the language or shipped entry it was taken from.
	From language.Tag
	// Where the text is defined: site.toml or the shipped set, and the line.
	File string
	Line int
	// AfterUnit: a qualifier whose words after {0} follow the unit
	// (place = "after-unit" in its table).
	AfterUnit bool
}

type resolveKey struct {
	kind       byte // 'u' unit, 'q' qualifier, 'p' a qualifier's pattern for a unit, 'c' a unit's points, 'a' as-of phrase
	name, unit string
	lang       string
}

type resolved struct {
	pattern Pattern
	ok      bool
}

// UnitPattern returns unit's pattern in the language with key lang: the
// language's own from site.toml, else that of another site language of the
// same language (zh for zh-hant), else the shipped one of the nearest
// locale. A text written in another script goes through Options.Borrow.
func (w *Writing) UnitPattern(unit Unit, lang string) (Pattern, bool) {
	return w.resolve(resolveKey{kind: 'u', name: string(unit), lang: lang})
}

// QualifierPattern returns q's pattern for a figure counting unit, in the
// language with key lang, resolved as UnitPattern resolves units.
func (w *Writing) QualifierPattern(q Qualifier, unit Unit, lang string) (Pattern, bool) {
	if p, ok := w.resolve(resolveKey{kind: 'p', name: string(q), unit: string(unit), lang: lang}); ok {
		return p, true
	}
	return w.resolve(resolveKey{kind: 'q', name: string(q), lang: lang})
}

func (w *Writing) resolve(k resolveKey) (Pattern, bool) {
	if v, done := w.resolved.Load(k); done {
		r := v.(resolved)
		return r.pattern, r.ok
	}
	var r resolved
	l := w.Lang(k.lang)
	r.pattern, r.ok = w.lookup(k, l)
	if r.ok && w.opt.Borrow != nil && locale.Script(r.pattern.From) != locale.Script(l.Tag) {
		converted := forms{}
		for cat, s := range r.pattern.Forms {
			converted[cat] = w.opt.Borrow(s, r.pattern.From, l.Tag)
		}
		r.pattern.Forms = converted
	}
	w.resolved.Store(k, r)
	return r.pattern, r.ok
}

func (w *Writing) lookup(k resolveKey, l *Lang) (Pattern, bool) {
	definitionIn := func(d declared) *definition {
		if k.kind == 'u' || k.kind == 'c' {
			return d.units[k.name]
		}
		return d.qualifiers[k.name]
	}
	texts := func(def *definition) (map[string]forms, map[string]int, int) {
		if def == nil {
			return nil, nil, 0
		}
		switch k.kind {
		case 'p':
			return def.byUnit[k.unit], def.lines, def.line
		case 'c':
			return def.points, nil, def.pointsLine
		}
		return def.texts, def.lines, def.line
	}
	// Where the words go is the site's to say for a qualifier it declares
	// or changes, else the shipped one's.
	site, shipped := definitionIn(w.site), definitionIn(w.shipped)
	afterUnit := (site != nil && site.afterUnit) || (site == nil && shipped != nil && shipped.afterUnit)
	// The site's own text for the language, then another site language's
	// of the same language, nearest script first. A language in the other
	// script lends before the shipped text only to an edition converted
	// from it (zh to zh-hant): zh keeps its shipped 个 rather than take
	// zh-hant's 個.
	siteText := func(lenders []*Lang) (Pattern, bool) {
		t, lines, line := texts(site)
		for _, other := range lenders {
			if f, ok := t[other.Key]; ok {
				return Pattern{Forms: f, From: other.Tag, File: w.site.file, Line: lineOr(lines[other.Key], line), AfterUnit: afterUnit}, true
			}
		}
		return Pattern{}, false
	}
	first, last := w.splitLenders(l)
	if p, ok := siteText(first); ok {
		return p, true
	}
	if t, _, _ := texts(shipped); t != nil {
		if f, key, ok := locale.Lookup(t, l.Tag); ok {
			return Pattern{Forms: f, From: language.Make(key), File: w.shipped.file, AfterUnit: afterUnit}, true
		}
	}
	return siteText(last)
}

// splitLenders splits lenders(l) into those whose site texts come before
// the shipped ones and those after.
func (w *Writing) splitLenders(l *Lang) (first, last []*Lang) {
	for _, o := range w.lenders(l) {
		if locale.Script(o.Tag) == locale.Script(l.Tag) || w.derivedFrom(l.Key, o.Key) {
			first = append(first, o)
		} else {
			last = append(last, o)
		}
	}
	return first, last
}

func (w *Writing) derivedFrom(lang, from string) bool {
	return slices.ContainsFunc(w.opt.Derived, func(d Derived) bool { return d.Lang == lang && d.From == from })
}

// lenders are the site languages whose texts l may use: l itself, then
// the others of the same language (zh for zh-hant), those of the same
// script first, in site order.
func (w *Writing) lenders(l *Lang) []*Lang {
	list := []*Lang{l}
	var same, other []*Lang
	for _, o := range w.langs {
		if o.Key == l.Key || !locale.SameLanguage(o.Tag, l.Tag) {
			continue
		}
		if locale.Script(o.Tag) == locale.Script(l.Tag) {
			same = append(same, o)
		} else {
			other = append(other, o)
		}
	}
	return append(append(list, same...), other...)
}

func lineOr(line, fallback int) int {
	if line > 0 {
		return line
	}
	return fallback
}

// asOfPhrase returns the as-of phrase of the language with key lang.
func (w *Writing) asOfPhrase(lang string) (*asOfPhrase, bool) {
	k := resolveKey{kind: 'a', lang: lang}
	if v, done := w.resolved.Load(k); done {
		p, _ := v.(*asOfPhrase)
		return p, p != nil
	}
	p, _ := w.lookupAsOf(lang)
	w.resolved.Store(k, p)
	return p, p != nil
}

func (w *Writing) lookupAsOf(lang string) (*asOfPhrase, bool) {
	l := w.Lang(lang)
	for _, other := range w.lenders(l) {
		if p, ok := w.site.asOf[other.Key]; ok {
			return w.borrowPhrase(p, other.Tag, l.Tag), true
		}
	}
	if p, key, ok := locale.Lookup(w.shipped.asOf, l.Tag); ok {
		return w.borrowPhrase(p, language.Make(key), l.Tag), true
	}
	return nil, false
}

func (w *Writing) borrowPhrase(p *asOfPhrase, from, to language.Tag) *asOfPhrase {
	if w.opt.Borrow == nil || locale.Script(from) == locale.Script(to) {
		return p
	}
	b := func(s string) string { return w.opt.Borrow(s, from, to) }
	cp := &asOfPhrase{Month: b(p.Month), Day: b(p.Day), Label: b(p.Label)}
	for _, m := range p.Months {
		cp.Months = append(cp.Months, b(m))
	}
	return cp
}

// lineOf is where [table.name] is declared, or 0 when it is not.
func (d declared) lineOf(table, name string) int {
	var def *definition
	if table == "units" {
		def = d.units[name]
	} else {
		def = d.qualifiers[name]
	}
	if def == nil {
		return 0
	}
	return def.line
}

// reader reads unit, qualifier and as-of tables, collecting mistakes.
type reader struct {
	file   string
	line   func(key ...string) int
	langs  []*Lang
	isLang func(key string) bool
	errs   diag.List
	// rateSign is the rate sign (%, ‰, ‱) the unit being read writes,
	// for the examples of messages about its points.
	rateSign string
}

// pluralForms lists the plural categories the locale of site language (or
// shipped locale) lang uses, in pluralCategories' order; nil when it is
// not known.
func (r *reader) pluralForms(lang string) []string {
	tag := r.tagOf(lang)
	if tag == language.Und {
		return nil
	}
	return usedPluralForms(tag)
}

// tagOf is the locale of site language (or shipped locale) lang;
// language.Und when it is not known.
func (r *reader) tagOf(lang string) language.Tag {
	if r.langs == nil {
		tag, _ := language.Parse(lang)
		return tag
	}
	for _, l := range r.langs {
		if l.Key == lang {
			return l.Tag
		}
	}
	return language.Und
}

var pluralFormsCache sync.Map // tag string → []string

// usedPluralForms finds the CLDR plural categories tag uses by trying
// numbers of every shape its rules look at (x/text lists no categories):
// 0 to 1,000 and 1,000,000, whole and with one or two decimals.
func usedPluralForms(tag language.Tag) []string {
	if v, ok := pluralFormsCache.Load(tag.String()); ok {
		return v.([]string)
	}
	seen := map[string]bool{}
	l := &Lang{Tag: tag}
	for _, frac := range []string{"", ".5", ".1", ".25"} {
		for n := 0; n <= 1001; n++ {
			if n == 1001 {
				n = 1000000
			}
			v, _ := ParseDecimal(strconv.Itoa(n) + frac)
			seen[pluralCategory(l, v)] = true
		}
	}
	var used []string
	for _, c := range pluralCategories {
		if seen[c] {
			used = append(used, c)
		}
	}
	pluralFormsCache.Store(tag.String(), used)
	return used
}

func (r *reader) errorf(line int, hint, format string, args ...any) {
	r.errs = append(r.errs, diag.Errorf(r.file, line, 0, hint, format, args...))
}

// localeKey is how the shipped set writes a locale: "zh", "en", "zh-Hant".
var localeKey = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

var nameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// pluralCategories are CLDR's plural categories, the keys a pattern with
// plural forms may have.
var pluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

func (r *reader) read(units, quals, asOf map[string]map[string]any, unitOrder, qualOrder []string) declared {
	d := declared{file: r.file, units: map[string]*definition{}, qualifiers: map[string]*definition{}, asOf: map[string]*asOfPhrase{}}
	for _, name := range unitOrder {
		if def := r.definition("units", name, units[name], false); def != nil {
			d.units[name] = def
			d.unitOrder = append(d.unitOrder, name)
		}
	}
	for _, name := range qualOrder {
		if def := r.definition("qualifiers", name, quals[name], true); def != nil {
			d.qualifiers[name] = def
			d.qualOrder = append(d.qualOrder, name)
		}
	}
	for _, lang := range sortedKeys(asOf) {
		if p := r.asOfPhrase(lang, asOf[lang]); p != nil {
			d.asOf[lang] = p
		}
	}
	return d
}

func (r *reader) definition(table, name string, raw map[string]any, qualifier bool) *definition {
	at := r.line(table, name)
	if !nameRE.MatchString(name) {
		r.errorf(at, "use lowercase letters a-z, digits and hyphens, like [units.person-times]", "%q cannot be the name of a unit or qualifier", name)
		return nil
	}
	def := &definition{line: at, texts: map[string]forms{}, lines: map[string]int{}, byUnit: map[string]map[string]forms{}}
	for _, key := range sortedKeys(raw) {
		line := r.line(table, name, key)
		if key == "negative" && !qualifier {
			b, ok := raw[key].(bool)
			if !ok {
				r.errorf(line, "write negative = true for a unit whose values can be below zero (money, a change), or leave it out for a unit that counts things", "negative in [%s.%s] must be true or false", table, name)
				continue
			}
			def.negative, def.negativeSet = b, true
			continue
		}
		if key == "style" {
			switch v, _ := raw[key].(string); {
			case qualifier:
				r.errorf(line, fmt.Sprintf(`remove style from [%s.%s]; to show every digit, write style = "plain" in the unit's [units.NAME] table, or in a figure`, table, name),
					"style is a setting of units and figures, not of qualifiers")
			case Style(v) == StylePlain:
				def.plain = true
			default:
				r.errorf(line, `write style = "plain" for a unit whose numbers show every digit (12000%, 35000千元), or leave style out`,
					"style in [%s.%s] must be \"plain\"", table, name)
			}
			continue
		}
		if key == "points" && !qualifier {
			r.rateSign = rateSignIn(raw)
			def.points, def.pointsLine = r.pointWords(name, raw[key], line), line
			continue
		}
		if qualifier && key == "place" {
			if v, ok := raw[key].(string); ok && (v == "after-unit" || v == "number") {
				def.afterUnit = v == "after-unit"
			} else {
				r.errorf(line, `write place = "after-unit" for words that follow the unit (1.2万户以上), or leave place out for words that follow the digits (4500余万元)`,
					"place in [%s.%s] must be \"after-unit\" or \"number\"", table, name)
			}
			continue
		}
		if qualifier {
			if exceptions, ok := raw[key].(map[string]any); ok && !r.isLang(key) {
				def.byUnit[key] = map[string]forms{}
				for _, lang := range sortedKeys(exceptions) {
					if !r.checkLang(table, name, lang, r.line(table, name, key, lang)) {
						continue
					}
					if f, ok := r.forms(table, name, lang, exceptions[lang], r.line(table, name, key, lang), false); ok {
						def.byUnit[key][lang] = f
					}
				}
				continue
			}
		}
		if !r.checkLang(table, name, key, line) {
			continue
		}
		if f, ok := r.forms(table, name, key, raw[key], line, !qualifier); ok {
			def.texts[key] = f
			def.lines[key] = line
		}
	}
	return def
}

func (r *reader) checkLang(table, name, key string, line int) bool {
	if r.isLang(key) {
		return true
	}
	var keys []string
	for _, l := range r.langs {
		keys = append(keys, l.Key)
	}
	hint := "use the key of one of the site's [languages]: " + strings.Join(keys, ", ")
	guess := closest(key, keys)
	for _, l := range r.langs {
		if strings.EqualFold(l.Tag.String(), key) {
			guess = l.Key // the language's locale written for its key
		}
	}
	if guess != "" {
		hint = fmt.Sprintf("did you mean %s? ", guess) + hint
	}
	r.errorf(line, hint, "%q in [%s.%s] is not a language of the site", key, table, name)
	return false
}

// forms reads one language's pattern: "{0}户", or plural forms
// { one = "{0} household", other = "{0} households" } where allowed.
func (r *reader) forms(table, name, lang string, raw any, line int, plural bool) (forms, bool) {
	example := fmt.Sprintf(`%s = "{0}…"`, lang)
	if plural {
		example += fmt.Sprintf(`, or %s = { one = "{0} household", other = "{0} households" } for a language with plural forms`, lang)
	}
	switch v := raw.(type) {
	case string:
		if !r.checkPattern(table, name, lang, v, line) {
			return nil, false
		}
		return forms{"other": v}, true
	case map[string]any:
		if !plural {
			break
		}
		f := forms{}
		for _, cat := range sortedKeys(v) {
			s, ok := v[cat].(string)
			if !slices.Contains(pluralCategories, cat) || !ok {
				r.errorf(line, "give texts for the plural categories "+strings.Join(pluralCategories, ", ")+" (\"other\" always), like "+example,
					"%q is not a plural form of [%s.%s] %s", cat, table, name, lang)
				return nil, false
			}
			if used := r.pluralForms(lang); used != nil && !slices.Contains(used, cat) {
				r.errorf(line, fmt.Sprintf("the forms of %s are %s; remove %s = \"…\": no number would ever show it", lang, strings.Join(used, ", "), cat),
					"[%s.%s] %s gives a %q form, which %s does not have", table, name, lang, cat, lang)
				return nil, false
			}
			if !r.checkPattern(table, name, lang, s, line) {
				return nil, false
			}
			f[cat] = s
		}
		if _, ok := f["other"]; !ok {
			r.errorf(line, `add other = "…": the form for every number the other forms do not cover`, "[%s.%s] %s has no \"other\" form", table, name, lang)
			return nil, false
		}
		return f, true
	}
	r.errorf(line, "write "+example, "the %s text of [%s.%s] must be a text with {0} where the number goes", lang, table, name)
	return nil, false
}

func (r *reader) checkPattern(table, name, lang, s string, line int) bool {
	if strings.Count(s, "{0}") != 1 {
		example := "{0}户"
		tag := r.tagOf(lang)
		if tag != language.Und && !locale.TypographyOf(tag).FullWidth {
			example = "{0} households"
		}
		if name == "points" {
			example = pointWordsExample(r.rateSign, tag)
		}
		r.errorf(line, fmt.Sprintf(`write {0} once, where the number goes, like %s = "%s"`, lang, example), "the %s text of [%s.%s], %q, must have {0} once", lang, table, name, s)
		return false
	}
	return true
}

func (r *reader) asOfPhrase(lang string, raw map[string]any) *asOfPhrase {
	line := r.line("as_of", lang)
	if !r.checkLang("as_of", lang, lang, line) {
		return nil
	}
	p := &asOfPhrase{}
	text := func(key string) string {
		v, ok := raw[key]
		if !ok {
			r.errorf(line, fmt.Sprintf(`add %s = "…" under [as_of.%s]; see docs/design.md`, key, lang), "[as_of.%s] has no %s", lang, key)
			return ""
		}
		s, ok := v.(string)
		if !ok {
			r.errorf(r.line("as_of", lang, key), `write the text in double quotes`, "%s in [as_of.%s] must be text", key, lang)
		}
		return s
	}
	for _, key := range sortedKeys(raw) {
		if !slices.Contains([]string{"month", "day", "months", "label"}, key) {
			r.errorf(r.line("as_of", lang, key), "use month, day, months and label", "unknown setting %q in [as_of.%s]", key, lang)
		}
	}
	p.Month, p.Day, p.Label = text("month"), text("day"), text("label")
	if v, ok := raw["months"]; ok {
		list, _ := v.([]any)
		for _, m := range list {
			if s, ok := m.(string); ok {
				p.Months = append(p.Months, s)
			}
		}
		if len(p.Months) != 12 {
			r.errorf(r.line("as_of", lang, "months"), `list the twelve months' names in order, like months = ["January", "February", …]`, "months in [as_of.%s] must be twelve texts", lang)
		}
	}
	return p
}

// sortedNames are a table's names in the order site.toml writes them.
func sortedNames(m map[string]map[string]any, line func(...string) int, table string) []string {
	names := sortedKeys(m)
	sort.SliceStable(names, func(i, j int) bool { return line(table, names[i]) < line(table, names[j]) })
	return names
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
