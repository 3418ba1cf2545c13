package figures

import (
	"errors"
	"strings"
	"testing"
)

var zhWords = ChangeWords{Up: "增长{value}", Down: "下降{value}", Unchanged: "持平",
	RateUp: "提高{value}", RateDown: "降低{value}"}

var enWords = ChangeWords{Up: "up {value}", Down: "down {value}", Unchanged: "unchanged",
	RateUp: "up {value}", RateDown: "down {value}"}

// formatChange writes c of a figure counting unit in lang with the words
// above, failing the test where it cannot.
func formatChange(t *testing.T, c Change, unit Unit, lang string) string {
	t.Helper()
	words := map[string]ChangeWords{"zh": zhWords, "en": enWords}[lang]
	s, err := c.Format(siteLangs, unit, lang, words)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func dec(t *testing.T, s string) Decimal {
	t.Helper()
	d, err := ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestChange(t *testing.T) {
	for _, tt := range []struct {
		from, to string
		unit     Unit
		zh, en   string
	}{
		{"2763", "7087", UnitOrganizations, "增长156.5%", "up 156.5%"},
		{"2000", "1754", UnitBeds, "下降12.3%", "down 12.3%"},
		{"100", "150", UnitPeople, "增长50%", "up 50%"},          // no trailing zero
		{"3", "4", UnitItems, "增长33.3%", "up 33.3%"},           // one decimal at most
		{"8", "9", UnitItems, "增长12.5%", "up 12.5%"},           // exact
		{"16", "17", UnitItems, "增长6.3%", "up 6.3%"},           // 6.25: halves away from zero
		{"5964", "5964", UnitOrganizations, "持平", "unchanged"}, // equal
		{"1000000", "1000001", UnitYuan, "持平", "unchanged"},    // 0.0001%: unchanged at one decimal
		{"-200", "-100", UnitNumber, "增长50%", "up 50%"},        // a share of the size of the earlier value
		{"3", "3000", UnitItems, "增长99900%", "up 99,900%"},     // a share in full digits, never 9.99万%
		{"1", "2000000", UnitItems, "增长199999900%", "up 199,999,900%"},
		{"59", "75", UnitPercent, "提高16个百分点", "up 16 percentage points"},
		{"75", "74", UnitPercent, "降低1个百分点", "down 1 percentage point"},
		{"75", "76", UnitPercent, "提高1个百分点", "up 1 percentage point"},
		{"12.25", "10.5", UnitPercent, "降低1.8个百分点", "down 1.8 percentage points"},
		{"40", "40.02", UnitPercent, "持平", "unchanged"},
		{"16.05", "17.05", UnitPercent, "提高1个百分点", "up 1 percentage point"}, // 1.00 is one point
		{"-1.5", "-2.1", UnitPermille, "降低0.6个千分点", "down 0.6 per thousand"},
		{"-1.5", "0.5", UnitPermille, "提高2个千分点", "up 2 per thousand"},
		{"6.2", "7.2", UnitPermille, "提高1个千分点", "up 1 per thousand"},
	} {
		c, err := CompareValues(dec(t, tt.from), dec(t, tt.to), siteLangs.ComparesInPoints(tt.unit))
		if err != nil {
			t.Fatal(err)
		}
		if zh, en := formatChange(t, c, tt.unit, "zh"), formatChange(t, c, tt.unit, "en"); zh != tt.zh || en != tt.en {
			t.Errorf("%s → %s %s: %q / %q, want %q / %q", tt.from, tt.to, tt.unit, zh, en, tt.zh, tt.en)
		}
	}
	if _, err := CompareValues(dec(t, "-1.5"), dec(t, "0.5"), false); !errors.Is(err, ErrSignChange) {
		t.Errorf("-1.5 → 0.5: %v, want ErrSignChange", err)
	}
	if _, err := CompareValues(dec(t, "3"), dec(t, "-1"), false); !errors.Is(err, ErrSignChange) {
		t.Errorf("3 → -1: %v, want ErrSignChange", err)
	}
	if c, err := CompareValues(dec(t, "-1.5"), dec(t, "0.5"), true); err != nil || !c.Points || c.Amount != dec(t, "2") || c.Direction != 1 {
		t.Errorf("-1.5%% → 0.5%%: %+v, %v; want up 2 points", c, err)
	}
	if _, err := CompareValues(Decimal{}, dec(t, "5"), false); !errors.Is(err, ErrZeroBase) {
		t.Errorf("a change from 0 gave %v", err)
	}
	if c, err := CompareValues(Decimal{}, dec(t, "5"), true); err != nil || formatChange(t, c, UnitPercent, "zh") != "提高5个百分点" {
		t.Errorf("percentage points from 0: %v %v", c, err)
	}
}

func TestSeriesChartDefinition(t *testing.T) {
	const figure = "[figure.a]\nvalue = 1\nunit = \"items\"\nlabel = { zh = \"甲\", en = \"A\" }\n\n"
	const title = "title = { zh = \"历年\", en = \"Years\" }\n"
	set, err := Parse(testFile, []byte(figure+"[chart.one]\ntype = \"series\"\nfigure = \"a\"\n"+title+
		"\n[chart.two]\ntype = \"series\"\nfigures = [\"a\", \"counted-before\"]\n"+title), siteLangs)
	if err != nil {
		t.Fatal(err)
	}
	one, _ := set.Chart("one")
	two, _ := set.Chart("two")
	if one.Type != Series || strings.Join(one.Figures, " ") != "a" || strings.Join(two.Figures, " ") != "a counted-before" {
		t.Errorf("charts %+v %+v", one, two)
	}
	if _, charts := set.CSVFiles(); len(charts) != 0 {
		t.Errorf("a series chart's data spans the years; the year's set wrote %v", charts)
	}
	for _, tt := range []struct{ chart, want string }{
		{"type = \"series\"\n" + title, "has no figure"},
		{"type = \"series\"\nfigure = \"a\"\nfigures = [\"a\"]\n" + title, "both figure and figures"},
		{"type = \"series\"\nfigure = \"a\"\ntotal = \"a\"\n" + title, "cannot have a total"},
		{"type = \"series\"\nfigure = \"A B\"\n" + title, "not a figure key"},
		{"type = \"series\"\nfigures = [\"a\", \"a\"]\n" + title, "twice"},
		{"type = \"bar\"\nfigure = \"a\"\n" + title, "bar chart c cannot have figure"},
	} {
		_, err := Parse(testFile, []byte(figure+"[chart.c]\n"+tt.chart), siteLangs)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), testFile+":") {
			t.Errorf("%q: got %v, want %q at a line", tt.chart, err, tt.want)
		}
	}
}

func TestPendingValue(t *testing.T) {
	set, err := Parse(testFile, []byte("[figure.total]\nvalue = \"待填\"\nunit = \"items\"\nlabel = { zh = \"合计\", en = \"Total\" }\n"+
		"[figure.part]\nvalue = 3\nunit = \"items\"\nlabel = { zh = \"部分\", en = \"Part\" }\n"+
		"[[rule]]\ntotal = \"total\"\nparts = [\"part\"]\n"), siteLangs)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := set.Figure("total")
	if !f.Pending || len(set.Pending()) != 1 || f.Format("zh") != "〔待填〕" || f.Format("en") != "[to be filled in]" {
		t.Errorf("pending figure %+v shows %q / %q", f, f.Format("zh"), f.Format("en"))
	}
	if errs := set.CheckRules(); len(errs) != 0 {
		t.Errorf("a rule with a pending figure cannot be checked yet, got %v", errs)
	}
	if !strings.Contains(string(set.JSON()), `"value": null`) || !strings.Contains(string(set.CSV()), "\r\ntotal,合计,Total,,items,") {
		t.Errorf("open data of a pending figure:\n%s\n%s", set.JSON(), set.CSV())
	}
	if _, err := Parse(testFile, []byte("[figure.x]\nvalue = \"待定\"\nunit = \"items\"\nlabel = { zh = \"x\", en = \"x\" }\n"), siteLangs); err == nil {
		t.Error("a value that is neither a number nor the placeholder was accepted")
	}
}

func TestYearsData(t *testing.T) {
	a, _ := Parse(testFile, []byte("[figure.a]\nvalue = 1\nunit = \"items\"\nlabel = { zh = \"=甲\", en = \"A, the first\" }\n"), siteLangs)
	f, _ := a.Figure("a")
	figs := []Dated{{"2019", f}, {"2018", f}}
	csv := string(YearsCSV(siteLangs.Langs(), figs))
	want := "\uFEFFyear,key,label_zh,label_en,value,unit,qualifier,as_of,source_zh,source_en,text_zh,text_en\r\n" +
		"2019,a,'=甲,\"A, the first\",1,items,,,,,1个,1\r\n2018,a,'=甲,\"A, the first\",1,items,,,,,1个,1\r\n"
	if csv != want {
		t.Errorf("CSV\n%q\nwant\n%q", csv, want)
	}
	json := string(YearsJSON(siteLangs.Langs(), figs))
	if !strings.HasPrefix(json, "[\n  {\n    \"year\": 2019,\n    \"key\": \"a\",") || strings.Count(json, `"year"`) != 2 {
		t.Errorf("JSON\n%s", json)
	}
}
