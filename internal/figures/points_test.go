package figures

import (
	"strings"
	"testing"
)

// TestShippedRatesHaveWords: every shipped unit that compares in points
// is one whose values may be below zero, and has words for a point in
// Chinese and English; the units that count things compare by a share.
func TestShippedRatesHaveWords(t *testing.T) {
	rates := 0
	for _, u := range siteLangs.Units() {
		if !siteLangs.hasPoints(string(u)) {
			if siteLangs.ComparesInPoints(u) {
				t.Errorf("%s compares in points without words of its own", u)
			}
			continue
		}
		rates++
		if !siteLangs.CanBeNegative(u) {
			t.Errorf("%s has points but counts things", u)
		}
		for _, lang := range []string{"zh", "en"} {
			if p, ok := siteLangs.PointsPattern(u, lang); !ok || !strings.Contains(p.Forms["other"], "{0}") {
				t.Errorf("%s has no words for a point in %s: %+v", u, lang, p)
			}
		}
	}
	if rates != 2 || !siteLangs.ComparesInPoints(UnitPermille) || siteLangs.ComparesInPoints(UnitBeds) {
		t.Errorf("%d shipped rates; want percent and permille", rates)
	}
}

// TestSiteRates: a site declares a rate of its own, changes the words of a
// shipped one, and a unit of its own that writes a per cent sign compares
// in percentage points without saying so.
func TestSiteRates(t *testing.T) {
	w, err := writingFor(t, `[units.per-10000]
negative = true
zh = "{0}‱"
en = "{0} per 10,000"
points = { zh = "{0}个万分点", en = { one = "{0} point per 10,000", other = "{0} points per 10,000" } }
[units.permille]
points = { zh = "{0}个千分点（‰）" }
[units.share]
negative = true
zh = "占{0}%"
en = "{0}% of the total"
[units.permille2]
negative = true
zh = "{0}‰"
en = "{0} ‰"
`, Options{})
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]ChangeWords{"zh": zhWords, "zh-hant": zhWords, "en": enWords}
	for _, c := range []struct {
		unit       Unit
		from, to   string
		lang, want string
	}{
		{"per-10000", "3", "4", "zh", "提高1个万分点"},
		{"per-10000", "3", "4", "zh-hant", "提高1个万分点"}, // zh's words; a converted edition converts them
		{"per-10000", "3", "4", "en", "up 1 point per 10,000"},
		{"per-10000", "3", "4.5", "en", "up 1.5 points per 10,000"},
		{"permille", "-1.5", "-2.1", "zh", "降低0.6个千分点（‰）"},
		{"permille", "-1.5", "-2.1", "en", "down 0.6 per thousand"}, // the shipped words where the site gives none
		{"share", "40", "52.5", "zh", "提高12.5个百分点"},
		{"share", "40", "41", "en", "up 1 percentage point"},
		// A unit of the site's own writing ‰ takes permille's words.
		{"permille2", "1.5", "2.1", "zh", "提高0.6个千分点（‰）"},
		{"permille2", "1.5", "2.1", "en", "up 0.6 per thousand"},
	} {
		c2, err := CompareValues(dec(t, c.from), dec(t, c.to), w.ComparesInPoints(c.unit))
		if err != nil {
			t.Fatal(err)
		}
		got, err := c2.Format(w, c.unit, c.lang, words[c.lang])
		if err != nil || got != c.want {
			t.Errorf("%s %s → %s in %s: %q %v, want %q", c.unit, c.from, c.to, c.lang, got, err, c.want)
		}
	}
	if _, err := (Change{Direction: 1, Amount: dec(t, "1"), Points: true}).Format(w, UnitBeds, "zh", zhWords); err == nil {
		t.Error("a change in points of beds was written")
	}
}

// TestSiteRateMistakes: each mistake in a unit's points is named at its
// line in site.toml.
func TestSiteRateMistakes(t *testing.T) {
	const unit = "[units.rate]\nnegative = true\nzh = \"{0}‱\"\nen = \"{0} per 10,000\"\n"
	for _, c := range []struct{ toml, want string }{
		{unit + "points = \"{0}个万分点\"\n", `site.toml:21: points in [units.rate] must give the words for a point in each language, not text`},
		{unit + "points = {}\n", `site.toml:21: points in [units.rate] must give the words for a point in each language, not an empty table`},
		{unit + "points = { zh = \"个万分点\", en = \"{0} per 10,000\" }\n", `site.toml:21: the zh text of [units.rate.points], "个万分点", must have {0} once`},
		{unit + "points = { zh = \"{0}个万分点\", fr = \"{0} pour 10 000\" }\n", `site.toml:21: "fr" in [units.rate.points] is not a language of the site`},
		{unit + "points = { zh = \"{0}个万分点\" }\n", `site.toml:21: the words for a point of [units.rate] are missing in "en"`},
		{"[units.households]\nzh = \"{0}户\"\nen = \"{0}\"\npoints = { zh = \"{0}个点\", en = \"{0} points\" }\n", `site.toml:20: [units.households] compares in points (points), but it counts things`},
		{"[units.people]\npoints = { zh = \"{0}个点\", en = \"{0} points\" }\n", `site.toml:18: [units.people] compares in points (points), but it counts things`},
		// A unit writing %, ‰ or ‱ is a rate whether or not it says points:
		// the same rule holds.
		{"[units.share]\nzh = \"{0}%\"\nen = \"{0}%\"\n", `site.toml:17: [units.share] compares in points (%), but it counts things`},
		{"[units.rate]\nzh = \"{0}‰\"\nen = \"{0} per thousand\"\n", `site.toml:17: [units.rate] compares in points (‰), but it counts things`},
		{unit, `site.toml:17: [units.rate] writes ‱, so it compares in points, but almanac has no words for a point of it`},
	} {
		_, err := writingFor(t, c.toml, Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s\ngot  %v\nwant %s", c.toml, err, c.want)
		}
	}
}

// TestRateLacksWordsForALanguage: a site language with no words for a
// point of a shipped rate its figures use is told where to add them.
func TestRateLacksWordsForALanguage(t *testing.T) {
	w, err := writingFor(t, "[languages.fr]\nlocale = \"fr\"\nname = \"Français\"\ntitle = \"Rapports\"\n[units.permille]\nfr = \"{0} ‰\"\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	label := "label = { zh = \"甲\", zh-hant = \"甲\", en = \"A\", fr = \"A\" }\n"
	_, err = Parse(testFile, []byte("[figure.a]\nvalue = -1.5\nunit = \"permille\"\n"+label), w)
	if err == nil || !strings.Contains(err.Error(), `site.toml:21: unit "permille" has no words for a point in language "fr"`) ||
		!strings.Contains(err.Error(), `add fr = "{0} …" to points under [units.permille] in site.toml`) {
		t.Errorf("got %v", err)
	}
}

// TestPointsMessages: the examples in messages about a rate's words for a
// point are those of the unit's own sign, or neutral; a shipped rate
// missing a language is reported where a figure uses it, with the table to
// add; style under a qualifier is said to belong to units and figures.
func TestPointsMessages(t *testing.T) {
	for _, c := range []struct{ toml, want, notWant string }{
		{"[units.rate]\nnegative = true\nzh = \"{0}‱\"\nen = \"{0} per 10,000\"\npoints = \"万分点\"\n", `points = { zh = "{0}个万分点", en = "{0} points per 10,000" }`, "千分点"},
		{"[units.rate]\nnegative = true\nzh = \"{0}分\"\nen = \"{0} marks\"\npoints = \"分\"\n", `points = { zh = "{0}个…点", en = "{0} … points" }`, "千分点"},
		{"[units.rate]\nnegative = true\nzh = \"{0}‱\"\nen = \"{0} per 10,000\"\npoints = { zh = \"个万分点\", en = \"{0} per 10,000\" }\n", `like zh = "{0}个万分点"`, "户"},
		{"[units.rate]\nnegative = true\nzh = \"{0}‰\"\nen = \"{0} per thousand\"\npoints = { zh = \"{0}个千分点\", en = \"per thousand\" }\n", `like en = "{0} per thousand"`, "households"},
		{"[qualifiers.about]\nzh = \"约{0}\"\nen = \"about {0}\"\nstyle = \"plain\"\n", `site.toml:20: style is a setting of units and figures, not of qualifiers`, "language"},
	} {
		_, err := writingFor(t, c.toml, Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), c.notWant) {
			t.Errorf("%s\ngot  %v\nwant %s, without %s", c.toml, err, c.want, c.notWant)
		}
	}

	w, err := writingFor(t, "[languages.fr]\nlocale = \"fr\"\nname = \"Français\"\ntitle = \"Rapports\"\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	label := "label = { zh = \"甲\", zh-hant = \"甲\", en = \"A\", fr = \"A\" }\n"
	_, err = Parse(testFile, []byte("[figure.a]\nvalue = -1.5\nunit = \"permille\"\n"+label), w)
	want := testFile + `:1: unit "permille" has no words for a point in language "fr"` + "\n\t" +
		`add a table [units.permille] to site.toml with points = { fr = "{0} …" } below it`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// TestSiteRateMissingALanguage: a unit of the site's own writing ‰, with
// no points, takes permille's words; a language without them is named at
// the unit's table.
func TestSiteRateMissingALanguage(t *testing.T) {
	_, err := writingFor(t, "[languages.fr]\nlocale = \"fr\"\nname = \"Français\"\ntitle = \"Rapports\"\n[units.rate]\nnegative = true\nzh = \"{0}‰\"\nen = \"{0}‰\"\nfr = \"{0} ‰\"\n", Options{})
	if err == nil || !strings.Contains(err.Error(), `site.toml:21: the words for a point of [units.rate] are missing in "fr"`) {
		t.Errorf("got %v", err)
	}
}
