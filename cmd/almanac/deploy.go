package main

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/deploy"
)

func runDeploy(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("deploy", stderr)
	siteDir := flags.String("s", ".", "the site `folder` (the one with site.toml)")
	source := flags.String("source", "", "the built `folder` to publish (default: [build] output in site.toml, or public)")
	target := flags.String("target", "", "where to publish, as s3://BUCKET/PREFIX?endpoint=…&region=…&path-style=true (default: [deploy] target in site.toml)")
	dryRun := flags.Bool("dry-run", false, "show what would change, change nothing")
	prune := flags.Bool("prune", false, "delete objects under the prefix that are not in the folder")
	maxDeletes := flags.Int("max-deletes", 0, "refuse to delete more than `N` objects (default: [deploy] max_deletes, or 100)")
	checkHeaders := flags.Bool("check-headers", false, "also re-upload unchanged objects whose Content-Type or Cache-Control is wrong")
	if err := parse(flags, args); err != nil {
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
	rawTarget := *target
	if rawTarget == "" {
		rawTarget = cfg.Deploy.Target
	}
	t, err := deploy.ParseTarget(rawTarget)
	if err != nil {
		return err
	}
	opt := deploy.Options{
		Source:       *source,
		Target:       t,
		DryRun:       *dryRun,
		Prune:        *prune || cfg.Deploy.Prune,
		MaxDeletes:   cfg.Deploy.MaxDeletes,
		GzipText:     cfg.Deploy.GzipText,
		CheckHeaders: *checkHeaders,
		Out:          &lineTranslator{w: stdout},
	}
	if opt.Source == "" {
		opt.Source = filepath.Join(*siteDir, cfg.Build.Output)
	}
	if *maxDeletes > 0 {
		opt.MaxDeletes = *maxDeletes
	}
	ctx, stop := interruptContext()
	defer stop()
	if _, err := deploy.Run(ctx, opt); err != nil {
		return fmt.Errorf("deploy: %w", err)
	}
	return nil
}
