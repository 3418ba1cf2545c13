package figures

// Unit says what a figure counts and so how it is written in each language.
type Unit string

// The units of docs/design.md.
const (
	UnitYuan               Unit = "yuan"
	UnitYuanPerPersonMonth Unit = "yuan-per-person-month"
	UnitPercent            Unit = "percent"
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
)

// unitText is what surrounds the number of a unit in each language.
// English leaves count nouns to the sentence ("5,964 social organizations"),
// so most units have no English words at all.
type unitText struct {
	zhBefore, zhAfter string
	enBefore, enAfter string
	// negative: the unit can be below zero (money, a percentage change);
	// a unit that counts things (people, beds, organizations) cannot, so a
	// minus sign there is a typing slip.
	negative bool
}

// units is read-only: the order is the order of docs/design.md, which hints
// and Units() show editors.
var units = []struct {
	unit Unit
	text unitText
}{
	{UnitYuan, unitText{zhAfter: "元", enBefore: "RMB ", negative: true}},
	{UnitYuanPerPersonMonth, unitText{zhBefore: "每人每月", zhAfter: "元", enBefore: "RMB ", enAfter: " per person per month", negative: true}},
	{UnitPercent, unitText{zhAfter: "%", enAfter: "%", negative: true}},
	{UnitPersonTimes, unitText{zhAfter: "人次", enAfter: " person-times"}},
	{UnitPeople, unitText{zhAfter: "名"}},
	{UnitPersons, unitText{zhAfter: "人"}},
	{UnitOrganizations, unitText{zhAfter: "家"}},
	{UnitItems, unitText{zhAfter: "个"}},
	{UnitMatters, unitText{zhAfter: "项"}},
	{UnitDocuments, unitText{zhAfter: "份"}},
	{UnitBeds, unitText{zhAfter: "张"}},
	{UnitSessions, unitText{zhAfter: "期"}},
	{UnitPairs, unitText{zhAfter: "对"}},
	{UnitDepartments, unitText{zhAfter: "部门"}},
	{UnitYears, unitText{zhAfter: "年"}},
	{UnitNumber, unitText{negative: true}},
}

// Units returns every known unit, in the order of docs/design.md.
func Units() []Unit {
	list := make([]Unit, len(units))
	for i, u := range units {
		list[i] = u.unit
	}
	return list
}

// Known reports whether u is one of Units().
func (u Unit) Known() bool {
	_, ok := u.text()
	return ok
}

// CanBeNegative reports whether a value of u may be below zero; units
// that count things cannot.
func (u Unit) CanBeNegative() bool {
	t, _ := u.text()
	return t.negative
}

func (u Unit) text() (unitText, bool) {
	for _, entry := range units {
		if entry.unit == u {
			return entry.text, true
		}
	}
	return unitText{}, false
}

// Qualifier says the value is rounded, and which way: the report writes
// 近430万人次 ("nearly"), 850余个 ("over").
type Qualifier string

// The qualifiers of docs/design.md; the empty Qualifier means the value is exact.
const (
	Exact         Qualifier = ""
	Approximately Qualifier = "approximately"
	Nearly        Qualifier = "nearly"
	Over          Qualifier = "over"
	MoreThan      Qualifier = "more-than"
)

// qualifierText is how a qualifier is written. Chinese puts 约 and 近 before
// the number but 余 and 多 after its digits (850余个, 3000多个).
type qualifierText struct {
	zhBefore, zhAfter string
	en                string
}

var qualifiers = []struct {
	qualifier Qualifier
	text      qualifierText
}{
	{Approximately, qualifierText{zhBefore: "约", en: "about"}},
	{Nearly, qualifierText{zhBefore: "近", en: "nearly"}},
	{Over, qualifierText{zhAfter: "余", en: "over"}},
	{MoreThan, qualifierText{zhAfter: "多", en: "more than"}},
}

// Qualifiers returns every known qualifier except Exact, in the order of docs/design.md.
func Qualifiers() []Qualifier {
	list := make([]Qualifier, len(qualifiers))
	for i, q := range qualifiers {
		list[i] = q.qualifier
	}
	return list
}

// Known reports whether q is Exact or one of Qualifiers().
func (q Qualifier) Known() bool {
	_, ok := q.text()
	return ok
}

func (q Qualifier) text() (qualifierText, bool) {
	if q == Exact {
		return qualifierText{}, true
	}
	for _, entry := range qualifiers {
		if entry.qualifier == q {
			return entry.text, true
		}
	}
	return qualifierText{}, false
}
