package render

import (
	"testing"

	"github.com/xmca/almanac/internal/sitetest"
)

// TestPrintHref: what links written in the 2019 report's Markdown become
// in its print edition, at /report/zh/2019/print/.
func TestPrintHref(t *testing.T) {
	s, _ := model(t, sitetest.MapFS(t))
	r := s.LatestReport()
	section, cover := r.Sections[1].Pages["zh"], r.Covers["zh"] // /report/zh/2019/highlights/, /report/zh/2019/
	tests := []struct {
		from       string // "section" or "cover"
		href, want string
	}{
		// Into the page: the report's cover and sections in this language.
		{"section", "../three-social-linkage/", "#three-social-linkage"},
		{"section", "../three-social-linkage/#social-organizations", "#three-social-linkage--social-organizations"},
		{"section", "../three-social-linkage", "#three-social-linkage"},
		{"section", "../three-social-linkage/index.html#x", "#three-social-linkage--x"},
		{"section", "/report/zh/2019/three-social-linkage/", "#three-social-linkage"},
		{"section", "https://mzj.xm.gov.cn/report/zh/2019/three-social-linkage/", "#three-social-linkage"},
		{"section", "HTTPS://MZJ.xm.gov.cn/report/zh/2019/three-social-linkage/", "#three-social-linkage"},
		{"section", "//mzj.xm.gov.cn/report/zh/2019/three-social-linkage/", "#three-social-linkage"},
		{"section", "../", "#print-cover"},
		{"section", "../index.html", "#print-cover"},
		{"section", "../#about", "#cover-about"},
		{"section", "./", "#highlights"},
		{"section", "#", "#highlights"},
		{"section", "#child-welfare", "#highlights--child-welfare"},
		{"section", "../highlights/#%E5%84%BF%E7%AB%A5", "#highlights--%E5%84%BF%E7%AB%A5"},
		{"cover", "highlights/", "#highlights"},
		{"cover", "./highlights/#child-welfare", "#highlights--child-welfare"},
		{"cover", "#about", "#cover-about"},
		{"cover", "", ""},

		// Elsewhere: as written, or root-relative where the print page's
		// address would lead a relative one astray.
		{"section", "../figures.csv", "../figures.csv"},
		{"section", "../three-social-linkage/?print=1", "../three-social-linkage/?print=1"},
		{"section", "chart.png", "/report/zh/2019/highlights/chart.png"},
		{"section", "?q=1", "/report/zh/2019/highlights/?q=1"},
		{"section", "../../../en/2019/highlights/", "../../../en/2019/highlights/"},
		{"section", "/report/en/2019/highlights/#child-welfare", "/report/en/2019/highlights/#child-welfare"},
		{"section", "/report/zh/2018/highlights/", "/report/zh/2018/highlights/"},
		{"section", "../three-social-linkageindex.html", "../three-social-linkageindex.html"},
		{"section", "../print/", "../print/"},
		{"section", "https://www.gov.cn/", "https://www.gov.cn/"},
		{"section", "mailto:mzj@xm.gov.cn", "mailto:mzj@xm.gov.cn"},
		{"cover", "figures.csv", "/report/zh/2019/figures.csv"},
		{"cover", "../../files/plan.pdf", "/report/files/plan.pdf"},
		{"cover", "../../en/2019/", "/report/en/2019/"},
		{"cover", "/report/files/plan.pdf", "/report/files/plan.pdf"},
		{"cover", "https://mzj.xm.gov.cn/report/zh/", "https://mzj.xm.gov.cn/report/zh/"},
	}
	for _, tt := range tests {
		p := section
		if tt.from == "cover" {
			p = cover
		}
		if got := PrintHref(s, p, tt.href); got != tt.want {
			t.Errorf("from the %s, %q: got %q, want %q", tt.from, tt.href, got, tt.want)
		}
	}
}

// TestPrintHeadingShift: a section's ## sits under its <h2> title, the
// cover's under the page's <h1>.
func TestPrintHeadingShift(t *testing.T) {
	s, _ := model(t, sitetest.MapFS(t))
	r := s.LatestReport()
	if got := PrintHeadingShift(r.Sections[0].Pages["en"]); got != 1 {
		t.Errorf("a section's headings move %d levels, want 1", got)
	}
	if got := PrintHeadingShift(r.Covers["en"]); got != 0 {
		t.Errorf("the cover's headings move %d levels, want 0", got)
	}
}
