package figures

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
