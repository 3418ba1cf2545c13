package main

import (
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/check"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/render"
	"github.com/xmca/almanac/internal/sitepath"
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("build", stderr)
	siteDir := flags.String("s", ".", "the site `folder` (the one with site.toml)")
	out := flags.String("o", "", "the output `folder` (default: [build] output in site.toml, or public)")
	drafts := flags.Bool("drafts", false, "include sections marked draft = true")
	minify := flags.Bool("minify", false, "minify, fingerprint and precompress for a CDN")
	pdf := flags.Bool("pdf", false, "print each report's print edition to PDF with a headless Chromium (also [build] pdf in site.toml)")
	baseURL := flags.String("base-url", "", "publish at this `address` instead of site.toml's base_url (for a preview or staging copy)")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *baseURL != "" {
		if u, err := url.Parse(*baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			say(stderr, "almanac build: --base-url %q is not a full address; write it like http://localhost:8000/\n", *baseURL)
			return errUsage
		}
	}
	ctx, stop := interruptContext()
	defer stop()
	start := time.Now()
	fsys, err := openSite(*siteDir)
	if err != nil {
		return err
	}
	if *out != "" {
		if err := output.Check(*out, *siteDir); err != nil {
			return err
		}
	}
	// What almanac check calls an error stops the build too, so the two
	// never disagree on whether the site can be published.
	verify := func(res *build.Result) diag.List { return check.Errors(res, fsys) }
	res, err := build.Run(fsys, build.Options{Drafts: *drafts, Minify: *minify, PDF: *pdf, BaseURL: *baseURL, Verify: verify,
		CompressCache: compressCacheDir()})
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join(*siteDir, res.Config.Build.Output)
	}
	if err := output.Write(ctx, dir, *siteDir, res.Files); err != nil {
		return err
	}
	say(stdout, "built %d pages, %d files into %s in %v\n", len(res.Site.Pages), len(res.Files), dir, time.Since(start).Round(time.Millisecond))
	reportSkipped(res, stdout)
	reportPDFs(res, stdout, stderr)
	return nil
}

// compressCacheDir is where build --minify keeps compressed bytes between
// builds (see publish.Precompress); "" when there is no user cache folder.
func compressCacheDir() string {
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "almanac", "compressed")
	}
	return ""
}

// reportSkipped lists, once, the files of static/ and content/ that were
// left out of the output.
func reportSkipped(res *build.Result, stdout io.Writer) {
	if len(res.Skipped) == 0 {
		return
	}
	fmt.Fprintf(stdout, "skipped %d %s that are never published:\n", len(res.Skipped), plural(len(res.Skipped), "file", "files"))
	for _, f := range res.Skipped {
		fmt.Fprintf(stdout, "  %s\n", f)
	}
}

// openSite opens the site folder as an fs.FS that refuses to follow links
// leading outside it.
func openSite(dir string) (fs.FS, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the site folder %s: %w", dir, err)
	}
	return root.FS(), nil
}

// reportPDFs says which PDFs the build made, or why it made none.
func reportPDFs(res *build.Result, stdout, stderr io.Writer) {
	if res.PDFSkipped != "" {
		say(stderr, "PDF skipped: %s\n", res.PDFSkipped)
		return
	}
	for _, r := range res.Site.Reports {
		for _, lang := range res.Config.Langs {
			if f, ok := res.PDFs[sitepath.PDF(lang.Key, r.Year)]; ok {
				say(stdout, "PDF %s: %s, %d pages\n", f.Path, render.FileSize(f.Size), f.Pages)
			}
		}
	}
}
