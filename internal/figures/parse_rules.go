package figures

// rules reads the [[rule]] tables.
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

// rule reads one [[rule]], starting at start. It returns the rule only when
// every figure it names can be checked.
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

// ruleTotal reads total, which names the figure the parts add up to.
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

// ruleParts reads parts, which names the figures that add up to the total.
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
