package figures

import (
	"os"
	"strings"
	"testing"
)

func TestCheckRulesHolds(t *testing.T) {
	set := parseReport(t)
	if errs := set.CheckRules(); len(errs) != 0 {
		t.Errorf("1622 + 1735 + 35 + 2572 = 5964 should hold:\n%v", errs)
	}
}

func TestCheckRulesBroken(t *testing.T) {
	src, err := os.ReadFile("testdata/figures-2019.toml")
	if err != nil {
		t.Fatal(err)
	}
	// A typing mistake the rule exists to catch: 2571 for 2572.
	src = []byte(strings.Replace(string(src), "value = 2572", "value = 2571", 1))
	set, err := Parse(testFile, src, siteLangs)
	if err != nil {
		t.Fatal(err)
	}
	errs := set.CheckRules()
	if len(errs) != 1 {
		t.Fatalf("want one broken rule, got %v", errs)
	}
	d := errs[0]
	const want = `rule "social organizations by type add up to the total" does not hold: ` +
		`social-organizations is 5964 but social-associations + private-non-enterprise-units + foundations + community-social-organizations = ` +
		`1622 + 1735 + 35 + 2571 = 5963`
	if d.File != testFile || d.Line != 96 || d.Msg != want {
		t.Errorf("got %s:%d %q\nwant %s:96 %q", d.File, d.Line, d.Msg, testFile, want)
	}
	if !strings.Contains(d.Hint, "source report") {
		t.Errorf("hint = %q", d.Hint)
	}
}

func TestCheckRulesDecimalsAndUnnamedRules(t *testing.T) {
	for _, c := range []struct {
		total, a, b string
		msg         string // "" when the rule holds
	}{
		{"0.3", "0.1", "0.2", ""}, // wrong in float64, right in decimals
		{"1657.5", "1622", "35.5", ""},
		{"100", "60", "40.000", ""},
		{"0.3", "0.1", "0.21", `rule "t = a + b" does not hold: t is 0.3 but a + b = 0.1 + 0.21 = 0.31`},
		{"-5", "-2", "-2", `t is -5 but a + b = -2 + -2 = -4`},
	} {
		src := lines(
			"[figure.t]", "value = "+c.total, `unit = "percent"`,
			"[figure.a]", "value = "+c.a, `unit = "percent"`,
			"[figure.b]", "value = "+c.b, `unit = "percent"`,
			"[[rule]]", `total = "t"`, `parts = ["a", "b"]`,
		)
		set, err := Parse(testFile, []byte(src), nil)
		if err != nil {
			t.Fatal(err)
		}
		errs := set.CheckRules()
		switch {
		case c.msg == "" && len(errs) != 0:
			t.Errorf("%s = %s + %s should hold: %v", c.total, c.a, c.b, errs)
		case c.msg != "" && (len(errs) != 1 || !strings.Contains(errs[0].Msg, c.msg) || errs[0].Line != 10):
			t.Errorf("%s = %s + %s: want line 10 %q, got %v", c.total, c.a, c.b, c.msg, errs)
		}
	}
}
