package figures

import "testing"

func TestAsOfNote(t *testing.T) {
	for _, c := range []struct{ asOf, zh, en string }{
		{"2019-11", "截至2019年11月", "as of November 2019"},
		{"2019-12-31", "截至2019年12月31日", "as of December 31, 2019"},
		{"2019-01-05", "截至2019年1月5日", "as of January 5, 2019"},
		{"2019", "", ""}, // the report's year: nothing to add
		{"", "", ""},
	} {
		f := &Figure{AsOf: c.asOf}
		if got := f.AsOfNote("zh"); got != c.zh {
			t.Errorf("AsOfNote(%q, zh) = %q, want %q", c.asOf, got, c.zh)
		}
		if got := f.AsOfNote("en"); got != c.en {
			t.Errorf("AsOfNote(%q, en) = %q, want %q", c.asOf, got, c.en)
		}
	}
}

func TestDatedLabel(t *testing.T) {
	f := &Figure{AsOf: "2019-11", Labels: map[string]string{"zh": "全市社会组织", "en": "Social organizations in the city"}}
	if got, want := f.DatedLabel("zh"), "全市社会组织（截至2019年11月）"; got != want {
		t.Errorf("zh: %q, want %q", got, want)
	}
	if got, want := f.DatedLabel("en"), "Social organizations in the city (as of November 2019)"; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
	f.AsOf = "2019"
	if got, want := f.DatedLabel("en"), "Social organizations in the city"; got != want {
		t.Errorf("a figure of the whole year: %q, want %q", got, want)
	}
}
