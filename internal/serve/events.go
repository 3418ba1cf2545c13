package serve

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/xmca/almanac/internal/check"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/messages"
	"github.com/xmca/almanac/internal/site"
)

// The live-reload protocol. Every HTML page the server sends loads
// /_almanac/reload.js, which opens /_almanac/events (Server-Sent Events)
// with the version of the build the page came from. The server sends:
//
//	event: change       {"version":7,"pages":["/zh/2019/x/"],"css":[],"assets":[],"cssOnly":false}
//	                     (id: the build, so a reconnecting browser says what it saw)
//	event: build-error  {"errors":[{"file":…,"line":…,"col":…,"msg":…,"hint":…}],"words":{…}}
//	event: build-ok     {"warnings":[…],"words":{…}}  (the site builds: clear the overlay, and
//	                     list what is worth a look, such as a translation behind its source)
//
// words are the overlay's headings in the editor's language (overlayWords).
//
// A page reloads when its own path is in pages (or all is set), swaps its
// stylesheets when only CSS changed, and reloads when a script or image it
// loads changed. On connecting, a browser is sent the changes it missed
// since its page's version and the current error, if any.
const (
	reservedPrefix = "_almanac/"
	scriptPath     = "/_almanac/reload.js"
	eventsPath     = "/_almanac/events"
	historySize    = 64
)

type problem struct {
	File string `json:"file"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	Pos  string `json:"pos"`
	Msg  string `json:"msg"`
	Hint string `json:"hint,omitempty"`
	// Refused marks, among the warnings of a site that builds here, what
	// almanac build refuses.
	Refused bool `json:"refused,omitempty"`
}

// problems turns a build error into what the overlay lists.
func problems(err error) []problem {
	var list diag.List
	var d *diag.Diagnostic
	switch {
	case errors.As(err, &list):
	case errors.As(err, &d):
		list = diag.List{d}
	default:
		return []problem{{Msg: messages.Default().Text(err.Error())}}
	}
	out := make([]problem, 0, len(list))
	for _, d := range list.Localize(messages.Default()) {
		if d.Severity == diag.Warning {
			continue
		}
		out = append(out, problem{File: d.File, Line: d.Line, Col: d.Col, Pos: d.Pos(), Msg: d.Msg, Hint: d.Hint})
	}
	return out
}

// overlayWords are the overlay's own words, in the editor's language like
// the messages it lists.
type overlayWords struct {
	Failed   string `json:"failed"`
	LastGood string `json:"lastGood"`
	Warnings string `json:"warnings"`
	Refused  string `json:"refused"`
	Close    string `json:"close"`
}

func overlayLabels() overlayWords {
	t := messages.Default()
	return overlayWords{
		Failed:   t.Text("The site did not build"),
		LastGood: t.Text("The page below is the last version that built; this message goes away when the mistake is fixed."),
		Warnings: t.Text("Worth a look"),
		Refused:  t.Text("almanac build refuses this:"),
		Close:    t.Text("Close"),
	}
}

// warnings lists what a site that builds is worth a look for in the
// overlay: what almanac build would refuse (refused, see Server.refusals),
// then behind, the translations behind their source.
func warnings(refused diag.List, behind []problem) []problem {
	out := []problem{}
	for _, d := range refused.Localize(messages.Default()) {
		out = append(out, problem{File: d.File, Line: d.Line, Col: d.Col, Pos: d.Pos(), Msg: d.Msg, Hint: d.Hint, Refused: true})
	}
	return append(out, behind...)
}

// behindSource lists the site's translations behind their source.
func behindSource(s *site.Site) []problem {
	var out []problem
	for _, p := range s.Pages {
		for _, d := range check.BehindFindings(p, 0).Localize(messages.Default()) {
			out = append(out, problem{File: d.File, Line: d.Line, Col: d.Col, Pos: d.Pos(), Msg: d.Msg, Hint: d.Hint})
		}
	}
	return out
}

// hub keeps the browsers' event streams and what to tell a new one.
type hub struct {
	mu       sync.Mutex
	instance string // tells this server's versions from a previous run's
	version  int
	history  []*change // the latest changes, oldest first
	failure  []byte    // the build-error event while the site does not build
	ok       []byte    // the build-ok event, with its warnings, while it does
	clients  map[*client]bool
	closed   bool
}

type client struct {
	ch chan []byte
}

func newHub() *hub {
	var b [4]byte
	rand.Read(b[:])
	return &hub{instance: hex.EncodeToString(b[:]), clients: map[*client]bool{}}
}

// token names a version of this server's output for pages and event ids.
func (h *hub) token(version int) string { return h.instance + "-" + strconv.Itoa(version) }

func message(event, id string, data any) []byte {
	b, _ := json.Marshal(data)
	var s strings.Builder
	if id != "" {
		fmt.Fprintf(&s, "id: %s\n", id)
	}
	fmt.Fprintf(&s, "event: %s\ndata: %s\n\n", event, b)
	return []byte(s.String())
}

// published runs f (which makes the new state visible) and tells every
// browser what changed, in one step, so a browser connecting meanwhile sees
// either the old version and the change, or the new version.
func (h *hub) published(f func(), c *change, ok bool, failure, warnings []problem) {
	h.mu.Lock()
	defer h.mu.Unlock()
	f()
	var msgs [][]byte
	if failure != nil {
		h.failure = message("build-error", "", map[string]any{"errors": failure, "words": overlayLabels()})
		msgs = append(msgs, h.failure)
	} else {
		if warnings == nil {
			warnings = []problem{}
		}
		next := message("build-ok", "", map[string]any{"warnings": warnings, "words": overlayLabels()})
		if ok || !bytes.Equal(next, h.ok) {
			msgs = append(msgs, next)
		}
		h.failure, h.ok = nil, next
	}
	if c != nil {
		h.version = c.Version
		h.history = append(h.history, c)
		if len(h.history) > historySize {
			h.history = h.history[len(h.history)-historySize:]
		}
		msgs = append(msgs, message("change", h.token(c.Version), c))
	}
	for cl := range h.clients {
		for _, m := range msgs {
			select {
			case cl.ch <- m:
				continue
			default:
			}
			// Too slow to keep up: drop it. The browser reconnects with
			// the last version it saw and is sent what it missed.
			close(cl.ch)
			delete(h.clients, cl)
			break
		}
	}
}

// subscribe registers a browser whose page came from version since and
// returns what it must be told at once.
func (h *hub) subscribe(since string) (*client, [][]byte) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, nil
	}
	var initial [][]byte
	if c := h.since(since); c != nil {
		initial = append(initial, message("change", h.token(h.version), c))
	}
	if h.failure != nil {
		initial = append(initial, h.failure)
	} else if h.ok != nil {
		initial = append(initial, h.ok)
	} else {
		initial = append(initial, message("build-ok", "", map[string]any{"warnings": []problem{}, "words": overlayLabels()}))
	}
	cl := &client{ch: make(chan []byte, 32)}
	h.clients[cl] = true
	return cl, initial
}

// since is everything that changed after version token, or nil.
func (h *hub) since(token string) *change {
	inst, v, _ := strings.Cut(token, "-")
	n, err := strconv.Atoi(v)
	if inst != h.instance || err != nil || n > h.version {
		return &change{Version: h.version, All: true, Pages: []string{}, CSS: []string{}, Assets: []string{}}
	}
	if n == h.version {
		return nil
	}
	if len(h.history) == 0 || h.history[0].Version > n+1 {
		return &change{Version: h.version, All: true, Pages: []string{}, CSS: []string{}, Assets: []string{}}
	}
	u := &change{Version: h.version}
	pages, css, assets := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range h.history {
		if c.Version <= n {
			continue
		}
		u.All = u.All || c.All
		for _, p := range c.Pages {
			pages[p] = true
		}
		for _, p := range c.CSS {
			css[p] = true
		}
		for _, p := range c.Assets {
			assets[p] = true
		}
	}
	u.Pages, u.CSS, u.Assets = sortedKeys(pages), sortedKeys(css), sortedKeys(assets)
	u.CSSOnly = len(u.CSS) > 0 && len(u.Pages) == 0 && len(u.Assets) == 0 && !u.All
	return u
}

func (h *hub) unsubscribe(cl *client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients[cl] {
		close(cl.ch)
		delete(h.clients, cl)
	}
}

// close ends every stream, so the HTTP server can stop.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for cl := range h.clients {
		close(cl.ch)
		delete(h.clients, cl)
	}
}

// serveEvents is the event stream of one browser tab.
func (h *hub) serveEvents(w http.ResponseWriter, r *http.Request) {
	since := r.Header.Get("Last-Event-ID")
	if since == "" {
		since = r.URL.Query().Get("since")
	}
	cl, initial := h.subscribe(since)
	if cl == nil {
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	defer h.unsubscribe(cl)
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	io.WriteString(w, "retry: 1000\n\n")
	for _, m := range initial {
		w.Write(m)
	}
	if rc.Flush() != nil {
		return
	}
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case m, ok := <-cl.ch:
			if !ok {
				return
			}
			if _, err := w.Write(m); err != nil {
				return
			}
		case <-ping.C:
			if _, err := io.WriteString(w, ": ping\n\n"); err != nil {
				return
			}
		case <-r.Context().Done():
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
