package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

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
	var maxDeletes optionalInt
	flags.Var(&maxDeletes, "max-deletes", "refuse to delete more than `N` objects; 0 allows none (default: [deploy] max_deletes, or 100)")
	checkHeaders := flags.Bool("check-headers", false, "also re-upload unchanged objects whose Content-Type or Cache-Control is wrong")
	list := flags.Bool("list", false, "list the releases recorded in the bucket, newest first")
	rollback := flags.Bool("rollback", false, "return the bucket to a release: --rollback [ID] (without ID, to the site before the last change)")
	breakLock := flags.Bool("break-lock", false, "take over the lock of another publish, after confirming (it may still be running)")
	yes := flags.Bool("yes", false, "confirm --break-lock without asking (for scripts)")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errUsage
	}
	releaseID := ""
	if *rollback && flags.NArg() > 0 {
		// The release ID may stand between options: parse those after it.
		releaseID = flags.Arg(0)
		if err := flags.Parse(flags.Args()[1:]); err != nil {
			return errUsage
		}
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "almanac deploy: unexpected argument %q (only --rollback takes one, the release ID)\n", flags.Arg(0))
		return errUsage
	}
	if *list && *rollback {
		fmt.Fprintln(stderr, "almanac deploy: use --list or --rollback, not both")
		return errUsage
	}
	if maxDeletes.set && maxDeletes.n < 0 {
		fmt.Fprintf(stderr, "almanac deploy: --max-deletes %d cannot be negative; write 0 to allow no deletes\n", maxDeletes.n)
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
		Publisher:    deploy.Publisher(),
		KeepReleases: cfg.Deploy.KeepReleases,
	}
	if *breakLock {
		opt.BreakLock = confirmBreak(*yes, stdout, stderr)
	}
	if opt.Source == "" {
		opt.Source = filepath.Join(*siteDir, cfg.Build.Output)
	}
	if maxDeletes.set {
		opt.MaxDeletes = maxDeletes.n
	}
	ctx, stop := interruptContext()
	defer stop()
	switch {
	case *list:
		_, err = deploy.List(ctx, opt)
	case *rollback:
		_, err = deploy.Rollback(ctx, opt, releaseID)
	default:
		_, err = deploy.Run(ctx, opt)
	}
	if err == nil {
		return nil
	}
	// deploy's own messages begin "deploy: " or "deploy target …"; what
	// it passes through (a network error) is named here.
	if msg := err.Error(); strings.HasPrefix(msg, "deploy: ") || strings.HasPrefix(msg, "deploy ") {
		return err
	}
	return fmt.Errorf("deploy: %w", err)
}

// confirmBreak asks the person at the terminal before a publish takes over
// another one's lock. Without a terminal it refuses, unless --yes said so.
func confirmBreak(yes bool, stdout, stderr io.Writer) func(deploy.Lock) bool {
	return func(l deploy.Lock) bool {
		if yes {
			return true
		}
		if st, err := os.Stdin.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
			fmt.Fprintln(stderr, "almanac deploy: --break-lock needs a person to confirm at a terminal; in a script, add --yes")
			return false
		}
		fmt.Fprintf(stdout, "%s has been publishing since %s (lock until %s).\nIf that publish is still running, both will mix their files in the bucket.\nTake over the lock? Type yes to confirm: ",
			l.Holder, l.Since.Local().Format("2006-01-02 15:04:05"), l.Until.Local().Format("2006-01-02 15:04:05"))
		answer, _ := bufio.NewReader(os.Stdin).ReadString('\n')
		return strings.TrimSpace(strings.ToLower(answer)) == "yes"
	}
}

// optionalInt is an integer flag that knows whether it was given, so an
// explicit 0 is told apart from the default.
type optionalInt struct {
	n   int
	set bool
}

func (o *optionalInt) String() string {
	if o == nil || !o.set {
		return ""
	}
	return strconv.Itoa(o.n)
}

func (o *optionalInt) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return errors.New("not a whole number")
	}
	o.n, o.set = n, true
	return nil
}
