package main

import (
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/sitetest"
)

// TestByteOrderMarkIsAccepted: a section saved by Notepad starts with a
// UTF-8 byte order mark; build and check read it like any other.
func TestByteOrderMarkIsAccepted(t *testing.T) {
	s := site{t, sitetest.Copy(t)}
	s.write(zhSection, "\xef\xbb\xbf"+s.read(zhSection))
	code, _, errs := runCmd("build", "-s", s.dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page := s.read("public/zh/2019/three-social-linkage/index.html")
	if !strings.Contains(page, "<title>扎实推进“三社联动” 创新基层社会治理") || strings.Contains(page, "\ufeff") {
		t.Error("the page lost its title or shows the mark")
	}
	if code, out, _ := runCmd("check", "-s", s.dir); code != 0 || strings.Contains(out, zhSection) {
		t.Errorf("check: exit %d\n%s", code, out)
	}
}

// TestDeploySourceMustBeABuild is deploy --source . in the site folder:
// refused before any connection, so the sources and drafts never leave.
func TestDeploySourceMustBeABuild(t *testing.T) {
	dir := sitetest.Copy(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "id")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret-key")
	for _, src := range []string{dir, dir + "/content"} {
		code, _, errs := runCmd("deploy", "-s", dir, "--source", src, "--target", "s3://bucket/report?endpoint=http://127.0.0.1:1&path-style=true")
		if code != 1 || !strings.Contains(errs, "not a folder almanac build wrote") {
			t.Errorf("--source %s: exit %d, %s", src, code, errs)
		}
	}
}

// TestDeployRollbackTakesAnID: the release ID may come before other
// options; anything else stray is a usage error.
func TestDeployRollbackTakesAnID(t *testing.T) {
	dir := sitetest.Copy(t)
	t.Setenv("AWS_ACCESS_KEY_ID", "id")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret-key")
	target := "s3://bucket/report?endpoint=http://127.0.0.1:1&path-style=true"
	code, _, errs := runCmd("deploy", "-s", dir, "--rollback", "20261207-093012", "--target", target)
	if code != 1 || strings.Contains(errs, "unexpected argument") {
		t.Errorf("--rollback ID --target: exit %d, %s; want it to try the bucket", code, errs)
	}
	for _, args := range [][]string{{"--rollback", "a", "b"}, {"--list", "x"}, {"--list", "--rollback"}} {
		if code, _, _ := runCmd(append([]string{"deploy", "-s", dir, "--target", target}, args...)...); code != 2 {
			t.Errorf("deploy %v: exit %d, want 2", args, code)
		}
	}
}
