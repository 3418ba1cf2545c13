package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/scaffold"
)

func runNew(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("new", stderr)
	siteDir := flags.String("s", ".", "the site `folder` (the one with site.toml)")
	flags.Usage = func() {
		say(flags.Output(), `Usage:
  almanac new [-s DIR] <year>/<name>   start a section in every language (as a draft)
  almanac new [-s DIR] <year>          start a new report year: covers and figures.toml, from last year's

`)
		flags.PrintDefaults()
	}
	// The argument may come before or after the flags: almanac new 2020 -s site.
	localizeFlags(flags)
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errUsage
	}
	rest := flags.Args()
	if len(rest) == 0 {
		sayln(stderr, "almanac new: say what to start, like almanac new 2020 or almanac new 2020/child-welfare")
		flags.Usage()
		return errUsage
	}
	what := rest[0]
	if err := parse(flags, rest[1:]); err != nil {
		return err
	}
	fsys, err := openSite(*siteDir)
	if err != nil {
		return err
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		return err
	}
	year, name, isSection := strings.Cut(strings.Trim(what, "/"), "/")
	var files []scaffold.File
	if isSection {
		files, err = scaffold.Section(fsys, cfg, year, name)
	} else {
		files, err = scaffold.Year(fsys, cfg, year)
	}
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(*siteDir)
	if err != nil {
		return fmt.Errorf("cannot open the site folder %s: %w", *siteDir, err)
	}
	defer root.Close()
	if err := scaffold.Write(root, files); err != nil {
		return err
	}
	for _, f := range files {
		say(stdout, "created %s\n", filepath.Join(*siteDir, filepath.FromSlash(f.Path)))
	}
	if isSection {
		sayln(stdout, "\nThe section is a draft: write it in every language, then delete the line draft = true in each file.")
	} else if carried(files) {
		say(stdout, "\nThe %s report is a draft: fill in figures.toml (every value = %q needs this year's number) and add sections\nwith almanac new %s/<name>; when it is ready, delete the line draft = true in each cover (_index.*.md).\n", year, figures.PendingValue, year)
	} else {
		say(stdout, "\nThe %s report is a draft: add figures to figures.toml and sections with almanac new %s/<name>;\nwhen it is ready, delete the line draft = true in each cover (_index.*.md).\n", year, year)
	}
	return nil
}

// carried reports whether a new year's figures.toml starts from last year's,
// with values still to fill in, or is empty (a site's first year).
func carried(files []scaffold.File) bool {
	pending := []byte("value = " + strconv.Quote(figures.PendingValue))
	for _, f := range files {
		if path.Base(f.Path) == content.FiguresFile && bytes.Contains(f.Data, pending) {
			return true
		}
	}
	return false
}
