package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xmca/almanac/internal/output"
)

// chromiumPDF is the shape of what Chromium writes, with the parts that
// change from one print to the next, plus the trailer /ID and XMP packet
// other producers write.
func chromiumPDF(stamp, id, uuid string) []byte {
	return []byte(`%PDF-1.4
1 0 obj
<</Title (Report)
/Producer (Skia/PDF m156)
/CreationDate (D:` + stamp + `+00'00')
/ModDate (D:` + stamp + `+00'00')>>
endobj
2 0 obj
<</Type /Pages /Count 2 /Kids [3 0 R 4 0 R]>>
endobj
3 0 obj
<</Type /Page /Parent 2 0 R>>
endobj
4 0 obj
<</Type/Page/Parent 2 0 R>>
endobj
5 0 obj
<x:xmpmeta><xmp:CreateDate>2026-11-27T05:34:06+00:00</xmp:CreateDate><xmpMM:DocumentID>uuid:` + uuid + `</xmpMM:DocumentID></x:xmpmeta>
endobj
trailer
<</Size 6 /Root 2 0 R /Info 1 0 R /ID [<` + id + `> <` + id + `>]>>
startxref
0
%%EOF
`)
}

func TestNormalize(t *testing.T) {
	a := chromiumPDF("20261127053406", "0123456789ABCDEF0123456789ABCDEF", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")
	b := chromiumPDF("20261128120000", "FEDCBA9876543210FEDCBA9876543210", "7ca7b810-9dad-11d1-80b4-00c04fd430c9")
	la, lb := len(a), len(b)
	date := time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC)
	Normalize(a, date)
	Normalize(b, date)
	if len(a) != la || len(b) != lb {
		t.Fatal("Normalize changed the length")
	}
	if !bytes.Equal(a, b) {
		t.Errorf("two prints of the same page differ after Normalize:\n%s\n---\n%s", a, b)
	}
	for _, want := range []string{
		"/CreationDate (D:20191231000000+00'00')",
		"/ModDate (D:20191231000000+00'00')",
		"<xmp:CreateDate>2019-12-31T00:00:00+00:00<",
		"<xmpMM:DocumentID>uuid:",
	} {
		if !bytes.Contains(a, []byte(want)) {
			t.Errorf("missing %q in\n%s", want, a)
		}
	}
	if bytes.Contains(a, []byte("0123456789ABCDEF")) || bytes.Contains(a, []byte("<00000000000000000000000000000000>")) {
		t.Errorf("the /ID was not replaced by a hash:\n%s", a)
	}
	// A different page gets a different /ID.
	c := chromiumPDF("20261127053406", "0123456789ABCDEF0123456789ABCDEF", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")
	c = bytes.Replace(c, []byte("(Report)"), []byte("(Other!)"), 1)
	Normalize(c, date)
	if bytes.Equal(idOf(a), idOf(c)) {
		t.Error("different PDFs got the same /ID")
	}
}

func idOf(b []byte) []byte {
	m := fileID.FindSubmatch(b)
	if m == nil {
		return nil
	}
	return m[1]
}

func TestPDFDateKeepsLength(t *testing.T) {
	date := time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, old := range []string{"D:20261127053406+00'00'", "D:20261127053406Z", "D:20261127053406", "D:2026", "D:20261127053406+08'00"} {
		got := pdfDate(date, len(old))
		if len(got) != len(old) || !strings.HasPrefix(got, "D:2019") {
			t.Errorf("pdfDate for %q = %q", old, got)
		}
	}
	if got := pdfDate(date, 3); got != "" {
		t.Errorf("pdfDate for a 3-byte date = %q, want it left alone", got)
	}
}

func TestPageCount(t *testing.T) {
	n, err := PageCount(chromiumPDF("20261127053406", "00", "00"))
	if err != nil || n != 2 {
		t.Errorf("PageCount = %d, %v; want 2 (and not the /Type /Pages node)", n, err)
	}
	if _, err := PageCount([]byte("%PDF-1.4\n%%EOF")); err == nil {
		t.Error("PageCount of a PDF without pages: no error")
	}
}

func TestFindChromium(t *testing.T) {
	t.Run("env names a missing program", func(t *testing.T) {
		t.Setenv(EnvChromium, filepath.Join(t.TempDir(), "no-such-chromium"))
		_, err := FindChromium()
		var none *NoChromiumError
		if !errors.As(err, &none) || !strings.Contains(err.Error(), EnvChromium) {
			t.Errorf("err = %v, want a NoChromiumError naming %s", err, EnvChromium)
		}
	})
	t.Run("env names a program", func(t *testing.T) {
		prog := filepath.Join(t.TempDir(), "my-chrome")
		if err := os.WriteFile(prog, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		t.Setenv(EnvChromium, prog)
		if got, err := FindChromium(); err != nil || got != prog {
			t.Errorf("FindChromium = %q, %v; want %q", got, err, prog)
		}
	})
	t.Run("nothing in PATH", func(t *testing.T) {
		t.Setenv(EnvChromium, "")
		t.Setenv("PATH", t.TempDir())
		_, err := FindChromium()
		if err == nil || err.Error() != "no Chromium found (install the chromium package)" {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("PATH order", func(t *testing.T) {
		dir := t.TempDir()
		for _, name := range []string{"google-chrome", "chromium-browser"} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		t.Setenv(EnvChromium, "")
		t.Setenv("PATH", dir)
		if got, _ := FindChromium(); got != filepath.Join(dir, "chromium-browser") {
			t.Errorf("FindChromium = %q, want chromium-browser before google-chrome", got)
		}
	})
}

func TestServerServesUnderBasePath(t *testing.T) {
	files := output.Files{
		"zh/2019/print/index.html": []byte("<!DOCTYPE html><title>p</title>"),
		"css/site.css":             []byte("body{}"),
		"fonts/a.woff2":            []byte("wOF2"),
	}
	s := &server{missing: map[string]bool{}}
	h := s.handler(files, "/report/")
	for _, c := range []struct {
		path, status, ctype string
	}{
		{"/report/zh/2019/print/", "200", "text/html; charset=utf-8"},
		{"/report/css/site.css", "200", "text/css; charset=utf-8"},
		{"/report/fonts/a.woff2", "200", "font/woff2"},
		{"/css/site.css", "404", ""},
		{"/report/img/missing.png", "404", ""},
		{"/favicon.ico", "404", ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
		if got := http.StatusText(rec.Code); rec.Code != map[string]int{"200": 200, "404": 404}[c.status] {
			t.Errorf("GET %s: %d %s, want %s", c.path, rec.Code, got, c.status)
		}
		if c.ctype != "" && rec.Header().Get("Content-Type") != c.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", c.path, rec.Header().Get("Content-Type"), c.ctype)
		}
	}
	if got := strings.Join(s.notFound(), " "); got != "/css/site.css /report/img/missing.png" {
		t.Errorf("notFound = %q (the browser's own /favicon.ico is not the site's fault)", got)
	}
}

func TestNormalizeRenumbersStructureIDs(t *testing.T) {
	tagged := func(base int) []byte {
		id := func(n int) string { return fmt.Sprintf("(node%08d)", base+n) }
		return []byte(`<</Type /StructElem /S /TH /ID ` + id(0) + `>>
<</Type /StructElem /S /TD /ID ` + id(4) + `>>
<</Type /StructElem /S /TH /ID ` + id(1) + `>>
<</Names [` + id(0) + ` 3 0 R ` + id(1) + ` 5 0 R ` + id(4) + ` 4 0 R] /Limits [` + id(0) + ` ` + id(4) + `]>>`)
	}
	a, b := tagged(191), tagged(1193)
	Normalize(a, time.Time{})
	Normalize(b, time.Time{})
	if !bytes.Equal(a, b) {
		t.Errorf("the same structure printed with other node ids differs after Normalize:\n%s\n---\n%s", a, b)
	}
	want := `/Names [(node00000001) 3 0 R (node00000002) 5 0 R (node00000003) 4 0 R] /Limits [(node00000001) (node00000003)]`
	if !bytes.Contains(a, []byte(want)) {
		t.Errorf("the ID tree is not renumbered in order:\n%s", a)
	}
}
