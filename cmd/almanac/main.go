// Command almanac builds, serves, checks and publishes a multilingual
// annual report site. It is only flags and wiring; the generator is in internal/.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/messages"
)

const usage = `almanac builds a multilingual annual-report site.

Usage:
  almanac build [-s DIR] [-o DIR] [--drafts] [--minify] [--pdf] [--base-url URL]
                                                                  build the site into public/
  almanac serve [-s DIR] [--port 1313] [--bind ADDR] [--no-drafts] [--poll]
                                                                  preview with live reload
  almanac check [-s DIR] [--format text|json] [--drafts] [--strict]
                                                                  find mistakes before publishing
  almanac new [-s DIR] <year>[/<name>]                            start a report year, or a section in every language
  almanac deploy [--dry-run] [--prune] [--target URL]             publish public/ to the bucket in site.toml
  almanac deploy --list | --rollback [ID]                         the bucket's releases; return to one
  almanac import [-s DIR] FILE --year Y --lang L                  a .docx or text draft → a draft section and its figures
  almanac translated [-s DIR] FILE...                             record that a translation has caught up with its source

Run "almanac <command> -h" for a command's options.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the exit, so tests can call it.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, help())
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "build":
		err = runBuild(rest, stdout, stderr)
	case "serve":
		err = runServe(rest, stdout, stderr)
	case "check":
		err = runCheck(rest, stdout, stderr)
	case "new":
		err = runNew(rest, stdout, stderr)
	case "deploy":
		err = runDeploy(rest, stdout, stderr)
	case "import":
		err = runImport(rest, stdout, stderr)
	case "translated":
		err = runTranslated(rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, help())
		return 0
	default:
		say(stderr, "almanac: unknown command %q\n\n%s", cmd, help())
		return 2
	}
	return report(err, stderr, cmd == "build")
}

// interruptContext ends on Ctrl+C or SIGTERM (a terminal, a container's
// stop, a service manager), so a command can clean up before it exits. A
// second signal then ends the program at once, as if nothing caught it.
func interruptContext() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	context.AfterFunc(ctx, stop)
	return ctx, stop
}

// errUsage marks a command-line mistake; the flag package has already said
// what. errHelp marks -h: the options were printed as asked, no mistake.
var (
	errUsage = errors.New("usage")
	errHelp  = errors.New("help")
)

// report prints err for a person and returns the exit status. A build
// that fails says so, since editors worry about a half-published site.
func report(err error, stderr io.Writer, building bool) int {
	if err == nil {
		return 0
	}
	if errors.Is(err, errHelp) {
		return 0
	}
	if errors.Is(err, errUsage) {
		return 2
	}
	var list diag.List
	var one *diag.Diagnostic
	if !errors.As(err, &list) && errors.As(err, &one) {
		list = diag.List{one}
	}
	if list != nil {
		errs := 0
		for _, d := range list {
			if d.Severity == diag.Error {
				errs++
			}
		}
		trailer := "."
		if building {
			trailer = "; nothing was written."
		}
		say(stderr, "%s\n\nalmanac: %d %s%s\n", messages.Said(localized(list)), errs, plural(errs, "error", "errors"), trailer)
		return 1
	}
	say(stderr, "almanac: %v\n", err)
	return 1
}

// localized renders list for the terminal in the editor's language: file,
// line and column as they are, then what is wrong and the hint.
func localized(list diag.List) string {
	list.Sort()
	var b strings.Builder
	for i, d := range list.Localize(tr()) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Pos() + ": ")
		if d.Severity == diag.Warning {
			b.WriteString(tr().Text("warning") + ": ")
		}
		b.WriteString(d.Msg)
		if d.Hint != "" {
			b.WriteString("\n\t" + d.Hint)
		}
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// newFlags returns a flag set that reports mistakes on stderr and never exits.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("almanac "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		say(fs.Output(), "Usage of %s:\n", fs.Name())
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning problems into errUsage; a stray argument is a
// mistake, not something to ignore.
func parse(fs *flag.FlagSet, args []string) error {
	localizeFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		say(fs.Output(), "%s: unexpected argument %q (options go before it, like -o public)\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}
