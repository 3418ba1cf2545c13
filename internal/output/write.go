package output

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"syscall"
)

// Write puts files into dir atomically: everything is written to a new
// folder beside dir, and only when all of it is on disk is that folder
// swapped in for dir. A build that fails at any point leaves dir exactly as
// it was. siteDir is the site's own folder, which Write refuses to replace.
//
// When ctx ends first (Ctrl+C), Write stops, removes the new folder and
// returns an error wrapping ctx's: dir is left as it was, and no
// half-written folder stays behind in the site.
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
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("cannot create the output folder %s: %w (choose another output folder with -o, or check its permissions)", parent, unwrapPath(err))
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".new-")
	if err != nil {
		return fmt.Errorf("cannot write to %s: %w (choose another output folder with -o, or check its permissions)", parent, err)
	}
	if err := os.WriteFile(filepath.Join(tmp, Marker), []byte(markerText), 0o644); err != nil {
		os.RemoveAll(tmp)
		return writeFailed(abs, []error{err})
	}
	if err := writeAll(ctx, tmp, abs, files); err != nil {
		os.RemoveAll(tmp)
		if ctx.Err() != nil {
			return interrupted(dir, ctx.Err())
		}
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	// The last moment to stop: once the swap starts, it finishes.
	if err := ctx.Err(); err != nil {
		os.RemoveAll(tmp)
		return interrupted(dir, err)
	}
	return swap(tmp, abs)
}

// swap replaces dir with tmp. Two renames leave a moment with no dir, but
// never a dir that is half old and half new.
func swap(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("cannot replace %s: %w", dir, err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		os.RemoveAll(tmp)
		return fmt.Errorf("cannot replace %s: %w", dir, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
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

// writeAll writes files under dir on all cores, creating folders first so
// the writers never race on them. It stops early when ctx ends. out is the
// output folder dir will become, which is what a failure names.
func writeAll(ctx context.Context, dir, out string, files Files) error {
	names := make([]string, 0, len(files))
	dirs := map[string]bool{}
	for name := range files {
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return fmt.Errorf("refusing to write %q outside the output folder", name)
		}
		names = append(names, name)
		dirs[filepath.Dir(filepath.Join(dir, filepath.FromSlash(name)))] = true
	}
	sort.Strings(names)
	for d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return writeFailed(out, []error{err})
		}
	}
	var mu sync.Mutex
	var errs []error
	next := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for name := range next {
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), files[name], 0o644); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		})
	}
	stopped := ctx.Err()
	for _, name := range names {
		if stopped = ctx.Err(); stopped != nil {
			break
		}
		next <- name
	}
	close(next)
	wg.Wait()
	if stopped != nil {
		return stopped
	}
	return writeFailed(out, errs)
}

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
