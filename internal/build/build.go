// Package build runs the whole pipeline on a site folder:
// site.toml → site model → rendered pages → post-processed output, in
// memory. Writing to disk, serving and checking all start from its Result.
package build

import (
	"bytes"
	"io/fs"
	"maps"
	"slices"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/publish"
	"github.com/xmca/almanac/internal/render"
	"github.com/xmca/almanac/internal/search"
	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/skip"
)

// Options are the command line's choices; they override site.toml.
type Options struct {
	Drafts bool
	// Minify minifies, fingerprints and precompresses for a CDN
	// (also [build] minify in site.toml).
	Minify  bool
	BaseURL string // "" keeps site.toml's; the dev server sets its own address
	// Dev leaves out what only a published site needs (sitemap, robots.txt,
	// _headers, _redirects), for the dev server.
	Dev bool
	// Cache, when set, carries parsed and converted files from one Run to
	// the next, so a rebuild after an edit only redoes what the edit
	// touched (see site.Cache). The output is the same with or without.
	Cache *site.Cache
	// CompressCache, when set, is the folder where --minify keeps
	// compressed bytes between builds (almanac build uses the user's cache
	// folder): a rebuild then compresses only the files that changed. The
	// output is the same with or without.
	CompressCache string
	// PDF prints each report's print edition to PDF with a headless
	// Chromium (also [build] pdf in site.toml); never in Dev.
	PDF bool
	// Verify, when set, inspects the rendered site (Result.Files as
	// rendered, with any PDFs, before publishing, as almanac check sees it); the
	// errors it returns fail the build together with publishing's own, so
	// that check and build reject the same input with the same messages.
	Verify func(*Result) diag.List
}

// Result is a built site.
type Result struct {
	Config  *config.Config
	Site    *site.Site
	Layouts *render.Layouts
	Files   output.Files
	// PDFs are the PDFs the build printed, by path.
	PDFs render.PDFs
	// Skipped lists the files of static/ and content/ that are never
	// published (hidden, editors' leftovers, links out of the site).
	Skipped []skip.File
	// PDFSkipped says why no PDF was made although PDFs were asked for
	// ("no Chromium found (install the chromium package)"); "" otherwise.
	PDFSkipped string
}

// Run builds the site in fsys. It never writes anything; on bad input it
// returns a diag.List naming every problem.
func Run(fsys fs.FS, opt Options) (*Result, error) { return run(fsys, opt, true) }

// run is Run, with the search index or (for a benchmark's baseline)
// without.
func run(fsys fs.FS, opt Options, withSearch bool) (*Result, error) {
	res, err := Model(fsys, opt)
	if err != nil {
		return nil, err
	}
	minify := !opt.Dev && (opt.Minify || res.Config.Build.Minify)
	var index output.Files
	if withSearch {
		res.Site.IndexSearch(func() map[string]string {
			idx := search.Build(res.Site, search.Options{Hashed: minify})
			index = idx.Files
			return idx.Manifests
		})
	}
	// Covers link to the PDFs, which are printed from the other pages:
	// when there are PDFs, the covers are rendered after them.
	printing := (opt.PDF || res.Config.Build.PDF) && !opt.Dev
	pages := res.Site.Pages
	if printing {
		pages = slices.DeleteFunc(slices.Clone(pages), isCover)
	}
	files, err := render.Site(fsys, res.Site, res.Layouts, pages)
	res.Site.WaitForSearch() // and so index is set
	if err != nil {
		return nil, err
	}
	maps.Copy(files, index)
	// The covers render after the PDFs they link to, so the checks
	// below see the site whole.
	if printing {
		if err := res.addPDFs(files); err != nil {
			return nil, err
		}
	}
	var verified diag.List
	if opt.Verify != nil {
		res.Files = files
		for _, d := range opt.Verify(res) {
			if d.Severity == diag.Error {
				verified = append(verified, d)
			}
		}
	}
	if !opt.Dev {
		verified.Add("", StaticSources(fsys, res.publish(files, minify, minify, opt.CompressCache)))
		if !minify {
			verified.Add("", StaticSources(fsys, minifiable(fsys, files)))
		}
	}
	if err := verified.Err(); err != nil {
		return nil, err
	}
	res.Files = files
	res.Skipped = skip.Find(fsys, render.StaticDir, content.Dir)
	return res, nil
}

// minifiable reports the files copied from static/ that the minifier cannot
// parse. A plain build refuses them as build --minify and check do: a file
// that breaks when the site is published should not wait until then.
func minifiable(fsys fs.FS, files output.Files) error {
	copied := output.Files{}
	for name, b := range files {
		if st, err := fs.Stat(fsys, render.StaticDir+"/"+name); err == nil && !st.IsDir() {
			copied[name] = bytes.Clone(b) // Minify works in place; the build writes b
		}
	}
	return publish.Minify(copied)
}

// StaticSources names, in publishing's errors, the file in static/ that an
// output file was copied from, since that is the one to fix.
func StaticSources(fsys fs.FS, err error) error {
	var list diag.List
	list.Add("", err)
	for _, d := range list {
		if d.File == "" {
			continue
		}
		if st, err := fs.Stat(fsys, render.StaticDir+"/"+d.File); err == nil && !st.IsDir() {
			d.File = render.StaticDir + "/" + d.File
		}
	}
	return list.Err()
}

func (res *Result) publish(files output.Files, minify, precompress bool, compressCache string) error {
	return publish.Process(files, publish.Options{BaseURL: res.Config.BaseURL, Pages: sitemapPages(res.Site), Languages: languages(res.Site),
		Minify: minify, Fingerprint: minify, Precompress: precompress, CompressCache: compressCache})
}

// Publishable reports what publishing a Dev build's files would refuse
// (a page the Content-Security-Policy would block, say), without changing
// them: almanac check runs it so that it fails wherever build does.
// minify is [build] minify or the command line's --minify.
func (res *Result) Publishable(minify bool) error {
	files := make(output.Files, len(res.Files))
	for k, v := range res.Files {
		files[k] = v
	}
	// Precompressing never fails on what the other steps accept; skip it.
	return res.publish(files, minify, false, "")
}

// Model is the first half of Run: site.toml, the layouts and the site
// model, with Result.Files left nil. The dev server renders from it only
// the pages an edit touched (a Dev Run is Model, then render.Site).
func Model(fsys fs.FS, opt Options) (*Result, error) {
	cfg, err := config.Load(fsys)
	if err != nil {
		return nil, err
	}
	if opt.BaseURL != "" {
		cfg = cfg.WithBaseURL(opt.BaseURL)
	}
	// Parse layouts before the (larger) content, so a layout typo is reported
	// together with content errors rather than after fixing them.
	layouts, layoutErr := render.LoadLayouts(fsys)
	s, siteErr := site.Build(fsys, cfg, site.Options{Drafts: opt.Drafts, Cache: opt.Cache})
	var list diag.List
	list.Add(render.Dir, layoutErr)
	list.Add("content", siteErr)
	if err := list.Err(); err != nil {
		// The model parses the partials it executes (key figures, charts)
		// as the layouts do: a mistake in one is reported by both, once.
		return nil, list.Unique()
	}
	return &Result{Config: cfg, Site: s, Layouts: layouts}, nil
}

// sitemapPages are the site's indexed pages with their translations, for
// sitemap.xml.
func sitemapPages(s *site.Site) []publish.Page {
	var pages []publish.Page
	for _, p := range s.Pages {
		if !p.Indexed() {
			continue
		}
		pp := publish.Page{File: p.OutFile}
		for _, a := range s.Alternates(p) {
			pp.Alternates = append(pp.Alternates, publish.Alternate{Hreflang: a.Hreflang, File: a.Page.OutFile})
		}
		pages = append(pages, pp)
	}
	return pages
}

// languages are the site's languages and their home pages, for the root's
// language redirects.
func languages(s *site.Site) []publish.Language {
	var langs []publish.Language
	for _, h := range s.Homes {
		langs = append(langs, publish.Language{Tag: h.Lang.Locale, Home: h.OutFile})
	}
	return langs
}
