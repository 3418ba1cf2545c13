package figures

import (
	"strings"

	"github.com/xmca/almanac/internal/locale"
)

// PendingValue is the value a figure has while it waits for its number:
// `almanac new` starts a year with last year's figures, each
// value = "待填" ("to be filled in"). A page may show such a figure in a
// draft preview, marked (by the site's interface string figure_pending,
// or else by pendingText); a build that publishes refuses it (the site
// checks, as only it knows whether drafts are built).
const PendingValue = "待填"

// pendingText is what a pending figure shows in a draft preview, from the
// shipped [pending] texts of the nearest locale: the marker itself in
// Chinese, so an editor sees what to look for in figures.toml, and its
// meaning in English; the marker in a language with no text of its own.
func (w *Writing) pendingText(lang string) string {
	if s, _, ok := locale.Lookup(w.shipped.pending, w.Lang(lang).Tag); ok {
		return s
	}
	return "〔" + PendingValue + "〕"
}

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

// UntranslatedMarks begin a label almanac import wrote for a language the
// draft was not in: "(to translate) 全市社会组织", and for Chinese
// "（待译）…". A label that still begins so has not been translated yet.
var UntranslatedMarks = []string{"(to translate) ", "（待译）"}

// Untranslated reports whether label is still a placeholder for a
// translation.
func Untranslated(label string) bool {
	for _, m := range UntranslatedMarks {
		if strings.HasPrefix(label, m) {
			return true
		}
	}
	return false
}
