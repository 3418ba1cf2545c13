package build

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/messages"
)

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// rateSite is the archive site with rates in 2001 and 2002: per-mille
// rates of the shipped permille unit, and one of a unit the site declares
// (per 10,000) with its own words for a point.
func rateSite(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := archiveSite(t)
	replace(fsys, "site.toml", "\n[build]", `
[units.per-10000]
negative = true
zh = "{0}‱"
en = "{0} per 10,000"
points = { zh = "{0}个万分点", en = { one = "{0} point per 10,000", other = "{0} points per 10,000" } }

[build]`)
	rates := []struct{ key, unit, from, to string }{
		{"natural-growth", "permille", "-1.5", "-2.1"},
		{"birth-rate", "permille", "6.2", "7.4"},
		{"death-rate", "permille", "5", "5.02"},
		{"marriage-rate", "permille", "6.2", "7.2"},
		{"migration-rate", "permille", "-1.5", "0.5"},
		{"incidence", "per-10000", "3.5", "4.5"},
		{"recovery", "per-10000", "12", "9.5"},
	}
	for i, year := range []string{"2001", "2002"} {
		var figs strings.Builder
		for _, r := range rates {
			figs.WriteString("\n[figure." + r.key + "]\nvalue = " + []string{r.from, r.to}[i] +
				"\nunit = \"" + r.unit + "\"\nlabel = { zh = \"" + r.key + "\", en = \"" + r.key + "\" }\n")
		}
		name := "content/" + year + "/figures.toml"
		fsys[name] = &fstest.MapFile{Data: []byte(string(fsys[name].Data) + figs.String())}
	}
	for _, lang := range []string{"zh", "en"} {
		var text strings.Builder
		for _, r := range rates {
			text.WriteString(r.key + ": {{change " + r.key + "}}.\n")
		}
		name := "content/2002/01-overview." + lang + ".md"
		fsys[name] = &fstest.MapFile{Data: []byte(string(fsys[name].Data) + "\n" + text.String())}
	}
	return fsys
}

// TestRatesCompareInPoints: a rate per mille, or per any unit a site
// declares with words for a point, changes by the difference in points in
// every edition (降低0.6个千分点, not 下降40%), across zero too; the
// shipped percentages keep their words.
func TestRatesCompareInPoints(t *testing.T) {
	res := buildOK(t, rateSite(t))
	for file, want := range map[string][]string{
		"zh/2002/overview/index.html": {
			"natural-growth: 降低0.6个千分点.", "birth-rate: 提高1.2个千分点.", "death-rate: 持平.",
			"marriage-rate: 提高1个千分点.", "migration-rate: 提高2个千分点.",
			"incidence: 提高1个万分点.", "recovery: 降低2.5个万分点.", "覆盖率75%，提高16个百分点",
		},
		"en/2002/overview/index.html": {
			"natural-growth: down 0.6 per thousand.", "birth-rate: up 1.2 per thousand.", "death-rate: unchanged.",
			"marriage-rate: up 1 per thousand.", "migration-rate: up 2 per thousand.",
			"incidence: up 1 point per 10,000.", "recovery: down 2.5 points per 10,000.", "Coverage 75%, up 16 percentage points",
		},
		"zh-hant/2002/overview/index.html": {
			"natural-growth: 降低0.6個千分點.", "birth-rate: 提高1.2個千分點.", "death-rate: 持平.",
			"marriage-rate: 提高1個千分點.", "migration-rate: 提高2個千分點.",
			"incidence: 提高1個萬分點.", "recovery: 降低2.5個萬分點.", "覆蓋率75%，提高16個百分點",
		},
	} {
		got := prose(t, res, file)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: want %q in\n%s", file, w, got)
			}
		}
	}
}

// TestRateSettingMistakes: words for a point on a unit that counts
// things, or missing for a language of the site, are named at their line
// in site.toml, in English and Chinese, and nothing is built.
func TestRateSettingMistakes(t *testing.T) {
	for _, tt := range []struct {
		name, old, new, want, hint, zh string
	}{
		{"on a count", "negative = true\nzh = \"{0}‱\"", "zh = \"{0}‱\"", "[units.per-10000] compares in points (points), but it counts things", "add negative = true to [units.per-10000]", "[units.per-10000] 是比率（points），变化按“个百分点”“个千分点”这样的说法比较，但它是计数单位"},
		{"a language missing", `, en = { one = "{0} point per 10,000", other = "{0} points per 10,000" } }`, " }", `the words for a point of [units.per-10000] are missing in "en"`, `add en = "{0} …" to points in [units.per-10000]`, `[units.per-10000] 的 points 缺少 "en" 中变化的说法`},
		{"not a table", `points = { zh = "{0}个万分点", en = { one = "{0} point per 10,000", other = "{0} points per 10,000" } }`, `points = "{0}个万分点"`, "points in [units.per-10000] must give the words for a point in each language, not text", `points = { zh = "{0}个万分点", en = "{0} points per 10,000" }`, "[units.per-10000] 中的 points 要为每种语言写出比率变化的说法，而不是 文字"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := rateSite(t)
			replace(fsys, "site.toml", tt.old, tt.new)
			src := string(fsys["site.toml"].Data)
			line := strings.Count(src[:strings.Index(src, "\npoints = ")], "\n") + 2
			res, err := Run(fsys, Options{})
			var list diag.List
			if !errors.As(err, &list) || res != nil {
				t.Fatalf("want diagnostics and no output, got %v", err)
			}
			i := slices.IndexFunc(list, func(d *diag.Diagnostic) bool { return d.File == "site.toml" })
			if i < 0 {
				t.Fatalf("no diagnostic for site.toml in\n%v", err)
			}
			d := list[i]
			if d.Line != line || !strings.Contains(d.Msg, tt.want) || !strings.Contains(d.Hint, tt.hint) {
				t.Errorf("got %s:%d %s (hint %q)\nwant line %d, %q, hint containing %q", d.File, d.Line, d.Msg, d.Hint, line, tt.want, tt.hint)
			}
			if zh := d.Localize(messages.For(messages.Simplified)); !strings.Contains(zh.Msg, tt.zh) || !strings.ContainsFunc(zh.Hint, isHan) {
				t.Errorf("in Chinese: %s (hint %q), want %q", zh.Msg, zh.Hint, tt.zh)
			}
		})
	}
}
