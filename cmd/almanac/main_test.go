package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xmca/almanac/internal/deploy"
	"github.com/xmca/almanac/internal/sitetest"
)

// treeHash fingerprints every file name and content under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			lines = append(lines, fmt.Sprintf("%s %x", p, sha256.Sum256(b)))
		}
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestBuildWritesSite(t *testing.T) {
	dir := sitetest.Copy(t)
	code, out, errs := runCmd("build", "-s", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "built") {
		t.Errorf("no summary line: %q", out)
	}
	for _, name := range []string{"index.html", "zh/2019/three-social-linkage/index.html", "en/2019/highlights/index.html"} {
		if _, err := os.Stat(filepath.Join(dir, "public", name)); err != nil {
			t.Error(err)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.new-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary folders left behind: %v", leftovers)
	}
}

// TestFailedBuildLeavesOutputAlone breaks each kind of input after a good
// build and checks the message and that public/ is byte for byte unchanged.
func TestFailedBuildLeavesOutputAlone(t *testing.T) {
	breaks := []struct {
		name, file, old, new, want string
	}{
		{"figures syntax", "content/2019/figures.toml", "[defaults]", "[defaults", "content/2019/figures.toml:"},
		{"unknown figure", "content/2019/01-three-social-linkage.en.md", "{{social-organizations}}", "{{social-organisations}}", "content/2019/01-three-social-linkage.en.md:"},
		{"front matter", "content/2019/02-highlights.zh.md", "title =", "title ==", "content/2019/02-highlights.zh.md:"},
		{"layout", "layouts/cover.html", "{{.Page.Title}}", "{{.Page.Title", "layouts/cover.html:"},
	}
	for _, b := range breaks {
		t.Run(b.name, func(t *testing.T) {
			dir := sitetest.Copy(t)
			if code, _, errs := runCmd("build", "-s", dir); code != 0 {
				t.Fatalf("first build failed: %s", errs)
			}
			before := treeHash(t, filepath.Join(dir, "public"))
			path := filepath.Join(dir, filepath.FromSlash(b.file))
			src, _ := os.ReadFile(path)
			if !bytes.Contains(src, []byte(b.old)) {
				t.Fatalf("%s no longer contains %q", b.file, b.old)
			}
			os.WriteFile(path, bytes.Replace(src, []byte(b.old), []byte(b.new), 1), 0o644)
			code, _, errs := runCmd("build", "-s", dir)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(errs, b.want) || strings.Contains(errs, "goroutine") || strings.Contains(errs, "panic") {
				t.Errorf("stderr should name %s and hold no stack trace:\n%s", b.want, errs)
			}
			if after := treeHash(t, filepath.Join(dir, "public")); after != before {
				t.Error("public/ changed after a failed build")
			}
		})
	}
}

func TestBuildRefusesToReplaceTheSite(t *testing.T) {
	dir := sitetest.Copy(t)
	code, _, errs := runCmd("build", "-s", dir, "-o", dir)
	if code != 1 || !strings.Contains(errs, "holds the site itself") {
		t.Errorf("exit %d, stderr %q; want a refusal", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "2019", "figures.toml")); err != nil {
		t.Fatal("the site was damaged:", err)
	}
}

// TestBuildRefusesSiteFolders is -o pointed at the report's own folders and
// at a folder of Word files beside the site: each is refused, exit 1, and
// not one byte of the site or the Word file changes.
func TestBuildRefusesSiteFolders(t *testing.T) {
	dir := sitetest.Copy(t)
	docs := filepath.Join(t.TempDir(), "docs")
	os.Mkdir(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "草稿.docx"), []byte("PK word"), 0o644)
	before := treeHash(t, dir)
	for _, out := range []string{"content", "content/2019", "layouts", "static", "static/new", docs} {
		if !filepath.IsAbs(out) {
			out = filepath.Join(dir, out)
		}
		code, stdout, errs := runCmd("build", "-s", dir, "-o", out)
		if code != 1 || !strings.Contains(errs, "choose") || strings.Contains(stdout, "built") {
			t.Errorf("-o %s: exit %d, stdout %q, stderr %q; want a refusal", out, code, stdout, errs)
		}
	}
	if treeHash(t, dir) != before {
		t.Error("the site changed")
	}
	if b, _ := os.ReadFile(filepath.Join(docs, "草稿.docx")); string(b) != "PK word" {
		t.Error("the Word file beside the site was lost")
	}
}

func TestBuildUnwritableOutput(t *testing.T) {
	if os.Geteuid() == 0 {
		// root writes anywhere; use a path under a file instead.
		dir := sitetest.Copy(t)
		os.WriteFile(filepath.Join(dir, "blocker"), nil, 0o644)
		code, _, errs := runCmd("build", "-s", dir, "-o", filepath.Join(dir, "blocker", "public"))
		if code != 1 || !strings.Contains(errs, "blocker") {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
		return
	}
	dir := sitetest.Copy(t)
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o555)
	code, _, errs := runCmd("build", "-s", dir, "-o", filepath.Join(ro, "public"))
	if code != 1 || !strings.Contains(errs, "cannot write") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"build", "--no-such-flag"}, {"build", "extra"}, {"frobnicate"}, {}} {
		code, _, errs := runCmd(args...)
		if code != 2 || errs == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errs)
		}
	}
}

func TestDeployRefusesNegativeMaxDeletes(t *testing.T) {
	code, _, errs := runCmd("deploy", "-s", sitetest.Copy(t), "--max-deletes", "-1")
	if code != 2 || !strings.Contains(errs, "cannot be negative") {
		t.Errorf("exit %d, stderr %q; want a usage error", code, errs)
	}
}

func TestDeployNeedsTargetAndCredentials(t *testing.T) {
	dir := sitetest.Copy(t)
	code, _, errs := runCmd("deploy", "-s", dir)
	if code != 1 || !strings.Contains(errs, "--target") {
		t.Errorf("without a target: exit %d, stderr %q", code, errs)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", "")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "")
	code, _, errs = runCmd("deploy", "-s", dir, "--target", "s3://bucket/site?endpoint=http://127.0.0.1:1&path-style=true")
	if code != 1 || !strings.Contains(errs, "AWS_SECRET_ACCESS_KEY") || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
		t.Errorf("without credentials: exit %d, stderr %q; want one line naming the variables", code, errs)
	}
}

func TestBuildForAnotherAddress(t *testing.T) {
	dir := sitetest.Copy(t)
	if code, _, errs := runCmd("build", "-s", dir, "--base-url", "http://localhost:8000/"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "public", "zh", "2019", "index.html"))
	if !bytes.Contains(page, []byte(`href="http://localhost:8000/zh/2019/"`)) || !bytes.Contains(page, []byte(`href="/css/site.css"`)) {
		t.Error("pages should link under the given address")
	}
	if code, _, errs := runCmd("build", "-s", dir, "--base-url", "localhost:8000"); code != 2 || !strings.Contains(errs, "full address") {
		t.Errorf("a bare host: exit %d, stderr %q", code, errs)
	}
}

func TestHelpIsNotAnError(t *testing.T) {
	for _, cmd := range []string{"build", "serve", "check", "deploy", "new"} {
		code, _, errs := runCmd(cmd, "-h")
		if code != 0 || !strings.Contains(errs, "-s folder") {
			t.Errorf("%s -h: exit %d, stderr %q; want the options and exit 0", cmd, code, errs)
		}
	}
}

// TestInterruptContextEndsOnSIGTERM: a container's stop or a service
// manager sends SIGTERM, not Ctrl+C; build, serve and deploy must get to
// clean up on it too.
func TestInterruptContextEndsOnSIGTERM(t *testing.T) {
	ctx, stop := interruptContext()
	defer stop()
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGTERM did not end the context")
	}
}

// TestBreakLockNeedsConfirmation: without a terminal to ask on, --break-lock
// refuses unless --yes was given.
func TestBreakLockNeedsConfirmation(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w.WriteString("yes\n")
	w.Close()
	stdin := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = stdin }()
	var out, errb bytes.Buffer
	held := deploy.Lock{Holder: "王编辑", Since: time.Now(), Until: time.Now().Add(time.Hour)}
	if confirmBreak(false, &out, &errb)(held) {
		t.Error("took over a lock with no terminal to confirm on")
	}
	if !strings.Contains(errb.String(), "--yes") {
		t.Errorf("the refusal does not say how to confirm in a script: %q", errb.String())
	}
	if !confirmBreak(true, &out, &errb)(held) {
		t.Error("--yes did not confirm")
	}
}
