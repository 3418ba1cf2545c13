package serve

import (
	"bufio"
	"github.com/xmca/almanac/internal/sitetest"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// rawGet sends a request line exactly as written, so paths reach the
// server without a client cleaning them first.
func rawGet(t *testing.T, addr, target, host string) (int, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, waitTimeout)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(waitTimeout))
	io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestPathsOutsideSiteRefused asks for files outside the site every way a
// path can say so, and links a file and a folder to outside the site.
func TestPathsOutsideSiteRefused(t *testing.T) {
	outside := t.TempDir()
	secret := "SECRET-" + filepath.Base(outside)
	os.WriteFile(filepath.Join(outside, "secret.txt"), []byte(secret), 0o644)
	dir := sitetest.Copy(t)
	// The site folder's own files must not be served either: only the build is.
	os.WriteFile(filepath.Join(dir, "secret.txt"), []byte(secret), 0o644)

	ts := start(t, dir, Options{Drafts: true})
	addr := ts.ln.Addr().String()
	for _, target := range []string{
		"/../secret.txt", "/../../secret.txt", "/zh/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt",
		"/zh/..%2f..%2fsecret.txt", "/..%5csecret.txt", "/zh/%2e%2e%5c%2e%2e%5csecret.txt", "/./secret.txt",
		"/static/../site.toml", "/site.toml", "/secret.txt", "/content/2019/figures.toml", "//etc/passwd",
		"/%00", "/zh/2019/%00/", "/" + outside + "/secret.txt",
	} {
		code, body := rawGet(t, addr, target, "127.0.0.1")
		if code == 200 || strings.Contains(body, secret) || strings.Contains(body, "[defaults]") || strings.Contains(body, "base_url") {
			t.Errorf("GET %s: %d; want it refused or not found, and nothing of the files", target, code)
		}
	}
	if code, _ := rawGet(t, addr, "/zh/2019/three-social-linkage/", "127.0.0.1"); code != 200 {
		t.Errorf("a good path: %d", code)
	}
	// A web page that points a name of its own at 127.0.0.1 (DNS rebinding)
	// gets nothing.
	if code, body := rawGet(t, addr, "/zh/", "attacker.example"); code != http.StatusMisdirectedRequest || strings.Contains(body, "<html") {
		t.Errorf("foreign Host: %d", code)
	}
	if code, _ := rawGet(t, addr, "/zh/", "localhost"); code != 200 {
		t.Errorf("Host localhost: %d", code)
	}
	if code, _ := rawGet(t, addr, "/zh/", "[::1]:1313"); code != 200 {
		t.Errorf("Host [::1]: %d", code)
	}

	// Links leaving the site: a static file or folder is left out (as in
	// build, which lists it), a content file is refused, naming it; nothing
	// of the secret is served.
	events := ts.events(t, ts.token())
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "static", "leak.txt")); err != nil {
		t.Skip("cannot make symbolic links here:", err)
	}
	os.Symlink(outside, filepath.Join(dir, "static", "outside"))
	for range 20 {
		for _, p := range []string{"/leak.txt", "/outside/secret.txt"} {
			if code, body := ts.get(t, p); code == 200 || strings.Contains(body, secret) {
				t.Fatalf("GET %s: %d", p, code)
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	os.Remove(filepath.Join(dir, "static", "leak.txt"))
	os.Remove(filepath.Join(dir, "static", "outside"))

	os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(dir, "content", "2019", "03-leak.zh.md"))
	e := waitEvent(t, events, "build-error", nil)
	if !strings.Contains(e.data, "content/2019/03-leak.zh.md") || strings.Contains(e.data, secret) {
		t.Errorf("build-error %s; want it to name the link and show nothing of its target", e.data)
	}
	os.Remove(filepath.Join(dir, "content", "2019", "03-leak.zh.md"))
	waitEvent(t, events, "build-ok", nil)
	for _, target := range []string{"/leak.txt", "/outside/secret.txt", "/zh/2019/leak/"} {
		if code, body := ts.get(t, target); code == 200 || strings.Contains(body, secret) {
			t.Errorf("GET %s: %d", target, code)
		}
	}
}
