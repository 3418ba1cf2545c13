package figures

import (
	"math"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"5964", "5964"},
		{"007", "7"},
		{"35.50", "35.5"},
		{"-0.5", "-0.5"},
		{"+12", "12"},
		{"-0", "0"},
		{"0.000", "0"},
		{".5", "0.5"},
		{"5.", "5"},
		{"7.6471e6", "7647100"},
		{"1E-3", "0.001"},
		{"355000e-4", "35.5"},
	} {
		d, err := ParseDecimal(c.in)
		if err != nil {
			t.Errorf("ParseDecimal(%q): %v", c.in, err)
			continue
		}
		if got := d.String(); got != c.want {
			t.Errorf("ParseDecimal(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseDecimalErrors(t *testing.T) {
	for _, in := range []string{"", "-", ".", "1.2.3", "5,964", "1e", "1e99999", "abc", "12元", "--1", "NaN", "Inf"} {
		if d, err := ParseDecimal(in); err == nil {
			t.Errorf("ParseDecimal(%q) = %v, want an error", in, d)
		}
	}
}

func TestDecimalIsComparable(t *testing.T) {
	if mustDecimal(t, "35.50") != mustDecimal(t, "35.5") {
		t.Error("35.50 != 35.5")
	}
	if mustDecimal(t, "-0") != (Decimal{}) {
		t.Error("-0 is not the zero Decimal")
	}
	if DecimalFromInt(5964) != mustDecimal(t, "5964") {
		t.Error("DecimalFromInt(5964) differs from parsed 5964")
	}
}

func TestDecimalArithmeticIsExact(t *testing.T) {
	// 0.1 + 0.2 is not 0.3 in float64; a rule on such values must still hold.
	sum := mustDecimal(t, "0.1").Add(mustDecimal(t, "0.2"))
	if sum != mustDecimal(t, "0.3") {
		t.Errorf("0.1 + 0.2 = %v", sum)
	}
	if got := mustDecimal(t, "5964").Sub(mustDecimal(t, "5963.5")); got != mustDecimal(t, "0.5") {
		t.Errorf("5964 - 5963.5 = %v", got)
	}
	if got := mustDecimal(t, "1").Sub(Decimal{}); got != mustDecimal(t, "1") {
		t.Errorf("1 - 0 = %v", got)
	}
	if got := mustDecimal(t, "-1.25").Abs(); got != mustDecimal(t, "1.25") {
		t.Errorf("Abs(-1.25) = %v", got)
	}
	if got := mustDecimal(t, "-1.25").Add(mustDecimal(t, "1.25")); got.Sign() != 0 {
		t.Errorf("-1.25 + 1.25 = %v", got)
	}
	for _, c := range []struct {
		a, b string
		want int
	}{{"1", "2", -1}, {"2", "1", 1}, {"1.50", "1.5", 0}, {"-3", "2", -1}, {"0", "-0.001", 1}} {
		if got := mustDecimal(t, c.a).Cmp(mustDecimal(t, c.b)); got != c.want {
			t.Errorf("Cmp(%s, %s) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestDecimalFromFloat(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{{35.5, "35.5"}, {0.1, "0.1"}, {7.6471, "7.6471"}, {1e6, "1000000"}, {-2.5, "-2.5"}, {math.NaN(), "0"}, {math.Inf(1), "0"}} {
		if got := DecimalFromFloat(c.in).String(); got != c.want {
			t.Errorf("DecimalFromFloat(%v) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := mustDecimal(t, "7.6471").Float64(); got != 7.6471 {
		t.Errorf("Float64() = %v", got)
	}
}
