// Package serve is almanac's dev server: `almanac serve`. It builds the
// site into memory, serves it on localhost, watches the site's sources
// and, on every save, rebuilds only what the save touched, then tells the
// open browser tabs which pages changed: a tab showing one puts the new
// build's <main> in place of its own (reloading whole only when it cannot),
// or swaps a stylesheet that changed.
// A build error is shown in the terminal and over the page in the
// browser, while the last good build keeps being served.
//
// How a rebuild stays fast and exact:
//
//   - The sources live in memory (snapshot.go); the watcher (watch.go,
//     fsnotify or polling) names the paths to read again.
//   - The model is rebuilt with build.Model and a site.Cache, which
//     re-parses and re-converts only files whose bytes, or whose figures,
//     changed.
//   - plan.go compares the new model with the last good one and renders
//     only the pages whose output can differ; every other page keeps its
//     bytes.
//   - The new output is compared with the served one byte for byte; only
//     pages that really changed are reloaded.
//
// The served files always equal what `almanac build --drafts` (or without
// drafts, with --no-drafts) would make from the same sources at the dev
// server's own base URL; TestRandomEditsMatchFullBuild checks it.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/check"
	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/messages"
	"github.com/xmca/almanac/internal/site"
)

// Options configure a dev server.
type Options struct {
	Dir    string // the site folder, the one with site.toml
	Addr   string // host:port to listen on; "" is 127.0.0.1:1313, port 0 picks a free one
	Drafts bool   // include sections marked draft = true
	// Poll, when positive, looks for changes this often by scanning the
	// folder, for file systems that send no change events (network drives,
	// some containers). Zero uses the operating system's events.
	Poll time.Duration
	// Settle is how long the files must be left alone before a rebuild
	// starts, so that one save (often several writes, or a write and a
	// rename) makes one rebuild. Zero means 15ms.
	Settle time.Duration
	// Log receives the start-up banner, one line per rebuild, and build
	// errors. Nil discards them.
	Log io.Writer

	// rebuilt, when set (by tests), is called after each rebuild has been
	// published.
	rebuilt func(*outcome)
}

// Server is a running dev server.
type Server struct {
	opt      Options
	root     *os.Root
	ln       net.Listener
	http     *http.Server
	base     string // the base URL the site is built for, ending in /
	loopback bool
	hub      *hub
	state    atomic.Pointer[state]
	watcher  *watcher
	builder  *builder
	refused  diag.List // what almanac build refuses in the site served; the build goroutine's
	log      *syncWriter
	done     chan struct{}
	wg       sync.WaitGroup
	closing  sync.Once
}

// Start builds the site, starts serving and watching, and returns. A site
// that does not build is not an error: the server starts anyway, shows the
// errors, and serves the site as soon as they are fixed. Errors are only
// for what stops the server from running at all (no site folder, the port
// taken, no way to watch).
func Start(opt Options) (*Server, error) {
	if opt.Dir == "" {
		opt.Dir = "."
	}
	if opt.Addr == "" {
		opt.Addr = "127.0.0.1:1313"
	}
	if opt.Settle <= 0 {
		opt.Settle = 15 * time.Millisecond
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	dir, err := filepath.Abs(opt.Dir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, config.File)); err != nil {
		return nil, fmt.Errorf("%s has no %s: run almanac serve in the site folder, or name it with -s DIR", dir, config.File)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the site folder %s: %w", dir, err)
	}
	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		root.Close()
		return nil, fmt.Errorf("cannot listen on %s: %w (is another almanac serve running? choose another --port)", opt.Addr, err)
	}
	s := &Server{opt: opt, root: root, ln: ln, hub: newHub(), log: &syncWriter{w: opt.Log}, done: make(chan struct{})}
	s.base, s.loopback = baseURL(opt.Addr, ln.Addr().(*net.TCPAddr))
	// Watch before reading the sources, so nothing saved meanwhile is missed.
	s.watcher, err = newWatcher(dir, opt.Settle, opt.Poll, s.logf)
	if err != nil {
		ln.Close()
		root.Close()
		return nil, err
	}
	start := time.Now()
	snap := newSnapshot(root.FS())
	s.builder = newBuilder(snap, build.Options{Drafts: opt.Drafts, BaseURL: s.base, Dev: true, Cache: &site.Cache{}})
	first := s.builder.safeRun(start)
	s.banner(first, snap)
	s.apply(first)

	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ErrorLog: nil}
	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.logf("almanac serve: %v", err)
		}
	}()
	go func() {
		defer s.wg.Done()
		s.loop()
	}()
	return s, nil
}

// Run starts a server and serves until ctx is done.
func Run(ctx context.Context, opt Options) error {
	s, err := Start(opt)
	if err != nil {
		return err
	}
	<-ctx.Done()
	return s.Close()
}

// URL is the address the site is served at, ending in a slash.
func (s *Server) URL() string { return s.base }

// Close stops watching and serving. Open event streams end, and the
// browsers keep retrying until a server answers again.
func (s *Server) Close() error {
	s.closing.Do(func() {
		close(s.done)
		s.hub.close()
		s.http.Close()
		s.watcher.close()
		s.wg.Wait()
		s.root.Close()
	})
	return nil
}

func (s *Server) loop() {
	for {
		select {
		case batch := <-s.watcher.batches:
			if o := s.builder.rebuild(batch); o != nil {
				// The terminal first: whoever sees the browser change can
				// then read the same in the terminal.
				s.report(o)
				s.apply(o)
			}
		case <-s.done:
			return
		}
	}
}

// apply publishes a rebuild: a new state and its changes, or an error.
func (s *Server) apply(o *outcome) {
	if o.err != nil {
		s.hub.published(func() {}, nil, false, problems(o.err), nil)
	} else {
		// Until refusals has looked at the new pages, the overlay keeps
		// the last build's list.
		behind := behindSource(o.next.site)
		s.hub.published(func() { s.state.Store(o.next) }, o.change, o.fixed, nil, warnings(s.refused, behind))
		s.refusals(o.next, behind)
	}
	if s.opt.rebuilt != nil {
		s.opt.rebuilt(o)
	}
}

// refusals finds what almanac build would refuse in st, as build and check
// find it (a broken link, a section missing in a language): serve shows
// such pages, but build refuses the site. When that changed, it tells the
// browsers and the terminal. It runs once the new pages are out, so the
// preview comes no later for it. behind are the panel's other warnings,
// which apply has listed already.
func (s *Server) refusals(st *state, behind []problem) {
	refused := check.Errors(&build.Result{Config: st.site.Config, Site: st.site, Files: st.files}, s.builder.snap)
	if slices.EqualFunc(refused, s.refused, func(a, b *diag.Diagnostic) bool { return *a == *b }) {
		return
	}
	s.refused = refused
	s.hub.published(func() {}, nil, false, nil, warnings(refused, behind))
	if n := len(refused); n > 0 {
		s.logf("almanac build would refuse the site (%d %s); fix before publishing:\n%s", n, plural(n, "error", "errors"), messages.Said(indent(localizedError(refused))))
	}
}

// report prints the rebuild's line: what changed, what was written, how
// long it took; and the errors, if any.
func (s *Server) report(o *outcome) {
	t := messages.Default()
	took := o.took.Round(time.Millisecond)
	if o.took < time.Millisecond {
		took = o.took.Round(10 * time.Microsecond)
	}
	if o.err != nil {
		line := rebuildHead(t, time.Now().Format("15:04:05"), o.paths)
		n := len(problems(o.err))
		s.logf("%s%d %s, still serving the last good build (%v)\n%s", messages.Said(line), n, plural(n, "error", "errors"), took, messages.Said(indent(localizedError(o.err))))
		if o.stack != "" {
			s.logf("%s", indent(o.stack))
		}
		return
	}
	s.logf("%s", messages.Said(rebuildLine(t, o, time.Now().Format("15:04:05"), took)))
}

// rebuildPaths names the paths a rebuild was for, in t's language:
// "content/2018 and 5 more".
func rebuildPaths(t *messages.Translator, paths []string) string {
	if n := len(paths) - 1; n > 0 {
		return t.Sprintf("%s and %d more", paths[0], n)
	}
	return paths[0]
}

// rebuildLine is the line of a rebuild that worked, at the time clock,
// each part in t's language: the parts are put together only once each is
// said, since no format makes the whole.
func rebuildLine(t *messages.Translator, o *outcome, clock string, took time.Duration) string {
	var parts []string
	if o.fixed {
		parts = append(parts, t.Sprintf("fixed"))
	}
	c := o.change
	if c == nil {
		parts = append(parts, t.Sprintf("no page changed"))
	} else {
		parts = append(parts, t.Sprintf("%d %s written", c.written, plural(c.written, "page", "pages")))
		if c.removed > 0 {
			parts = append(parts, t.Sprintf("%d removed", c.removed))
		}
		if c.other > 0 {
			parts = append(parts, t.Sprintf("%d other %s", c.other, plural(c.other, "file", "files")))
		}
	}
	rendered := t.Sprintf("%d rendered", o.rendered)
	if o.full {
		rendered = t.Sprintf("full rebuild")
	}
	comma, _ := t.Punctuation()
	return t.Sprintf("%s%s (%s) in %v", messages.Said(rebuildHead(t, clock, o.paths)), messages.Said(strings.Join(parts, comma)), messages.Said(rendered), took)
}

// rebuildHead starts a rebuild's line: the time clock and the paths the
// rebuild was for, then a colon, each in t's language.
func rebuildHead(t *messages.Translator, clock string, paths []string) string {
	_, colon := t.Punctuation()
	return clock + " " + rebuildPaths(t, paths) + colon
}

func (s *Server) banner(first *outcome, snap *snapshot) {
	if first.err != nil {
		n := len(problems(first.err))
		s.logf("%s\n\nalmanac serve: the site does not build yet (%d %s). Fix %s: the browser shows %s too, and the site appears as soon as it builds.",
			messages.Said(localizedError(first.err)), n, plural(n, "error", "errors"), plural(n, "it", "them"), plural(n, "it", "them"))
	} else {
		pages := len(first.next.site.Pages)
		drafts := "drafts included"
		if !s.opt.Drafts {
			drafts = "drafts left out"
		}
		s.logf("almanac serve: %d pages built in %v, %s", pages, first.took.Round(time.Millisecond), drafts)
	}
	cfg, _ := config.Load(snap)
	for _, line := range addresses(cfg, s.base) {
		s.logf("%s", line)
	}
	if !s.loopback {
		s.logf("almanac serve: listening on %s, so other computers can see the site", s.opt.Addr)
	}
	s.logf("Watching site.toml, content/, layouts/ and static/ for changes. Press Ctrl+C to stop.")
}

// localizedError is err for the terminal in the editor's language.
func localizedError(err error) string {
	var list diag.List
	var d *diag.Diagnostic
	switch {
	case errors.As(err, &list):
		return list.Localize(messages.Default()).Error()
	case errors.As(err, &d):
		return d.Localize(messages.Default()).Error()
	}
	return messages.Default().Text(err.Error())
}

// addresses lists the address of each language of cfg (nil when site.toml
// does not read) and of the page that leads to them all.
func addresses(cfg *config.Config, base string) []string {
	var lines []string
	langs := 0
	if cfg != nil {
		langs = len(cfg.Langs)
		for _, l := range cfg.Langs {
			lines = append(lines, fmt.Sprintf("  %s %s%s/", pad(l.Name, 8), base, l.Key))
		}
	}
	every := "all"
	if langs == 2 {
		every = "both"
	}
	return append(lines, fmt.Sprintf("  %s %s", pad(messages.Default().Text(every), 8), base))
}

// logf prints a line in the editor's language (internal/messages).
func (s *Server) logf(format string, args ...any) {
	fmt.Fprintln(s.log, messages.Default().Sprintf(format, args...))
}

// baseURL is the URL the site is built for: the address it is served at,
// with 127.0.0.1 for an unspecified host. loopback says whether only this
// computer can reach the server.
func baseURL(addr string, bound *net.TCPAddr) (string, bool) {
	host, _, _ := net.SplitHostPort(addr)
	ip := net.ParseIP(host)
	loopback := bound.IP.IsLoopback()
	if host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(bound.Port)) + "/", loopback
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (w *syncWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.w.Write(b)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// pad fills s with spaces to width columns of a terminal, where Chinese
// characters take two.
func pad(s string, width int) string {
	w := 0
	for _, r := range s {
		w++
		if unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) || (r >= 0xFF01 && r <= 0xFF60) {
			w++
		}
	}
	return s + strings.Repeat(" ", max(0, width-w))
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}
