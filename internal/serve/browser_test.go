package serve

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/browsertest"
	"github.com/xmca/almanac/internal/sitetest"
)

// TestReloadScriptInBrowser runs reload.js in a real Chromium (skipped
// without one, except under CI=true): a page shows its own change in
// place (its <main> swapped, no reload) and keeps its scroll position,
// ignores other pages' changes, swaps its stylesheet without reloading, and shows a build error over the page,
// as text, until it is fixed.
func TestReloadScriptInBrowser(t *testing.T) {
	ts := start(t, sitetest.Copy(t), Options{Drafts: true})
	ctx := browserTab(t)

	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(what, expr string, v any) {
		t.Helper()
		res, err := chromedp.Run(ctx, chromedp.Evaluate[json.RawMessage](expr))
		if err == nil {
			err = json.Unmarshal(res, v)
		}
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	// poll waits for expr to hold in the tab, across reloads (an
	// evaluation that a reload interrupts is tried again).
	poll := func(what, expr string) {
		t.Helper()
		pollTab(t, ctx, what, expr)
	}
	loads := func() int {
		t.Helper()
		var n int
		eval("count loads", `Number(sessionStorage.getItem("test-loads"))`, &n)
		return n
	}
	clients := func() int {
		ts.hub.mu.Lock()
		defer ts.hub.mu.Unlock()
		return len(ts.hub.clients)
	}
	waitClients := func(n int) {
		t.Helper()
		deadline := time.Now().Add(waitTimeout)
		for clients() < n {
			if time.Now().After(deadline) {
				t.Fatalf("%d live-reload clients, want %d", clients(), n)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}

	// Count the page's loads, across reloads, in the tab's session, and
	// turn off the browser's own scroll restoration.
	run("count loads", func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `sessionStorage.setItem("test-loads", String(Number(sessionStorage.getItem("test-loads")) + 1));
				history.scrollRestoration = "manual"; // so only reload.js can keep the place`})
		if err == nil { // a voice, so that read-aloud can be tried after a swap
			_, err = cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
				Source: browsertest.SpeechStub(browsertest.SpeechConfig{Voices: []browsertest.SpeechVoice{{Name: "Tingting", Lang: "zh-CN", LocalService: true}}})})
		}
		return chromedp.Void{}, err
	})
	run("open the page", chromedp.Navigate(strings.TrimSuffix(ts.URL(), "/")+zhPage))
	waitClients(1)
	var y float64
	eval("scroll", `window.scrollTo(0, 700); window.scrollY`, &y)
	poll("scrolled", `window.scrollY === 700`)

	// Another page changes: this one stays as it is.
	ts.replace(t, enSection, "In 2019, Xiamen, Fujian Province", "In 2019, Xiamen (browser test)")
	ts.waitRebuild(t, enSection)
	// A stylesheet changes: swapped in place.
	ts.replace(t, "static/css/site.css", "", "/* browser test */\n")
	poll("stylesheet swapped", `[...document.querySelectorAll('link[rel~="stylesheet"]')].some((l) => l.href.includes("almanac-reload"))`)
	// This page changes: its <main> is replaced in place, without a
	// reload, where the reader was.
	ts.replace(t, zhSection, "2019年，福建省厦门市", "2019年，福建省厦门市（浏览器测试）")
	poll("main replaced with the edit", `document.querySelector("main").textContent.includes("浏览器测试")`)
	if n := loads(); n != 1 {
		t.Errorf("the page loaded %d times; want 1 (its own edit swaps <main>, no reload)", n)
	}
	poll("scroll kept", `document.readyState === "complete" && window.scrollY === 700`)
	// Read-aloud reads the swapped-in text, not the <main> it replaced.
	readEdit, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async () => {
		document.querySelector(".read-aloud [data-read=play]").click();
		for (let i = 0; i < 200; i++) {
			if (window.__speech.spoken.some((u) => u.text.includes("浏览器测试"))) return true;
			if (!window.__speech.finish()) return false;
			await new Promise((r) => setTimeout(r, 0));
		}
		return false;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil || !readEdit {
		t.Errorf("after <main> was swapped, read-aloud did not read the edited text (%v)", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector(".read-aloud [data-read=stop]").click(), true`)); err != nil {
		t.Fatal(err)
	}

	// A mistake: the overlay names the file, as text (the file name holds
	// markup), over the last good page; fixing it clears the overlay.
	bad := filepath.Join(ts.dir, "content", "2019", "03-<b>bold<i>.zh.md")
	if err := os.WriteFile(bad, []byte("+++\ntitle = \"x\"\n+++\n"), 0o644); err != nil {
		t.Skip("this file system does not allow < in file names:", err)
	}
	poll("overlay", `!!document.getElementById("almanac-build-error")`)
	var text string
	var bold int
	eval("read the overlay", `document.getElementById("almanac-build-error").textContent`, &text)
	eval("read the overlay", `document.querySelectorAll("#almanac-build-error b, #almanac-build-error i").length`, &bold)
	if !strings.Contains(text, "content/2019/03-<b>bold<i>.zh.md") || bold != 0 {
		t.Errorf("overlay text %q with %d <b> or <i> elements; want the file name as text", text, bold)
	}
	// Its headings are in the editor's language (English here, LC_ALL=C),
	// like its messages, not in two languages at once.
	var heading string
	eval("read the overlay's heading", `document.querySelector("#almanac-build-error h2").textContent`, &heading)
	if heading != "The site did not build" {
		t.Errorf("overlay heading %q; want the English words alone", heading)
	}
	os.Remove(bad)
	poll("overlay cleared", `!document.getElementById("almanac-build-error")`)
	if n := loads(); n != 1 {
		t.Errorf("the page loaded %d times; an error and its fix change no page, want 1", n)
	}
}
