package figures

import (
	"strings"

	"github.com/xmca/almanac/internal/diag"
)

// CheckRules reports every rule whose total is not exactly the sum of its
// parts. Parse has already checked that the figures exist and share a unit.
func (s *Set) CheckRules() diag.List {
	var errs diag.List
	for _, r := range s.rules {
		if d := s.checkRule(r); d != nil {
			errs = append(errs, d)
		}
	}
	return errs
}

func (s *Set) checkRule(r *Rule) *diag.Diagnostic {
	total, ok := s.byKey[r.Total]
	if !ok || total.Pending {
		return nil // a pending figure has no number to add up yet
	}
	var sum Decimal
	values := make([]string, 0, len(r.Parts))
	for _, key := range r.Parts {
		part, ok := s.byKey[key]
		if !ok || part.Pending {
			return nil
		}
		sum = sum.Add(part.Value)
		values = append(values, part.Value.String())
	}
	if sum.Cmp(total.Value) == 0 {
		return nil
	}
	return diag.Errorf(s.file, r.Line, 0,
		"Compare these figures with the source report and correct the one that is wrong. If the parts are not meant to add up to the total, delete this [[rule]].",
		"rule %q does not hold: %s is %s but %s = %s = %s",
		r.title(), r.Total, total.Value, strings.Join(r.Parts, " + "), strings.Join(values, " + "), sum)
}

// title is the rule's name, or the sum it states when it has none.
func (r *Rule) title() string {
	if r.Name != "" {
		return r.Name
	}
	return r.Total + " = " + strings.Join(r.Parts, " + ")
}
