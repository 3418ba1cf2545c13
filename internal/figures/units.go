package figures

// Unit says what a figure counts and so how it is written in each
// language: the name of a [units.NAME] table, shipped (units.toml) or in
// site.toml.
type Unit string

// Qualifier says the value is rounded, and which way: the report writes
// 近430万人次 ("nearly"), 850余个 ("over"). It names a [qualifiers.NAME]
// table; the empty Qualifier means the value is exact.
type Qualifier string

// Exact is the qualifier of a value that is not rounded.
const Exact Qualifier = ""
