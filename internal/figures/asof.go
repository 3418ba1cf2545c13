package figures

import (
	"strconv"
	"strings"
	"time"
)

// DatedLabel is the figure's label in lang followed, for a figure counted
// at a point inside the year, by that date in parentheses: "全市社会组织
// （截至2019年11月）", "Social organizations in the city (as of November
// 2019)". Shown apart from the text that states the figure (as in key
// figures), the number would otherwise read as the year's.
func (f *Figure) DatedLabel(lang string) string {
	label, note := f.Label(lang), f.AsOfNote(lang)
	switch {
	case note == "":
		return label
	case isChinese(lang):
		return label + "（" + note + "）"
	}
	return label + " (" + note + ")"
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
			return "" // parse.go accepts only dates; this is not one
		}
		n[i] = v
	}
	month := time.Month(n[1])
	if isChinese(lang) {
		if len(n) == 3 {
			return "截至" + parts[0] + "年" + strconv.Itoa(n[1]) + "月" + strconv.Itoa(n[2]) + "日"
		}
		return "截至" + parts[0] + "年" + strconv.Itoa(n[1]) + "月"
	}
	if len(n) == 3 {
		return "as of " + month.String() + " " + strconv.Itoa(n[2]) + ", " + parts[0]
	}
	return "as of " + month.String() + " " + parts[0]
}
