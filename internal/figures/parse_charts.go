package figures

import "fmt"

const titleExample = `title = { zh = "社会组织构成", en = "Social organizations by type" }`

// charts reads the [chart.<key>] tables, keeping the file's order.
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

// chart reads [chart.<key>]. It returns the chart only when it can be drawn.
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

// chartType reads type: bar, part-of-whole or series.
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

// seriesFigures reads what a series chart draws: figure = "KEY" for one
// figure, or figures = ["A", "B"] for several, across the report years.
// The keys need not be in this year's file: a figure may have been counted
// in earlier years only. Which years have them, and whether their units
// agree, the site checks, since only it knows the other years.
func (p *parser) seriesFigures(c *Chart, m map[string]any, setting func(string) spot) bool {
	const example = `figure = "social-organizations"`
	one, hasOne := m["figure"]
	many, hasMany := m["figures"]
	switch {
	case hasOne && hasMany:
		p.errorAt(setting("figures").pos(), "Keep one of the two lines: "+example+` for one figure, or figures = ["…", "…"] for several.`,
			"series chart %s has both figure and figures", c.Key)
		return false
	case !hasOne && !hasMany:
		p.errorAt(setting("figure").pos(), "Add a line like "+example+" naming the figure to draw across the years.",
			"series chart %s has no figure", c.Key)
		return false
	}
	if _, found := m["total"]; found {
		p.errorAt(setting("total").pos(), "Delete the total line: a series chart draws figures across the years.",
			"series chart %s cannot have a total", c.Key)
		return false
	}
	var keys []string
	if hasOne {
		key, ok := p.text(one, setting("figure"), "figure", example)
		if !ok {
			return false
		}
		keys = []string{key}
	} else {
		var ok bool
		if keys, ok = p.keyList(many, setting("figures"), "figures"); !ok {
			return false
		}
	}
	at := setting("figures")
	if hasOne {
		at = setting("figure")
	}
	seen := map[string]bool{}
	for _, key := range keys {
		if !validKey(key) {
			p.errorAt(at.pos(), "Figure keys use lowercase letters a-z, digits 0-9 and hyphens, like social-organizations.",
				"chart %s names %q, which is not a figure key", c.Key, key)
			return false
		}
		if seen[key] {
			p.errorAt(at.pos(), "List each figure once.", "chart %s lists %q twice", c.Key, key)
			return false
		}
		seen[key] = true
	}
	c.Figures = keys
	return true
}

// chartReferences finds the figures keys name, each listed once.
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

// sameUnit checks that every figure drawn counts what the first one counts,
// reporting the first that does not.
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
