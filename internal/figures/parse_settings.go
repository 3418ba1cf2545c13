package figures

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

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
