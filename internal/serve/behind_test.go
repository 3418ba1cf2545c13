package serve

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/sitetest"
	"github.com/xmca/almanac/internal/translation"
)

// TestOverlayListsTranslationsBehind edits a Chinese section under the
// running server: the next build-ok event lists the English section that
// fell behind, and the translator's catching up clears it.
func TestOverlayListsTranslationsBehind(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{})
	events := ts.events(t, ts.token())
	first := waitEvent(t, events, "build-ok", nil)
	if got := warningsOf(t, first); len(got) != 0 {
		t.Fatalf("the real site starts with warnings: %v", got)
	}

	ts.replace(t, zhSection, "建有各级社会组织孵化基地", "全市建有各级社会组织孵化基地")
	e := waitEvent(t, events, "build-ok", func(e sseEvent) bool { return len(warningsOf(t, e)) > 0 })
	got := warningsOf(t, e)
	if len(got) != 1 || got[0].File != enSection || !strings.Contains(got[0].Msg, "Fostering and Guiding Social Organizations") ||
		!strings.Contains(got[0].Msg, zhSection) || !strings.Contains(got[0].Hint, "almanac translated "+enSection) {
		t.Fatalf("warnings %+v; want one naming the English section, its source and the command", got)
	}
	if got[0].Line == 0 {
		t.Error("the warning has no line")
	}

	fsys := os.DirFS(ts.dir)
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := translation.RecordFile(fsys, cfg, enSection)
	if err != nil {
		t.Fatal(err)
	}
	ts.write(t, enSection, string(rec.Text))
	waitEvent(t, events, "build-ok", func(e sseEvent) bool { return len(warningsOf(t, e)) == 0 })
}

func warningsOf(t *testing.T, e sseEvent) []problem {
	t.Helper()
	var data struct {
		Warnings []problem `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(e.data), &data); err != nil {
		t.Fatalf("build-ok %q: %v", e.data, err)
	}
	return data.Warnings
}

// TestOverlayListsWhatBuildRefuses: a broken link still previews, but
// almanac build refuses the site for it; the overlay and the terminal say
// so at once, and fixing the link clears it.
func TestOverlayListsWhatBuildRefuses(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{})
	events := ts.events(t, ts.token())
	waitEvent(t, events, "build-ok", nil)

	ts.replace(t, zhSection, "建有各级社会组织孵化基地", "建有各级[社会组织孵化基地](../no-such-section/)")
	ts.waitRebuild(t, zhSection)
	if code, _ := ts.get(t, "/zh/2019/three-social-linkage/"); code != 200 {
		t.Fatalf("the page with a broken link is not served: %d", code)
	}
	refused := func(e sseEvent) bool { w := warningsOf(t, e); return len(w) > 0 && w[0].Refused }
	got := warningsOf(t, waitEvent(t, events, "build-ok", refused))
	if !got[0].Refused || got[0].File != zhSection || got[0].Line != 18 || !strings.Contains(got[0].Msg, "no-such-section") {
		t.Fatalf("warnings %+v; want first the broken link at %s:18, marked refused", got, zhSection)
	}
	if log := ts.log.String(); !strings.Contains(log, "almanac build would refuse the site (") || !strings.Contains(log, zhSection+":18") {
		t.Errorf("the terminal does not say what build refuses:\n%s", log)
	}

	ts.replace(t, zhSection, "[社会组织孵化基地](../no-such-section/)", "社会组织孵化基地")
	waitEvent(t, events, "build-ok", func(e sseEvent) bool { return !refused(e) })
}
