package main

import (
	"io"
	"net"
	"strconv"
	"time"

	"github.com/xmca/almanac/internal/serve"
)

// pollInterval is how often --poll scans the site folder.
const pollInterval = 300 * time.Millisecond

// serveContext is what stops the server: Ctrl+C or SIGTERM. Tests replace it.
var serveContext = interruptContext

func runServe(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("serve", stderr)
	siteDir := flags.String("s", ".", "the site `folder` (the one with site.toml)")
	port := flags.Int("port", 1313, "the `port` to listen on")
	bind := flags.String("bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 lets other computers see the site")
	noDrafts := flags.Bool("no-drafts", false, "leave out sections marked draft = true, as the published site does")
	poll := flags.Bool("poll", false, "look for changes by scanning the folder, where change events do not arrive (network drives, some containers)")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		say(stderr, "almanac serve: --port %d is not a port number (1-65535)\n", *port)
		return errUsage
	}
	opt := serve.Options{
		Dir:    *siteDir,
		Addr:   net.JoinHostPort(*bind, strconv.Itoa(*port)),
		Drafts: !*noDrafts,
		Log:    stdout,
	}
	if *poll {
		opt.Poll = pollInterval
	}
	ctx, stop := serveContext()
	defer stop()
	return serve.Run(ctx, opt)
}
