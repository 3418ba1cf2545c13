package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
)

// checkExactly fails unless the bucket under prefix is the build files
// object for object: the same keys, bytes (ETag and stored MD5) and headers.
func checkExactly(t *testing.T, srv *testServer, prefix string, files map[string]string) {
	t.Helper()
	checkMatches(t, srv, prefix, files)
	for key, o := range srv.objects(t, prefix) {
		rel := strings.TrimPrefix(key, prefix)
		if normETag(o.etag) != md5hex(files[rel]) || o.ctype != ContentType(rel) || o.cache != CacheControl(rel) {
			t.Errorf("%s: ETag %s, %s, %s; want the build's bytes and headers", rel, o.etag, o.ctype, o.cache)
		}
	}
}

// build returns testSite changed to be one recognisable build: every page
// and the stylesheet say which, and each build has a page of its own.
func buildOf(name string) map[string]string {
	files := testSite()
	for rel, body := range files {
		if strings.HasSuffix(rel, ".html") || strings.HasSuffix(rel, ".json") || strings.HasSuffix(rel, ".csv") {
			files[rel] = strings.Replace(body, "</h1>", " ("+name+")</h1>", 1) + "<!-- build " + name + " -->"
		}
	}
	for i := range 30 {
		files[fmt.Sprintf("zh/2019/s%02d/index.html", i)] = "<h1>section " + name + "</h1>" + strings.Repeat("。", i*40)
	}
	files["css/site.3f9a2c1b.css"] += "/* " + name + " */"
	files["only-"+name+"/index.html"] = "<h1>only in " + name + "</h1>"
	return files
}

// TestConcurrentDeploysNeverMix runs two real deploys of two different
// builds against the same bucket at the same moment, several times: one
// publishes, the other stops before its first write naming the holder, and
// the bucket is exactly one of the two builds, object for object.
func TestConcurrentDeploysNeverMix(t *testing.T) {
	srv := startServer(t)
	setCreds(t)
	builds := map[string]map[string]string{"A": buildOf("A"), "B": buildOf("B")}
	srcs := map[string]string{}
	for name, files := range builds {
		srcs[name] = t.TempDir()
		writeFiles(t, srcs[name], files)
	}
	for round := range 3 {
		prefix := fmt.Sprintf("race%d/", round)
		var wg sync.WaitGroup
		start := make(chan struct{})
		errs := map[string]error{}
		writes := map[string]int{}
		var mu sync.Mutex
		for _, name := range []string{"A", "B"} {
			wg.Go(func() {
				opt := Options{Source: srcs[name], Target: srv.target(prefix), Publisher: "publisher-" + name, Workers: 4, Prune: true, MaxDeletes: 100}
				opt.afterUpload = func(string) { mu.Lock(); writes[name]++; mu.Unlock() }
				<-start
				_, err := Run(context.Background(), opt)
				mu.Lock()
				errs[name] = err
				mu.Unlock()
			})
		}
		close(start)
		wg.Wait()
		var winner, loser string
		switch {
		case errs["A"] == nil && errs["B"] != nil:
			winner, loser = "A", "B"
		case errs["B"] == nil && errs["A"] != nil:
			winner, loser = "B", "A"
		default:
			t.Fatalf("round %d: A: %v; B: %v; want exactly one to publish", round, errs["A"], errs["B"])
		}
		var locked *LockedError
		if !errors.As(errs[loser], &locked) || locked.Held.Holder != "publisher-"+winner {
			t.Errorf("round %d: %s stopped with %v, want the lock of publisher-%s", round, loser, errs[loser], winner)
		}
		for _, w := range []string{"publisher-" + winner + " is publishing", "since ", "until ", "nothing was changed"} {
			if !strings.Contains(errs[loser].Error(), w) {
				t.Errorf("round %d: the message lacks %q: %v", round, w, errs[loser])
			}
		}
		if writes[loser] != 0 {
			t.Errorf("round %d: %s wrote %d objects before stopping", round, loser, writes[loser])
		}
		checkExactly(t, srv, prefix, builds[winner])
		if _, err := srv.client.StatObject(context.Background(), testBucket, prefix+ReservedDir+"lock.json", minio.StatObjectOptions{}); err == nil {
			t.Errorf("round %d: the lock was left behind", round)
		}
	}
}

// putLock writes a lock by hand, as another publish would have.
func putLock(t *testing.T, srv *testServer, prefix, holder string, since, until time.Time) {
	t.Helper()
	b, _ := json.Marshal(Lock{Holder: holder, Since: since, Until: until, Token: "theirs"})
	srv.put(t, prefix+ReservedDir+"lock.json", string(b))
}

// TestLockHeldAndExpired: a live lock stops a publish before it writes,
// naming holder, since and until; an expired one is taken over.
func TestLockHeldAndExpired(t *testing.T) {
	srv := startServer(t)
	setCreds(t)
	src := t.TempDir()
	files := buildOf("A")
	writeFiles(t, src, files)
	now := time.Now()
	putLock(t, srv, "site/", "王编辑@pc-17", now.Add(-time.Minute), now.Add(10*time.Minute))
	opt := Options{Source: src, Target: srv.target("site")}
	_, _, err := run(t, opt)
	if err == nil || !strings.Contains(err.Error(), "王编辑@pc-17 is publishing") || !strings.Contains(err.Error(), clock(now.Add(10*time.Minute).Truncate(time.Second))) {
		t.Fatalf("got %v, want the lock of 王编辑@pc-17 with its end", err)
	}
	if got := srv.objects(t, "site/"); len(got) != 0 {
		t.Fatalf("a locked-out publish wrote %d objects", len(got))
	}

	putLock(t, srv, "site/", "王编辑@pc-17", now.Add(-time.Hour), now.Add(-time.Minute))
	_, out, err := run(t, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "taking over the lock of 王编辑@pc-17") {
		t.Errorf("output does not say it took over the expired lock:\n%s", out)
	}
	checkExactly(t, srv, "site/", files)

	// --break-lock asks first; "no" leaves everything as it was.
	putLock(t, srv, "site/", "李编辑", now, now.Add(time.Hour))
	opt.Source = t.TempDir()
	writeFiles(t, opt.Source, buildOf("B"))
	opt.BreakLock = func(Lock) bool { return false }
	if _, _, err := run(t, opt); err == nil || !strings.Contains(err.Error(), "李编辑 is publishing") {
		t.Fatalf("declined --break-lock: %v", err)
	}
	checkExactly(t, srv, "site/", files)
}

// TestRollback publishes three versions, where the later ones change,
// delete and add pages and change the stylesheet, then rolls back to each
// earlier one: the bucket must be that release object for object, pages
// and assets, and the purge list must name what changed. Retention then
// drops the oldest release and the history only it needed.
func TestRollback(t *testing.T) {
	srv := startServer(t)
	setCreds(t)
	const prefix = "report/"
	v1 := buildOf("v1")
	v2 := buildOf("v2")
	delete(v2, "zh/2019/s05/index.html") // a page the newer release deleted
	v2["zh/2019/new/index.html"] = "<h1>new page</h1>"
	v3 := buildOf("v3")

	opt := Options{Target: srv.target("report"), Prune: true, MaxDeletes: 100, Publisher: "张三", KeepReleases: 3}
	var ids []string
	for _, files := range []map[string]string{v1, v2} {
		opt.Source = t.TempDir()
		writeFiles(t, opt.Source, files)
		_, out, err := run(t, opt)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, between(out, "release ", " recorded"))
		time.Sleep(1100 * time.Millisecond) // release IDs are by the second
	}
	checkExactly(t, srv, prefix, v2)
	// Publishing the same build again records nothing new, so it neither
	// fills the retention nor becomes what --rollback returns to.
	if _, out, err := run(t, opt); err != nil || !strings.Contains(out, "release "+ids[1]+" is still live") {
		t.Fatalf("same build again: %v\n%s", err, out)
	}

	var out strings.Builder
	lopt := opt
	lopt.Out = &out
	rels, err := List(context.Background(), lopt)
	if err != nil || len(rels) != 2 || rels[0].ID != ids[1] || rels[1].ID != ids[0] || rels[0].Publisher != "张三" {
		t.Fatalf("List: %v, %v; want %v newest first", rels, err, ids)
	}
	if rels[1].Objects["zh/2019/s05/index.html"].MD5 != md5hex(v1["zh/2019/s05/index.html"]) {
		t.Error("the release record lacks the MD5 of an object")
	}
	if !strings.Contains(out.String(), ids[0]) || !strings.Contains(out.String(), "live now") || !strings.Contains(out.String(), "kept for rollback") {
		t.Errorf("--list output:\n%s", out.String())
	}

	// A dry run shows the rollback and changes nothing.
	dry := opt
	dry.DryRun = true
	if sum, dout, err := rollback(t, dry, ""); err != nil || !sum.DryRun || !strings.Contains(dout, "delete  report/zh/2019/new/index.html") || !strings.Contains(dout, "nothing was changed") {
		t.Fatalf("dry-run rollback: %v\n%s", err, dout)
	}
	checkExactly(t, srv, prefix, v2)

	// Back to the release before the latest: v1.
	sum, rout, err := rollback(t, opt, "")
	if err != nil {
		t.Fatal(err)
	}
	checkExactly(t, srv, prefix, v1)
	for _, u := range []string{"/zh/2019/s05/", "/zh/2019/new/", "/css/site.3f9a2c1b.css", "/zh/2019/"} {
		if !containsString(sum.Changed, u) || !strings.Contains(rout, "  "+u+"\n") {
			t.Errorf("purge list lacks %s:\n%s", u, rout)
		}
	}
	if i, j := strings.Index(rout, "restoring assets"), strings.Index(rout, "restoring pages"); i < 0 || j < i {
		t.Errorf("assets were not restored before pages:\n%s", rout)
	}

	// Forward again to v2, by its ID.
	time.Sleep(1100 * time.Millisecond)
	if _, _, err := rollback(t, opt, ids[1]); err != nil {
		t.Fatal(err)
	}
	checkExactly(t, srv, prefix, v2)

	// A new publish keeping 2 releases (v2's rollback and v3): v1 and the
	// releases that restored it are dropped, and so is the history only
	// they needed.
	time.Sleep(1100 * time.Millisecond)
	opt.KeepReleases = 2
	opt.Source = t.TempDir()
	writeFiles(t, opt.Source, v3)
	if _, _, err := run(t, opt); err != nil {
		t.Fatal(err)
	}
	if _, _, err := rollback(t, opt, ids[0]); err == nil || !strings.Contains(err.Error(), "no release") {
		t.Errorf("rollback to a dropped release: %v", err)
	}
	checkExactly(t, srv, prefix, v3)
	if !historyKeys(t, srv, prefix)[md5hex(v2["zh/2019/new/index.html"])] {
		t.Error("history lost an object a kept release needs")
	}
	for key := range historyKeys(t, srv, prefix) {
		if key == md5hex(v1["only-v1/index.html"]) || key == md5hex(v1["css/site.3f9a2c1b.css"]) {
			t.Error("history kept an object only a dropped release needed")
		}
	}

	// A history object lost (deleted by hand): the rollback that needs it
	// refuses before changing anything.
	if err := srv.client.RemoveObject(context.Background(), testBucket, prefix+ReservedDir+"objects/"+md5hex(v2["zh/2019/new/index.html"]), minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := rollback(t, opt, ""); err == nil || !strings.Contains(err.Error(), "zh/2019/new/index.html") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("rollback with a lost object: %v", err)
	}
	checkExactly(t, srv, prefix, v3)
}

func rollback(t *testing.T, opt Options, id string) (Summary, string, error) {
	t.Helper()
	var out strings.Builder
	opt.Out = &out
	sum, err := Rollback(context.Background(), opt, id)
	checkNoSecret(t, out.String(), err)
	return sum, out.String(), err
}

func historyKeys(t *testing.T, srv *testServer, prefix string) map[string]bool {
	keys := map[string]bool{}
	for obj := range srv.client.ListObjects(context.Background(), testBucket, minio.ListObjectsOptions{Prefix: prefix + ReservedDir + "objects/", Recursive: true}) {
		keys[filepath.Base(obj.Key)] = true
	}
	return keys
}

func between(s, a, b string) string {
	_, rest, _ := strings.Cut(s, a)
	v, _, _ := strings.Cut(rest, b)
	return v
}

// TestLockIsRenewed: a publish that runs longer than the lock's time keeps
// renewing it, so a second publish is still turned away after the first
// lock's end, and the first completes.
func TestLockIsRenewed(t *testing.T) {
	srv := startServer(t)
	setCreds(t)
	src := t.TempDir()
	writeFiles(t, src, buildOf("A"))
	const ttl = 1500 * time.Millisecond
	slow := Options{Source: src, Target: srv.target("slow"), Workers: 1, Publisher: "slow", LockTTL: ttl}
	var once sync.Once
	uploading := make(chan struct{})
	slow.afterUpload = func(string) {
		once.Do(func() { close(uploading) })
		time.Sleep(100 * time.Millisecond)
	}
	done := make(chan error, 1)
	go func() { _, err := Run(context.Background(), slow); done <- err }()
	<-uploading
	time.Sleep(ttl + 500*time.Millisecond) // past the first lock's end
	_, _, err := run(t, Options{Source: src, Target: srv.target("slow"), Publisher: "fast"})
	var locked *LockedError
	if !errors.As(err, &locked) || locked.Held.Holder != "slow" {
		t.Errorf("second publish after the first lock's end: %v; want it turned away by the renewed lock", err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	checkExactly(t, srv, "slow/", buildOf("A"))
}

// TestLeaseWithoutConditionalWrites puts in front of versitygw a proxy
// that answers every conditional write with 501 Not Implemented, as
// servers without them do: the lock becomes a lease decided by reading it
// back, and two concurrent deploys still leave exactly one build.
func TestLeaseWithoutConditionalWrites(t *testing.T) {
	srv := startServer(t)
	setCreds(t)
	backend, _ := url.Parse(srv.endpoint)
	proxy := httputil.NewSingleHostReverseProxy(backend)
	refused := 0
	var mu sync.Mutex
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut && (r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Match") != "") {
			mu.Lock()
			refused++
			mu.Unlock()
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusNotImplemented)
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NotImplemented</Code><Message>conditional writes are not supported</Message></Error>`)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	defer front.Close()
	tg, err := ParseTarget("s3://" + testBucket + "/lease?endpoint=" + front.URL + "&region=us-east-1&path-style=true")
	if err != nil {
		t.Fatal(err)
	}
	builds := map[string]map[string]string{"A": buildOf("A"), "B": buildOf("B")}
	errs := map[string]error{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for name, files := range builds {
		src := t.TempDir()
		writeFiles(t, src, files)
		wg.Go(func() {
			<-start
			_, err := Run(context.Background(), Options{Source: src, Target: tg, Publisher: name, Workers: 4})
			mu.Lock()
			errs[name] = err
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	if refused == 0 {
		t.Fatal("the proxy saw no conditional write")
	}
	switch {
	case errs["A"] == nil && errs["B"] != nil:
		checkExactly(t, srv, "lease/", builds["A"])
	case errs["B"] == nil && errs["A"] != nil:
		checkExactly(t, srv, "lease/", builds["B"])
	default:
		t.Fatalf("A: %v; B: %v; want exactly one to publish", errs["A"], errs["B"])
	}
}
