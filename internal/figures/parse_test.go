package figures

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/diag"
)

const testFile = "content/2019/figures.toml"

func parseReport(t *testing.T) *Set {
	t.Helper()
	src, err := os.ReadFile("testdata/figures-2019.toml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := Parse(testFile, src, siteLangs)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return set
}

func TestParseReport(t *testing.T) {
	set := parseReport(t)
	if set.File() != testFile || !slices.Equal(set.Langs(), siteLangs.Langs()) {
		t.Errorf("File() = %q, Langs() = %v", set.File(), set.Langs())
	}
	var keys []string
	for _, f := range set.Figures() {
		keys = append(keys, f.Key)
	}
	if len(keys) != 16 || keys[0] != "social-organizations" || keys[5] != "purchased-services-funding" || keys[15] != "poverty-relief-agreements" {
		t.Errorf("figures not in file order: %v", keys)
	}

	f, ok := set.Figure("holiday-payments")
	if !ok {
		t.Fatal("holiday-payments not found")
	}
	want := Figure{Key: "holiday-payments", Value: DecimalFromInt(7647100), Unit: UnitYuan, AsOf: "2019-12-31", Line: 63}
	if f.Key != want.Key || f.Value != want.Value || f.Unit != want.Unit || f.Qualifier != Exact || f.AsOf != want.AsOf || f.Line != want.Line {
		t.Errorf("holiday-payments = %+v", f)
	}
	if f.Label("zh") != "节日慰问金" || f.Label("en") != "Holiday condolence payments" {
		t.Errorf("labels = %v", f.Labels)
	}
	if f.Source("zh") != "厦门市民政局" || f.Source("en") != "Xiamen Civil Affairs Bureau" {
		t.Errorf("sources from [defaults] = %v", f.Sources)
	}
	if f, _ := set.Figure("social-organizations"); f.AsOf != "2019-11" || f.Line != 6 {
		t.Errorf("social-organizations: as_of %q (want its own, not the default), line %d", f.AsOf, f.Line)
	}
	if f, _ := set.Figure("service-recipients"); f.Qualifier != Nearly {
		t.Errorf("service-recipients qualifier = %q", f.Qualifier)
	}
	if _, ok := set.Figure("no-such-figure"); ok {
		t.Error("found a figure that does not exist")
	}

	rules := set.Rules()
	if len(rules) != 1 || rules[0].Line != 96 || rules[0].Total != "social-organizations" || len(rules[0].Parts) != 4 ||
		rules[0].Name != "social organizations by type add up to the total" {
		t.Errorf("rules = %+v", rules)
	}

	c, ok := set.Chart("social-organizations-by-type")
	if !ok || len(set.Charts()) != 1 {
		t.Fatalf("charts = %v", set.Charts())
	}
	if c.Type != PartOfWhole || c.Total != "social-organizations" || c.Line != 101 ||
		!slices.Equal(c.Figures, rules[0].Parts) || c.Title("zh") != "社会组织构成" ||
		c.Title("en") != "Social organizations by type" || !strings.HasPrefix(c.Description("zh"), "截至2019年11月") {
		t.Errorf("chart = %+v", c)
	}
	if _, ok := set.Chart("nope"); ok {
		t.Error("found a chart that does not exist")
	}
}

func TestParseAcceptsOtherWaysOfWriting(t *testing.T) {
	src := `rule = [{ total = "total", parts = ["a-percent", "b"] }]

[defaults]
as_of = 2019-12-31 # a TOML date rather than text
source = { zh = "厦门市民政局", en = "Xiamen Civil Affairs Bureau" }

[figure]
b = { value = 35.5, unit = "percent", label = { zh = "乙", en = "B" } }
a.value = 1_622
a.unit = "organizations"
a.label.zh = "甲"
a.label.en = "A"

[figure.c]
value = 7.6471e6
unit = "yuan"
label = {
  zh = "丙", # TOML 1.1: inline tables may span lines
  en = "C",
}

[figure.total]
value = 1657.5
unit = "percent"
label = { zh = "合计", en = "Total" }

[figure.a-percent]
value = 1622
unit = "percent"
label = { zh = "甲", en = "A" }
`
	set, err := Parse(testFile, []byte(src), siteLangs)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	var keys []string
	for _, f := range set.Figures() {
		keys = append(keys, f.Key)
	}
	if want := []string{"b", "a", "c", "total", "a-percent"}; !slices.Equal(keys, want) {
		t.Errorf("order = %v, want %v", keys, want)
	}
	a, _ := set.Figure("a")
	b, _ := set.Figure("b")
	c, _ := set.Figure("c")
	if a.Value.String() != "1622" || a.Line != 9 || a.AsOf != "2019-12-31" || a.Label("en") != "A" {
		t.Errorf("a = %+v", a)
	}
	if b.Value.String() != "35.5" || b.Line != 8 {
		t.Errorf("b = %+v", b)
	}
	if c.Format("zh") != "764.71万元" {
		t.Errorf("c = %q", c.Format("zh"))
	}
	if rules := set.Rules(); len(rules) != 1 || rules[0].Line != 1 {
		t.Errorf("rule written inline: %+v", rules)
	} else if errs := set.CheckRules(); len(errs) != 0 {
		t.Errorf("1622 + 35.5 = 1657.5 should hold: %v", errs)
	}
}

func TestParseWithoutDefaultsOrLanguages(t *testing.T) {
	set, err := Parse(testFile, []byte("[figure.a]\nvalue = 1\nunit = \"number\"\n"), nil)
	if err != nil {
		t.Fatalf("a site without languages needs no labels: %v", err)
	}
	if f, _ := set.Figure("a"); f.AsOf != "" || f.Source("en") != "" || f.Label("en") != "a" {
		t.Errorf("figure = %+v", f)
	}
	set, err = Parse(testFile, nil, siteLangs)
	if err != nil || len(set.Figures()) != 0 {
		t.Errorf("empty file: %v, %v", set.Figures(), err)
	}
}

const (
	figA = "[figure.a]\nvalue = 5964\nunit = \"organizations\"\nlabel = { zh = \"甲\", en = \"A\" }\n" // lines 1-4
	figB = "[figure.b]\nvalue = 1622\nunit = \"organizations\"\nlabel = { zh = \"乙\", en = \"B\" }\n" // 4 lines
	figF = "[figure.foundations]\nvalue = 35\nunit = \"organizations\"\nlabel = { zh = \"基金会\", en = \"Foundations\" }\n"
	figY = "[figure.y]\nvalue = 240000000\nunit = \"yuan\"\nlabel = { zh = \"资金\", en = \"Funding\" }\n" // 4 lines
)

// lines numbers the lines of a test input, so each case can say where its
// mistake is without counting by hand: figA + figB + line("x") puts x on line 9.
func lines(s ...string) string { return strings.Join(s, "\n") + "\n" }

// parseErrorCases are bad inputs and the diagnostic each must yield; FuzzParse
// starts from them too.
var parseErrorCases = []struct {
	name      string
	src       string
	line, col int // col 0: not checked
	msg, hint string
}{
	{"comma in a number", "[figure.a]\nvalue = 5,964\n", 2, 10, "cannot be read", "5964"},
	{"full-width digits", "[figure.a]\nvalue = ５９６４\n", 2, 9, "cannot be read", "'５９６４' is typed with the Chinese input method (full-width): write '5964' in its place"},
	{"full-width quotes", "[figure.a]\nunit = “yuan”\n", 2, 8, "cannot be read", "'“' is typed with the Chinese input method (full-width): write '\"' in its place"},
	{"column counts Chinese characters", "[figure.a]\nlabel = { zh = \"全市社会组织\" en = \"x\" }\n", 2, 25, "cannot be read", "commas"},
	{"byte order mark", "\uFEFF[figure.a]\nvalue = 5,964\n", 2, 10, "cannot be read", "5964"},
	{"figure written twice", figA + "[figure.a]\n", 5, 0, "already been defined", "only once"},
	{"unknown setting in a figure", figA + "lable = { zh = \"甲\" }\n", 5, 1, `unknown setting "lable" in [figure.a]`, `Did you mean "label"?`},
	{"unknown section", "[figures.a]\nvalue = 1\n", 1, 1, `unknown setting "figures" at the top level`, `Did you mean "figure"?`},
	{"unknown setting in the second rule", figA + figB + lines("[[rule]]", `total = "a"`, `parts = ["b"]`, "[[rule]]", `total = "a"`, `parts = ["b"]`, `nmae = "x"`),
		15, 1, `unknown setting "nmae" in a [[rule]]`, `Did you mean "name"?`},
	{"upper case key", "[figure.Social_Orgs]\nvalue = 1\nunit = \"number\"\nlabel = { zh = \"甲\", en = \"A\" }\n", 1, 1, `figure name "Social_Orgs" is not allowed`, "lowercase"},
	{"Chinese key", "[figure.\"社会组织\"]\nvalue = 1\nunit = \"number\"\nlabel = { zh = \"甲\", en = \"A\" }\n", 1, 1, `figure name "社会组织" is not allowed`, "hyphens"},
	{"key starting with a hyphen", "[figure.-a]\nvalue = 1\nunit = \"number\"\nlabel = { zh = \"甲\", en = \"A\" }\n", 1, 0, `"-a" is not allowed`, "starting with a letter or digit"},
	{"unknown unit", lines("[figure.a]", "value = 1", `unit = "yaun"`), 3, 1, `unknown unit "yaun" in figure a`, `Did you mean "yuan"? Use one of these units: yuan, yuan-per-person-month, percent`},
	{"unit not text", lines("[figure.a]", "value = 1", "unit = 5"), 3, 1, "unit must be text, not a number", `unit = "yuan"`},
	{"missing unit", lines("[figure.a]", "value = 1", `label = { zh = "甲", en = "A" }`), 1, 1, "figure a has no unit", "persons"},
	{"unknown qualifier", figA + `qualifier = "abut"` + "\n", 5, 1, `unknown qualifier "abut"`, "approximately, nearly, over, more-than"},
	{"empty qualifier", figA + `qualifier = ""` + "\n", 5, 1, `unknown qualifier ""`, "leave qualifier out"},
	{"new qualifier", figA + `qualifier = "at-least"` + "\n", 5, 1, `unknown qualifier "at-least"`, `declared in site.toml as [qualifiers.at-least] with a pattern per language, like zh = "至少{0}"`},
	{"missing value", lines("[figure.a]", `unit = "people"`, `label = { zh = "甲", en = "A" }`), 1, 1, "figure a has no value", "value = 5964"},
	{"value in quotes", lines("[figure.a]", `value = "5964"`, `unit = "people"`), 2, 1, "the value of figure a must be a number, not text", "without quotes"},
	{"value not a number", lines("[figure.a]", "value = nan", `unit = "people"`), 2, 1, "the value of figure a must be a number", "plain digits"},
	{"negative count", lines("[figure.a]", "value = -262", `unit = "persons"`, `label = { zh = "甲", en = "A" }`), 2, 1, "figure a is -262 persons, but persons counts things and cannot be negative", "minus sign"},
	{"value infinite", lines("[figure.a]", "value = inf", `unit = "people"`), 2, 1, "must be a number", "plain digits"},
	{"label missing a language", lines("[figure.a]", "value = 1", `unit = "people"`, `label = { zh = "甲", eng = "A" }`), 4, 1, `the label is missing in "en"`, "(zh, en)"},
	{"label empty", lines("[figure.a]", "value = 1", `unit = "people"`, `label = { zh = " ", en = "A" }`), 4, 1, `the label is missing in "zh"`, "label = {"},
	{"no label", lines("[figure.a]", "value = 1", `unit = "people"`), 1, 1, "figure a has no label", "label = { zh ="},
	{"label as plain text", lines("[figure.a]", "value = 1", `unit = "people"`, `label = "Volunteers"`), 4, 1, "label must give one text per language, not text", "every language"},
	{"label not text", lines("[figure.a]", "value = 1", `unit = "people"`, `label = { zh = 1, en = "A" }`), 4, 1, `the label in "zh" must be text, not a number`, "every language"},
	{"as_of with slashes", figA + `as_of = "2019/12/31"` + "\n", 5, 1, `as_of "2019/12/31" is not a date`, `"2019-11-30"`},
	{"as_of month 13", figA + `as_of = "2019-13"` + "\n", 5, 1, `as_of "2019-13" is not a date`, `"2019-11"`},
	{"as_of a number", figA + "as_of = 2019\n", 5, 1, "as_of must be a date, not a number", "double quotes"},
	{"as_of with a time", figA + "as_of = 2019-12-31T08:00:00\n", 5, 1, "as_of must be a date, not a date and time", "2019-11-30"},
	{"bad date in defaults", lines("[defaults]", `as_of = "Dec 2019"`), 2, 1, `as_of "Dec 2019" is not a date`, "2019"},
	{"unknown setting in defaults", lines("[defaults]", `unit = "yuan"`), 2, 1, `unknown setting "unit" in [defaults]`, "as_of, source"},
	{"source missing a language", lines("[defaults]", `source = { zh = "厦门市民政局" }`), 2, 1, `the source is missing in "en"`, "source = {"},
	{"defaults not a table", lines(`defaults = "2019"`), 1, 1, "[defaults] must be a table of settings, not text", "[defaults]"},
	{"figure not a table", lines("[figure]", "value = 1"), 2, 1, "figure value must be a table of settings, not a number", "[figure.value]"},
	{"rule total unknown", figA + lines("[[rule]]", `total = "social-orgs"`, `parts = ["a"]`), 6, 1, `the total of this rule names figure "social-orgs", which is not in this file`, "Check the spelling"},
	{"rule part misspelt", figA + figF + lines("[[rule]]", `total = "a"`, `parts = ["fundations"]`), 11, 1, `a part of this rule names figure "fundations"`, `Did you mean "foundations"?`},
	{"rule parts of another unit", figA + figY + lines("[[rule]]", `total = "a"`, `parts = ["y"]`), 11, 0, "part y counts yuan but the total a counts organizations", "same unit"},
	{"rule part twice", figA + figB + lines("[[rule]]", `total = "a"`, `parts = ["b", "b"]`), 11, 0, `this rule lists "b" twice`, "once"},
	{"rule without parts", figA + lines("[[rule]]", `total = "a"`), 5, 1, "this rule has no parts", "parts = ["},
	{"rule without total", figA + lines("[[rule]]", `parts = ["a"]`), 5, 1, "this rule has no total", "total = "},
	{"rule parts not a list", figA + figB + lines("[[rule]]", `total = "a"`, `parts = "b"`), 11, 1, "parts must be a list of figure keys, not text", "square brackets"},
	{"rule parts not text", figA + figB + lines("[[rule]]", `total = "a"`, `parts = [1]`), 11, 1, "parts must list figure keys as text, but it holds a number", "double quotes"},
	{"rule as a single table", figA + lines("[rule]", `total = "a"`), 5, 1, "rule must be written as [[rule]], not as a table", "two square brackets"},
	{"unknown chart type", figA + lines("[chart.c]", `type = "pie"`, `figures = ["a"]`, `title = { zh = "图", en = "Chart" }`), 6, 1, `unknown chart type "pie" in chart c`, `"part-of-whole"`},
	{"chart without type", figA + lines("[chart.c]", `figures = ["a"]`, `title = { zh = "图", en = "Chart" }`), 5, 1, "chart c has no type", `type = "bar"`},
	{"part-of-whole without total", figA + figB + lines("[chart.c]", `type = "part-of-whole"`, `figures = ["b"]`, `title = { zh = "图", en = "Chart" }`), 9, 1, "part-of-whole chart c has no total", "total = "},
	{"bar with total", figA + figB + lines("[chart.c]", `type = "bar"`, `total = "a"`, `figures = ["b"]`, `title = { zh = "图", en = "Chart" }`), 11, 1, "bar chart c cannot have a total", "Delete the total"},
	{"chart of an unknown figure", figA + lines("[chart.c]", `type = "bar"`, `figures = ["a", "missing"]`, `title = { zh = "图", en = "Chart" }`), 7, 1, `chart c names figure "missing"`, "add the figure"},
	{"chart total unknown", figA + lines("[chart.c]", `type = "part-of-whole"`, `total = "everything"`, `figures = ["a"]`, `title = { zh = "图", en = "Chart" }`), 7, 1, `the total of chart c names figure "everything"`, "spelling"},
	{"chart mixing units", figA + figY + lines("[chart.c]", `type = "bar"`, `figures = ["a", "y"]`, `title = { zh = "图", en = "Chart" }`), 11, 1, "chart c mixes units: a counts organizations but y counts yuan", "separate charts"},
	{"chart figure twice", figA + lines("[chart.c]", `type = "bar"`, `figures = ["a", "a"]`, `title = { zh = "图", en = "Chart" }`), 7, 1, `chart c lists "a" twice`, "once"},
	{"chart without figures", figA + lines("[chart.c]", `type = "bar"`, `title = { zh = "图", en = "Chart" }`), 5, 1, "chart c has no figures", "figures = ["},
	{"chart with no figures", figA + lines("[chart.c]", `type = "bar"`, `figures = []`, `title = { zh = "图", en = "Chart" }`), 7, 1, "figures must be a list of figure keys, not an empty list", "square brackets"},
	{"chart without title", figA + lines("[chart.c]", `type = "bar"`, `figures = ["a"]`), 5, 1, "chart c has no title", "title = {"},
	{"chart description missing a language", figA + lines("[chart.c]", `type = "bar"`, `figures = ["a"]`, `title = { zh = "图", en = "Chart" }`, `description = { en = "A chart" }`), 9, 1, `the description is missing in "zh"`, "description"},
	{"chart key upper case", figA + lines("[chart.Chart1]", `type = "bar"`, `figures = ["a"]`, `title = { zh = "图", en = "Chart" }`), 5, 1, `chart name "Chart1" is not allowed`, "lowercase"},
	{"unknown setting in a chart", figA + lines("[chart.c]", `type = "bar"`, `figures = ["a"]`, `title = { zh = "图", en = "Chart" }`, `colour = "red"`), 9, 1, `unknown setting "colour" in [chart.c]`, "type, total, figure, figures, title, description"},
	{"figure written inline", lines(`figure.a = { value = 1, unit = "yaun", label = { zh = "甲", en = "A" } }`), 1, 25, `unknown unit "yaun"`, "yuan"},
	{"text that looks like a key", lines("[figure.a]", `label = { zh = """`, `unit = "fake"`, `""", en = "A" }`, "value = 1", `unit = "yaun"`), 6, 1, `unknown unit "yaun"`, "yuan"},
	{"Windows line endings", "[figure.a]\r\nvalue = 1\r\nunit = \"yaun\"\r\n", 3, 1, `unknown unit "yaun"`, "yuan"},
	{"multi-line inline table", lines("[figure.a]", "value = 1", `unit = "people"`, "label = {", `  zh = "甲",`, "}"), 4, 1, `the label is missing in "en"`, "label"},
}

// TestNegativeValuesWhereTheUnitAllows: money and percentages can fall
// below zero; the unit says so.
func TestNegativeValuesWhereTheUnitAllows(t *testing.T) {
	for _, unit := range []string{"yuan", "percent", "number"} {
		src := lines("[figure.a]", "value = -3.5", `unit = "`+unit+`"`, `label = { zh = "甲", en = "A" }`)
		if _, err := Parse(testFile, []byte(src), siteLangs); err != nil {
			t.Errorf("unit %s: %v", unit, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range parseErrorCases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(testFile, []byte(c.src), siteLangs)
			list := diagnostics(t, err)
			for _, d := range list {
				if d.Line == c.line && (c.col == 0 || d.Col == c.col) && strings.Contains(d.Msg, c.msg) && strings.Contains(d.Hint, c.hint) {
					return
				}
			}
			t.Errorf("want %s:%d:%d %q (hint %q); got:\n%v", testFile, c.line, c.col, c.msg, c.hint, list)
		})
	}
}

// diagnostics checks err is a diag.List of diagnostics that each name the
// file, say what is wrong and how to fix it.
func diagnostics(t *testing.T, err error) diag.List {
	t.Helper()
	var list diag.List
	if !errors.As(err, &list) || len(list) == 0 {
		t.Fatalf("want a diag.List, got %T %v", err, err)
	}
	for _, d := range list {
		if d.File != testFile || d.Msg == "" || d.Hint == "" || d.Line < 0 || d.Severity != diag.Error {
			t.Errorf("incomplete diagnostic %+v", d)
		}
	}
	return list
}

func TestParseReportsEveryMistake(t *testing.T) {
	src := lines(
		"[figure.a]",           // 1
		"value = 1",            // 2
		`unit = "yaun"`,        // 3
		"[figure.b]",           // 4
		`value = "2"`,          // 5
		`unit = "people"`,      // 6
		`label = { zh = "乙" }`, // 7
	)
	_, err := Parse(testFile, []byte(src), siteLangs)
	list := diagnostics(t, err)
	var got []int
	for _, d := range list {
		got = append(got, d.Line)
	}
	if want := []int{1, 3, 5, 7}; !slices.Equal(got, want) {
		t.Errorf("lines = %v, want %v (sorted, one per mistake):\n%v", got, want, list)
	}
}

func TestParseKeepsGoodFiguresBesideBadOnes(t *testing.T) {
	src := figA + lines("[figure.b]", "value = 1", `unit = "people"`, `label = { zh = "乙" }`, "[figure.c]", `unit = "bad"`)
	set, err := Parse(testFile, []byte(src), siteLangs)
	if err == nil {
		t.Fatal("no error")
	}
	if _, ok := set.Figure("a"); !ok {
		t.Error("good figure a is missing")
	}
	if _, ok := set.Figure("b"); !ok {
		t.Error("figure b, which can still be formatted, is missing")
	}
	if _, ok := set.Figure("c"); ok {
		t.Error("figure c has neither value nor unit and should be left out")
	}
}

func TestParseDoesNotBlameRulesForBrokenFigures(t *testing.T) {
	src := figA + lines("[figure.b]", `value = "1622"`, `unit = "organizations"`, `label = { zh = "乙", en = "B" }`, "[[rule]]", `total = "a"`, `parts = ["b"]`)
	_, err := Parse(testFile, []byte(src), siteLangs)
	list := diagnostics(t, err)
	if len(list) != 1 || list[0].Line != 6 {
		t.Errorf("want only the bad value on line 6, got:\n%v", list)
	}
}

func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile("testdata/figures-2019.toml")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Parse(testFile, src, siteLangs); err != nil {
			b.Fatal(err)
		}
	}
}
