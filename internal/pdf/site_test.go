package pdf_test

import (
	"bytes"
	"fmt"
	"github.com/xmca/almanac/internal/sitepath"
	"github.com/xmca/almanac/internal/sitetest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/pdf"
	"github.com/xmca/almanac/internal/render"
)

// cjkFont matches the embedded names of the Chinese fonts the print
// stylesheet asks for ("AAAAAA+WenQuanYiMicroHei").
var cjkFont = regexp.MustCompile(`\+(WenQuanYi|PingFang|MicrosoftYaHei|NotoSansCJK|SourceHanSans)`)

// The real site is printed once and shared by the tests that read it.
var real struct {
	once sync.Once
	fsys fstest.MapFS // the site as it was read, for builds to compare with
	res  *build.Result
	err  error
}

func realSite(t *testing.T) *build.Result {
	t.Helper()
	pdf.RequireChromium(t)
	pdf.RequirePoppler(t)
	real.once.Do(func() {
		real.fsys = sitetest.MapFS(t)
		real.res, real.err = build.Run(real.fsys, build.Options{PDF: true})
	})
	if real.err != nil {
		t.Fatalf("build --pdf failed:\n%v", real.err)
	}
	if real.res.PDFSkipped != "" {
		t.Fatalf("build --pdf skipped the PDFs: %s", real.res.PDFSkipped)
	}
	return real.res
}

// printed writes the report's PDF in lang to a temporary file for the
// poppler tools and returns its path and bytes.
func printed(t *testing.T, res *build.Result, lang string) (string, []byte) {
	t.Helper()
	r := res.Site.LatestReport()
	name := sitepath.PDF(lang, r.Year)
	data, ok := res.Files[name]
	if !ok {
		t.Fatalf("%s was not built", name)
	}
	file := filepath.Join(t.TempDir(), filepath.Base(name))
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file, data
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return string(out)
}

// info is one field of pdfinfo's output.
func info(out, field string) string {
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(field) + `:\s*(.*)$`).FindStringSubmatch(out)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m[1])
}

func TestReportPDF(t *testing.T) {
	res := realSite(t)
	r := res.Site.LatestReport()
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			file, data := printed(t, res, lang)
			cover := r.Covers[lang]

			pi := tool(t, "pdfinfo", file)
			pages, _ := strconv.Atoi(info(pi, "Pages"))
			if pages < 4 {
				t.Errorf("Pages: %d, want at least 4", pages)
			}
			if f, ok := res.PDFs[sitepath.PDF(lang, r.Year)]; !ok || f.Pages != pages || f.Size != len(data) {
				t.Errorf("the report records %+v; pdfinfo says %d pages, the file has %d bytes", f, pages, len(data))
			}
			var w, h float64
			if _, err := fmt.Sscanf(info(pi, "Page size"), "%g x %g pts", &w, &h); err != nil || w < 593 || w > 597 || h < 840 || h > 844 {
				t.Errorf("Page size: %q, want A4 (595 x 842 pts)", info(pi, "Page size"))
			}
			if got := info(pi, "Tagged"); got != "yes" {
				t.Errorf("Tagged: %q, want yes", got)
			}
			// The PDF's title is the print edition's page title: the
			// report's, and which edition it is.
			edition := map[string]string{"zh": "打印版（全文）", "en": "Print edition (full report)"}[lang]
			if got := info(pi, "Title"); !strings.Contains(got, cover.Title) || !strings.Contains(got, edition) {
				t.Errorf("Title: %q, want the report's title %q and %q", got, cover.Title, edition)
			}

			// Every font is embedded, so the text, Chinese included, looks the
			// same on any machine.
			fonts := strings.Split(strings.TrimSpace(tool(t, "pdffonts", file)), "\n")
			if len(fonts) < 3 {
				t.Fatalf("pdffonts lists no fonts:\n%s", strings.Join(fonts, "\n"))
			}
			cjk := false
			for _, line := range fonts[2:] {
				// name type encoding emb sub uni object ID: emb is the 4th
				// field from the end of the line's last six.
				f := strings.Fields(line)
				if len(f) < 6 || f[len(f)-5] != "yes" {
					t.Errorf("a font is not embedded: %s", line)
				}
				cjk = cjk || cjkFont.MatchString(f[0])
			}
			if lang == "zh" && !cjk {
				t.Errorf("no named CJK font is embedded (install fonts-wqy-microhei: Chromium embeds CFF CJK fonts only as Type 3):\n%s", strings.Join(fonts, "\n"))
			}

			text := tool(t, "pdftotext", "-layout", file, "-")
			want := []string{cover.Title}
			if lang == "zh" {
				want = append(want, "三社联动")
			}
			for _, sec := range r.SectionPages(lang) {
				want = append(want, sec.Title)
			}
			for _, s := range want {
				if !strings.Contains(squash(text), squash(s)) {
					t.Errorf("the PDF's text has no %q", s)
				}
			}

			// Page numbers, from the stylesheet's @page margin boxes: every
			// page but the cover shows its number at its foot.
			for n, page := range strings.Split(strings.TrimRight(tool(t, "pdftotext", "-layout", file, "-"), "\f\n"), "\f") {
				if n == 0 {
					continue
				}
				if !regexp.MustCompile(`(^|\D)` + strconv.Itoa(n+1) + `(\D|$)`).MatchString(lastLine(page)) {
					t.Errorf("page %d has no page number at its foot (last line %q)", n+1, lastLine(page))
				}
			}

			// The outline (bookmarks) holds the section headings.
			if !bytes.Contains(data, []byte("/Outlines")) {
				t.Fatal("the PDF has no outline")
			}
			titles := pdf.Titles(data)
			for _, sec := range r.SectionPages(lang) {
				if !titles[sec.Title] {
					t.Errorf("no bookmark %q; bookmarks: %v", sec.Title, titles)
				}
			}
			if bytes.Contains(data, []byte("127.0.0.1")) {
				t.Error("the PDF links to the loopback server that printed it")
			}
			if err := pdf.CheckXref(data); err != nil {
				t.Errorf("the PDF's cross-reference table is broken: %v", err)
			}
		})
	}
}

func squash(s string) string { return strings.Join(strings.Fields(s), "") }

func lastLine(page string) string {
	lines := strings.Split(strings.TrimRight(page, "\n "), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// TestCoverLinksPDF checks that each cover links to its PDF with the size
// and page count, in its language.
func TestCoverLinksPDF(t *testing.T) {
	res := realSite(t)
	r := res.Site.LatestReport()
	for _, lang := range []string{"zh", "en"} {
		f := res.PDFs[sitepath.PDF(lang, r.Year)]
		cover := string(res.Files[r.Covers[lang].OutFile])
		href := fmt.Sprintf(`href="%s%s"`, res.Config.BasePath(), f.Path)
		if !strings.Contains(cover, href) {
			t.Errorf("%s: the cover has no link %s", lang, href)
		}
		details := map[string]string{
			"zh": fmt.Sprintf("PDF，%s，共%d页", render.FileSize(f.Size), f.Pages),
			"en": fmt.Sprintf("PDF, %s, %d pages", render.FileSize(f.Size), f.Pages),
		}[lang]
		if !strings.Contains(cover, details) {
			t.Errorf("%s: the cover does not say %q", lang, details)
		}
	}
}

// TestReportPDFIsReproducible prints the site again: the PDFs must be the
// same bytes, so a deploy does not upload them again.
func TestReportPDFIsReproducible(t *testing.T) {
	res := realSite(t)
	again, err := build.Run(real.fsys, build.Options{PDF: true})
	if err != nil {
		t.Fatal(err)
	}
	r := res.Site.LatestReport()
	for _, lang := range []string{"zh", "en"} {
		name := sitepath.PDF(lang, r.Year)
		if a, b := res.Files[name], again.Files[name]; !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds of the same site (%d and %d bytes, first difference at byte %d)", name, len(a), len(b), firstDiff(a, b))
		}
	}
}

// TestBuildWithoutChromium: no browser, no PDF, and the build still
// succeeds, saying why.
func TestBuildWithoutChromium(t *testing.T) {
	for _, c := range []struct {
		name, env, want string
	}{
		{"nothing installed", "", "no Chromium found (install the chromium package)"},
		{"env names a missing program", "/nonexistent/chromium", pdf.EnvChromium + "=/nonexistent/chromium"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(pdf.EnvChromium, c.env)
			t.Setenv("PATH", t.TempDir())
			fsys := sitetest.MapFS(t)
			toml := fsys["site.toml"].Data
			if !bytes.Contains(toml, []byte("\npdf = false")) {
				t.Fatal("site.toml has no pdf = false line to turn on")
			}
			fsys["site.toml"].Data = bytes.Replace(toml, []byte("\npdf = false"), []byte("\npdf = true"), 1)
			res, err := build.Run(fsys, build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(res.PDFSkipped, c.want) {
				t.Errorf("PDFSkipped = %q, want %q", res.PDFSkipped, c.want)
			}
			for name := range res.Files {
				if strings.HasSuffix(name, ".pdf") {
					t.Errorf("%s was built without a browser", name)
				}
			}
			if strings.Contains(string(res.Files["zh/2019/index.html"]), ".pdf") {
				t.Error("the cover links to a PDF that was not made")
			}
		})
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
