package figures

// PendingValue is the value a figure has while it waits for its number:
// `almanac new` starts a year with last year's figures, each
// value = "待填" ("to be filled in"). A page may show such a figure in a
// draft preview, marked with the interface string figure_pending; a build
// that publishes refuses it (the site checks, as only it knows whether
// drafts are built).
const PendingValue = "待填"

// Pending returns the figures still waiting for their value, in file order.
func (s *Set) Pending() []*Figure {
	var out []*Figure
	for _, f := range s.figures {
		if f.Pending {
			out = append(out, f)
		}
	}
	return out
}
