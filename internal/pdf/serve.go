package pdf

import (
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/xmca/almanac/internal/output"
)

// serve starts an HTTP server on 127.0.0.1 with a free port that serves
// files under basePath ("/report/"), as the published site does: a path
// ending in / serves its index.html.
func serve(files output.Files, basePath string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("cannot serve the site to the browser on 127.0.0.1: %w", err)
	}
	s := &server{ln: ln, missing: map[string]bool{}}
	s.srv = &http.Server{Handler: s.handler(files, basePath), ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

// server serves a built site on the loopback interface, and remembers what
// the browser asked for and did not get.
type server struct {
	ln  net.Listener
	srv *http.Server

	mu      sync.Mutex
	missing map[string]bool
}

func (s *server) url(p string) string { return "http://" + s.ln.Addr().String() + p }

func (s *server) close() { s.srv.Close() }

// notFound lists the paths that were asked for and not found, sorted.
func (s *server) notFound() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for p := range s.missing {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func (s *server) handler(files output.Files, basePath string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name, ok := strings.CutPrefix(r.URL.Path, basePath)
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		b, found := files[name]
		if !ok || !found {
			if r.URL.Path != "/favicon.ico" {
				s.mu.Lock()
				s.missing[r.URL.Path] = true
				s.mu.Unlock()
			}
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", contentType(name, b))
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Length", fmt.Sprint(len(b)))
		if r.Method == http.MethodGet {
			w.Write(b)
		}
	})
}

// contentTypes are fixed so the output never depends on the machine's
// MIME tables.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".csv":   "text/csv; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".xml":   "application/xml",
}

func contentType(name string, b []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(b)
}
