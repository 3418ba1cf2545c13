package serve

import (
	"bytes"
	_ "embed"
	"html"
	"html/template"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/i18n"
	"github.com/xmca/almanac/internal/sitepath"
)

//go:embed reload.js
var reloadJS []byte

// ServeHTTP serves the current build from memory. Only GET and HEAD are
// answered; paths that try to leave the site (.., encoded slashes or
// backslashes, NUL) are refused before anything is looked up, although
// nothing outside the built files could be reached anyway.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		http.Error(w, "this dev server only answers requests for localhost", http.StatusMisdirectedRequest)
		return
	}
	name, ok := cleanPath(r)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch {
	case "/"+name == scriptPath:
		s.write(w, r, http.StatusOK, "reload.js", reloadJS)
		return
	case "/"+name == eventsPath:
		s.hub.serveEvents(w, r)
		return
	case strings.HasPrefix(name, reservedPrefix):
		http.NotFound(w, r)
		return
	}
	st := s.state.Load()
	if st == nil {
		s.write(w, r, http.StatusServiceUnavailable, "index.html", s.inject(placeholderPage(s.root.FS()), "/"+name, 0))
		return
	}
	file, redirect := lookup(st.files, name)
	switch {
	case redirect:
		target := "/" + name + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
	case file != "":
		s.write(w, r, http.StatusOK, file, s.page(st, file))
	default:
		nf := notFoundPage(st, name)
		if nf == "" {
			http.NotFound(w, r)
			return
		}
		s.write(w, r, http.StatusNotFound, nf, s.inject(st.files[nf], urlPath(nf)+" /"+name, st.version))
	}
}

// cleanPath returns the request's path without its leading slash, or
// false for one that names something outside the site.
func cleanPath(r *http.Request) (string, bool) {
	raw := r.URL.EscapedPath()
	lower := strings.ToLower(raw)
	if strings.Contains(lower, "%2f") || strings.Contains(lower, "%5c") || strings.Contains(lower, "%00") {
		return "", false
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	p = p[1:]
	for seg := range strings.SplitSeq(p, "/") {
		if seg == ".." || seg == "." {
			return "", false
		}
	}
	if strings.Contains(p, "//") {
		return "", false
	}
	return p, true
}

// lookup finds the output file for a request path: the file itself, or
// the folder's index.html; redirect asks for the trailing slash.
func lookup(files map[string][]byte, name string) (file string, redirect bool) {
	name = sitepath.File(name)
	if _, ok := files[name]; ok {
		return name, false
	}
	if _, ok := files[sitepath.File(name+"/")]; ok {
		return "", true
	}
	return "", false
}

// notFoundPage is the 404 page for name: the language's own under its
// prefix, the bilingual one elsewhere.
func notFoundPage(st *state, name string) string {
	if lang, _, ok := strings.Cut(name, "/"); ok {
		if _, ok := st.files[lang+"/404.html"]; ok {
			return lang + "/404.html"
		}
	}
	if _, ok := st.files["404.html"]; ok {
		return "404.html"
	}
	return ""
}

// page returns a file as served: HTML pages get the live-reload script.
func (s *Server) page(st *state, file string) []byte {
	b := st.files[file]
	if path.Ext(file) != ".html" {
		return b
	}
	return s.inject(b, urlPath(file), st.version)
}

// inject adds the live-reload script before </head> (or at the start of a
// page without one). data-path is the page's own path, which change events
// name; data-version is the build it came from.
func (s *Server) inject(page []byte, urlPath string, version int) []byte {
	tag := `<script src="` + scriptPath + `" data-path="` + html.EscapeString(urlPath) +
		`" data-version="` + s.hub.token(version) + `" defer></script>`
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		i = bytes.Index(page, []byte("</HEAD>"))
	}
	if i < 0 {
		i = 0
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, name string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType(name, body))
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func contentType(name string, body []byte) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return http.DetectContentType(body)
}

// hostAllowed refuses requests for other host names while the server
// listens on loopback only, so a web page cannot reach it by pointing a
// name of its own at 127.0.0.1 (DNS rebinding).
func (s *Server) hostAllowed(host string) bool {
	if !s.loopback {
		return true
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// shippedPlaceholder is almanac's own page for a site that has not built,
// used until the site's own words can be read (placeholderPage).
//
//go:embed placeholder.html
var shippedPlaceholder []byte

// placeholderFor is served for every page until the site first builds;
// the script shows the errors over it and reloads once they are fixed. It
// says so in every language of the site, in the words of each language's
// interface strings (site_not_built in layouts/i18n, or almanac's own for
// the locale), when site.toml and those strings read; otherwise almanac's
// own page.
var placeholderFor = template.Must(template.New("placeholder").Parse(`<!DOCTYPE html>
<html lang="{{(index . 0).Locale}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>almanac serve</title>
</head>
<body>
{{range $i, $l := .}}<p{{if $i}} lang="{{$l.Locale}}"{{end}}>{{$l.Text}}</p>
{{end}}</body>
</html>
`))

func placeholderPage(fsys fs.FS) []byte {
	cfg, err := config.Load(fsys)
	if err != nil {
		return shippedPlaceholder
	}
	strs, err := i18n.LoadSite(fsys, cfg.Langs)
	if err != nil {
		return shippedPlaceholder
	}
	type line struct{ Locale, Text string }
	var lines []line
	for _, l := range cfg.Langs {
		text, ok := strs.Get(l.Key, "site_not_built")
		if !ok || strings.TrimSpace(text) == "" {
			return shippedPlaceholder
		}
		lines = append(lines, line{l.Locale, text})
	}
	var b bytes.Buffer
	if len(lines) == 0 || placeholderFor.Execute(&b, lines) != nil {
		return shippedPlaceholder
	}
	return b.Bytes()
}
