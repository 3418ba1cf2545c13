package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/browsertest"
	"github.com/xmca/almanac/internal/sitetest"
)

// BenchmarkEditToBrowser times, on the real site in a real Chromium, one
// section's edit from saving the file to the open page's DOM showing the
// new text; each sub-benchmark reports the median (p50-ms):
//
//	swap    reload.js as shipped: the page's <main> is replaced in place
//	reload  the same script made to reload the whole page instead, the
//	        baseline
//
//	go test -run '^$' -bench EditToBrowser -benchtime 10x ./internal/serve/
func BenchmarkEditToBrowser(b *testing.B) {
	exe, err := browsertest.FindChromium()
	if errors.Is(err, browsertest.ErrNoChromium) {
		b.Skip("no Chromium installed:", err)
	}
	if err != nil {
		b.Fatal(err)
	}
	shipped := reloadJS
	defer func() { reloadJS = shipped }()
	fullReload := bytes.Replace(shipped, []byte("swapMain();\n    }"), []byte("source.close();\n      reload();\n    }"), 1)
	if bytes.Equal(fullReload, shipped) {
		b.Fatal("reload.js no longer calls swapMain() as the baseline expects")
	}
	for _, mode := range []struct {
		name string
		js   []byte
	}{{"swap", shipped}, {"reload", fullReload}} {
		b.Run(mode.name, func(b *testing.B) {
			reloadJS = mode.js
			editToBrowser(b, exe)
		})
	}
}

func editToBrowser(b *testing.B, exe string) {
	ts := start(b, sitetest.Copy(b), Options{Drafts: true})
	ctx, cancel, err := browsertest.NewBrowser(exe, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer cancel()
	ctx, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()
	ctx, cancelTimeout := context.WithTimeout(ctx, 5*time.Minute)
	defer cancelTimeout()
	if err := chromedp.Do(ctx, chromedp.Navigate(strings.TrimSuffix(ts.URL(), "/")+zhPage)); err != nil {
		b.Fatal(err)
	}
	// Wait for the page's live-reload client before the first edit.
	for deadline := time.Now().Add(waitTimeout); ; time.Sleep(5 * time.Millisecond) {
		ts.hub.mu.Lock()
		n := len(ts.hub.clients)
		ts.hub.mu.Unlock()
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			b.Fatal("no live-reload client")
		}
	}
	const anchor = "2019年，福建省厦门市"
	var lat []time.Duration
	i := 0
	for b.Loop() {
		i++
		src := ts.read(b, zhSection)
		at := strings.Index(src, anchor)
		if at < 0 {
			b.Fatalf("%s no longer says %q", zhSection, anchor)
		}
		end := at + len(anchor) + strings.Index(src[at+len(anchor):], "\n")
		mark := fmt.Sprintf("（编辑%d）", i)
		start := time.Now()
		ts.write(b, zhSection, src[:at]+anchor+mark+src[at+len(anchor):end]+src[end:])
		// Poll the DOM; an evaluation a reload interrupts is tried again.
		expr := fmt.Sprintf(`!!document.querySelector("main") && document.querySelector("main").textContent.includes(%q)`, mark)
		for deadline := time.Now().Add(waitTimeout); ; time.Sleep(2 * time.Millisecond) {
			if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("edit %d never showed", i)
			}
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[min(len(lat)-1, len(lat)*95/100)]), "p95-ms")
}
