// Package build runs the whole pipeline on a site folder:
// site.toml → site model → rendered pages → post-processed output, in
// memory. Writing to disk, serving and checking all start from its Result.
package build

import (
	"io/fs"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/publish"
	"github.com/xmca/almanac/internal/render"
	"github.com/xmca/almanac/internal/site"
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
}

// Result is a built site.
type Result struct {
	Config  *config.Config
	Site    *site.Site
	Layouts *render.Layouts
	Files   output.Files
}

// Run builds the site in fsys. It never writes anything; on bad input it
// returns a diag.List naming every problem.
func Run(fsys fs.FS, opt Options) (*Result, error) {
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
	s, siteErr := site.Build(fsys, cfg, site.Options{Drafts: opt.Drafts})
	var list diag.List
	list.Add(render.Dir, layoutErr)
	list.Add("content", siteErr)
	if err := list.Err(); err != nil {
		list.Sort()
		return nil, list
	}
	files, err := render.Site(fsys, s, layouts, nil)
	if err != nil {
		return nil, err
	}
	if !opt.Dev {
		minify := opt.Minify || cfg.Build.Minify
		err := publish.Process(files, publish.Options{BaseURL: cfg.BaseURL, Minify: minify, Fingerprint: minify, Precompress: minify})
		if err != nil {
			return nil, err
		}
	}
	return &Result{Config: cfg, Site: s, Layouts: layouts, Files: files}, nil
}
