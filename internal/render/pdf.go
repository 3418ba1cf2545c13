package render

import (
	"fmt"
	"strconv"
	"strings"
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

// PDF is the PDF of the page's report in the page's language, or nil when
// the build made none (no --pdf, or no Chromium).
func (v *View) PDF() (*PDFLink, error) {
	r := v.Page.Report
	if r == nil || r.PDF == nil {
		return nil, nil
	}
	f := r.PDF[v.Lang()]
	if f == nil {
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
