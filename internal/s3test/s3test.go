// Package s3test runs a real S3-protocol server for tests: versitygw with
// its posix backend on loopback, storing into a temporary folder, with one
// bucket made. Deploy tests publish to it; command tests run almanac deploy
// against it.
package s3test

import (
	"bytes"
	"context"
	"fmt"
	"go/build"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// The server's root credentials and its bucket.
const (
	VersitygwInstall = "go install github.com/versity/versitygw/cmd/versitygw@v1.7.0"
	AccessKey        = "almanac-test-access"
	SecretKey        = "almanac-SECRET-5f1c2e9a7b"
	Bucket           = "almanac-site"
)

// Server is a running versitygw.
type Server struct {
	Endpoint string        // http://127.0.0.1:PORT
	HostPort string        // 127.0.0.1:PORT
	Client   *minio.Client // root credentials, path style
	logs     *syncBuffer
}

// Target is the deploy target URL of the bucket under prefix, path style
// (virtual hosts do not resolve on loopback).
func (s *Server) Target(prefix string) string {
	return fmt.Sprintf("s3://%s/%s?endpoint=%s&region=us-east-1&path-style=true", Bucket, prefix, s.Endpoint)
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// findVersitygw looks in PATH, then in $(go env GOPATH)/bin. When it is
// missing the test is skipped, except under CI=true, where it fails so CI
// cannot pass by skipping.
func findVersitygw(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("versitygw"); err == nil {
		return p
	}
	var dirs []string
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		dirs = append(dirs, filepath.SplitList(strings.TrimSpace(string(out)))...)
	}
	dirs = append(dirs, filepath.SplitList(build.Default.GOPATH)...)
	for _, d := range dirs {
		p := filepath.Join(d, "bin", "versitygw")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	msg := "versitygw not found in PATH or $(go env GOPATH)/bin; install it with: " + VersitygwInstall
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true: not skipping)")
	}
	t.Skip(msg)
	return ""
}

// Start runs versitygw on a free loopback port with a posix root in
// t.TempDir(), waits until it answers, creates Bucket, and stops the
// server when the test ends. The command is:
//
//	ROOT_ACCESS_KEY=… ROOT_SECRET_KEY=… versitygw --port 127.0.0.1:PORT --quiet posix DIR
func Start(t *testing.T) *Server {
	t.Helper()
	bin := findVersitygw(t)
	root := t.TempDir()
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		s, err := tryStart(t, bin, root)
		if err == nil {
			return s
		}
		lastErr = err
	}
	t.Fatalf("starting versitygw: %v", lastErr)
	return nil
}

func tryStart(t *testing.T, bin, root string) (*Server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hostport := l.Addr().String()
	l.Close()

	logs := &syncBuffer{}
	cmd := exec.Command(bin, "--port", hostport, "--quiet", "posix", root)
	cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+AccessKey, "ROOT_SECRET_KEY="+SecretKey)
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stop := func() {
		cmd.Process.Kill()
		<-exited
	}

	// Wait until it answers HTTP (any status: unsigned requests get 403).
	deadline := time.Now().Add(15 * time.Second)
	for {
		select {
		case <-exited:
			return nil, fmt.Errorf("versitygw exited: %s", logs.String())
		default:
		}
		resp, err := http.Get("http://" + hostport + "/")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			stop()
			return nil, fmt.Errorf("versitygw did not answer on %s within 15s: %v; output: %s", hostport, err, logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			t.Logf("versitygw output:\n%s", logs.String())
		}
	})

	client, err := minio.New(hostport, &minio.Options{
		Creds:        credentials.NewStaticV4(AccessKey, SecretKey, ""),
		Region:       "us-east-1",
		BucketLookup: minio.BucketLookupPath,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.MakeBucket(context.Background(), Bucket, minio.MakeBucketOptions{}); err != nil {
		t.Fatalf("creating bucket: %v", err)
	}
	return &Server{Endpoint: "http://" + hostport, HostPort: hostport, Client: client, logs: logs}, nil
}
