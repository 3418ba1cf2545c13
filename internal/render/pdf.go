package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xmca/almanac/internal/sitepath"
)

// PDFLink is the PDF of a report, as the pdf-link partial shows it.
type PDFLink struct {
	URL   string // root-relative: "/report/zh/2019/report-2019-zh.pdf"
	Size  string // "1.2 MB", "850 KB"
	Pages int
	// Details is the i18n string pdf_details with {size} and {pages}
	// filled in: "PDF, 1.2 MB, 12 pages" / "PDF，1.2 MB，共12页".
	Details string
}

// PDFFile is a report's print edition printed to PDF. PDFs are printed
// from the rendered print editions, so they are not part of the site
// model: the build hands them to the one rendering of the covers that
// follows the printing (see Pages).
type PDFFile struct {
	Path  string // relative to the base URL, and the output file (sitepath.PDF)
	Size  int    // in bytes
	Pages int
}

// PDFs are the PDFs a build printed, by path.
type PDFs map[string]PDFFile

// PDF is the PDF of the page's report in the page's language, or nil when
// the build made none (no --pdf, or no Chromium).
func (v *View) PDF() (*PDFLink, error) {
	r := v.Page.Report
	if r == nil {
		return nil, nil
	}
	f, ok := v.pdfs[sitepath.PDF(v.Lang(), r.Year)]
	if !ok {
		return nil, nil
	}
	details, err := v.T("pdf_details")
	if err != nil {
		return nil, err
	}
	size := FileSize(f.Size)
	details = strings.NewReplacer("{size}", size, "{pages}", strconv.Itoa(f.Pages)).Replace(details)
	return &PDFLink{URL: v.Site.Config.BasePath() + f.Path, Size: size, Pages: f.Pages, Details: details}, nil
}

// FileSize writes a file size for readers: "850 KB" below 1000 KB
// (a KB is 1024 bytes), "1.2 MB" from there.
func FileSize(n int) string {
	const kb, mb = 1024, 1024 * 1024
	if n < 1000*kb {
		return fmt.Sprintf("%d KB", max(1, (n+kb-1)/kb))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/mb)
}
