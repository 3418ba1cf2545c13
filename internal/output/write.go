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
	"strings"
	"sync"
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
	if err := writeAll(ctx, tmp, files); err != nil {
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

// refuseDangerous stops a build from replacing the site itself (or a folder
// holding it) with its output: -o . must never delete the report.
func refuseDangerous(out, siteDir string) error {
	site, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(out, site)
	if err == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
		return fmt.Errorf("the output folder %s holds the site itself and would be replaced by the build; choose a folder of its own, such as public", out)
	}
	for _, name := range []string{"site.toml", "content", ".git"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			return fmt.Errorf("the output folder %s contains %s, so it is not a build output; choose a folder of its own, such as public", out, name)
		}
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
// the writers never race on them. It stops early when ctx ends.
func writeAll(ctx context.Context, dir string, files Files) error {
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
			return fmt.Errorf("cannot create %s: %w", d, err)
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
	return errors.Join(errs...)
}

// unwrapPath leaves out the operation and path of a *fs.PathError, which the
// message around it already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
