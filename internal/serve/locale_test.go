package serve

import (
	"os"
	"testing"
	"time"

	"github.com/xmca/almanac/internal/messages"
)

// TestMain runs the dev server's tests in English whatever this
// computer's locale: they read its messages.
func TestMain(m *testing.M) {
	os.Setenv("LC_ALL", "C")
	os.Exit(m.Run())
}

// TestRebuildLineInChinese: the terminal's line after a save is said in
// the editor's language, every part of it, under zh_CN as in English.
func TestRebuildLineInChinese(t *testing.T) {
	o := &outcome{paths: []string{"content/2018", "content/2018/_index.zh.md", "content/2018/figures.toml"}, fixed: true, full: true,
		change: &change{written: 44, removed: 1, other: 70}}
	for _, tt := range []struct {
		lang messages.Lang
		want string
	}{
		{messages.English, "05:39:57 content/2018 and 2 more: fixed, 44 pages written, 1 removed, 70 other files (full rebuild) in 50ms"},
		{messages.Simplified, "05:39:57 content/2018 等（另有 2 个）：已修正，写入 44 个页面，删除 1 个，其他 70 个文件（全部重新生成），用时 50ms"},
	} {
		if got := rebuildLine(messages.For(tt.lang), o, "05:39:57", 50*time.Millisecond); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.lang, got, tt.want)
		}
	}
}
