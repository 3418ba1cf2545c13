package browsertest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestScreenshots writes PNGs of the main page kinds, for a person to look
// at: ALMANAC_SCREENSHOTS=/tmp/shots go test ./internal/browsertest -run Screenshots.
// Without the variable it does nothing.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("ALMANAC_SCREENSHOTS")
	if dir == "" {
		t.Skip("set ALMANAC_SCREENSHOTS to a folder to write screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	paths := []string{"", "zh/", "en/", "zh/2019/", "en/2019/", "zh/2019/highlights/", "en/2019/three-social-linkage/", "zh/2019/print/", "en/2019/print/", "zh/404.html"}
	if only := os.Getenv("ALMANAC_SCREENSHOT_PATHS"); only != "" {
		paths = strings.Split(only, ",")
	}
	for _, v := range []struct {
		name   string
		width  int64
		size   string
		media  string
		detail bool
		elder  bool
	}{
		{"1280", 1280, "default", "", false, false},
		{"320", 320, "default", "", false, false},
		{"320-large", 320, "large", "", true, false},
		{"1280-large", 1280, "large", "", false, false},
		{"print", 794, "default", "print", false, false},
		{"320-elder", 320, "default", "", true, true},
		{"1280-elder", 1280, "default", "", false, true},
	} {
		if only := os.Getenv("ALMANAC_SCREENSHOT_VARIANTS"); only != "" && !strings.Contains(","+only+",", ","+v.name+",") {
			continue
		}
		ctx := tab(t, v.width, 900)
		open(t, ctx, "")
		eval[any](t, ctx, setTextSize(v.size))
		if v.elder {
			eval[any](t, ctx, `localStorage.setItem("almanac-elder-mode", "on")`)
		}
		if v.media != "" {
			do(t, ctx, emulateMedia(v.media))
		}
		for _, p := range paths {
			open(t, ctx, p)
			if v.detail {
				eval[any](t, ctx, openAllDetails)
			}
			shot(t, ctx, filepath.Join(dir, name(p)+"-"+v.name+".png"))
		}
	}
}

// TestPrintPDFs prints pages to PDF as Chromium's print dialog would, for a
// person to look at the page breaks and page numbers:
// ALMANAC_SCREENSHOTS=/tmp/shots go test ./internal/browsertest -run PrintPDFs.
func TestPrintPDFs(t *testing.T) {
	dir := os.Getenv("ALMANAC_SCREENSHOTS")
	if dir == "" {
		t.Skip("set ALMANAC_SCREENSHOTS to a folder to write PDFs")
	}
	ctx := tab(t, 1280, 900)
	for _, p := range []string{"zh/2019/highlights/", "en/2019/three-social-linkage/", "zh/2019/print/", "en/2019/print/"} {
		open(t, ctx, p)
		pdf, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
			res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: new(true), PrintBackground: new(true)})
			return res.Data, err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name(p)+".pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func name(p string) string {
	p = strings.Trim(strings.TrimSuffix(p, ".html"), "/")
	if p == "" {
		return "root"
	}
	return strings.ReplaceAll(p, "/", "-")
}

func shot(t *testing.T, ctx context.Context, file string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf, 0o644); err != nil {
		t.Fatal(err)
	}
}
