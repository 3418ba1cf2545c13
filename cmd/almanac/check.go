package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/check"
	"github.com/xmca/almanac/internal/diag"
)

func runCheck(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("check", stderr)
	siteDir := flags.String("s", ".", "the site `folder` (the one with site.toml)")
	format := flags.String("format", "text", "how to print findings: text (for people) or json (for CI)")
	drafts := flags.Bool("drafts", false, "check sections marked draft = true too")
	strict := flags.Bool("strict", false, "fail on warnings too (such as a translation behind its source)")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		say(stderr, "almanac check: --format must be text or json, not %q\n", *format)
		return errUsage
	}
	fsys, err := openSite(*siteDir)
	if err != nil {
		return err
	}
	// The check builds in memory, as build does, without writing anything;
	// Dev leaves out the publishing extras so pages are checked as rendered.
	var findings diag.List
	res, err := build.Run(fsys, build.Options{Drafts: *drafts, Dev: true})
	if err != nil {
		var list diag.List
		var d *diag.Diagnostic
		switch {
		case errors.As(err, &list):
			findings = list
		case errors.As(err, &d):
			findings = diag.List{d}
		default:
			return err
		}
	} else {
		findings = check.Run(res, fsys)
		// What publishing refuses fails the build; check says so too,
		// minifying whether or not site.toml asks (build --minify would).
		findings = append(findings, check.Publishing(res, fsys)...)
		check.Sort(findings)
	}
	if *format == "json" {
		err = check.WriteJSON(stdout, findings)
	} else {
		err = check.WriteTextIn(stdout, findings, tr())
	}
	if err != nil {
		return err
	}
	if findings.HasErrors() || (*strict && len(findings) > 0) {
		return fmt.Errorf("check failed: %s", check.Summary(findings))
	}
	return nil
}
