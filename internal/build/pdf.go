package build

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/pdf"
	"github.com/xmca/almanac/internal/render"
	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/sitepath"
)

// isCover says which pages link to a report's PDFs: they are rendered
// after the printing, once, when the build prints PDFs.
func isCover(p *site.Page) bool { return p.Kind == site.KindCover }

// addPDFs prints every report's print edition in every language to PDF,
// adds the PDFs to files and renders the covers, which link to them.
// Without a Chromium it records why in res.PDFSkipped and renders the
// covers without links.
func (res *Result) addPDFs(files output.Files) error {
	var jobs []pdf.Job
	var covers []*site.Page
	for _, r := range res.Site.Reports {
		for _, lang := range res.Config.Langs {
			if c := r.Covers[lang.Key]; c != nil {
				covers = append(covers, c)
			}
			if p := r.Prints[lang.Key]; p != nil {
				jobs = append(jobs, pdf.Job{Page: p.OutFile, Out: sitepath.PDF(lang.Key, r.Year), Date: reportDate(r.Year)})
			}
		}
	}
	res.PDFs = render.PDFs{}
	if len(jobs) > 0 {
		printed, err := pdf.Print(context.Background(), files, jobs, pdf.Options{BaseURL: res.Config.BaseURL})
		var none *pdf.NoChromiumError
		switch {
		case errors.As(err, &none):
			res.PDFSkipped = none.Reason
		case err != nil:
			return err
		}
		for _, f := range printed {
			files[f.Out] = f.Data
			res.PDFs[f.Out] = render.PDFFile{Path: f.Out, Size: len(f.Data), Pages: f.Pages}
		}
	}
	pages, err := render.Pages(res.Site, res.Layouts, covers, res.PDFs)
	if err != nil {
		return err
	}
	for name, b := range pages {
		files[name] = b
	}
	return nil
}

// reportDate is the date written into a report's PDFs, so that printing
// the same report again gives the same bytes: the last day of its year.
func reportDate(year string) time.Time {
	y, err := strconv.Atoi(year)
	if err != nil {
		y = 2000
	}
	return time.Date(y, time.December, 31, 0, 0, 0, 0, time.UTC)
}
