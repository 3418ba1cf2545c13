package check

import (
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/sitetest"
)

const (
	realZh = "content/2019/02-highlights.zh.md"
	realEn = "content/2019/02-highlights.en.md"
)

// TestTranslationBehind edits the real site's Chinese text the way an
// editor does and checks which English sections check names.
func TestTranslationBehind(t *testing.T) {
	t.Run("a sentence in one section", func(t *testing.T) {
		f := sitetest.MapFS(t)
		replaceIn(t, f, realZh, "设立市、区未成年人救助保护中心。", "设立市、区两级未成年人救助保护中心。")
		list := runCheck(t, f)
		if len(list) != 1 {
			t.Fatalf("want one warning, got:\n%v", list)
		}
		d := list[0]
		en := string(f[realEn].Data)
		wantLine := 1 + strings.Count(en[:strings.Index(en, "## Child Welfare")], "\n")
		if d.Severity != diag.Warning || d.File != realEn || d.Line != wantLine ||
			!strings.Contains(d.Msg, `"Child Welfare"`) || !strings.Contains(d.Msg, `"儿童福利"`) || !strings.Contains(d.Msg, realZh) ||
			!strings.Contains(d.Hint, "almanac translated "+realEn) {
			t.Errorf("got %v; want a warning at %s:%d naming Child Welfare, 儿童福利 and %s", d, realEn, wantLine, realZh)
		}
	})
	t.Run("the title and a new section", func(t *testing.T) {
		f := sitetest.MapFS(t)
		replaceIn(t, f, realZh, `title = "2019年厦门市民政亮点"`, `title = "2019年厦门市民政工作亮点"`)
		appendTo(f, realZh, "\n## 慈善事业 {#charity}\n\n慈善工作。\n")
		list := runCheck(t, f)
		var msgs []string
		for _, d := range list {
			if d.File == realEn {
				msgs = append(msgs, d.Msg)
			}
		}
		joined := strings.Join(msgs, "\n")
		if !strings.Contains(joined, "title or summary") || !strings.Contains(joined, `section "慈善事业"`) {
			t.Errorf("got:\n%v\nwant the title and the new section 慈善事业 named", list)
		}
	})
	t.Run("a figure's value and re-wrapped lines are not changes", func(t *testing.T) {
		f := sitetest.MapFS(t)
		replaceIn(t, f, "content/2019/figures.toml", "value = 5964", "value = 5965")
		replaceIn(t, f, "content/2019/figures.toml", "value = 1622", "value = 1623")
		replaceIn(t, f, realZh, "设立市、区未成年人救助保护中心。建立", "设立市、区未成年人救助保护中心。\n建立")
		for _, d := range runCheck(t, f) {
			if strings.Contains(d.Msg, "translation") {
				t.Errorf("unexpected: %v", d)
			}
		}
	})
	t.Run("no record, no comparison", func(t *testing.T) {
		f := sitetest.MapFS(t)
		var kept []string
		for _, l := range strings.SplitAfter(string(f[realEn].Data), "\n") {
			if !strings.HasPrefix(l, "translated.") {
				kept = append(kept, l)
			}
		}
		f[realEn].Data = []byte(strings.Join(kept, ""))
		replaceIn(t, f, realZh, "设立市、区未成年人救助保护中心。", "设立市、区两级未成年人救助保护中心。")
		if list := runCheck(t, f); len(list) != 0 {
			t.Errorf("a translation without a record is compared:\n%v", list)
		}
	})
}
