package serve

import (
	"bytes"
	"fmt"
	"maps"
	"path"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/render"
	"github.com/xmca/almanac/internal/search"
	"github.com/xmca/almanac/internal/site"
	"github.com/xmca/almanac/internal/sitepath"
)

// state is one successful build, as served. It never changes once
// published: a rebuild makes a new state, sharing what did not change.
type state struct {
	version int // counts builds that changed the output; pages carry it to the live-reload client
	site    *site.Site
	static  output.Files
	data    map[string]reportData // by report year
	archive output.Files          // the open data of every year together
	pages   output.Files          // by page output file
	search  output.Files          // the search index (internal/search)
	inputs  map[string]site.Inputs
	// files is static, data, the search index and pages together, in the
	// order the build lays them down: what the server serves.
	files output.Files
}

// reportData is a report's open-data files and the figures they came from.
type reportData struct {
	set   *figures.Set
	files output.Files
}

func (st *state) compose() {
	st.files = make(output.Files, len(st.static)+len(st.pages)+4*len(st.data))
	maps.Copy(st.files, st.static)
	for _, r := range st.site.Reports {
		maps.Copy(st.files, st.data[r.Year].files)
	}
	maps.Copy(st.files, st.search)
	maps.Copy(st.files, st.archive)
	maps.Copy(st.files, st.pages)
}

// builder turns batches of changed paths into states. Only the server's
// build goroutine uses it.
type builder struct {
	snap *snapshot
	opt  build.Options
	good *state // the last successful build; nil before the first
	// changed holds the source paths changed since good, so a rebuild after
	// a failed one still sees the edits the failed one saw.
	changed map[string]bool
	failing bool
}

// outcome is what one rebuild did, for the terminal and the browsers.
type outcome struct {
	paths    []string // the source paths this rebuild was for
	full     bool     // every page was rendered
	rendered int      // pages rendered
	next     *state   // nil when the build failed
	change   *change  // what changed in the served files; nil when nothing did
	err      error    // the build's problems, as a diag.List where possible
	fixed    bool     // the previous build had failed
	took     time.Duration
	stack    string // where almanac crashed, for the terminal only
}

func newBuilder(snap *snapshot, opt build.Options) *builder {
	return &builder{snap: snap, opt: opt, changed: map[string]bool{}}
}

// rebuild reads paths again and builds what they changed. It returns nil
// when nothing a build reads changed (a save without changes, an editor's
// temporary file).
func (b *builder) rebuild(paths []string) *outcome {
	start := time.Now()
	changed := b.snap.refresh(paths)
	if len(changed) == 0 {
		return nil
	}
	for _, p := range changed {
		b.changed[p] = true
	}
	o := b.safeRun(start)
	o.paths = changed
	return o
}

// safeRun is run, turning a crash into a build error: whatever goes wrong
// while building, the server keeps serving the last good build.
func (b *builder) safeRun(start time.Time) (o *outcome) {
	defer func() {
		if r := recover(); r != nil {
			b.failing = true
			o = &outcome{took: time.Since(start), stack: string(debug.Stack()),
				err: fmt.Errorf("almanac crashed while building (%v). This is a bug in almanac, not a mistake in your files: please report it with what the terminal shows", r)}
		}
	}()
	return b.run(start)
}

// run builds from the snapshot, incrementally when there is a good build
// to start from.
func (b *builder) run(start time.Time) *outcome {
	o := &outcome{fixed: b.failing}
	next, err := b.make(o)
	o.took = time.Since(start)
	if err != nil {
		o.err, o.fixed = err, false
		b.failing = true
		return o
	}
	b.failing = false
	o.change = b.diff(next)
	next.version = 1
	if b.good != nil {
		next.version = b.good.version
		if o.change != nil {
			next.version++
		}
	}
	if o.change != nil {
		o.change.Version = next.version
	}
	o.next = next
	b.good = next
	clear(b.changed)
	return o
}

func (b *builder) make(o *outcome) (*state, error) {
	if b.good != nil && allUnder(b.changed, render.StaticDir) {
		// Nothing but static files: the model and the pages cannot have
		// changed (render only copies static/).
		static, err := render.Static(b.snap)
		if err != nil {
			return nil, err
		}
		next := *b.good
		next.static = static
		next.compose()
		return &next, nil
	}
	res, err := build.Model(b.snap, b.opt)
	if err != nil {
		return nil, err
	}
	s := res.Site
	// The index is made again after every edit of the model, while the
	// pages render: it is quick beside rendering, and an edit anywhere can
	// move any entry's number.
	var index output.Files
	s.IndexSearch(func() map[string]string {
		idx := search.Build(s, search.Options{})
		index = idx.Files
		return idx.Manifests
	})
	todo := s.Pages
	o.full = b.good == nil || b.changed["site.toml"]
	if !o.full {
		todo = plan(b.good, s, res.Layouts, b.changed)
	}
	o.rendered = len(todo)
	var list diag.List
	static := b.goodStatic()
	if static == nil || anyUnder(b.changed, render.StaticDir) {
		var err error
		static, err = render.Static(b.snap)
		list.Add(render.StaticDir, err)
	}
	rendered, err := render.Pages(s, res.Layouts, todo, nil)
	s.WaitForSearch() // and so index is set
	list.Add(render.Dir, err)
	if err := list.Err(); err != nil {
		list.Sort()
		return nil, list
	}
	next := &state{site: s, static: static, data: map[string]reportData{}, pages: make(output.Files, len(s.Pages)), search: index, inputs: map[string]site.Inputs{}}
	for _, p := range s.Pages {
		if out, ok := rendered[p.OutFile]; ok {
			next.pages[p.OutFile] = out
		} else {
			// Not rendered: the page is as it was, and so is what it was
			// made from.
			next.pages[p.OutFile] = b.good.pages[p.OutFile]
			in := b.good.inputs[p.OutFile]
			p.Inputs.Layouts, p.Inputs.Strings, p.Inputs.Figures = in.Layouts, in.Strings, in.Figures
		}
		next.inputs[p.OutFile] = p.Inputs
	}
	for _, r := range s.Reports {
		if old, ok := b.goodData(r.Year); ok && old.set == r.Figures && r.Figures != nil {
			next.data[r.Year] = old
		} else {
			next.data[r.Year] = reportData{set: r.Figures, files: render.Data(s, r)}
		}
	}
	// Small beside the pages, and any year's edit changes it: made anew.
	next.archive = render.ArchiveData(s)
	next.compose()
	return next, nil
}

func (b *builder) goodStatic() output.Files {
	if b.good == nil {
		return nil
	}
	return b.good.static
}

func (b *builder) goodData(year string) (reportData, bool) {
	if b.good == nil {
		return reportData{}, false
	}
	d, ok := b.good.data[year]
	return d, ok
}

func under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

func anyUnder(paths map[string]bool, dir string) bool {
	for p := range paths {
		if under(p, dir) {
			return true
		}
	}
	return false
}

func allUnder(paths map[string]bool, dir string) bool {
	for p := range paths {
		if !under(p, dir) {
			return false
		}
	}
	return len(paths) > 0
}

// change is what a rebuild changed in the served files, as the live-reload
// client needs it: URL paths of the pages to reload, of stylesheets to swap,
// and of other files pages may load.
type change struct {
	Version int      `json:"version"`
	All     bool     `json:"all,omitempty"` // every page may have changed
	Pages   []string `json:"pages"`
	CSS     []string `json:"css"`
	Assets  []string `json:"assets"`
	CSSOnly bool     `json:"cssOnly"`
	// For the terminal: pages added or changed, pages removed, other files
	// added, changed or removed.
	written, removed, other int
}

// diff compares next's files with the served ones byte for byte.
func (b *builder) diff(next *state) *change {
	c := &change{Pages: []string{}, CSS: []string{}, Assets: []string{}}
	var old output.Files
	if b.good == nil {
		c.All = true
	} else {
		old = b.good.files
	}
	note := func(name string, gone bool) {
		switch {
		case path.Ext(name) == ".html":
			c.Pages = append(c.Pages, urlPath(name))
			if gone {
				c.removed++
			} else {
				c.written++
			}
		case path.Ext(name) == ".css":
			c.CSS = append(c.CSS, urlPath(name))
			c.other++
		default:
			c.Assets = append(c.Assets, urlPath(name))
			c.other++
		}
	}
	for name, data := range next.files {
		if prev, ok := old[name]; !ok || !sameBytes(prev, data) {
			note(name, false)
		}
	}
	for name := range old {
		if _, ok := next.files[name]; !ok {
			note(name, true)
		}
	}
	if len(c.Pages)+len(c.CSS)+len(c.Assets) == 0 && !c.All {
		return nil
	}
	slices.Sort(c.Pages)
	slices.Sort(c.CSS)
	slices.Sort(c.Assets)
	c.CSSOnly = len(c.CSS) > 0 && len(c.Pages) == 0 && len(c.Assets) == 0 && !c.All
	return c
}

// sameBytes is bytes.Equal with a shortcut for the common case of the very
// same slice, which an incremental build hands on unchanged.
func sameBytes(a, b []byte) bool {
	if len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0]) {
		return true
	}
	return bytes.Equal(a, b)
}

// urlPath is the URL path an output file is served at: "zh/2019/index.html"
// is "/zh/2019/", "css/site.css" is "/css/site.css".
func urlPath(name string) string {
	return "/" + sitepath.Served(name)
}
