package deploy

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
)

// testSite is a small built site: 27 files, of which the precompressed
// siblings, _headers and _redirects are not uploaded.
func testSite() map[string]string {
	page := func(lang, title string) string {
		return `<!doctype html><html lang="` + lang + `"><head><link rel="stylesheet" href="/css/site.3f9a2c1b.css"><title>` + title + `</title></head><body><h1>` + title + `</h1></body></html>`
	}
	return map[string]string{
		"index.html":         page("zh", "厦门市民政事业发展报告"),
		"404.html":           page("en", "Not found"),
		"zh/index.html":      page("zh", "首页"),
		"en/index.html":      page("en", "Home"),
		"zh/2019/index.html": page("zh", "2019年报告"),
		"en/2019/index.html": page("en", "2019 report"),
		"zh/2019/three-social-linkage/index.html": page("zh", "三社联动"),
		"en/2019/three-social-linkage/index.html": page("en", "Three social linkage"),
		"zh/2019/figures.csv":                     "key,value\nsocial-organizations,5964\n",
		"zh/2019/figures.json":                    `{"social-organizations":5964}`,
		"en/2019/figures.csv":                     "key,value\nsocial-organizations,5964\n",
		"css/site.3f9a2c1b.css":                   "body{font-family:sans-serif}" + strings.Repeat("p{margin:0}", 50),
		"css/site.3f9a2c1b.css.gz":                "precompressed sibling",
		"css/site.3f9a2c1b.css.br":                "precompressed sibling",
		"js/app.0a1b2c3d.js":                      "console.log('almanac')",
		"img/logo.svg":                            `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"img/photo.9e8d7c6b.png":                  "\x89PNG\r\n\x1a\nnot really",
		"img/cover.webp":                          "RIFF....WEBP",
		"fonts/noto.1234abcd.woff2":               "wOF2",
		"favicon.ico":                             "\x00\x00\x01\x00",
		"site.webmanifest":                        `{"name":"almanac"}`,
		"zh/2019/print/report.pdf":                "%PDF-1.7",
		"report.20191231.pdf":                     "%PDF-1.7 dated",
		"data/archive.csv.gz":                     "\x1f\x8bstandalone",
		"sitemap.xml":                             `<?xml version="1.0"?><urlset/>`,
		"robots.txt":                              "Sitemap: /sitemap.xml\n",
		"_headers":                                "/*\n  X-Frame-Options: DENY\n",
		"_redirects":                              "/old /new 301\n",
	}
}

// uploadedKeys are the files of testSite a deploy uploads.
func uploadedKeys(files map[string]string) []string {
	var keys []string
	for rel := range files {
		if rel == "_headers" || rel == "_redirects" {
			continue
		}
		if (strings.HasSuffix(rel, ".gz") || strings.HasSuffix(rel, ".br")) && files[rel[:len(rel)-3]] != "" {
			continue
		}
		keys = append(keys, rel)
	}
	sort.Strings(keys)
	return keys
}

// run deploys and checks that neither the output nor the error holds the secret key.
func run(t *testing.T, opt Options) (Summary, string, error) {
	t.Helper()
	var out bytes.Buffer
	opt.Out = &out
	sum, err := Run(context.Background(), opt)
	checkNoSecret(t, out.String(), err)
	return sum, out.String(), err
}

func checkNoSecret(t *testing.T, out string, err error) {
	t.Helper()
	for _, s := range []string{out, errText(err)} {
		if strings.Contains(s, testSecretKey) || strings.Contains(s, "wrong-"+testSecretKey) {
			t.Errorf("the secret key appears in the output: %q", s)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func setCreds(t *testing.T) {
	t.Setenv(EnvAccessKey, testAccessKey)
	t.Setenv(EnvSecretKey, testSecretKey)
	t.Setenv(EnvSessionToken, "")
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkMatches fails unless the bucket under prefix holds exactly the files to upload, with their MD5s.
func checkMatches(t *testing.T, srv *testServer, prefix string, files map[string]string) {
	t.Helper()
	got := srv.objects(t, prefix)
	want := uploadedKeys(files)
	var gotKeys []string
	for _, k := range sortedKeys(got) {
		gotKeys = append(gotKeys, strings.TrimPrefix(k, prefix))
	}
	if strings.Join(gotKeys, "\n") != strings.Join(want, "\n") {
		t.Fatalf("bucket under %q holds\n%s\nwant\n%s", prefix, strings.Join(gotKeys, "\n"), strings.Join(want, "\n"))
	}
	for _, rel := range want {
		o := got[prefix+rel]
		if o.md5 != md5hex(files[rel]) {
			t.Errorf("%s: stored md5 %q, want %q", rel, o.md5, md5hex(files[rel]))
		}
	}
}

func TestDeploy(t *testing.T) {
	srv := startServer(t)
	setCreds(t)
	const prefix = "report/"
	srv.put(t, "other/keep.txt", "outside the prefix: never touched")
	srv.put(t, "report-old/index.html", "shares the prefix's first letters but is outside it")

	src := t.TempDir()
	files := testSite()
	writeFiles(t, src, files)
	opt := Options{Source: src, Target: srv.target("report"), Workers: 4, MaxDeletes: 100}
	keys := uploadedKeys(files)

	t.Run("first deploy uploads everything with the right headers", func(t *testing.T) {
		var mu sync.Mutex
		var order []string
		opt := opt
		opt.afterUpload = func(key string) { mu.Lock(); order = append(order, key); mu.Unlock() }
		sum, out, err := run(t, opt)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Uploaded != len(keys) || sum.Unchanged != 0 || sum.Deleted != 0 {
			t.Errorf("summary %+v, want %d uploaded", sum, len(keys))
		}
		var total int64
		for _, k := range keys {
			total += int64(len(files[k]))
		}
		if sum.Bytes != total {
			t.Errorf("Bytes = %d, want %d", sum.Bytes, total)
		}
		checkMatches(t, srv, prefix, files)

		objs := srv.objects(t, prefix)
		for key, want := range map[string][2]string{
			"index.html":                {"text/html; charset=utf-8", "no-cache"},
			"zh/2019/index.html":        {"text/html; charset=utf-8", "no-cache"},
			"css/site.3f9a2c1b.css":     {"text/css; charset=utf-8", "public, max-age=31536000, immutable"},
			"js/app.0a1b2c3d.js":        {"text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
			"img/photo.9e8d7c6b.png":    {"image/png", "public, max-age=31536000, immutable"},
			"fonts/noto.1234abcd.woff2": {"font/woff2", "public, max-age=31536000, immutable"},
			"img/logo.svg":              {"image/svg+xml", "public, max-age=3600"},
			"img/cover.webp":            {"image/webp", "public, max-age=3600"},
			"zh/2019/figures.csv":       {"text/csv; charset=utf-8", "public, max-age=3600"},
			"zh/2019/figures.json":      {"application/json", "public, max-age=3600"},
			"zh/2019/print/report.pdf":  {"application/pdf", "public, max-age=3600"},
			"report.20191231.pdf":       {"application/pdf", "public, max-age=3600"},
			"favicon.ico":               {"image/x-icon", "public, max-age=3600"},
			"site.webmanifest":          {"application/manifest+json", "public, max-age=3600"},
			"sitemap.xml":               {"application/xml; charset=utf-8", "public, max-age=3600"},
			"robots.txt":                {"text/plain; charset=utf-8", "public, max-age=3600"},
			"data/archive.csv.gz":       {"application/gzip", "public, max-age=3600"},
		} {
			o, ok := objs[prefix+key]
			if !ok {
				t.Errorf("%s not uploaded", key)
				continue
			}
			if o.ctype != want[0] || o.cache != want[1] || o.encoding != "" {
				t.Errorf("%s: Content-Type %q, Cache-Control %q, Content-Encoding %q; want %q, %q, none", key, o.ctype, o.cache, o.encoding, want[0], want[1])
			}
		}
		// Every object gets both headers.
		for key, o := range objs {
			if o.ctype == "" || o.cache == "" {
				t.Errorf("%s: Content-Type %q, Cache-Control %q", key, o.ctype, o.cache)
			}
		}

		// Assets first, then pages, then the sitemap and robots.txt.
		last := phaseAssets
		for _, key := range order {
			ph := phaseOf(strings.TrimPrefix(key, prefix))
			if ph < last {
				t.Errorf("upload order: %s (%v) after a %v upload: %q", key, ph, last, order)
				break
			}
			last = ph
		}

		for _, u := range []string{"/", "/zh/2019/", "/zh/2019/three-social-linkage/", "/404.html", "/css/site.3f9a2c1b.css", "/sitemap.xml"} {
			if !slices.Contains(sum.Changed, u) {
				t.Errorf("Changed lacks %s: %q", u, sum.Changed)
			}
		}
		if len(sum.Changed) != len(keys) {
			t.Errorf("Changed has %d URLs, want %d", len(sum.Changed), len(keys))
		}
		if !strings.Contains(out, "/zh/2019/\n") || !strings.Contains(out, strconv.Itoa(len(keys))+" uploaded") {
			t.Errorf("output lacks the summary or the changed URLs:\n%s", out)
		}
		if srv.objects(t, "other/")["other/keep.txt"].size == 0 || len(srv.objects(t, "report-old/")) != 1 {
			t.Errorf("objects outside the prefix were touched")
		}
	})

	t.Run("second deploy uploads nothing", func(t *testing.T) {
		sum, _, err := run(t, opt)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Uploaded != 0 || sum.Unchanged != len(keys) || sum.Bytes != 0 || len(sum.Changed) != 0 {
			t.Errorf("summary %+v, want nothing uploaded and %d unchanged", sum, len(keys))
		}
	})

	t.Run("an edit uploads only the changed objects", func(t *testing.T) {
		before := srv.objects(t, prefix)
		files["zh/2019/index.html"] += "<!-- edited -->"
		files["zh/2019/figures.csv"] += "foundations,35\n"
		delete(files, "css/site.3f9a2c1b.css")
		delete(files, "css/site.3f9a2c1b.css.gz")
		delete(files, "css/site.3f9a2c1b.css.br")
		files["css/site.77aa00ff.css"] = "body{font-family:serif}"
		os.RemoveAll(filepath.Join(src, "css"))
		writeFiles(t, src, files)

		sum, _, err := run(t, opt)
		if err != nil {
			t.Fatal(err)
		}
		wantChanged := []string{"/css/site.77aa00ff.css", "/zh/2019/", "/zh/2019/figures.csv"}
		if sum.Uploaded != 3 || sum.Unchanged != len(keys)-3 || sum.Extra != 1 || strings.Join(sum.Changed, " ") != strings.Join(wantChanged, " ") {
			t.Errorf("summary %+v, want 3 uploaded (%q), 1 extra", sum, wantChanged)
		}
		after := srv.objects(t, prefix)
		for key, o := range before {
			rel := strings.TrimPrefix(key, prefix)
			if rel == "zh/2019/index.html" || rel == "zh/2019/figures.csv" {
				continue
			}
			if after[key].etag != o.etag {
				t.Errorf("%s changed though its file did not", key)
			}
		}
		// Without --prune the old stylesheet stays.
		if _, ok := after[prefix+"css/site.3f9a2c1b.css"]; !ok {
			t.Errorf("old stylesheet deleted without --prune")
		}
	})

	t.Run("dry run changes nothing", func(t *testing.T) {
		before := srv.objects(t, prefix)
		files["en/2019/index.html"] += "<!-- dry -->"
		writeFiles(t, src, files)
		dry := opt
		dry.DryRun, dry.Prune = true, true
		sum, out, err := run(t, dry)
		if err != nil {
			t.Fatal(err)
		}
		if !sum.DryRun || sum.Uploaded != 1 || sum.Deleted != 1 || strings.Join(sum.Changed, " ") != "/css/site.3f9a2c1b.css /en/2019/" {
			t.Errorf("summary %+v, want 1 to upload, 1 to delete", sum)
		}
		for _, want := range []string{"upload  report/en/2019/index.html", "delete  report/css/site.3f9a2c1b.css", "nothing was changed"} {
			if !strings.Contains(out, want) {
				t.Errorf("dry run output lacks %q:\n%s", want, out)
			}
		}
		after := srv.objects(t, prefix)
		if len(after) != len(before) {
			t.Fatalf("dry run changed the bucket: %d objects before, %d after", len(before), len(after))
		}
		for key, o := range before {
			if after[key] != o {
				t.Errorf("dry run changed %s", key)
			}
		}
	})

	t.Run("prune respects the cap", func(t *testing.T) {
		for _, rel := range []string{"img/cover.webp", "favicon.ico", "report.20191231.pdf"} {
			delete(files, rel)
			os.Remove(filepath.Join(src, filepath.FromSlash(rel)))
		}
		// now 4 objects are not in the source: the old stylesheet and these three.
		before := srv.objects(t, prefix)
		capped := opt
		capped.Prune, capped.MaxDeletes = true, 0
		if _, _, err := run(t, capped); err == nil || !strings.Contains(err.Error(), "refusing to delete 4 objects") {
			t.Fatalf("--max-deletes 0: err = %v, want a refusal", err)
		}
		capped.MaxDeletes = -1
		if _, _, err := run(t, capped); err == nil || !strings.Contains(err.Error(), "cannot be negative") {
			t.Fatalf("--max-deletes -1: err = %v, want an error", err)
		}
		capped.MaxDeletes = 3
		sum, _, err := run(t, capped)
		if err == nil || !strings.Contains(err.Error(), "refusing to delete 4 objects") || !strings.Contains(err.Error(), "--max-deletes 3") {
			t.Fatalf("over the cap: err = %v", err)
		}
		if sum.Uploaded != 0 || sum.Deleted != 0 {
			t.Errorf("over the cap: summary %+v, want nothing done", sum)
		}
		after := srv.objects(t, prefix)
		if len(after) != len(before) || after[prefix+"en/2019/index.html"] != before[prefix+"en/2019/index.html"] {
			t.Errorf("a deploy over the delete cap changed the bucket")
		}

		capped.MaxDeletes = 4
		sum, out, err := run(t, capped)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Deleted != 4 || sum.Uploaded != 1 {
			t.Errorf("summary %+v, want 4 deleted, 1 uploaded", sum)
		}
		for _, u := range []string{"/img/cover.webp", "/favicon.ico", "/css/site.3f9a2c1b.css", "/en/2019/"} {
			if !slices.Contains(sum.Changed, u) {
				t.Errorf("Changed lacks %s: %q", u, sum.Changed)
			}
		}
		if !strings.Contains(out, "4 deleted") {
			t.Errorf("output lacks the deletions:\n%s", out)
		}
		checkMatches(t, srv, prefix, files)
		if len(srv.objects(t, "other/")) != 1 || len(srv.objects(t, "report-old/")) != 1 {
			t.Errorf("prune deleted objects outside the prefix")
		}
	})

	t.Run("default cap is 100", func(t *testing.T) {
		extra := map[string]string{}
		for i := range 101 {
			extra[prefix+"stale/"+strings.Repeat("x", i%7+1)+"-"+strconv.Itoa(i)+".txt"] = "stale"
		}
		for k, v := range extra {
			srv.put(t, k, v)
		}
		p := opt
		p.Prune = true
		_, _, err := run(t, p)
		if err == nil || !strings.Contains(err.Error(), "more than --max-deletes 100") {
			t.Fatalf("101 deletes with the default cap: err = %v", err)
		}
		p.MaxDeletes = 101
		p.listPage = 7 // the listing comes in many pages
		sum, _, err := run(t, p)
		if err != nil || sum.Deleted != 101 {
			t.Fatalf("raised cap: summary %+v, err %v", sum, err)
		}
		checkMatches(t, srv, prefix, files)
	})
}

func TestInterruptedDeployConverges(t *testing.T) {
	srv := startServer(t)
	setCreds(t)
	src := t.TempDir()
	files := testSite()
	writeFiles(t, src, files)
	const prefix = "site/"
	keys := uploadedKeys(files)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n int
	var mu sync.Mutex
	var out bytes.Buffer
	opt := Options{Source: src, Target: srv.target("site"), Workers: 2, Out: &out}
	opt.afterUpload = func(string) {
		mu.Lock()
		defer mu.Unlock()
		if n++; n == 5 {
			cancel()
		}
	}
	sum, err := Run(ctx, opt)
	checkNoSecret(t, out.String(), err)
	if err == nil || !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "run it again") {
		t.Fatalf("cancelled deploy: err = %v", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error is more than one line: %q", err)
	}
	got := srv.objects(t, prefix)
	// Uploads in flight when the context was cancelled may or may not have landed.
	if sum.Uploaded < 5 || len(got) < sum.Uploaded || len(got) >= len(keys) {
		t.Fatalf("after cancelling at 5 uploads: %d objects in the bucket, summary %+v", len(got), sum)
	}

	opt.afterUpload = nil
	sum, _, err = run(t, opt)
	if err != nil {
		t.Fatal(err)
	}
	// (An upload cut off by the cancel may still land on the server after the listing above.)
	if sum.Uploaded+sum.Unchanged != len(keys) || sum.Unchanged < len(got) || sum.Uploaded == 0 {
		t.Errorf("re-run: summary %+v, want the %d missing objects uploaded and %d unchanged", sum, len(keys)-len(got), len(got))
	}
	checkMatches(t, srv, prefix, files)
	sum, _, err = run(t, opt)
	if err != nil || sum.Uploaded != 0 {
		t.Errorf("third run: summary %+v, err %v; want nothing uploaded", sum, err)
	}
}

func TestGzipText(t *testing.T) {
	srv := startServer(t)
	setCreds(t)
	src := t.TempDir()
	files := testSite()
	writeFiles(t, src, files)
	const prefix = "gz/"
	opt := Options{Source: src, Target: srv.target("gz"), GzipText: true}
	keys := uploadedKeys(files)

	if _, _, err := run(t, opt); err != nil {
		t.Fatal(err)
	}
	objs := srv.objects(t, prefix)
	for _, rel := range keys {
		o := objs[prefix+rel]
		wantGzip := isText(rel)
		if (o.encoding == "gzip") != wantGzip {
			t.Errorf("%s: Content-Encoding %q, want gzip: %v", rel, o.encoding, wantGzip)
		}
		if o.md5 != md5hex(files[rel]) {
			t.Errorf("%s: stored md5 %q is not the MD5 of the file", rel, o.md5)
		}
	}
	if objs[prefix+"zh/2019/index.html"].ctype != "text/html; charset=utf-8" || objs[prefix+"img/photo.9e8d7c6b.png"].encoding != "" {
		t.Errorf("headers of gzip-encoded objects are wrong: %+v", objs[prefix+"zh/2019/index.html"])
	}
	// The stored bytes are the gzipped file.
	obj, err := srv.client.GetObject(context.Background(), testBucket, prefix+"css/site.3f9a2c1b.css", minio.GetObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(obj)
	if err != nil {
		t.Fatal(err)
	}
	if zr, err := gzip.NewReader(bytes.NewReader(raw)); err == nil {
		raw, _ = io.ReadAll(zr)
	}
	if string(raw) != files["css/site.3f9a2c1b.css"] {
		t.Errorf("stored CSS does not decode to the file")
	}

	sum, _, err := run(t, opt)
	if err != nil || sum.Uploaded != 0 {
		t.Errorf("second gzip run: summary %+v, err %v; want nothing uploaded", sum, err)
	}

	// Turning the option off re-uploads the text objects plain, and only them.
	opt.GzipText = false
	sum, _, err = run(t, opt)
	if err != nil {
		t.Fatal(err)
	}
	var text int
	for _, rel := range keys {
		if isText(rel) {
			text++
		}
	}
	if sum.Uploaded != text || sum.Unchanged != len(keys)-text {
		t.Errorf("gzip off: summary %+v, want %d text objects uploaded", sum, text)
	}
	for key, o := range srv.objects(t, prefix) {
		if o.encoding != "" {
			t.Errorf("%s still gzip-encoded", key)
		}
	}
}

func TestMultipartComparesByStoredMD5(t *testing.T) {
	srv := startServer(t)
	setCreds(t)
	src := t.TempDir()
	big := make([]byte, 6<<20)
	rand.Read(big)
	files := map[string]string{"index.html": "<p>print edition</p>", "zh/2019/print/report.pdf": string(big)}
	writeFiles(t, src, files)
	opt := Options{Source: src, Target: srv.target("mp"), partSize: 5 << 20}
	if _, _, err := run(t, opt); err != nil {
		t.Fatal(err)
	}
	o := srv.objects(t, "mp/")["mp/zh/2019/print/report.pdf"]
	if !strings.Contains(o.etag, "-") {
		t.Logf("ETag %q is not a multipart ETag; the server may normalise it", o.etag)
	}
	if o.md5 != md5hex(files["zh/2019/print/report.pdf"]) || o.size != int64(len(big)) {
		t.Fatalf("multipart object: %+v", o)
	}
	sum, _, err := run(t, opt)
	if err != nil || sum.Uploaded != 0 || sum.Unchanged != 2 {
		t.Errorf("second run: summary %+v, err %v; want nothing uploaded", sum, err)
	}
	// A changed byte is noticed even though the ETag is not an MD5.
	big[100] ^= 0xff
	files["zh/2019/print/report.pdf"] = string(big)
	writeFiles(t, src, files)
	sum, _, err = run(t, opt)
	if err != nil || sum.Uploaded != 1 || strings.Join(sum.Changed, " ") != "/zh/2019/print/report.pdf" {
		t.Errorf("after an edit: summary %+v, err %v; want the PDF uploaded", sum, err)
	}
}

func TestCheckHeaders(t *testing.T) {
	srv := startServer(t)
	setCreds(t)
	src := t.TempDir()
	files := map[string]string{"index.html": "<p>x</p>", "css/site.3f9a2c1b.css": "body{}", "a.csv": "a,b\n"}
	writeFiles(t, src, files)
	// The same bytes uploaded earlier by another tool, with wrong headers.
	for key, ctype := range map[string]string{"h/index.html": "text/plain", "h/css/site.3f9a2c1b.css": "text/css"} {
		body := files[strings.TrimPrefix(key, "h/")]
		_, err := srv.client.PutObject(context.Background(), testBucket, key, strings.NewReader(body), int64(len(body)), minio.PutObjectOptions{ContentType: ctype, CacheControl: "max-age=60"})
		if err != nil {
			t.Fatal(err)
		}
	}
	opt := Options{Source: src, Target: srv.target("h")}

	// By default a matching ETag is enough: no HEAD per object.
	sum, _, err := run(t, opt)
	if err != nil || sum.Uploaded != 1 || sum.Unchanged != 2 {
		t.Fatalf("summary %+v, err %v; want the new a.csv uploaded, 2 unchanged", sum, err)
	}

	// CheckHeaders reads them and replaces the two with wrong headers.
	opt.CheckHeaders, opt.DryRun = true, true
	_, out, err := run(t, opt)
	if err != nil || !strings.Contains(out, "upload  h/index.html  (headers") {
		t.Fatalf("dry run with CheckHeaders: err %v, output:\n%s", err, out)
	}
	opt.DryRun = false
	sum, _, err = run(t, opt)
	if err != nil || sum.Uploaded != 2 || sum.Unchanged != 1 {
		t.Fatalf("CheckHeaders: summary %+v, err %v; want 2 uploaded", sum, err)
	}
	objs := srv.objects(t, "h/")
	if o := objs["h/index.html"]; o.ctype != "text/html; charset=utf-8" || o.cache != CacheHTML {
		t.Errorf("index.html headers not repaired: %+v", o)
	}
	if o := objs["h/css/site.3f9a2c1b.css"]; o.cache != CacheImmutable || o.md5 != md5hex(files["css/site.3f9a2c1b.css"]) {
		t.Errorf("stylesheet headers not repaired: %+v", o)
	}
	sum, _, err = run(t, opt)
	if err != nil || sum.Uploaded != 0 || sum.Unchanged != 3 {
		t.Errorf("second CheckHeaders run: summary %+v, err %v; want nothing uploaded", sum, err)
	}
}

func TestErrors(t *testing.T) {
	srv := startServer(t)
	src := t.TempDir()
	writeFiles(t, src, testSite())
	good := Options{Source: src, Target: srv.target("e")}

	cases := []struct {
		name   string
		env    map[string]string
		target func() Target
		want   []string
	}{
		{name: "missing credentials", env: map[string]string{EnvAccessKey: "", EnvSecretKey: ""},
			want: []string{"AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"}},
		{name: "missing secret", env: map[string]string{EnvAccessKey: testAccessKey, EnvSecretKey: ""},
			want: []string{"set AWS_SECRET_ACCESS_KEY"}},
		{name: "wrong secret key", env: map[string]string{EnvAccessKey: testAccessKey, EnvSecretKey: "wrong-" + testSecretKey},
			want: []string{"AWS_SECRET_ACCESS_KEY"}},
		{name: "unknown access key", env: map[string]string{EnvAccessKey: "nobody-" + testAccessKey, EnvSecretKey: testSecretKey},
			want: []string{"AWS_ACCESS_KEY_ID"}},
		{name: "no such bucket", target: func() Target { tg := srv.target("e"); tg.Bucket = "no-such-bucket"; return tg },
			want: []string{`bucket "no-such-bucket" does not exist`}},
		{name: "nothing listening", target: func() Target { tg := srv.target("e"); tg.Endpoint = closedPort(t); return tg },
			want: []string{"connection refused", "endpoint="}},
		{name: "https to an http server", target: func() Target { tg := srv.target("e"); tg.Secure = true; return tg },
			want: []string{"https", "endpoint="}},
		{name: "virtual-hosted style on an IP", target: func() Target { tg := srv.target("e"); tg.PathStyle = false; return tg },
			want: []string{"deploy: "}},
		{name: "source missing", target: func() Target { return srv.target("e") },
			want: []string{"does not exist; run almanac build"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			setCreds(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			opt := good
			if tc.target != nil {
				opt.Target = tc.target()
			}
			if tc.name == "source missing" {
				opt.Source = filepath.Join(src, "nope")
			}
			start := time.Now()
			_, out, err := run(t, opt)
			if err == nil {
				t.Fatalf("no error")
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error is more than one line: %q", msg)
			}
			if !strings.HasPrefix(msg, "deploy") {
				t.Errorf("error does not start with deploy: %q", msg)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v to fail", d)
			}
			if strings.Contains(out, "upload ") {
				t.Errorf("output shows uploads: %s", out)
			}
			t.Logf("%s", msg)
		})
	}
	if objs := srv.objects(t, "e/"); len(objs) != 0 {
		t.Errorf("failed deploys stored %d objects", len(objs))
	}
}

func TestSessionTokenNeverPrinted(t *testing.T) {
	srv := startServer(t)
	src := t.TempDir()
	writeFiles(t, src, testSite())
	const token = "session-TOKEN-c0ffee-almanac"
	t.Setenv(EnvAccessKey, testAccessKey)
	t.Setenv(EnvSecretKey, testSecretKey)
	t.Setenv(EnvSessionToken, token)
	var out bytes.Buffer
	_, err := Run(context.Background(), Options{Source: src, Target: srv.target("tok"), Out: &out})
	// versitygw does not know session tokens: whether it rejects the request
	// or ignores the token, neither the output nor the error may show it.
	for _, s := range []string{out.String(), errText(err)} {
		if strings.Contains(s, token) || strings.Contains(s, testSecretKey) {
			t.Errorf("a secret appears in %q", s)
		}
	}
}

func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// TestKilledDeployConverges kills a deploy process with SIGKILL in the middle
// of its uploads (no cleanup runs), then checks that a new deploy finishes
// the job.
func TestKilledDeployConverges(t *testing.T) {
	if os.Getenv("ALMANAC_DEPLOY_CHILD") != "" {
		return // the child runs TestKilledDeployChild
	}
	srv := startServer(t)
	setCreds(t)
	src := t.TempDir()
	files := testSite()
	writeFiles(t, src, files)
	tg := srv.target("killed")

	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledDeployChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "ALMANAC_DEPLOY_CHILD=1", "ALMANAC_DEPLOY_SOURCE="+src, "ALMANAC_DEPLOY_TARGET="+tg.String())
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if sc.Text() == "KILL ME" {
				ready <- true
			}
		}
		close(ready)
	}()
	select {
	case ok := <-ready:
		if !ok {
			cmd.Wait()
			t.Fatalf("child deploy ended without reaching 5 uploads: %s", stderr.String())
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("child deploy did not reach 5 uploads: %s", stderr.String())
	}
	cmd.Process.Kill()
	cmd.Wait()

	got := srv.objects(t, "killed/")
	keys := uploadedKeys(files)
	if len(got) < 5 || len(got) >= len(keys) {
		t.Fatalf("after killing at 5 uploads the bucket holds %d objects", len(got))
	}
	// The killed deploy's lock is still there: a new one stops, naming it,
	// until the lock expires or is broken after confirmation.
	_, _, err = run(t, Options{Source: src, Target: tg})
	var locked *LockedError
	if !errors.As(err, &locked) || locked.Held.Holder != "killed-child" || !strings.Contains(err.Error(), "killed-child is publishing") {
		t.Fatalf("re-run over the killed deploy's lock: %v", err)
	}
	asked := 0
	sum, out, err := run(t, Options{Source: src, Target: tg, BreakLock: func(l Lock) bool { asked++; return l.Holder == "killed-child" }})
	if err != nil {
		t.Fatal(err)
	}
	if asked != 1 || !strings.Contains(out, "breaking the lock of killed-child") {
		t.Errorf("asked %d times; output:\n%s", asked, out)
	}
	if sum.Uploaded+sum.Unchanged != len(keys) || sum.Unchanged < 5 {
		t.Errorf("re-run: summary %+v", sum)
	}
	checkMatches(t, srv, "killed/", files)
}

// TestKilledDeployChild is the deploy TestKilledDeployConverges kills: after
// 5 uploads it says so and hangs.
func TestKilledDeployChild(t *testing.T) {
	if os.Getenv("ALMANAC_DEPLOY_CHILD") == "" {
		t.Skip("run by TestKilledDeployConverges")
	}
	tg, err := ParseTarget(os.Getenv("ALMANAC_DEPLOY_TARGET"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	n := 0
	opt := Options{Source: os.Getenv("ALMANAC_DEPLOY_SOURCE"), Target: tg, Workers: 1, Publisher: "killed-child"}
	opt.afterUpload = func(string) {
		mu.Lock()
		n++
		if n == 5 {
			fmt.Println("KILL ME")
			os.Stdout.Sync()
		}
		hang := n >= 5
		mu.Unlock()
		if hang {
			time.Sleep(time.Hour)
		}
	}
	Run(context.Background(), opt)
	t.Fatal("the deploy was not killed")
}
