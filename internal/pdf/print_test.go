package pdf

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xmca/almanac/internal/output"
)

// fixture is a tiny published site: a print page under /report/ with a
// stylesheet, a link within the page and links to other pages.
func fixture() output.Files {
	return output.Files{
		"css/print.css": []byte(`@page { size: A4; margin: 20mm; } h1 { color: #036; } .sheet { break-after: page; }`),
		"zh/2019/print/index.html": []byte(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Fixture report</title>
<link rel="stylesheet" href="/report/css/print.css"></head>
<body>
<div class="sheet"><h1>Fixture report</h1>
<p><a href="#part-two">Go to part two</a></p>
<p><a href="/report/zh/2019/highlights/?from=pdf#child-welfare">Highlights online</a></p>
<p><a href="../figures.csv">The data</a></p>
<p><a href="https://www.gov.cn/">Central government</a></p></div>
<h2 id="part-two">Part two</h2><p>The end.</p>
</body></html>`),
	}
}

func TestPrintRewritesLinksAndNormalizes(t *testing.T) {
	RequireChromium(t)
	date := time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC)
	jobs := []Job{{Page: "zh/2019/print/index.html", Out: "zh/2019/report.pdf", Date: date}}
	opt := Options{BaseURL: "https://example.gov.cn/report/"}
	out, err := Print(context.Background(), fixture(), jobs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].Out != "zh/2019/report.pdf" {
		t.Fatalf("Print returned %+v", out)
	}
	data := out[0].Data
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.40q", data)
	}
	if out[0].Pages != 2 {
		t.Errorf("Pages = %d, want 2 (the stylesheet breaks after the first sheet)", out[0].Pages)
	}
	for _, want := range []string{
		"/URI (https://example.gov.cn/report/zh/2019/highlights/?from=pdf#child-welfare)",
		"/URI (https://example.gov.cn/report/zh/2019/figures.csv)",
		"/URI (https://www.gov.cn/)",
		"/Dest /part-two", // the link within the page stays within the PDF
		"/CreationDate (D:20191231000000",
		"/Outlines",
	} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the PDF has no %s", want)
		}
	}
	if bytes.Contains(data, []byte("127.0.0.1")) {
		t.Error("the PDF links to the loopback server that printed it")
	}

	again, err := Print(context.Background(), fixture(), jobs, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again[0].Data, data) {
		t.Error("printing the same page twice gave different bytes")
	}
}

func TestPrintErrors(t *testing.T) {
	RequireChromium(t)
	opt := Options{BaseURL: "https://example.gov.cn/report/", Timeout: 10 * time.Second}
	job := Job{Page: "zh/2019/print/index.html", Out: "zh/2019/report.pdf"}

	t.Run("missing stylesheet", func(t *testing.T) {
		files := fixture()
		delete(files, "css/print.css")
		_, err := Print(context.Background(), files, []Job{job}, opt)
		t.Log(err)
		if err == nil || !strings.Contains(err.Error(), "/report/css/print.css") {
			t.Errorf("err = %v, want it to name the missing /report/css/print.css", err)
		}
	})
	t.Run("page not built", func(t *testing.T) {
		_, err := Print(context.Background(), output.Files{}, []Job{job}, opt)
		if err == nil || !strings.Contains(err.Error(), "zh/2019/print/index.html") {
			t.Errorf("err = %v, want it to name the page", err)
		}
	})
	t.Run("page that never finishes", func(t *testing.T) {
		files := fixture()
		files["zh/2019/print/index.html"] = []byte(`<!DOCTYPE html><title>x</title><script>for (;;) {}</script>`)
		o := opt
		o.Timeout = 2 * time.Second
		start := time.Now()
		_, err := Print(context.Background(), files, []Job{job}, o)
		t.Log(err)
		if err == nil || !strings.Contains(err.Error(), "timed out") {
			t.Errorf("err = %v, want a timeout", err)
		}
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("the timeout took %v", d)
		}
	})
	t.Run("not a browser", func(t *testing.T) {
		o := opt
		o.Chromium = "/bin/false"
		_, err := Print(context.Background(), fixture(), []Job{job}, o)
		t.Log(err)
		if err == nil || !strings.Contains(err.Error(), "cannot start /bin/false") {
			t.Errorf("err = %v, want a start failure", err)
		}
	})
}
