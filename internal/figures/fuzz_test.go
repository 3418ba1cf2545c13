package figures

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/diag"
)

// allQualifiers is Exact and every other qualifier.
var allQualifiers = append([]Qualifier{Exact}, siteLangs.Qualifiers()...)

func FuzzFormat(f *testing.F) {
	for _, cases := range [][]formatCase{requiredFormats, unitFormats, qualifierFormats, numberFormats} {
		for _, c := range cases {
			v := mustDecimal(f, c.value)
			mantissa, err := strconv.ParseInt(strings.Replace(v.String(), ".", "", 1), 10, 64)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(mantissa, uint8(v.scale), uint8(indexOf(siteLangs.Units(), c.unit)), uint8(indexOf(allQualifiers, c.qualifier)))
		}
	}
	f.Add(int64(-9223372036854775808), uint8(255), uint8(255), uint8(255))
	f.Fuzz(func(t *testing.T, mantissa int64, scale, unit, qualifier uint8) {
		value := DecimalFromInt(mantissa).shift(-int(scale % 20))
		u := siteLangs.Units()[int(unit)%len(siteLangs.Units())]
		q := allQualifiers[int(qualifier)%len(allQualifiers)]
		for _, lang := range []string{"zh", "en"} {
			for _, text := range []string{formatIn(value, u, q, lang), numberIn(value, lang)} {
				got, err := ParseFormatted(text)
				if err != nil || got != value {
					t.Fatalf("%v %s %s in %s is %q, which reads back as %v (%v)", value, u, q, lang, text, got, err)
				}
				if lang == "zh" && strings.Contains(text, ",") {
					t.Fatalf("Chinese %q has a thousands separator", text)
				}
			}
		}
	})
}

func indexOf[T comparable](list []T, v T) int {
	for i, item := range list {
		if item == v {
			return i
		}
	}
	return 0
}

func FuzzParse(f *testing.F) {
	if src, err := os.ReadFile("testdata/figures-2019.toml"); err == nil {
		f.Add(src)
	}
	for _, c := range parseErrorCases {
		f.Add([]byte(c.src))
	}
	f.Add([]byte("rule = [{ total = \"a\", parts = [\"a\"] }]\n[figure.a]\nvalue = 1e300\nunit = \"yuan\"\n"))
	f.Add([]byte("[figure.a]\nvalue = 5e-324\nunit = \"percent\"\nqualifier = \"over\"\n"))
	f.Add([]byte("a = [[[[[[{ b = '''\n'''}]]]]]]\n\"\\u00e9\" = 1\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		set, err := Parse(testFile, src, siteLangs)
		if err != nil {
			var list diag.List
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error is %T, not a diag.List: %v", err, err)
			}
			checkDiagnostics(t, list)
		}
		if set == nil {
			t.Fatal("Parse returned no Set")
		}
		checkDiagnostics(t, set.CheckRules())
		for _, fig := range set.Figures() {
			for _, lang := range siteLangs.Langs() {
				if got, err := ParseFormatted(fig.Format(lang)); err != nil || got != fig.Value {
					t.Fatalf("figure %s (%v) formats as %q, which reads back as %v", fig.Key, fig.Value, fig.Format(lang), got)
				}
			}
		}
		if _, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(set.CSV(), []byte("\uFEFF")))).ReadAll(); err != nil {
			t.Fatalf("CSV does not read back: %v", err)
		}
		if !json.Valid(set.JSON()) {
			t.Fatalf("JSON is not valid:\n%s", set.JSON())
		}
	})
}

func checkDiagnostics(t *testing.T, list diag.List) {
	t.Helper()
	for _, d := range list {
		if d.File != testFile || d.Msg == "" || d.Hint == "" || d.Line < 0 || d.Col < 0 {
			t.Fatalf("incomplete diagnostic %+v", d)
		}
	}
}
