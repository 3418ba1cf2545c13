package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Marker is the file Write puts in every output folder. A folder holding it
// is almanac's own and may be replaced by the next build; any other folder
// with something in it is refused, so a mistyped -o can never delete a
// report, a layout or a Word file beside the site.
const Marker = ".almanac-output"

// stagingPrefix begins the name of the folder inside the output where Write
// stages a build's changed files before moving them into place.
const stagingPrefix = ".almanac-staging-"

// Unfinished names the staging folder a build left in dir, or "" when there
// is none. One is left while a build writes, and after a build that stopped
// while moving its files into place (a crash, a power cut, a failed move):
// dir may then hold new pages beside old ones, and is not fit to publish
// until a build finishes. The next build removes it.
func Unfinished(dir string) string {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), stagingPrefix) {
			return e.Name()
		}
	}
	return ""
}

// markerText says what the marker is to whoever opens it.
const markerText = "This folder is written by almanac build, which replaces all of it on each build.\n" +
	"Do not keep your own files here: they would be deleted.\n"

// siteFolders are the folders of a site that hold its sources; no output
// may be written into them or into a folder inside them.
var siteFolders = []string{"content", "layouts", "static"}

// IsOutput reports whether dir is a folder almanac build wrote.
func IsOutput(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, Marker))
	return err == nil && st.Mode().IsRegular()
}

// Check says whether Write would refuse dir, without writing anything, so
// a build can refuse before it spends time building.
func Check(dir, siteDir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if abs, err = resolve(abs); err != nil {
		return err
	}
	return refuseDangerous(abs, siteDir)
}

// resolve follows dir when it is a symbolic link, so the build replaces the
// link's target and the link stays as it was.
func resolve(abs string) (string, error) {
	st, err := os.Lstat(abs)
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		return abs, nil
	}
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		dest, _ := os.Readlink(abs)
		return "", fmt.Errorf("the output folder %s is a link to %s, which does not exist; create that folder, or choose another output folder with -o", abs, dest)
	}
	return target, nil
}

// refuseDangerous stops a build from replacing anything but an empty or
// missing folder or a previous output: never the site, a folder holding
// it, one of its source folders or a folder inside them, nor a folder of
// someone else's files.
func refuseDangerous(out, siteDir string) error {
	site, err := filepath.Abs(siteDir)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(site); err == nil {
		site = real
	}
	if within(site, out) {
		return fmt.Errorf("the output folder %s holds the site itself and would be replaced by the build; choose a folder of its own, such as public", out)
	}
	for _, name := range siteFolders {
		if within(out, filepath.Join(site, name)) {
			return fmt.Errorf("the output folder %s is the site's %s/ folder or inside it, and the build would replace what is there; choose a folder of its own, such as public", out, name)
		}
	}
	entries, err := os.ReadDir(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) && errors.Is(pe.Err, fs.ErrPermission) {
			return fmt.Errorf("cannot read the output folder %s: permission denied (choose another output folder with -o, or check its permissions)", out)
		}
		return fmt.Errorf("cannot use the output folder %s: %w; choose another output folder with -o", out, unwrapPath(err))
	case len(entries) == 0 || IsOutput(out):
		return nil
	}
	return fmt.Errorf("the output folder %s already holds files (such as %s) that almanac did not write, and the build would delete them; choose an empty or new folder with -o, or move those files away first (a folder almanac wrote has a %s file in it)",
		out, entries[0].Name(), Marker)
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && (rel == "." || rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)))
}
