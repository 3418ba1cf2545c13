package serve

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// roots are the paths of a site folder that a build reads; nothing else is
// watched, kept or served.
var roots = []string{"site.toml", "content", "layouts", "static"}

// relevant reports whether a slash path relative to the site folder is one
// a build reads.
func relevant(p string) bool {
	if p == "." {
		return true
	}
	for _, r := range roots {
		if p == r || strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}

// editorTemp reports names editors write while saving and delete right
// after (vim swap files and its 4913 probe, backup files, Emacs locks and
// autosaves, JetBrains' safe-write files). They never start a rebuild and
// the snapshot leaves them out, so a build never trips over one that is
// there for a millisecond.
func editorTemp(name string) bool {
	switch {
	case name == "4913",
		strings.HasSuffix(name, "~"),
		strings.HasPrefix(name, ".#"),
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(name, "___jb_tmp___"), strings.HasSuffix(name, "___jb_old___"):
		return true
	}
	switch path.Ext(name) {
	case ".swp", ".swo", ".swn", ".swx":
		return true
	}
	return false
}

// snapshot is the site's source files in memory, as the disk held them when
// they were last read. Every rebuild reads the snapshot rather than the
// disk, so a rebuild after one save reads one file again, not the whole
// site: the watcher names what to read again (refresh).
//
// It is an fs.FS that answers the way the disk FS (an os.Root, which
// refuses links leading out of the site) answered when each path was read,
// errors included, so a build of the snapshot is a build of the disk. Paths
// it does not hold are passed to the disk. Only the builder goroutine uses
// a snapshot: it is not safe for concurrent use, and must not change while
// a build reads it. Byte slices it returns are shared with the snapshot and
// with the caches of earlier builds; nothing in almanac writes to the bytes
// it reads.
type snapshot struct {
	disk  fs.FS
	nodes map[string]*node // by slash path; "." is the site folder
}

type node struct {
	dir      bool
	mode     fs.FileMode   // type bits, as the parent folder's listing gave them
	data     []byte        // a file's contents
	err      error         // why the file could not be read or the folder listed
	children []fs.DirEntry // a folder's entries by name, editor temp files left out
}

func newSnapshot(disk fs.FS) *snapshot {
	s := &snapshot{disk: disk, nodes: map[string]*node{}}
	s.scan(".", fs.ModeDir)
	return s
}

// scan reads p (a folder with everything in it, or a file) from the disk
// into the snapshot. mode is p's type as its parent listed it.
func (s *snapshot) scan(p string, mode fs.FileMode) {
	if !mode.IsDir() {
		data, err := fs.ReadFile(s.disk, p)
		s.nodes[p] = &node{mode: mode.Type(), data: data, err: err}
		return
	}
	entries, err := fs.ReadDir(s.disk, p)
	n := &node{dir: true, mode: fs.ModeDir, err: err}
	for _, e := range entries {
		child := path.Join(p, e.Name())
		if editorTemp(e.Name()) || !relevant(child) {
			continue
		}
		n.children = append(n.children, e)
	}
	s.nodes[p] = n
	for _, e := range n.children {
		s.scan(path.Join(p, e.Name()), e.Type())
	}
}

// remove drops p and everything under it.
func (s *snapshot) remove(p string) {
	n := s.nodes[p]
	if n == nil {
		return
	}
	delete(s.nodes, p)
	for _, e := range n.children {
		s.remove(path.Join(p, e.Name()))
	}
}

// record adds p and every path under it to out, as they are now, keeping
// what out already holds.
func (s *snapshot) record(p string, out map[string]*node) {
	n := s.nodes[p]
	if n == nil {
		return
	}
	if _, ok := out[p]; !ok {
		out[p] = n
	}
	for _, e := range n.children {
		s.record(path.Join(p, e.Name()), out)
	}
}

// refresh reads the given paths again and returns the paths whose
// contents, existence or kind changed, sorted (a folder only when it came,
// went or could not be read). "." reads the whole site again (after the
// watcher lost events).
//
// A file the snapshot holds that can still be read is simply read again:
// names that appear or go away have events of their own. Anything else
// (a new name, a name gone, a folder) has its folder listed again.
func (s *snapshot) refresh(paths []string) []string {
	var again []string // paths to read again, parents first
	seen := map[string]bool{}
	var add func(p string)
	add = func(p string) {
		if seen[p] {
			return
		}
		// A path whose folder the snapshot does not hold as a folder is
		// read with that folder.
		if p != "." {
			if parent := s.nodes[path.Dir(p)]; parent == nil || !parent.dir {
				add(path.Dir(p))
				return
			}
		}
		seen[p] = true
		again = append(again, p)
	}
	for _, p := range paths {
		if relevant(p) && !editorTemp(path.Base(p)) {
			add(p)
		}
	}
	slices.SortStableFunc(again, func(a, b string) int { return strings.Count(a, "/") - strings.Count(b, "/") })

	before := map[string]*node{} // every node replaced or dropped, as it was
	relisted := map[string]bool{}
	done := map[string]bool{} // paths read again, with everything under them
	for _, p := range again {
		if done[p] || covered(done, p) {
			continue
		}
		if p == "." {
			s.record(".", before)
			s.remove(".")
			s.scan(".", fs.ModeDir)
			done["."] = true
			continue
		}
		if n := s.nodes[p]; n != nil && !n.dir {
			if data, err := fs.ReadFile(s.disk, p); err == nil {
				s.record(p, before)
				s.nodes[p] = &node{mode: n.mode, data: data}
				done[p] = true
				continue
			}
		}
		if dir := path.Dir(p); !relisted[dir] {
			relisted[dir] = true
			s.record(dir, before)
			s.relist(dir, done)
		}
		if done[p] {
			continue
		}
		if n := s.nodes[p]; n != nil {
			s.record(p, before)
			s.remove(p)
			s.scan(p, n.mode)
		}
		done[p] = true
	}
	after := map[string]*node{}
	for p := range before {
		s.record(p, after)
	}
	for p := range done {
		s.record(p, after)
	}
	var changed []string
	for p, old := range before {
		n := after[p]
		if n != nil && old.dir && n.dir && sameErr(old.err, n.err) {
			// A folder whose listing changed: what changed in it is listed.
			continue
		}
		if n == nil || !sameNode(old, n) {
			changed = append(changed, p)
		}
	}
	for p := range after {
		if before[p] == nil {
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	return slices.Compact(changed)
}

// covered reports whether an ancestor of p was read again in full.
func covered(done map[string]bool, p string) bool {
	for p != "." {
		p = path.Dir(p)
		if done[p] && p != "." {
			return true
		}
	}
	return done["."]
}

// relist reads folder dir's listing again: entries that went away are
// dropped, new ones and ones that changed kind are read (and marked done).
func (s *snapshot) relist(dir string, done map[string]bool) {
	entries, err := fs.ReadDir(s.disk, dir)
	n := s.nodes[dir]
	old := map[string]fs.DirEntry{}
	for _, e := range n.children {
		old[e.Name()] = e
	}
	var children []fs.DirEntry
	for _, e := range entries {
		child := path.Join(dir, e.Name())
		if editorTemp(e.Name()) || !relevant(child) {
			continue
		}
		children = append(children, e)
		if prev, ok := old[e.Name()]; ok && prev.Type() == e.Type() {
			delete(old, e.Name())
			continue
		}
		delete(old, e.Name())
		s.remove(child)
		s.scan(child, e.Type())
		done[child] = true
	}
	for name := range old {
		s.remove(path.Join(dir, name))
		done[path.Join(dir, name)] = true
	}
	s.nodes[dir] = &node{dir: true, mode: fs.ModeDir, err: err, children: children}
}

func sameNode(a, b *node) bool {
	if a.dir != b.dir || a.mode != b.mode || !sameErr(a.err, b.err) {
		return false
	}
	if a.dir {
		return slices.EqualFunc(a.children, b.children, func(x, y fs.DirEntry) bool {
			return x.Name() == y.Name() && x.Type() == y.Type()
		})
	}
	return bytes.Equal(a.data, b.data)
}

func sameErr(a, b error) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Error() == b.Error()
}

// The fs.FS methods.

func (s *snapshot) lookup(op, name string) (*node, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return s.nodes[name], nil
}

func (s *snapshot) Open(name string) (fs.File, error) {
	n, err := s.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return s.disk.Open(name)
	}
	if n.err != nil {
		return nil, n.err
	}
	return &openNode{name: name, n: n, r: bytes.NewReader(n.data)}, nil
}

func (s *snapshot) ReadFile(name string) ([]byte, error) {
	n, err := s.lookup("open", name)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return fs.ReadFile(s.disk, name)
	}
	if n.err != nil {
		return nil, n.err
	}
	if n.dir {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return n.data[:len(n.data):len(n.data)], nil
}

func (s *snapshot) ReadDir(name string) ([]fs.DirEntry, error) {
	n, err := s.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return fs.ReadDir(s.disk, name)
	}
	if !n.dir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	return slices.Clone(n.children), n.err
}

func (s *snapshot) Stat(name string) (fs.FileInfo, error) {
	n, err := s.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	if n == nil {
		return fs.Stat(s.disk, name)
	}
	if n.err != nil && !n.dir {
		return nil, n.err
	}
	return info{name: path.Base(name), n: n}, nil
}

type info struct {
	name string
	n    *node
}

func (i info) Name() string { return i.name }
func (i info) Size() int64  { return int64(len(i.n.data)) }
func (i info) Mode() fs.FileMode {
	if i.n.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.n.dir }
func (i info) Sys() any           { return nil }

type openNode struct {
	name string
	n    *node
	r    *bytes.Reader
	off  int // ReadDir position
}

func (f *openNode) Stat() (fs.FileInfo, error) { return info{name: path.Base(f.name), n: f.n}, nil }
func (f *openNode) Read(b []byte) (int, error) {
	if f.n.dir {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: errors.New("is a directory")}
	}
	return f.r.Read(b)
}
func (f *openNode) Close() error { return nil }

func (f *openNode) ReadDir(count int) ([]fs.DirEntry, error) {
	if !f.n.dir {
		return nil, &fs.PathError{Op: "readdir", Path: f.name, Err: errors.New("not a directory")}
	}
	rest := f.n.children[f.off:]
	if count > 0 {
		if len(rest) == 0 {
			return nil, io.EOF
		}
		rest = rest[:min(count, len(rest))]
	}
	f.off += len(rest)
	return slices.Clone(rest), nil
}

var (
	_ fs.ReadFileFS = (*snapshot)(nil)
	_ fs.ReadDirFS  = (*snapshot)(nil)
	_ fs.StatFS     = (*snapshot)(nil)
)
