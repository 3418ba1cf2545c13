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

// addPDFs prints every report's print edition in every language to PDF,
// adds the PDFs to files, records them in the reports and renders the
// covers again so they link to them. Without a Chromium it records why in
// res.PDFSkipped and changes nothing.
func (res *Result) addPDFs(files output.Files) error {
	var jobs []pdf.Job
	type target struct {
		report *site.Report
		lang   string
	}
	var targets []target
	for _, r := range res.Site.Reports {
		for _, lang := range res.Config.Langs {
			p := r.Prints[lang.Key]
			if p == nil {
				continue
			}
			jobs = append(jobs, pdf.Job{Page: p.OutFile, Out: sitepath.PDF(lang.Key, r.Year), Date: reportDate(r.Year)})
			targets = append(targets, target{r, lang.Key})
		}
	}
	if len(jobs) == 0 {
		return nil
	}
	printed, err := pdf.Print(context.Background(), files, jobs, pdf.Options{BaseURL: res.Config.BaseURL})
	var none *pdf.NoChromiumError
	if errors.As(err, &none) {
		res.PDFSkipped = none.Reason
		return nil
	}
	if err != nil {
		return err
	}
	var covers []*site.Page
	for i, f := range printed {
		t := targets[i]
		files[f.Out] = f.Data
		if t.report.PDF == nil {
			t.report.PDF = map[string]*site.PDFFile{}
		}
		t.report.PDF[t.lang] = &site.PDFFile{Path: f.Out, Size: len(f.Data), Pages: f.Pages}
		if c := t.report.Covers[t.lang]; c != nil {
			covers = append(covers, c)
		}
	}
	pages, err := render.Pages(res.Site, res.Layouts, covers)
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
