package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/xmca/almanac/internal/parallel"
)

// Write puts files into dir so that a build which fails or is interrupted
// leaves dir exactly as it was. The files that differ from what dir holds
// are first written to a staging folder inside it; only when all of them
// are on disk are they moved into place and what the build no longer has
// is removed. siteDir is the site's own folder, which Write refuses to
// replace.
//
// A file whose bytes are already in dir is not written again: rebuilding a
// large site then costs reads instead of thousands of new folders and
// files, which is most of its build's time on disk.
//
// When ctx ends before the files are moved (Ctrl+C), Write removes what it
// staged and returns an error wrapping ctx's: dir is left as it was. A move
// that fails leaves the staging folder in place, so that Unfinished (and
// deploy) knows the folder is part new, part old until a build finishes.
func Write(ctx context.Context, dir, siteDir string, files Files) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if abs, err = resolve(abs); err != nil {
		return err
	}
	if err := refuseDangerous(abs, siteDir); err != nil {
		return err
	}
	names, err := sortedNames(files)
	if err != nil {
		return err
	}
	created, err := makeFolder(abs)
	if err != nil {
		return err
	}
	p := newPlan(abs, names)
	if err := p.survey(); err != nil {
		return p.abandon(created, writeFailed(abs, []error{err}))
	}
	if err := os.Mkdir(p.staging, 0o700); err != nil {
		return p.abandon(created, writeFailed(abs, []error{err}))
	}
	if err := p.stage(ctx, files); err != nil {
		if ctx.Err() != nil {
			err = interrupted(dir, ctx.Err())
		}
		return p.abandon(created, err)
	}
	// The last moment to stop: once files move into place, all of them do.
	if err := ctx.Err(); err != nil {
		return p.abandon(created, interrupted(dir, err))
	}
	return p.commit()
}

// sortedNames are the files' paths in order, refusing any that would land
// outside the output folder.
func sortedNames(files Files) ([]string, error) {
	names := make([]string, 0, len(files))
	for name := range files {
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return nil, fmt.Errorf("refusing to write %q outside the output folder", name)
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names, nil
}

// makeFolder creates dir when it is missing, reporting whether it did, so
// that a failed build can take it away again.
func makeFolder(dir string) (created bool, err error) {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return false, fmt.Errorf("cannot create the output folder %s: %w (choose another output folder with -o, or check its permissions)", filepath.Dir(dir), unwrapPath(err))
	}
	err = os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cannot write to %s: %w (choose another output folder with -o, or check its permissions)", filepath.Dir(dir), unwrapPath(err))
	}
	return true, nil
}

// plan is one Write: what the folder holds, what is staged, what moves.
type plan struct {
	dir, staging string
	names        []string        // the new files, sorted
	folders      map[string]bool // every folder the new files are in
	present      map[string]bool // the new files' paths that hold a regular file now
	stale        []string        // files and folders the new build does not have
	hasMarker    bool
	moves        []int // indexes in names of the staged files
}

func newPlan(dir string, names []string) *plan {
	p := &plan{dir: dir, names: names, folders: map[string]bool{}, present: map[string]bool{},
		staging: filepath.Join(dir, stagingPrefix+strconv.FormatInt(time.Now().UnixNano(), 36))}
	for _, name := range names {
		for d := path.Dir(name); d != "." && !p.folders[d]; d = path.Dir(d) {
			p.folders[d] = true
		}
	}
	return p
}

// survey walks what dir holds now, noting the new files already there and
// everything the new build does not have (a folder whole).
func (p *plan) survey() error {
	wanted := make(map[string]bool, len(p.names))
	for _, name := range p.names {
		wanted[name] = true
	}
	return fs.WalkDir(os.DirFS(p.dir), ".", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case name == ".":
		case name == Marker && d.Type().IsRegular():
			p.hasMarker = true
		case d.IsDir() && p.folders[name]:
		case wanted[name] && d.Type().IsRegular():
			p.present[name] = true
		default:
			p.stale = append(p.stale, name)
			if d.IsDir() {
				return fs.SkipDir
			}
		}
		return nil
	})
}

// stage writes the files that differ from what dir holds into the staging
// folder, on all cores, stopping early when ctx ends.
func (p *plan) stage(ctx context.Context, files Files) error {
	var (
		mu    sync.Mutex
		errs  []error
		moved = make([]bool, len(p.names))
	)
	parallel.Each(len(p.names), func(i int) {
		name := p.names[i]
		if ctx.Err() != nil || p.present[name] && sameBytes(filepath.Join(p.dir, filepath.FromSlash(name)), files[name]) {
			return
		}
		if err := os.WriteFile(p.stagedFile(i), files[name], 0o644); err != nil {
			mu.Lock()
			errs = append(errs, err)
			mu.Unlock()
		}
		moved[i] = true
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	for i, m := range moved {
		if m {
			p.moves = append(p.moves, i)
		}
	}
	return writeFailed(p.dir, errs)
}

func (p *plan) stagedFile(i int) string { return filepath.Join(p.staging, strconv.Itoa(i)) }

// sameBytes reports whether the file at name holds exactly b.
func sameBytes(name string, b []byte) bool {
	old, err := os.ReadFile(name)
	return err == nil && bytes.Equal(old, b)
}

// commit removes what the new build does not have, makes its new folders
// and moves the staged files into place. The staging folder goes last, and
// only when every step worked: while it is there, the folder may hold new
// files beside old ones, and Unfinished says so.
func (p *plan) commit() error {
	var errs []error
	note := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	for _, name := range p.stale {
		note(os.RemoveAll(filepath.Join(p.dir, filepath.FromSlash(name))))
	}
	for _, d := range slices.Sorted(maps.Keys(p.folders)) { // a folder before those inside it
		if err := os.Mkdir(filepath.Join(p.dir, filepath.FromSlash(d)), 0o755); !errors.Is(err, fs.ErrExist) {
			note(err)
		}
	}
	for _, i := range p.moves {
		note(os.Rename(p.stagedFile(i), filepath.Join(p.dir, filepath.FromSlash(p.names[i]))))
	}
	if !p.hasMarker {
		note(os.WriteFile(filepath.Join(p.dir, Marker), []byte(markerText), 0o644))
	}
	if len(errs) == 0 {
		note(os.RemoveAll(p.staging))
	}
	if len(errs) > 0 {
		return &WriteError{Msg: fmt.Sprintf("the build could not finish replacing %s: %v; check the folder's permissions and free space, and build again", p.dir, unwrapPath(errs[0])), Err: errs[0]}
	}
	return nil
}

// abandon takes away what Write staged, and the output folder itself when
// Write created it, and returns err.
func (p *plan) abandon(created bool, err error) error {
	os.RemoveAll(p.staging)
	if created {
		os.Remove(p.dir)
	}
	return err
}

// interrupted is Write's error when ctx ended before the swap.
func interrupted(dir string, cause error) error { return &interruptedError{dir, cause} }

// interruptedError says what an interruption left, which is all a person
// needs; it still unwraps to ctx's error for callers.
type interruptedError struct {
	dir   string
	cause error
}

func (e *interruptedError) Error() string {
	return "interrupted before the new output was complete; " + e.dir + " is unchanged"
}

func (e *interruptedError) Unwrap() error { return e.cause }

// writeFailed is one line for any number of failed writes: a full disk
// fails every file at once, and the temporary paths mean nothing to a
// person, so it names the output folder and the cause, once.
func writeFailed(out string, errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	for _, err := range errs {
		if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
			return &WriteError{Msg: fmt.Sprintf("the disk is full: cannot write the site into %s; free some space on that disk (or choose an output folder on another disk with -o) and build again; %s is unchanged", out, out), Err: err}
		}
	}
	more := ""
	if len(errs) > 1 {
		more = fmt.Sprintf(" (and %d more files)", len(errs)-1)
	}
	return &WriteError{Msg: fmt.Sprintf("cannot write the site into %s: %v%s; check the folder's permissions and free space, or choose another output folder with -o; %s is unchanged", out, unwrapPath(errs[0]), more, out), Err: errs[0]}
}

// WriteError is a failed write explained in one line. It unwraps to the
// first cause, for errors.Is.
type WriteError struct {
	Msg string
	Err error
}

func (e *WriteError) Error() string { return e.Msg }
func (e *WriteError) Unwrap() error { return e.Err }

// unwrapPath leaves out the operation and path of a *fs.PathError, which the
// message around it already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
