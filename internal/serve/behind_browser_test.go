package serve

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/sitetest"
)

// TestWarningsPanelInBrowser: in a real Chromium, a Chinese edit brings
// up, at the bottom of the open English page, the panel naming the English
// section that fell behind, as text; undoing the edit takes it away.
func TestWarningsPanelInBrowser(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{})
	ctx := browserTab(t)
	poll := func(what, expr string) {
		t.Helper()
		pollTab(t, ctx, what, expr)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(strings.TrimSuffix(ts.URL(), "/")+enPage)); err != nil {
		t.Fatal(err)
	}
	poll("connected", `document.readyState === "complete"`)
	time.Sleep(200 * time.Millisecond) // the event stream opens after load
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.getElementById("almanac-warnings")`)); ok {
		t.Fatal("a warnings panel on the real site, which is up to date")
	}

	original := ts.read(t, zhSection)
	ts.replace(t, zhSection, "建有各级社会组织孵化基地", "全市建有各级社会组织孵化基地")
	poll("warnings panel", `!!document.getElementById("almanac-warnings")`)
	text := panelText(t, ctx)
	for _, want := range []string{enSection, "Fostering and Guiding Social Organizations", zhSection, "almanac translated"} {
		if !strings.Contains(text, want) {
			t.Errorf("the panel lacks %q: %q", want, text)
		}
	}
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.getElementById("almanac-build-error")`)); !ok {
		t.Error("a warning shows as a build error")
	}
	ts.write(t, zhSection, original)
	poll("panel gone", `!document.getElementById("almanac-warnings")`)
}

// TestRefusalInWarningsPanel: in a real Chromium, a broken link put into
// the section open in the tab shows, in the panel, as what almanac build
// refuses; taking it out takes the panel away.
func TestRefusalInWarningsPanel(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{})
	ctx := browserTab(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(strings.TrimSuffix(ts.URL(), "/")+"/zh/2019/three-social-linkage/")); err != nil {
		t.Fatal(err)
	}
	pollTab(t, ctx, "connected", `document.readyState === "complete"`)
	time.Sleep(200 * time.Millisecond) // the event stream opens after load
	original := ts.read(t, zhSection)
	ts.replace(t, zhSection, "建有各级社会组织孵化基地", "建有各级[社会组织孵化基地](../no-such-section/)")
	pollTab(t, ctx, "refusal", `(document.getElementById("almanac-warnings") || {}).textContent.includes("almanac build refuses this:")`)
	if text := panelText(t, ctx); !strings.Contains(text, zhSection+":18:") || !strings.Contains(text, "../no-such-section/") {
		t.Errorf("the panel does not name the broken link: %q", text)
	}
	ts.write(t, zhSection, original)
	pollTab(t, ctx, "panel gone", `!document.getElementById("almanac-warnings")`)
}

// panelText is the warnings panel's text.
func panelText(t *testing.T, ctx context.Context) string {
	t.Helper()
	res, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](`document.getElementById("almanac-warnings").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	var text string
	json.Unmarshal(res, &text)
	return text
}
