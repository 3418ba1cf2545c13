package messages

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/sitetest"
)

// TestEveryMessageHasChinese walks the source for every text that reaches
// an editor and fails, listing them, for those the Chinese catalog lacks.
func TestEveryMessageHasChinese(t *testing.T) {
	cat, err := Catalog(Simplified)
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	seen := map[string]bool{}
	for _, c := range collectMessages(t, sitetest.Root(t)) {
		if seen[c.text] || !hasWords(c.text) {
			continue
		}
		seen[c.text] = true
		if _, ok := cat[c.text]; !ok {
			missing = append(missing, fmt.Sprintf("%-28s %q", c.where, c.text))
		}
	}
	if len(seen) < 300 {
		t.Errorf("only %d messages found in the source: the walk misses some", len(seen))
	}
	if len(missing) > 0 {
		t.Errorf("%d messages have no Chinese in internal/messages/zh-Hans.toml (add a line \"English\" = \"中文\" for each, then regenerate the Traditional catalogs as that file's header says):\n%s",
			len(missing), strings.Join(missing, "\n"))
	}
}

func hasWords(format string) bool {
	return regexp.MustCompile(`[A-Za-z]{2}`).MatchString(verbRE.ReplaceAllString(format, ""))
}

// TestCatalogsAgree: the Traditional catalogs are converted from the
// Simplified one and have its keys; every translation formats its
// arguments without a fmt error and keeps their values.
func TestCatalogsAgree(t *testing.T) {
	hans, err := Catalog(Simplified)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []Lang{Traditional, HongKong} {
		hant, err := Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		var diff []string
		for k := range hans {
			if _, ok := hant[k]; !ok {
				diff = append(diff, k)
			}
		}
		sort.Strings(diff)
		if len(diff) > 0 || len(hant) != len(hans) {
			t.Errorf("%s.toml is not converted from the current zh-Hans.toml (%d vs %d entries; missing %q): regenerate it", l, len(hant), len(hans), diff)
		}
	}
	for en, zh := range hans {
		if !verbRE.MatchString(en) {
			continue // a plain text, never formatted
		}
		args := sampleArgs(en)
		got := fmt.Sprintf(noWrap(zh), args...)
		if strings.Contains(got, "%!") {
			t.Errorf("%q → %q formats as %q", en, zh, got)
		}
		for i, a := range args {
			if s, ok := a.(string); ok && !strings.Contains(got, s) && !dropped(zh, i+1) {
				t.Errorf("%q → %q loses argument %d", en, zh, i+1)
			}
		}
	}
}

// sampleArgs gives each verb of format a distinct value.
func sampleArgs(format string) []any {
	var args []any
	for i, v := range verbRE.FindAllString(format, -1) {
		switch v[len(v)-1] {
		case '%':
			continue
		case 'd':
			args = append(args, 1000+i)
		case 'f':
			args = append(args, 1000.5+float64(i))
		case 'w':
			args = append(args, errors.New(fmt.Sprintf("ARG%d", i+1)))
		default:
			args = append(args, fmt.Sprintf("ARG%d", len(args)+1))
		}
	}
	return args
}

func dropped(format string, n int) bool {
	return strings.Contains(format, fmt.Sprintf("%%.0[%d]s", n))
}

// TestCatalogsLoad: every catalog, almanac's and the libraries', in every
// language, reads, and every format in them can be found again in a text
// it made. (The catalogs are embedded: a mistake in one would otherwise
// mean English, silently.)
func TestCatalogsLoad(t *testing.T) {
	for _, l := range []Lang{Simplified, Traditional, HongKong} {
		for _, read := range []func(Lang) (map[string]string, error){Catalog, LibraryCatalog} {
			cat, err := read(l)
			if err != nil || len(cat) == 0 {
				t.Fatalf("%s: %d formats, %v", l, len(cat), err)
			}
			for format := range cat {
				if hasLetters(format) && verbRE.MatchString(strings.ReplaceAll(format, "%%", "")) && !strings.Contains(format, "%[") && compile(format) == nil {
					t.Errorf("%s: %q cannot be read back from a text it made", l, format)
				}
			}
		}
		if tr := For(l); tr.catalog == nil || tr.library == nil {
			t.Errorf("%s speaks English: a catalog did not load", l)
		}
	}
	lib, _ := LibraryCatalog(Simplified)
	shapes := 0
	for format := range lib {
		if verbRE.MatchString(format) {
			shapes++
		}
	}
	if n := len(rankedPatterns()) - len(patterns()); n != shapes || shapes == 0 {
		t.Errorf("%d of the libraries' %d shapes are read", n, shapes)
	}
}

func TestFromEnv(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{"LANG": "zh_CN.UTF-8"}, Simplified},
		{map[string]string{"LANG": "zh_CN.GB18030"}, Simplified},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, Simplified},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, English},
		{map[string]string{"LC_ALL": "zh_TW.UTF-8"}, Traditional},
		{map[string]string{"LANG": "zh_HK.UTF-8"}, HongKong},
		{map[string]string{"LANG": "C.UTF-8"}, English},
		{map[string]string{}, English},
	} {
		if got := FromEnv(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: %s, want %s", c.env, got, c.want)
		}
	}
}

// TestDiagnosticsInChinese: a diagnostic from a format, and a hint built
// with fmt.Sprintf earlier, both come out in Chinese with the file names,
// keys and numbers as they were.
func TestDiagnosticsInChinese(t *testing.T) {
	d := diag.Errorf("content/2019/02-highlights.en.md", 34, 7,
		fmt.Sprintf("cite %s in %s too, or remove it here: both languages should state the same figures", "{{volunteers}}", "content/2019/02-highlights.zh.md"),
		"%s %q is cited here but not in %s", "figure", "volunteers", "content/2019/02-highlights.zh.md")
	zh := d.Localize(For(Simplified))
	if zh.Msg != `数字 "volunteers" 在这里引用了，但 content/2019/02-highlights.zh.md 中没有` {
		t.Errorf("message %q", zh.Msg)
	}
	if zh.Hint != "请在 content/2019/02-highlights.zh.md 中也引用 {{volunteers}}，或在这里删除：两种语言应写同样的数字" {
		t.Errorf("hint %q", zh.Hint)
	}
	if zh.File != d.File || zh.Line != 34 || zh.Col != 7 {
		t.Error("the position changed")
	}
	tw := d.Localize(For(Traditional))
	if !strings.Contains(tw.Msg, "數字") || !strings.Contains(tw.Msg, `"volunteers"`) {
		t.Errorf("Traditional %q", tw.Msg)
	}
	if en := d.Localize(For(English)); en.Msg != d.Msg || en.Hint != d.Hint {
		t.Error("English changed")
	}
	// An error wrapped in another translates both.
	err := fmt.Errorf("cannot open the site folder %s: %w", "/tmp/x", errors.New("the file does not exist"))
	if got := For(Simplified).Text(err.Error()); got != "无法打开网站文件夹 /tmp/x：文件不存在" {
		t.Errorf("wrapped error %q", got)
	}
	// Words written as syntax, and what the editor wrote in quotes, stay.
	hint := "did you mean {{volunteers}}? If not, define [figure.volunteer] in content/2019/figures.toml"
	if got := For(Simplified).Text(hint); got != "是不是想写 {{volunteers}}？如果不是，请在 content/2019/figures.toml 中定义 [figure.volunteer]" {
		t.Errorf("syntax translated: %q", got)
	}
	// A guess put before a rule that starts with a small letter (a file
	// name, a verb of the reference) is two sentences all the same.
	hint = `Did you mean "defaults"? figures.toml has these sections: [defaults], [figure.<key>], [[rule]] and [chart.<key>].`
	if got := For(Simplified).Text(hint); got != `是不是想写 "defaults"？figures.toml 有这些部分：[defaults]、[figure.<键名>]、[[rule]] 和 [chart.<键名>]。` {
		t.Errorf("a guess before a sentence in small letters: %q", got)
	}
	if got := For(Simplified).Text(`unknown figure "chart"`); got != `未定义的数字 "chart"` {
		t.Errorf("a quoted key translated: %q", got)
	}
	if got := FormatOf(`unknown figure "x"`); got != "unknown figure %q" {
		t.Errorf("FormatOf %q", got)
	}
}
