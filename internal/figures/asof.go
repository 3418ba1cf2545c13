package figures

import (
	"strconv"
	"strings"
)

// DatedLabel is the figure's label in lang followed, for a figure counted
// at a point inside the year, by that date as the language's as-of phrase
// places it: "全市社会组织（截至2019年11月）", "Social organizations in the
// city (as of November 2019)". Shown apart from the text that states the
// figure (as in key figures), the number would otherwise read as the year's.
func (f *Figure) DatedLabel(lang string) string {
	label, note := f.Label(lang), f.AsOfNote(lang)
	p, ok := f.writing().asOfPhrase(lang)
	if note == "" || !ok {
		return label
	}
	return strings.NewReplacer("{label}", label, "{date}", note).Replace(p.Label)
}

// AsOfNote says, in lang, the date a figure stands at ("截至2019年11月",
// "as of November 2019"), for figures counted at a point inside the year.
// A figure whose as_of is a whole year covers the report's year, which the
// page says already: its note is "".
func (f *Figure) AsOfNote(lang string) string {
	parts := strings.Split(f.AsOf, "-")
	if len(parts) < 2 {
		return ""
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil {
			return "" // the parser accepts only dates (parser.asOf); this is not one
		}
		n[i] = v
	}
	p, ok := f.writing().asOfPhrase(lang)
	if !ok {
		return ""
	}
	month := strconv.Itoa(n[1])
	if len(p.Months) == 12 && n[1] >= 1 && n[1] <= 12 {
		month = p.Months[n[1]-1]
	}
	pattern, day := p.Month, ""
	if len(n) == 3 {
		pattern, day = p.Day, strconv.Itoa(n[2])
	}
	return strings.NewReplacer("{year}", parts[0], "{month}", month, "{day}", day).Replace(pattern)
}
