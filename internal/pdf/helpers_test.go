package pdf

import (
	"os"
	"os/exec"
	"testing"
)

// RequireChromium returns the browser the tests print with. Without one
// the test is skipped, saying so, except in CI (CI=true), where it fails:
// CI installs Chromium, so a missing one there is a broken setup.
func RequireChromium(t testing.TB) string {
	t.Helper()
	p, err := FindChromium()
	if err != nil {
		missing(t, "a Chromium ("+err.Error()+"; or set "+EnvChromium+")")
	}
	return p
}

// RequirePoppler checks that pdfinfo, pdffonts and pdftotext (Debian:
// poppler-utils) are installed, skipping or, in CI, failing when not.
func RequirePoppler(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"pdfinfo", "pdffonts", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing(t, tool+" (install the poppler-utils package)")
		}
	}
}

func missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("this test needs %s, and CI must have it", what)
	}
	t.Skipf("skipped: this test needs %s", what)
}

// Titles lists the titles in a PDF (/Title entries): its bookmarks and its
// document title.
func Titles(data []byte) map[string]bool {
	out := map[string]bool{}
	for _, m := range outlineTitle.FindAllSubmatch(data, -1) {
		if s, ok := decodeTextString(m[1]); ok {
			out[s] = true
		}
	}
	return out
}

// CheckXref checks that the cross-reference table of a PDF points at its
// objects.
func CheckXref(data []byte) error { return checkXref(data) }
