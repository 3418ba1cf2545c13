package main

import (
	"github.com/xmca/almanac/internal/sitetest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/pdf"
)

// TestBuildPDFWithoutChromium: --pdf on a machine without a browser says
// the PDFs were skipped and why, and the build still succeeds.
func TestBuildPDFWithoutChromium(t *testing.T) {
	dir := sitetest.Copy(t)
	t.Setenv(pdf.EnvChromium, "")
	t.Setenv("PATH", t.TempDir())
	code, out, errs := runCmd("build", "-s", dir, "--pdf")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := "PDF skipped: no Chromium found (install the chromium package)\n"; errs != want {
		t.Errorf("stderr = %q, want %q", errs, want)
	}
	if !strings.Contains(out, "built") {
		t.Errorf("no summary line: %q", out)
	}
	if pdfs, _ := filepath.Glob(filepath.Join(dir, "public", "*", "*", "*.pdf")); len(pdfs) > 0 {
		t.Errorf("PDFs written without a browser: %v", pdfs)
	}
}

// TestBuildPDF writes the PDFs and says so.
func TestBuildPDF(t *testing.T) {
	if _, err := pdf.FindChromium(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("this test needs a Chromium, and CI must have it: %v", err)
		}
		t.Skipf("skipped: this test needs a Chromium: %v", err)
	}
	dir := sitetest.Copy(t)
	code, out, errs := runCmd("build", "-s", dir, "--pdf")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, lang := range []string{"zh", "en"} {
		name := "report-2019-" + lang + ".pdf"
		b, err := os.ReadFile(filepath.Join(dir, "public", lang, "2019", name))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), "%PDF-") {
			t.Errorf("%s is not a PDF", name)
		}
		if !strings.Contains(out, "PDF "+lang+"/2019/"+name+": ") {
			t.Errorf("the build does not say it made %s:\n%s", name, out)
		}
	}
}
