package serve

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/browsertest"
	"github.com/xmca/almanac/internal/sitetest"
)

// TestWarningsPanelInBrowser: in a real Chromium, a Chinese edit brings
// up, at the bottom of the open English page, the panel naming the English
// section that fell behind, as text; undoing the edit takes it away.
func TestWarningsPanelInBrowser(t *testing.T) {
	exe, err := browsertest.FindChromium()
	if errors.Is(err, browsertest.ErrNoChromium) && os.Getenv("CI") != "true" {
		t.Skip("no Chromium installed:", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	ts := start(t, sitetest.Copy(t), Options{})
	ctx, cancel, err := browsertest.NewBrowser(exe, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	ctx, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()
	poll := func(what, expr string) {
		t.Helper()
		deadline := time.Now().Add(waitTimeout)
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: still not so (%v)", what, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
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
	res, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](`document.getElementById("almanac-warnings").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	var text string
	json.Unmarshal(res, &text)
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
