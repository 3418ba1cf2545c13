package tomlfile

import (
	"testing"

	"github.com/BurntSushi/toml"
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
		{toml.Key{"base_url"}, 1}, // only in a comment: not found
		{toml.Key{"languages"}, 1},
		{toml.Key{"languages", "zh"}, 3},
		{toml.Key{"languages", "zh", "name"}, 4},
		{toml.Key{"languages", "zh", "locale"}, 5},
		{toml.Key{"languages", "zh", "title"}, 3}, // missing: its table
		{toml.Key{"languages", "en", "menu", "main"}, 7},
		{toml.Key{"languages", "en", "menu"}, 6},
		{toml.Key{"deploy", "bucket"}, 9},         // the first of the arrays of tables
		{toml.Key{"deploy", "theme", "dark"}, 12}, // inline tables: the parent key's line
		{toml.Key{"figure", "beds", "value"}, 14}, // a header with a comment after it
		{toml.Key{"figure", "beds", "unit"}, 13},
		{toml.Key{}, 1},
	} {
		if got := ix.Line(c.key); got != c.want {
			t.Errorf("Line(%q) = %d, want %d", c.key, got, c.want)
		}
		if got := KeyLine(src, c.key); got != c.want {
			t.Errorf("KeyLine(%q) = %d, want %d", c.key, got, c.want)
		}
	}
}
