package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/output"
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("build", stderr)
	siteDir := flags.String("s", ".", "the site `folder` (the one with site.toml)")
	out := flags.String("o", "", "the output `folder` (default: [build] output in site.toml, or public)")
	drafts := flags.Bool("drafts", false, "include sections marked draft = true")
	minify := flags.Bool("minify", false, "minify, fingerprint and precompress for a CDN")
	if err := parse(flags, args); err != nil {
		return err
	}
	start := time.Now()
	fsys, err := openSite(*siteDir)
	if err != nil {
		return err
	}
	res, err := build.Run(fsys, build.Options{Drafts: *drafts, Minify: *minify})
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		dir = filepath.Join(*siteDir, res.Config.Build.Output)
	}
	if err := output.Write(dir, *siteDir, res.Files); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %d pages, %d files into %s in %v\n", len(res.Site.Pages), len(res.Files), dir, time.Since(start).Round(time.Millisecond))
	return nil
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
