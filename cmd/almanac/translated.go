package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/translation"
)

func runTranslated(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("translated", stderr)
	siteDir := flags.String("s", ".", "the site `folder` (the one with site.toml)")
	flags.Usage = func() {
		say(flags.Output(), `Usage:
  almanac translated [-s DIR] FILE...   record that each translation FILE has caught up with its source

`)
		flags.PrintDefaults()
	}
	files, err := parseWithArgs(flags, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		sayln(stderr, "almanac translated: name the translation, like almanac translated content/2019/01-three-social-linkage.en.md")
		flags.Usage()
		return errUsage
	}
	fsys, err := openSite(*siteDir)
	if err != nil {
		return err
	}
	cfg, err := config.Load(fsys)
	if err != nil {
		return err
	}
	root, err := os.OpenRoot(*siteDir)
	if err != nil {
		return fmt.Errorf("cannot open the site folder %s: %w", *siteDir, err)
	}
	defer root.Close()
	for _, f := range expandPatterns(*siteDir, files) {
		rel, err := siteRelative(*siteDir, f)
		if err != nil {
			return err
		}
		rec, err := translation.RecordFile(fsys, cfg, rel)
		if err != nil {
			return err
		}
		if err := replaceFile(root, rel, rec.Text); err != nil {
			return err
		}
		say(stdout, "%s: recorded as translated from %s as it is now (%d sections)\n", rec.File, rec.Source, rec.Sections)
	}
	return nil
}

// expandPatterns expands names with * or ? (content/2019/*.en.md), which
// Windows' command prompt passes on as they are; a pattern that matches
// nothing stays, to be reported as missing.
func expandPatterns(siteDir string, names []string) []string {
	var out []string
	for _, n := range names {
		if !strings.ContainsAny(n, "*?[") {
			out = append(out, n)
			continue
		}
		matches, _ := filepath.Glob(n)
		if len(matches) == 0 && !filepath.IsAbs(n) {
			matches, _ = filepath.Glob(filepath.Join(siteDir, n))
		}
		if len(matches) == 0 {
			matches = []string{n}
		}
		out = append(out, matches...)
	}
	return out
}

// siteRelative turns a file named on the command line (relative to the
// current folder, or to the site folder, or absolute) into a slash path in
// the site folder.
func siteRelative(siteDir, file string) (string, error) {
	if _, err := os.Stat(file); err != nil && !filepath.IsAbs(file) {
		if _, err := os.Stat(filepath.Join(siteDir, file)); err == nil {
			file = filepath.Join(siteDir, file)
		}
	}
	absSite, err := filepath.Abs(siteDir)
	if err != nil {
		return "", err
	}
	absFile, err := filepath.Abs(file)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absSite, absFile)
	if err != nil || !filepath.IsLocal(rel) {
		return "", fmt.Errorf("%s is not in the site folder %s", file, siteDir)
	}
	return filepath.ToSlash(rel), nil
}

// replaceFile writes data to a new file beside name and renames it over
// name, so an interruption leaves either the old file or the new one.
func replaceFile(root *os.Root, name string, data []byte) error {
	info, err := root.Stat(name)
	if err != nil {
		return err
	}
	tmp := name + ".almanac-tmp"
	if err := root.WriteFile(tmp, data, info.Mode().Perm()); err != nil {
		return err
	}
	if err := root.Rename(tmp, name); err != nil {
		root.Remove(tmp)
		return err
	}
	return nil
}

// parseWithArgs parses flags that may come before or after the arguments
// (almanac translated FILE -s site), and returns the arguments.
func parseWithArgs(flags *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	localizeFlags(flags)
	for {
		if err := flags.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, errUsage
		}
		left := flags.Args()
		if len(left) == 0 {
			return rest, nil
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}
