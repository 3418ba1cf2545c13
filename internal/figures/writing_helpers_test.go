package figures

import (
	"errors"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/xmca/almanac/internal/locale"
)

// The shipped units and qualifiers by name, for tests.
const (
	UnitYuan               Unit = "yuan"
	UnitYuanPerPersonMonth Unit = "yuan-per-person-month"
	UnitPercent            Unit = "percent"
	UnitPermille           Unit = "permille"
	UnitPersonTimes        Unit = "person-times"
	UnitPeople             Unit = "people"
	UnitPersons            Unit = "persons"
	UnitOrganizations      Unit = "organizations"
	UnitItems              Unit = "items"
	UnitMatters            Unit = "matters"
	UnitDocuments          Unit = "documents"
	UnitBeds               Unit = "beds"
	UnitSessions           Unit = "sessions"
	UnitPairs              Unit = "pairs"
	UnitDepartments        Unit = "departments"
	UnitYears              Unit = "years"
	UnitNumber             Unit = "number"

	Approximately Qualifier = "approximately"
	Nearly        Qualifier = "nearly"
	Over          Qualifier = "over"
	MoreThan      Qualifier = "more-than"
)

// siteLangs is the 2019 report's site: zh and en with the shipped units.
var siteLangs = WritingFor("zh", "en")

func formatIn(v Decimal, u Unit, q Qualifier, lang string) string {
	return siteLangs.Format(v, u, q, StyleDefault, lang)
}

func numberIn(v Decimal, lang string) string { return siteLangs.Number(v, StyleDefault, lang) }

// stepWords are every word ParseFormatted scales by, longest first.
var stepWords = locale.StepWords(language.SimplifiedChinese, language.TraditionalChinese, language.English)

// ParseFormatted reads back the number in text written by Format or Number
// in zh or en ("近430万人次", "RMB 7,647,100", "-RMB 25 million", and with
// the minus sign U+2212 some locales write): the tests check with it that
// formatting never changes a value.
func ParseFormatted(text string) (Decimal, error) {
	start := strings.IndexFunc(text, func(r rune) bool { return r >= '0' && r <= '9' })
	if start < 0 {
		return Decimal{}, errors.New("no number in " + strconv.Quote(text))
	}
	// The minus stands before the digits or before the unit's words
	// (-RMB 25 million).
	negative := strings.ContainsAny(text[:start], "-\u2212")
	end := start + 1
	for end < len(text) && strings.IndexByte("0123456789.,", text[end]) >= 0 {
		end++
	}
	value, err := ParseDecimal(strings.TrimRight(strings.ReplaceAll(text[start:end], ",", ""), "."))
	if err != nil {
		return Decimal{}, err
	}
	if negative {
		value = newDecimal(true, value.digits, value.scale)
	}
	rest := strings.TrimPrefix(strings.TrimPrefix(text[end:], "余"), "多")
	for _, st := range stepWords {
		if strings.HasPrefix(rest, st.Word) {
			return value.shift(st.Zeros), nil
		}
	}
	return value, nil
}
