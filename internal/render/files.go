package render

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"runtime"
	"strings"
	"sync"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/sitepath"
	"github.com/xmca/almanac/internal/skip"
)

// StaticDir is copied into the output as it is.
const StaticDir = "static"

// Site renders pages (all of s.Pages, or all but the covers when the
// build prints PDFs first) and adds the static files and each report's
// open data. Pages render in parallel: each has its own View, and pages
// only read the shared model.
func Site(fsys fs.FS, s *site.Site, l *Layouts, pages []*site.Page) (output.Files, error) {
	files := output.Files{}
	var list diag.List
	list.Add(StaticDir, copyStatic(fsys, files))
	// The open data is written while the pages render, rather than
	// before: each report's takes a while, and needs only its figures.
	data := make([]output.Files, len(s.Reports))
	var wg sync.WaitGroup
	for i, r := range s.Reports {
		wg.Go(func() { data[i] = Data(s, r) })
	}
	rendered, err := Pages(s, l, pages, nil)
	wg.Wait()
	static := maps.Clone(files)
	for _, d := range data {
		maps.Copy(files, d)
	}
	maps.Copy(files, ArchiveData(s))
	list.Add(Dir, err)
	maps.Copy(files, rendered)
	list = append(list, collisions(s, static, data)...)
	if err := list.Err(); err != nil {
		list.Sort()
		return nil, list
	}
	return files, nil
}

// collisions reports every static file at the path of a page or of a
// report's data, naming both: which should win is the editor's choice, not
// the build's.
func collisions(s *site.Site, static output.Files, data []output.Files) diag.List {
	var list diag.List
	clash := func(name, other string) {
		list = append(list, diag.Errorf(StaticDir+"/"+name, 0, 0,
			"rename or remove one of them: static/ files are copied as they are, and "+other+" is written to the same place",
			"static/%s and %s would both be published as /%s", name, other, name))
	}
	for _, p := range s.Pages {
		if _, ok := static[p.OutFile]; ok {
			other := "a generated page"
			if p.Source != "" {
				other = "the page from " + p.Source
			}
			clash(p.OutFile, other)
		}
	}
	for _, d := range data {
		for name := range d {
			if _, ok := static[name]; ok {
				clash(name, "the report's data file")
			}
		}
	}
	list.Sort()
	return list
}

// Static returns every file under static/, at its path in the output. Site
// includes them; the dev server calls Static alone after a static edit.
func Static(fsys fs.FS) (output.Files, error) {
	files := output.Files{}
	if err := copyStatic(fsys, files); err != nil {
		return nil, err
	}
	return files, nil
}

// Data returns a report's open data in every language's folder:
// figures.csv and figures.json, and each chart's figures as
// charts/<key>.csv (see sitepath), which the chart links to; nothing
// for a report whose figures did not load.
func Data(s *site.Site, r *site.Report) output.Files {
	files := output.Files{}
	if r.Figures == nil {
		return files
	}
	csv, charts := r.Figures.CSVFiles()
	json := r.Figures.JSON()
	for _, lang := range s.Config.Langs {
		files[sitepath.FiguresCSV(lang.Key, r.Year)] = csv
		files[sitepath.FiguresJSON(lang.Key, r.Year)] = json
		for key, data := range charts {
			files[sitepath.ChartCSV(lang.Key, r.Year, key)] = data
		}
	}
	return files
}

// ArchiveData returns the open data that spans the report years: every
// figure of every year with a year column, as figures.csv and figures.json
// in each language's folder, and the data each series chart draws, at
// sitepath.ChartCSV. Unlike Data, it changes whenever any year's figures
// do.
func ArchiveData(s *site.Site) output.Files {
	files := output.Files{}
	if len(s.Reports) == 0 {
		return files
	}
	langs := make([]string, len(s.Config.Langs))
	for i, l := range s.Config.Langs {
		langs[i] = l.Key
	}
	all := s.AllFigures()
	csv, json := figures.YearsCSV(langs, all), figures.YearsJSON(langs, all)
	for _, lang := range langs {
		files[sitepath.ArchiveCSV(lang)] = csv
		files[sitepath.ArchiveJSON(lang)] = json
	}
	for _, r := range s.Reports {
		if r.Figures == nil {
			continue
		}
		for _, c := range r.Figures.Charts() {
			if c.Type != figures.Series {
				continue
			}
			data := figures.SeriesCSV(langs, s.SeriesData(r, c))
			for _, lang := range langs {
				files[sitepath.ChartCSV(lang, r.Year, c.Key)] = data
			}
		}
	}
	return files
}

// Pages renders the given pages on all cores, the covers linking to pdfs.
// The dev server calls it with just the pages an edit touched.
func Pages(s *site.Site, l *Layouts, pages []*site.Page, pdfs PDFs) (output.Files, error) {
	out := make([][]byte, len(pages))
	errs := make([]*diag.Diagnostic, len(pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for i := range next {
				v := newView(s, pages[i])
				v.pdfs = pdfs
				out[i], errs[i] = l.page(v, &buf)
				v.record()
			}
		})
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	files := output.Files{}
	var failed []pageError
	for i, p := range pages {
		if errs[i] != nil {
			failed = append(failed, pageError{errs[i], p.OutFile})
		}
		files[p.OutFile] = out[i]
	}
	if len(failed) > 0 {
		list := mergeRepeats(failed)
		list.Sort()
		return nil, list
	}
	return files, nil
}

// copyStatic adds every file under static/ to files, keeping its path.
func copyStatic(fsys fs.FS, files output.Files) error {
	var list diag.List
	err := fs.WalkDir(fsys, StaticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == StaticDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			list = append(list, diag.ReadError(p, err))
			return nil
		}
		if skip.Reason(d.Name()) != "" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // listed by skip.Find, once, for build and check
		}
		if d.IsDir() || d.Type()&fs.ModeSymlink != 0 && skip.LeadsOutside(fsys, p) {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			list = append(list, diag.ReadError(p, err))
			return nil
		}
		files[strings.TrimPrefix(p, StaticDir+"/")] = b
		return nil
	})
	if err != nil {
		list = append(list, diag.Errorf(StaticDir, 0, 0, "", "%v", err))
	}
	return list.Err()
}
