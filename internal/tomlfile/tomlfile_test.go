package tomlfile

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/xmca/almanac/internal/diag"
)

func TestKeyLine(t *testing.T) {
	src := []byte("title = \"x\"\n" + // 1
		"# base_url = \"y\"\n" + // 2
		"[languages.zh]\n" + // 3
		"name = \"中文\"\n" + // 4
		"  \"locale\" = 'zh' \r\n" + // 5
		"[languages.en]\n" + // 6
		"menu.main = 1\n" + // 7
		"[[deploy]]\n" + // 8
		"bucket = \"a\"\n" + // 9
		"[[deploy]]\n" + // 10
		"bucket = \"b\"\n" + // 11
		"theme = { dark = true }\n" + // 12
		"[figure.beds] # as of 2019\n" + // 13
		"value = 3\n") // 14
	ix := IndexKeys(src)
	for _, c := range []struct {
		key  toml.Key
		want int
	}{
		{toml.Key{"title"}, 1},
		{toml.Key{"base_url"}, 1},  // only in a comment: not found
		{toml.Key{"languages"}, 3}, // implied by its first table
		{toml.Key{"languages", "zh"}, 3},
		{toml.Key{"languages", "zh", "name"}, 4},
		{toml.Key{"languages", "zh", "locale"}, 5},
		{toml.Key{"languages", "zh", "title"}, 3}, // missing: its table
		{toml.Key{"languages", "en", "menu", "main"}, 7},
		{toml.Key{"languages", "en", "menu"}, 7},  // implied by menu.main
		{toml.Key{"deploy", "bucket"}, 9},         // the first of the arrays of tables
		{toml.Key{"deploy", "theme", "dark"}, 12}, // inline tables: the parent key's line
		{toml.Key{"figure", "beds", "value"}, 14}, // a header with a comment after it
		{toml.Key{"figure", "beds", "unit"}, 13},
		{toml.Key{}, 1},
	} {
		if got := ix.Line(c.key); got != c.want {
			t.Errorf("Line(%q) = %d, want %d", c.key, got, c.want)
		}
	}
}

// TestDecodeReportsEveryTypeErrorInOrder: toml.Decode stops at one wrong
// value, a different one from run to run; Decode names them all, in the
// order they are written.
func TestDecodeReportsEveryTypeErrorInOrder(t *testing.T) {
	type language struct {
		Name   string `toml:"name"`
		Weight int    `toml:"weight"`
	}
	type settings struct {
		Title     string              `toml:"title"`
		Weight    int                 `toml:"weight"`
		Languages map[string]language `toml:"languages"`
		Build     struct {
			Drafts bool `toml:"drafts"`
		} `toml:"build"`
	}
	src := []byte("title = 5\n" + // 1
		"weight = \"x\"\n" + // 2
		"[languages.zh]\n" + // 3
		"name = 1\n" + // 4
		"weight = 'a'\n" + // 5
		"[languages.en]\n" + // 6
		"name = \"English\"\n" + // 7
		"[build]\n" + // 8
		"drafts = 2019-12-31\n") // 9
	want := "site.toml:1: title has the wrong kind of value: it is a whole number but must be text\n" +
		"site.toml:2: weight has the wrong kind of value: it is text but must be a whole number\n" +
		"site.toml:4: languages.zh.name has the wrong kind of value: it is a whole number but must be text\n" +
		"site.toml:5: languages.zh.weight has the wrong kind of value: it is text but must be a whole number\n" +
		"site.toml:9: build.drafts has the wrong kind of value: it is a date but must be true or false"
	for range 20 { // map order differs from run to run
		var v settings
		list, ok := Decode("site.toml", src, 1, &v).(diag.List)
		if !ok {
			t.Fatalf("got %v, want a list of every wrong value", Decode("site.toml", src, 1, &v))
		}
		var got []string
		for _, d := range list {
			got = append(got, fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Msg))
		}
		if s := strings.Join(got, "\n"); s != want {
			t.Fatalf("got\n%s\nwant\n%s", s, want)
		}
	}
}

func TestKeysFind(t *testing.T) {
	src := "\uFEFF# comment [figure.fake]\n" + // 1
		"[figure.a]   # [figure.fake2]\n" + // 2
		"label = { zh = \"x = 1\", en = 'y' }\n" + // 3
		"note = \"\"\"\n" + // 4
		"[figure.fake3]\n" + // 5
		"unit = \"x\"\"\"\"\"\n" + // 6: two quotes end the text before the closing three
		"unit = 'z'\n" + // 7
		"[[rule]]\n" + // 8
		"total = \"a\"\n" + // 9
		" [[ rule ]] \n" + // 10
		"total = \"b\"\n" + // 11
		"[chart . \"c d\"]\n" + // 12
		"figures = [\n  \"a\", # ]\n  \"b\",\n]\n" + // 13-16
		"title.zh = '''\n[x]\n'''\n" + // 17-19
		"list = [{ k = 1 }, { k = 2 }]\n" // 20
	keys := IndexKeys([]byte(src))
	for _, c := range []struct {
		path []string
		from Position
		want Position
	}{
		{[]string{"figure", "a"}, Position{}, Position{2, 1}},
		{[]string{"figure", "a", "label", "en"}, Position{}, Position{3, 25}},
		{[]string{"figure", "a", "unit"}, Position{}, Position{7, 1}},
		{[]string{"figure", "a", "missing"}, Position{}, Position{2, 1}},
		{[]string{"rule", "total"}, Position{}, Position{9, 1}},
		{[]string{"rule", "total"}, Position{10, 2}, Position{11, 1}},
		{[]string{"chart", "c d", "figures"}, Position{}, Position{13, 1}},
		{[]string{"chart", "c d", "title", "zh"}, Position{}, Position{17, 1}},
		{[]string{"x"}, Position{}, Position{}},
		{[]string{"chart", "c d", "list", "k"}, Position{}, Position{20, 11}},
		// Inside a comment or text: not keys, so their tables are found.
		{[]string{"figure", "fake"}, Position{}, Position{2, 1}},
		{[]string{"figure", "fake2"}, Position{}, Position{2, 1}},
		{[]string{"figure", "fake3"}, Position{}, Position{2, 1}},
	} {
		if got := keys.Find(c.from, c.path...); got != c.want {
			t.Errorf("Find(%v, %q) = %v, want %v", c.from, c.path, got, c.want)
		}
	}
	if got := keys.Table(1, "rule"); got != (Position{10, 2}) {
		t.Errorf("second [[rule]] at %v", got)
	}
	if got := keys.Table(1, "chart", "c d", "list"); got != (Position{20, 20}) {
		t.Errorf("second inline table of list at %v", got)
	}
}

// TestFullWidthMarks: a mark typed with the Chinese input method where
// TOML needs the ASCII one (title：…, title ＝ …, “…”) is named in the hint
// with the mark to type instead.
func TestFullWidthMarks(t *testing.T) {
	for _, tt := range []struct{ src, typed, want string }{
		{"title：\"甲\"\n", "：", "="},
		{"title ＝ \"甲\"\n", "＝", "="},
		{"title = “甲”\n", "“", `"`},
		{"weight = １\n", "１", "1"},
		{"weight = ６３５０\n", "６３５０", "6350"},
		{"title ＝ “甲”\n", "＝", "="},
	} {
		var v struct {
			Title  string `toml:"title"`
			Weight int    `toml:"weight"`
		}
		err := Decode("content/2022/01-a.zh.md", []byte(tt.src), 2, &v)
		var d *diag.Diagnostic
		if !errors.As(err, &d) {
			t.Fatalf("%q: want a diagnostic, got %v", tt.src, err)
		}
		want := fmt.Sprintf("'%s' is typed with the Chinese input method (full-width): write '%s' in its place", tt.typed, tt.want)
		if d.Line != 2 || !strings.Contains(d.Hint, want) {
			t.Errorf("%q: line %d, hint %q; want line 2 and %q", tt.src, d.Line, d.Hint, want)
		}
	}
}
