package content

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"sync"
)

// Cache remembers what a Load made, for the next Load of the same site: the
// Source of each file, keyed by file and exact bytes, and each report
// folder, keyed by its listing and the exact bytes of every file in it. A
// Source or Report is read-only once made, so successive Loads may share
// it. Only what loaded without a problem is kept; entries the last
// successful Load did not use are dropped, so the cache never holds more
// than the site. The zero Cache is ready to use; a nil *Cache caches
// nothing.
type Cache struct {
	mu      sync.Mutex
	files   map[string]cachedSource
	reports map[string]*cachedReport // by folder
	used    map[string]bool
}

type cachedReport struct {
	opt     string            // the Options it was read with
	entries []fs.DirEntry     // the folder's listing
	srcs    map[string][]byte // every file's bytes, by name
	report  *Report           // nil for a year left out (draft covers)
}

func optionsKey(opt Options) string {
	return fmt.Sprint(opt.Langs, opt.Drafts)
}

// folder reads dir's listing and the bytes of every file in it; ok is
// false if anything could not be read.
func folder(fsys fs.FS, dir string) (entries []fs.DirEntry, srcs map[string][]byte, ok bool) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, nil, false
	}
	srcs = map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() || ignored(e.Name()) {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, nil, false
		}
		srcs[e.Name()] = b
	}
	return entries, srcs, true
}

// report returns the cached report of dir if nothing in the folder changed.
func (c *Cache) report(fsys fs.FS, dir string, opt Options) (*Report, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	e := c.reports[dir]
	c.mu.Unlock()
	if e == nil || e.opt != optionsKey(opt) {
		return nil, false
	}
	entries, srcs, ok := folder(fsys, dir)
	if !ok || len(entries) != len(e.entries) || len(srcs) != len(e.srcs) {
		return nil, false
	}
	for i, d := range entries {
		if d.Name() != e.entries[i].Name() || d.IsDir() != e.entries[i].IsDir() {
			return nil, false
		}
	}
	for name, b := range srcs {
		if old, ok := e.srcs[name]; !ok || !bytes.Equal(old, b) {
			return nil, false
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used[dir] = true
	for name := range srcs {
		c.used[path.Join(dir, name)] = true // keep the files' own entries too
	}
	return e.report, true
}

func (c *Cache) putReport(fsys fs.FS, dir string, opt Options, r *Report) {
	if c == nil {
		return
	}
	entries, srcs, ok := folder(fsys, dir)
	if !ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reports == nil {
		c.reports = map[string]*cachedReport{}
	}
	c.reports[dir] = &cachedReport{opt: optionsKey(opt), entries: entries, srcs: srcs, report: r}
	c.used[dir] = true
}

type cachedSource struct {
	src []byte // the whole file as read
	out *Source
}

func (c *Cache) begin() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.used = map[string]bool{}
}

// end drops what the Load that just succeeded did not use.
func (c *Cache) end() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	maps.DeleteFunc(c.files, func(key string, _ cachedSource) bool { return !c.used[key] })
	maps.DeleteFunc(c.reports, func(key string, _ *cachedReport) bool { return !c.used[key] })
}

func (c *Cache) get(file string, src []byte) *Source {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.files[file]
	if !ok || !bytes.Equal(e.src, src) {
		return nil
	}
	c.used[file] = true
	return e.out
}

func (c *Cache) put(file string, src []byte, out *Source) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.files == nil {
		c.files = map[string]cachedSource{}
	}
	if c.used == nil {
		c.used = map[string]bool{}
	}
	c.files[file] = cachedSource{src: src, out: out}
	c.used[file] = true
}
