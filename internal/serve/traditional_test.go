package serve

import (
	"slices"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/sitetest"
)

// Editors write Chinese once: saving a .zh.md file changes the zh page and
// its zh-hant conversion, and the browsers showing either reload.
func TestSimplifiedEditReachesBothChineseEditions(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{})
	events := ts.events(t, ts.token())
	waitEvent(t, events, "build-ok", nil)
	const hantPage = "/zh-hant/2019/three-social-linkage/"
	if _, body := ts.get(t, hantPage); !strings.Contains(body, "打造社區治理的廈門樣板") {
		t.Fatalf("%s is not the converted section", hantPage)
	}

	ts.replace(t, zhSection, "打造社区治理的厦门样板", "打造社区治理的厦门样板（头发测试）")
	c := waitEvent(t, events, "change", nil).change(t)
	for _, p := range []string{zhPage, "/zh/2019/print/", hantPage, "/zh-hant/2019/print/"} {
		if !slices.Contains(c.Pages, p) {
			t.Errorf("change lists %v; want %s", c.Pages, p)
		}
	}
	if _, body := ts.get(t, zhPage); !strings.Contains(body, "厦门样板（头发测试）") {
		t.Error("the zh page does not show the edit")
	}
	if _, body := ts.get(t, hantPage); !strings.Contains(body, "廈門樣板（頭髮測試）") {
		t.Error("the zh-hant page does not show the edit, converted")
	}

	// A correction in site.toml reaches the converted pages too.
	ts.replace(t, "site.toml", `"台账" = "臺帳"`, `"台账" = "台帳"`)
	waitEvent(t, events, "change", func(e sseEvent) bool { return slices.Contains(e.change(t).Pages, hantPage) })
	if _, body := ts.get(t, hantPage); !strings.Contains(body, "台帳蓋章") {
		t.Error("the zh-hant page does not follow the new correction")
	}
	want, err := fullBuild(ts.dir, ts.URL(), true)
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, ts.files(), want)
}
