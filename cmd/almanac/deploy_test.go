package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/xmca/almanac/internal/s3test"
	"github.com/xmca/almanac/internal/sitetest"
)

// TestPublishAndRollBackTheRealReport is what communications staff do,
// through the command line, against a real S3 server: build and publish
// the 2019 report, correct a figure and publish again, list the releases,
// roll back, and find the bucket holding the first build's pages again.
func TestPublishAndRollBackTheRealReport(t *testing.T) {
	srv := s3test.Start(t)
	t.Setenv("AWS_ACCESS_KEY_ID", s3test.AccessKey)
	t.Setenv("AWS_SECRET_ACCESS_KEY", s3test.SecretKey)
	t.Setenv("ALMANAC_PUBLISHER", "宣传科")
	s := site{t, sitetest.Copy(t)}
	target := srv.Target("report")
	page := func() string {
		t.Helper()
		obj, err := srv.Client.GetObject(context.Background(), s3test.Bucket, "report/zh/2019/index.html", minio.GetObjectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		defer obj.Close()
		b, err := io.ReadAll(obj)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	publish := func() string {
		t.Helper()
		if code, _, errs := runCmd("build", "-s", s.dir, "--minify"); code != 0 {
			t.Fatalf("build: %s", errs)
		}
		code, out, errs := runCmd("deploy", "-s", s.dir, "--target", target)
		if code != 0 {
			t.Fatalf("deploy: exit %d %s", code, errs)
		}
		return out
	}
	out := publish()
	first := between(out, "release ", " recorded")
	before := page()
	if !strings.Contains(before, "430万") {
		t.Fatal("the cover does not show the figure this test changes")
	}
	time.Sleep(1100 * time.Millisecond) // release IDs are by the second
	s.replace(figuresF, "value = 4300000", "value = 4310000")
	publish()
	if after := page(); after == before || !strings.Contains(after, "431万") {
		t.Fatal("the second publish did not change the cover")
	}

	code, list, errs := runCmd("deploy", "-s", s.dir, "--target", target, "--list")
	if code != 0 || !strings.Contains(list, first) || !strings.Contains(list, "宣传科") || !strings.Contains(list, "kept for rollback") {
		t.Fatalf("--list: exit %d %s\n%s", code, errs, list)
	}
	code, out, errs = runCmd("deploy", "-s", s.dir, "--rollback", "--target", target)
	if code != 0 {
		t.Fatalf("--rollback: exit %d %s", code, errs)
	}
	if page() != before {
		t.Error("after the rollback the cover is not the first release's")
	}
	if !strings.Contains(out, "purge these from the CDN") || !strings.Contains(out, "  /zh/2019/\n") {
		t.Errorf("the rollback prints no purge list with the cover:\n%s", out)
	}
}

func between(s, a, b string) string {
	_, rest, _ := strings.Cut(s, a)
	v, _, _ := strings.Cut(rest, b)
	return v
}

// TestDeployWithoutCredentials: the message names "deploy" once and each
// missing variable, in the editor's language through and through.
func TestDeployWithoutCredentials(t *testing.T) {
	dir := sitetest.Copy(t)
	out := filepath.Join(t.TempDir(), "public")
	if _, code := almanacIn(t, nil, "build", "-s", dir, "-o", out); code != 0 {
		t.Fatal("the real site does not build")
	}
	env := []string{"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_SESSION_TOKEN="}
	for _, tt := range []struct {
		locale, want string
	}{
		{"LANG=C", "almanac: deploy: no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment"},
		{"LANG=zh_CN.UTF-8", "almanac：发布：没有访问凭据：请在环境变量中设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（"},
	} {
		got, code := almanacIn(t, append(env, tt.locale), "deploy", "-s", dir, "--source", out, "--dry-run", "--target", "s3://bucket/report/")
		if code == 0 || !strings.Contains(got, tt.want) {
			t.Errorf("%s: exit %d, want %q in:\n%s", tt.locale, code, tt.want, got)
		}
	}
}
