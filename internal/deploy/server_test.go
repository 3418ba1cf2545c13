package deploy

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

// The tests publish to a real S3-protocol server on loopback: versitygw with
// its posix backend, storing into a temporary folder.
const (
	versitygwInstall = "go install github.com/versity/versitygw/cmd/versitygw@v1.7.0"
	testAccessKey    = "almanac-test-access"
	testSecretKey    = "almanac-SECRET-5f1c2e9a7b"
	testBucket       = "almanac-site"
)

// testServer is a running versitygw.
type testServer struct {
	endpoint string // http://127.0.0.1:PORT
	hostport string
	client   *minio.Client // root credentials, path style
	logs     *syncBuffer
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
	msg := "versitygw not found in PATH or $(go env GOPATH)/bin; install it with: " + versitygwInstall
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " (CI=true: not skipping)")
	}
	t.Skip(msg)
	return ""
}

// startServer runs versitygw on a free loopback port with a posix root in
// t.TempDir(), waits until it answers, creates testBucket, and stops the
// server when the test ends. The command is:
//
//	ROOT_ACCESS_KEY=… ROOT_SECRET_KEY=… versitygw --port 127.0.0.1:PORT --quiet posix DIR
func startServer(t *testing.T) *testServer {
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

func tryStart(t *testing.T, bin, root string) (*testServer, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	hostport := l.Addr().String()
	l.Close()

	logs := &syncBuffer{}
	cmd := exec.Command(bin, "--port", hostport, "--quiet", "posix", root)
	cmd.Env = append(os.Environ(), "ROOT_ACCESS_KEY="+testAccessKey, "ROOT_SECRET_KEY="+testSecretKey)
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
		Creds:        credentials.NewStaticV4(testAccessKey, testSecretKey, ""),
		Region:       "us-east-1",
		BucketLookup: minio.BucketLookupPath,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := client.MakeBucket(context.Background(), testBucket, minio.MakeBucketOptions{}); err != nil {
		t.Fatalf("creating bucket: %v", err)
	}
	return &testServer{endpoint: "http://" + hostport, hostport: hostport, client: client, logs: logs}, nil
}

// target is the test bucket under prefix, path style (virtual hosts do not resolve on loopback).
func (s *testServer) target(prefix string) Target {
	tg, err := ParseTarget(fmt.Sprintf("s3://%s/%s?endpoint=%s&region=us-east-1&path-style=true", testBucket, prefix, s.endpoint))
	if err != nil {
		panic(err)
	}
	return tg
}

// remoteObject is what the bucket holds for one key.
type remoteObject struct {
	etag, md5, ctype, cache, encoding string
	size                              int64
}

// objects lists the site in the bucket under prefix with each object's
// headers, leaving out almanac's own objects (lock, releases, history).
func (s *testServer) objects(t *testing.T, prefix string) map[string]remoteObject {
	t.Helper()
	ctx := context.Background()
	out := map[string]remoteObject{}
	for obj := range s.client.ListObjects(ctx, testBucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if obj.Err != nil {
			t.Fatalf("listing: %v", obj.Err)
		}
		if strings.HasPrefix(obj.Key, ReservedDir) || strings.Contains(obj.Key, "/"+ReservedDir) {
			continue
		}
		info, err := s.client.StatObject(ctx, testBucket, obj.Key, minio.StatObjectOptions{})
		if err != nil {
			t.Fatalf("HEAD %s: %v", obj.Key, err)
		}
		var md5 string
		for k, v := range info.UserMetadata {
			if strings.EqualFold(k, MetaMD5) {
				md5 = v
			}
		}
		out[obj.Key] = remoteObject{
			etag:     info.ETag,
			md5:      md5,
			ctype:    info.ContentType,
			cache:    info.Metadata.Get("Cache-Control"),
			encoding: info.Metadata.Get("Content-Encoding"),
			size:     info.Size,
		}
	}
	return out
}

func (s *testServer) put(t *testing.T, key, body string) {
	t.Helper()
	_, err := s.client.PutObject(context.Background(), testBucket, key, strings.NewReader(body), int64(len(body)), minio.PutObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
}
