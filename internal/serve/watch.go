package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watcher reports which paths of the site changed, in batches: a save is
// often several events (write the file, or write a temporary file and
// rename it over the old one), and a batch holds everything that happened
// until the files were left alone for settle, or for at most maxWait. The
// builder reads the next batch only when it is ready for it, so events that
// arrive during a rebuild make one batch, not one rebuild each.
type watcher struct {
	dir     string // the site folder, absolute
	settle  time.Duration
	maxWait time.Duration
	poll    time.Duration // >0: scan the folder this often instead of using OS events
	logf    func(format string, args ...any)

	raw     chan string   // changed paths, as slash paths relative to dir
	batches chan []string // what the builder reads
	done    chan struct{}
	fsw     *fsnotify.Watcher
}

func newWatcher(dir string, settle, poll time.Duration, logf func(string, ...any)) (*watcher, error) {
	w := &watcher{dir: dir, settle: settle, maxWait: max(20*settle, 500*time.Millisecond), poll: poll, logf: logf,
		raw: make(chan string, 256), batches: make(chan []string), done: make(chan struct{})}
	if poll > 0 {
		go w.pollLoop(w.scanStamps())
	} else {
		fsw, err := fsnotify.NewWatcher()
		if err != nil {
			return nil, fmt.Errorf("cannot watch the site folder for changes: %w (try --poll)", err)
		}
		w.fsw = fsw
		if err := fsw.Add(dir); err != nil {
			fsw.Close()
			return nil, fmt.Errorf("cannot watch %s: %w (try --poll)", dir, err)
		}
		for _, r := range roots[1:] {
			w.addTree(r)
		}
		go w.eventLoop()
	}
	go w.coalesce()
	return w, nil
}

func (w *watcher) close() {
	close(w.done)
	if w.fsw != nil {
		w.fsw.Close()
	}
}

// rel turns an absolute event path into a slash path relative to the
// site folder; ok is false for paths a build does not read.
func (w *watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.dir, name)
	if err != nil || !filepath.IsLocal(r) {
		return "", false
	}
	p := filepath.ToSlash(r)
	return p, relevant(p) && p != "." && !editorTemp(path.Base(p))
}

// addTree watches folder p (relative) and every folder under it. Links
// are not followed: a build does not follow them either.
func (w *watcher) addTree(p string) {
	root := filepath.Join(w.dir, filepath.FromSlash(p))
	filepath.WalkDir(root, func(abs string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if editorTemp(d.Name()) {
			return fs.SkipDir
		}
		if err := w.fsw.Add(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
			w.logf("cannot watch %s: %v; changes in it will not show until restart (or use --poll)", abs, err)
		}
		return nil
	})
}

func (w *watcher) eventLoop() {
	for {
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			p, ok := w.rel(ev.Name)
			if !ok {
				continue
			}
			// A new folder: watch it, and everything already made in it
			// (files written before the watch began are found when the
			// snapshot reads the folder).
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					w.addTree(p)
				}
			}
			w.send(p)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.send(".") // events were lost: read everything again
				continue
			}
			w.logf("watching for changes: %v", err)
		case <-w.done:
			return
		}
	}
}

func (w *watcher) send(p string) {
	select {
	case w.raw <- p:
	case <-w.done:
	}
}

// stamp is what polling compares: a change of any field is a change.
type stamp struct {
	mod  time.Time
	size int64
	mode fs.FileMode
}

func (w *watcher) scanStamps() map[string]stamp {
	out := map[string]stamp{}
	for _, r := range roots {
		filepath.WalkDir(filepath.Join(w.dir, r), func(abs string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if editorTemp(d.Name()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return nil
			}
			p, _ := filepath.Rel(w.dir, abs)
			out[filepath.ToSlash(p)] = stamp{fi.ModTime(), fi.Size(), fi.Mode()}
			return nil
		})
	}
	return out
}

// pollLoop finds changes by comparing each file's time, size and mode
// with the previous scan, for folders where OS events do not arrive
// (network drives, some containers).
func (w *watcher) pollLoop(prev map[string]stamp) {
	t := time.NewTicker(w.poll)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-w.done:
			return
		}
		cur := w.scanStamps()
		for p, st := range cur {
			if old, ok := prev[p]; !ok || old != st {
				w.send(p)
			}
		}
		for p := range prev {
			if _, ok := cur[p]; !ok {
				w.send(p)
			}
		}
		prev = cur
	}
}

// coalesce gathers raw paths into batches for the builder.
func (w *watcher) coalesce() {
	pending := map[string]bool{}
	var settle, deadline <-chan time.Time
	var out chan []string // nil until a batch is ready
	var batch []string
	for {
		select {
		case p := <-w.raw:
			if deadline == nil {
				deadline = time.After(w.maxWait)
			}
			pending[p] = true
			settle = time.After(w.settle)
			out, batch = nil, nil
		case <-settle:
			settle, deadline = nil, nil
			out, batch = w.batches, slices.Sorted(maps.Keys(pending))
		case <-deadline:
			settle, deadline = nil, nil
			out, batch = w.batches, slices.Sorted(maps.Keys(pending))
		case out <- batch:
			clear(pending)
			out, batch = nil, nil
		case <-w.done:
			return
		}
	}
}
