package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xmca/almanac/internal/browsertest"
	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/output"
)

// waitTimeout bounds every wait for an event: long enough for a slow
// machine, short enough that a lost event fails the test quickly.
const waitTimeout = 15 * time.Second

// writeMap writes a generated site into a folder.
func writeMap(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// testServer is a dev server on loopback with a record of its rebuilds.
type testServer struct {
	*Server
	dir      string
	rebuilds chan *outcome
	log      *lockedBuffer
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func start(t testing.TB, dir string, opt Options) *testServer {
	t.Helper()
	ts := &testServer{dir: dir, rebuilds: make(chan *outcome, 1024), log: &lockedBuffer{}}
	opt.Dir, opt.Addr, opt.Log = dir, "127.0.0.1:0", ts.log
	opt.rebuilt = func(o *outcome) {
		select {
		case ts.rebuilds <- o:
		default:
		}
	}
	s, err := Start(opt)
	if err != nil {
		t.Fatal(err)
	}
	ts.Server = s
	t.Cleanup(func() {
		s.Close()
		if t.Failed() {
			t.Logf("server log:\n%s", ts.log.String())
		}
	})
	// The first build.
	select {
	case <-ts.rebuilds:
	case <-time.After(waitTimeout):
		t.Fatal("no first build")
	}
	return ts
}

func (ts *testServer) path(rel string) string { return filepath.Join(ts.dir, filepath.FromSlash(rel)) }

func (ts *testServer) read(t testing.TB, rel string) string {
	t.Helper()
	b, err := os.ReadFile(ts.path(rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// write saves a file in place, as most editors do.
func (ts *testServer) write(t testing.TB, rel, content string) {
	t.Helper()
	p := ts.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// renameSave saves a file the way JetBrains editors (and vim with
// backupcopy=no) do: a temporary file beside it, renamed over it.
func (ts *testServer) renameSave(t testing.TB, rel, content string) {
	t.Helper()
	p := ts.path(rel)
	tmp, old := p+"___jb_tmp___", p+"___jb_old___"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(p, old); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(old); err != nil {
		t.Fatal(err)
	}
}

// replace edits a file in place, failing if old is not in it.
func (ts *testServer) replace(t testing.TB, rel, old, new string) {
	t.Helper()
	s := ts.read(t, rel)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", rel, old)
	}
	ts.write(t, rel, strings.Replace(s, old, new, 1))
}

// drain forgets the rebuilds so far.
func (ts *testServer) drain() {
	for {
		select {
		case <-ts.rebuilds:
		default:
			return
		}
	}
}

// waitRebuild waits for the next rebuild that saw the path rel change.
// os.WriteFile empties a file before it writes it, and a loaded machine
// can run a rebuild in between, which fails on the empty file and is
// followed by one that reads it whole: after a failed rebuild, a later one
// of rel within settleTime is the outcome.
func (ts *testServer) waitRebuild(t testing.TB, rel string) *outcome {
	t.Helper()
	timeout := time.After(waitTimeout)
	var got *outcome
	var settle <-chan time.Time // from the first failed rebuild of rel
	for {
		select {
		case o := <-ts.rebuilds:
			if slices.Contains(o.paths, rel) {
				got = o
				if o.err == nil {
					return o
				}
				if settle == nil {
					settle = time.After(settleTime)
				}
			}
		case <-settle:
			return got
		case <-timeout:
			if got != nil {
				return got
			}
			t.Fatalf("no rebuild for %s", rel)
		}
	}
}

// settleTime is how long waitRebuild waits for a rebuild that follows a
// failed one.
const settleTime = 500 * time.Millisecond

// get fetches a path from the server.
func (ts *testServer) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(strings.TrimSuffix(ts.URL(), "/") + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// files is the output the server serves now, before live-reload scripts.
func (ts *testServer) files() output.Files {
	st := ts.state.Load()
	if st == nil {
		return nil
	}
	return st.files
}

// fullBuild builds the folder from scratch as `almanac build` would, for
// the dev server's base URL.
func fullBuild(dir, base string, drafts bool) (output.Files, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	res, err := build.Run(root.FS(), build.Options{Drafts: drafts, BaseURL: base, Dev: true})
	if err != nil {
		return nil, err
	}
	return res.Files, nil
}

// sameFiles reports every difference between two builds.
func sameFiles(t testing.TB, got, want output.Files) bool {
	t.Helper()
	ok := true
	for name, w := range want {
		g, found := got[name]
		switch {
		case !found:
			t.Errorf("served site lacks %s", name)
			ok = false
		case !bytes.Equal(g, w):
			t.Errorf("%s differs from a full build:\n%s", name, firstDifference(g, w))
			ok = false
		}
	}
	for name := range got {
		if _, found := want[name]; !found {
			t.Errorf("served site has %s, which a full build does not", name)
			ok = false
		}
	}
	return ok
}

func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-120)
	return "served:     …" + string(got[from:min(len(got), i+120)]) + "…\nfull build: …" + string(want[from:min(len(want), i+120)]) + "…"
}

// sseEvent is one event of the live-reload stream.
type sseEvent struct {
	name, id, data string
}

func (e sseEvent) change(t testing.TB) *change {
	t.Helper()
	var c change
	if err := json.Unmarshal([]byte(e.data), &c); err != nil {
		t.Fatalf("change event %q: %v", e.data, err)
	}
	return &c
}

// events connects a live-reload client, as reload.js does, and returns
// its events.
func (ts *testServer) events(t testing.TB, since string) <-chan sseEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL()+"_almanac/events?since="+since, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("event stream has Content-Type %q", ct)
	}
	ch := make(chan sseEvent, 256)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var e sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if e.name != "" {
					ch <- e
				}
				e = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "id: "):
				e.id = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "data: "):
				e.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

// waitEvent waits for an event of the given name for which ok holds.
func waitEvent(t testing.TB, ch <-chan sseEvent, name string, ok func(sseEvent) bool) sseEvent {
	t.Helper()
	timeout := time.After(waitTimeout)
	for {
		select {
		case e := <-ch:
			if e.name == name && (ok == nil || ok(e)) {
				return e
			}
		case <-timeout:
			t.Fatalf("no %s event", name)
		}
	}
}

// noEvent checks that ch holds no event named name right now.
func noEvent(t testing.TB, ch <-chan sseEvent, name string) {
	t.Helper()
	for {
		select {
		case e := <-ch:
			if e.name == name {
				t.Errorf("unexpected %s event: %s", name, e.data)
			}
		default:
			return
		}
	}
}

// token is the version token of the build the server serves now.
func (ts *testServer) token() string {
	v := 0
	if st := ts.state.Load(); st != nil {
		v = st.version
	}
	return ts.hub.token(v)
}

// browserTab opens a tab in a real Chromium for the length of the test
// (which is skipped without one, except under CI=true, and fails after a
// minute).
func browserTab(t *testing.T) context.Context {
	t.Helper()
	exe, err := browsertest.FindChromium()
	if errors.Is(err, browsertest.ErrNoChromium) && os.Getenv("CI") != "true" {
		t.Skip("no Chromium installed:", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel, err := browsertest.NewBrowser(exe, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cancel)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// pollTab waits for expr to hold in the tab, across reloads (an evaluation
// that a reload interrupts is tried again).
func pollTab(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still not so (%v)", what, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
