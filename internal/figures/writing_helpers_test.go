package figures

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
