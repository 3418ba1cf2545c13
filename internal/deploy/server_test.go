package deploy

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7"

	"github.com/xmca/almanac/internal/s3test"
)

// The tests publish to a real S3-protocol server (internal/s3test).
const (
	testAccessKey = s3test.AccessKey
	testSecretKey = s3test.SecretKey
	testBucket    = s3test.Bucket
)

// testServer is a running versitygw.
type testServer struct {
	endpoint string // http://127.0.0.1:PORT
	hostport string
	client   *minio.Client // root credentials, path style
}

func startServer(t *testing.T) *testServer {
	t.Helper()
	s := s3test.Start(t)
	return &testServer{endpoint: s.Endpoint, hostport: s.HostPort, client: s.Client}
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
