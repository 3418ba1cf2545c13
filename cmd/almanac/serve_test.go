package main

import (
	"bytes"
	"context"
	"github.com/xmca/almanac/internal/sitetest"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeRuns starts `almanac serve` on a free port, fetches a page at
// the address it prints, and stops it as Ctrl+C would.
func TestServeRuns(t *testing.T) {
	dir := sitetest.Copy(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	saved := serveContext
	serveContext = func() (context.Context, context.CancelFunc) { return ctx, stop }
	defer func() { serveContext = saved }()

	var out, errb syncBuffer
	code := make(chan int, 1)
	go func() { code <- run([]string{"serve", "-s", dir, "--port", "0"}, &out, &errb) }()
	addr := regexp.MustCompile(`English +(http://127\.0\.0\.1:[0-9]+/)en/`)
	var base string
	for deadline := time.Now().Add(15 * time.Second); base == ""; {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case c := <-code:
			t.Fatalf("serve exited with %d: %s%s", c, out.String(), errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no address printed: %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "中文") || !strings.Contains(out.String(), base+"zh/") {
		t.Errorf("banner does not give the Chinese address:\n%s", out.String())
	}
	resp, err := http.Get(base + "zh/2019/three-social-linkage/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET: %d", resp.StatusCode)
	}
	stop()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("exit %d after Ctrl+C: %s", c, errb.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"serve", "--port", "abc"}, {"serve", "--port", "70000"}, {"serve", "extra"}, {"serve", "--no-such-flag"}} {
		code, _, errs := runCmd(args...)
		if code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errs)
		}
	}
	code, _, errs := runCmd("serve", "-s", t.TempDir(), "--port", "0")
	if code != 1 || !strings.Contains(errs, "site.toml") {
		t.Errorf("serve in a folder without site.toml: exit %d, stderr %q", code, errs)
	}
}
