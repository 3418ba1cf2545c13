// Package deploy publishes a built site folder to an S3-compatible bucket
// (AWS S3, Aliyun OSS, Tencent COS, Cloudflare R2, MinIO) behind a CDN.
//
// A deploy compares the folder with the bucket listing by MD5 and uploads
// only what differs, with Content-Type and Cache-Control set on every object.
// It uploads assets first, then pages, then the sitemap, so a page never
// references an object that is not there yet; it deletes (with Prune) last.
// Every step is idempotent: a deploy that is interrupted finishes when it is
// run again.
//
// One publish runs at a time: each takes a lock in the bucket before its
// first write (lock.go). Each records a release, and keeps a copy of every
// object it overwrites or deletes, so that Rollback can put the bucket back
// to any kept release, object for object (release.go, rollback.go). Only a
// folder almanac build wrote is published, never its hidden files.
package deploy

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// Defaults for Options.
const (
	DefaultSource  = "public"
	DefaultWorkers = 8
)

// MetaMD5 is the user metadata (x-amz-meta-md5) holding the hex MD5 of the
// local file an object was uploaded from. It lets objects whose ETag is not
// that MD5 (multipart uploads, gzip-encoded text, encrypted buckets) still
// compare by content.
const MetaMD5 = "Md5"

// Options for Run.
type Options struct {
	Source string // folder to publish; DefaultSource when empty
	Target Target
	DryRun bool // show the plan, change nothing
	Prune  bool // delete objects under the prefix that are not in Source
	// MaxDeletes: refuse to delete more than this many objects; 0 allows
	// none, and a negative number is an error.
	MaxDeletes int
	Workers    int // parallel requests; DefaultWorkers when 0
	// GzipText stores text objects (HTML, CSS, JS, SVG, JSON, XML, CSV, TXT)
	// gzip-encoded with Content-Encoding: gzip, for CDNs that do not
	// compress at the edge.
	GzipText bool
	// CheckHeaders reads the headers of objects whose ETag matches too, and
	// uploads again those whose Content-Type, Cache-Control,
	// Content-Encoding or stored MD5 are not what this deploy would set
	// (objects uploaded by another tool, or caching rules that changed).
	// It costs one HEAD request per object.
	CheckHeaders bool
	Out          io.Writer // progress, plan and summary; nothing when nil

	// Publisher names who publishes, in the lock and the release record
	// (see Publisher); "someone" when empty.
	Publisher string
	// LockTTL is how long the lock outlives a publish that stopped
	// renewing it; DefaultLockTTL when 0.
	LockTTL time.Duration
	// BreakLock, when set, is asked whether to take over a lock another
	// publish holds and that has not expired; it should ask a person.
	BreakLock func(held Lock) bool
	// KeepReleases is how many releases the bucket keeps for rollback;
	// DefaultKeepReleases when 0.
	KeepReleases int

	// Test hooks.
	afterUpload func(key string) // called after each successful upload
	partSize    uint64           // multipart part size; minio-go's default when 0
	listPage    int              // keys per listing page; the server's default when 0
}

// Summary is what a deploy did (in a dry run: what it would do).
type Summary struct {
	DryRun    bool
	Uploaded  int
	Unchanged int
	Deleted   int
	Extra     int   // objects under the prefix that are not in Source (deleted with Prune)
	Bytes     int64 // bytes uploaded
	// Changed lists the URL paths of uploaded and deleted objects, sorted,
	// relative to the site root ("/zh/2019/" for zh/2019/index.html), for a
	// CDN purge.
	Changed []string
}

// action is one planned change.
type action struct {
	file   *localFile // upload; nil for delete
	key    string
	rel    string // key without the prefix, for deletes
	reason string // "new", "changed", "headers"; for deletes, "not in source"
	// sameContent: the ETag shows the object holds the file's bytes.
	sameContent bool
}

type plan struct {
	uploads   []action
	deletes   []action
	unchanged int
	bytes     int64
}

type deployer struct {
	opt     Options
	client  *minio.Client // retries for the work itself
	probe   *minio.Client // fails fast, for the first request
	secrets redactor
	creds   creds
	out     io.Writer
}

// newDeployer checks opt, fills in defaults and reads the credentials;
// connect then makes the clients.
func newDeployer(opt Options) (*deployer, error) {
	if opt.Source == "" {
		opt.Source = DefaultSource
	}
	if opt.MaxDeletes < 0 {
		return nil, &Error{Msg: fmt.Sprintf("deploy: --max-deletes is %d, but cannot be negative; write 0 to allow no deletes", opt.MaxDeletes)}
	}
	if opt.Workers <= 0 {
		opt.Workers = DefaultWorkers
	}
	if opt.LockTTL <= 0 {
		opt.LockTTL = DefaultLockTTL
	}
	if opt.Publisher == "" {
		opt.Publisher = "someone"
	}
	d := &deployer{opt: opt, out: opt.Out}
	if d.out == nil {
		d.out = io.Discard
	}
	if err := opt.Target.validate(); err != nil {
		return nil, &Error{Msg: err.Error()}
	}
	c, err := credsFromEnv()
	if err != nil {
		return nil, err
	}
	d.secrets = redactor{c.secret, c.token}
	d.creds = c
	return d, nil
}

// Run publishes opt.Source to opt.Target: it takes the bucket's lock,
// uploads what changed, keeps a copy of what it overwrites or deletes,
// records the release and releases the lock.
func Run(ctx context.Context, opt Options) (Summary, error) {
	d, err := newDeployer(opt)
	if err != nil {
		return Summary{}, err
	}
	opt = d.opt
	local, err := scan(opt.Source, opt.GzipText)
	if err != nil {
		return Summary{}, &Error{Msg: err.Error(), Err: err}
	}
	release, err := d.open(ctx)
	if err != nil {
		return Summary{}, err
	}
	defer release()
	if opt.DryRun {
		if l, err := d.readLock(ctx); err == nil && l != nil && !l.expired(time.Now()) {
			fmt.Fprintf(d.out, "note: %s is publishing now (lock until %s); a deploy would wait for it\n", l.Holder, clock(l.Until))
		}
	}
	remote, err := d.list(ctx)
	if err != nil {
		return Summary{}, err
	}
	p, err := d.plan(ctx, local, remote)
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{DryRun: opt.DryRun, Unchanged: p.unchanged}
	if !opt.Prune {
		sum.Extra = len(p.deletes)
	}

	fmt.Fprintf(d.out, "deploy %s → %s (%s)\n", opt.Source, opt.Target.Bucket+"/"+opt.Target.Prefix, opt.Target.EndpointURL())
	tooMany := opt.Prune && len(p.deletes) > opt.MaxDeletes
	if opt.DryRun {
		d.printPlan(p)
		sum.Uploaded, sum.Bytes = len(p.uploads), p.bytes
		if opt.Prune && !tooMany {
			sum.Deleted = len(p.deletes)
		}
		sum.Changed = changedURLs(p.uploads, p.deletes[:sum.Deleted])
	}
	if tooMany {
		return sum, &Error{Msg: fmt.Sprintf("deploy: refusing to delete %d objects under %s, more than --max-deletes %d; check the target prefix, then raise --max-deletes if this is intended",
			len(p.deletes), opt.Target.Bucket+"/"+opt.Target.Prefix, opt.MaxDeletes)}
	}
	if opt.DryRun {
		fmt.Fprintf(d.out, "dry run: %s; nothing was changed\n", sum.counts())
		return sum, nil
	}

	deletes := 0
	if opt.Prune {
		deletes = len(p.deletes)
	}
	fmt.Fprintf(d.out, "plan: %d to upload (%s), %d unchanged, %d to delete\n", len(p.uploads), formatBytes(p.bytes), p.unchanged, deletes)

	var overwritten []minio.ObjectInfo
	for _, a := range p.uploads {
		if o, ok := remote[a.key]; ok {
			overwritten = append(overwritten, o)
		}
	}
	if opt.Prune {
		for _, a := range p.deletes {
			overwritten = append(overwritten, remote[a.key])
		}
	}
	if err := d.preserve(ctx, overwritten); err != nil {
		return sum, err
	}

	etags := &etagRecorder{m: map[string]string{}}
	for _, f := range local {
		if o, ok := remote[opt.Target.Prefix+f.rel]; ok {
			etags.set(f.rel, o.ETag)
		}
	}
	var mu sync.Mutex
	var uploaded, deleted []action
	for _, ph := range []phase{phaseAssets, phaseHTML, phaseSitemap} {
		var batch []action
		for _, a := range p.uploads {
			if a.file.phase == ph {
				batch = append(batch, a)
			}
		}
		err := d.parallel(ctx, "uploading "+ph.String(), batch, func(ctx context.Context, a action) (int64, error) {
			n, etag, err := d.upload(ctx, a)
			if err == nil {
				etags.set(a.file.rel, etag)
				mu.Lock()
				uploaded = append(uploaded, a)
				sum.Uploaded++
				sum.Bytes += n
				mu.Unlock()
				if d.opt.afterUpload != nil {
					d.opt.afterUpload(a.key)
				}
			}
			return n, err
		})
		if err != nil {
			sum.Changed = changedURLs(uploaded, nil)
			d.printSummary("stopped", sum)
			return sum, err
		}
	}
	if opt.Prune && len(p.deletes) > 0 {
		err := d.parallel(ctx, "deleting", p.deletes, func(ctx context.Context, a action) (int64, error) {
			err := d.client.RemoveObject(ctx, opt.Target.Bucket, a.key, minio.RemoveObjectOptions{})
			if err != nil {
				return 0, d.explain("deleting", a.key, err)
			}
			mu.Lock()
			deleted = append(deleted, a)
			sum.Deleted++
			mu.Unlock()
			return 0, nil
		})
		if err != nil {
			sum.Changed = changedURLs(uploaded, deleted)
			d.printSummary("stopped", sum)
			return sum, err
		}
	}
	sum.Changed = changedURLs(uploaded, deleted)
	d.printSummary("done", sum)
	if err := d.record(ctx, releaseOf(local, etags.m, opt.Publisher)); err != nil {
		return sum, err
	}
	return sum, nil
}

// open connects to the bucket, checks that it can be reached and, unless
// this is a dry run, takes the publishing lock; release gives it back.
func (d *deployer) open(ctx context.Context) (release func(), err error) {
	if err := d.connect(d.creds); err != nil {
		return nil, err
	}
	if err := d.check(ctx); err != nil {
		return nil, err
	}
	if d.opt.DryRun {
		return func() {}, nil
	}
	lock, err := d.acquire(ctx)
	if err != nil {
		return nil, err
	}
	return lock.release, nil
}

func (d *deployer) connect(c creds) error {
	t := d.opt.Target
	lookup := minio.BucketLookupDNS
	if t.PathStyle {
		lookup = minio.BucketLookupPath
	}
	endpoint := t.Endpoint
	if endpoint == "" {
		endpoint = DefaultEndpoint
	}
	mk := func(retries int) (*minio.Client, error) {
		tr, err := minio.DefaultTransport(t.Secure)
		if err != nil {
			return nil, err
		}
		tr.MaxIdleConnsPerHost = d.opt.Workers * 2
		return minio.New(endpoint, &minio.Options{
			Creds:        credentials.NewStaticV4(c.access, c.secret, c.token),
			Secure:       t.Secure,
			Region:       t.Region,
			BucketLookup: lookup,
			Transport:    tr,
			MaxRetries:   retries,
		})
	}
	var err error
	if d.client, err = mk(0); err != nil {
		return &Error{Msg: "deploy: " + d.secrets.clean(oneLine(err.Error())) + "; check endpoint= in the deploy target"}
	}
	if d.probe, err = mk(1); err != nil {
		return &Error{Msg: "deploy: " + d.secrets.clean(oneLine(err.Error())) + "; check endpoint= in the deploy target"}
	}
	return nil
}

// check makes one request that fails fast, so a wrong endpoint, bucket or
// credential gives one clear line instead of minutes of retries.
func (d *deployer) check(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for obj := range d.probe.ListObjectsIter(ctx, d.opt.Target.Bucket, minio.ListObjectsOptions{Prefix: d.opt.Target.Prefix, MaxKeys: 1, Recursive: true}) {
		return d.explain("listing", "", obj.Err)
	}
	return nil
}

// list reads every object under the prefix, following pagination.
func (d *deployer) list(ctx context.Context) (map[string]minio.ObjectInfo, error) {
	remote := map[string]minio.ObjectInfo{}
	for obj := range d.client.ListObjectsIter(ctx, d.opt.Target.Bucket, minio.ListObjectsOptions{Prefix: d.opt.Target.Prefix, Recursive: true, MaxKeys: d.opt.listPage}) {
		if obj.Err != nil {
			return nil, d.explain("listing", "", obj.Err)
		}
		if !strings.HasPrefix(obj.Key, d.opt.Target.Prefix) {
			continue
		}
		if strings.HasSuffix(obj.Key, "/") && obj.Size == 0 {
			continue // a folder marker made by a console, not a file
		}
		if strings.HasPrefix(obj.Key, d.opt.Target.Prefix+ReservedDir) {
			continue // the lock, releases and history: not the site
		}
		remote[obj.Key] = obj
	}
	return remote, nil
}

// plan compares local files with the listing. An object is unchanged when
// its ETag is the MD5 of what would be stored; otherwise its metadata is
// read, and it is unchanged when the MD5 stored at upload and its headers
// match (multipart uploads and encrypted buckets have other ETags).
func (d *deployer) plan(ctx context.Context, local []*localFile, remote map[string]minio.ObjectInfo) (plan, error) {
	var p plan
	var check []action
	seen := make(map[string]bool, len(local))
	for _, f := range local {
		key := d.opt.Target.Prefix + f.rel
		seen[key] = true
		obj, ok := remote[key]
		switch {
		case !ok:
			p.uploads = append(p.uploads, action{file: f, key: key, reason: "new"})
		case normETag(obj.ETag) == f.etag && obj.Size == f.sendSize:
			if !d.opt.CheckHeaders {
				p.unchanged++
				continue
			}
			check = append(check, action{file: f, key: key, reason: "changed", sameContent: true})
		default:
			check = append(check, action{file: f, key: key, reason: "changed"})
		}
	}
	var mu sync.Mutex
	err := d.parallel(ctx, "", check, func(ctx context.Context, a action) (int64, error) {
		info, err := d.client.StatObject(ctx, d.opt.Target.Bucket, a.key, minio.StatObjectOptions{})
		if err != nil && minio.ToErrorResponse(err).Code != "NoSuchKey" {
			return 0, d.explain("reading metadata of", a.key, err)
		}
		same := err == nil && sameObject(a.file, info)
		if !same && err == nil && (a.sameContent || storedMD5(info) == a.file.md5) {
			a.reason = "headers"
		}
		mu.Lock()
		if same {
			p.unchanged++
		} else {
			p.uploads = append(p.uploads, a)
		}
		mu.Unlock()
		return 0, nil
	})
	if err != nil {
		return p, err
	}
	sort.Slice(p.uploads, func(i, j int) bool { return p.uploads[i].key < p.uploads[j].key })
	for _, a := range p.uploads {
		p.bytes += a.file.sendSize
	}
	for key := range remote {
		if !seen[key] {
			p.deletes = append(p.deletes, action{key: key, rel: strings.TrimPrefix(key, d.opt.Target.Prefix), reason: "not in source"})
		}
	}
	sort.Slice(p.deletes, func(i, j int) bool { return p.deletes[i].key < p.deletes[j].key })
	return p, nil
}

// storedMD5 is the MD5 recorded in an object's metadata at upload, or "".
func storedMD5(info minio.ObjectInfo) string {
	for k, v := range info.UserMetadata {
		if strings.EqualFold(k, MetaMD5) {
			return strings.ToLower(strings.TrimSpace(v))
		}
	}
	return ""
}

// sameObject reports whether an object holds f's content with the headers this deploy sets.
func sameObject(f *localFile, info minio.ObjectInfo) bool {
	md5 := storedMD5(info)
	header := func(name string) string {
		if info.Metadata != nil {
			return info.Metadata.Get(name)
		}
		return ""
	}
	return md5 == f.md5 &&
		info.Size == f.sendSize &&
		strings.EqualFold(info.ContentType, f.ctype) &&
		header("Cache-Control") == f.cache &&
		header("Content-Encoding") == f.encoding()
}

func normETag(e string) string {
	return strings.ToLower(strings.Trim(e, `"`))
}

// upload stores one file with its headers and returns the bytes sent and
// the object's ETag.
func (d *deployer) upload(ctx context.Context, a action) (int64, string, error) {
	f := a.file
	opts := minio.PutObjectOptions{
		ContentType:     f.ctype,
		CacheControl:    f.cache,
		ContentEncoding: f.encoding(),
		UserMetadata:    map[string]string{MetaMD5: f.md5},
		PartSize:        d.opt.partSize,
		// Integrity comes from Content-MD5, which every S3-compatible
		// server checks. Without DisableContentSha256 minio-go signs
		// plain-http uploads with aws-chunked streaming, which some servers
		// store as part of Content-Encoding ("aws-chunked,gzip").
		SendContentMd5:       true,
		DisableContentSha256: true,
	}
	var r io.Reader
	size := f.sendSize
	if f.gzip {
		body, err := f.body()
		if err != nil {
			return 0, "", &Error{Msg: fmt.Sprintf("deploy: reading %s: %v", f.rel, err), Err: err}
		}
		r, size = bytes.NewReader(body), int64(len(body))
	} else {
		file, err := os.Open(f.abs)
		if err != nil {
			return 0, "", &Error{Msg: fmt.Sprintf("deploy: reading %s: %v", f.rel, err), Err: err}
		}
		defer file.Close()
		st, err := file.Stat()
		if err != nil {
			return 0, "", &Error{Msg: fmt.Sprintf("deploy: reading %s: %v", f.rel, err), Err: err}
		}
		if st.Size() != f.size {
			return 0, "", &Error{Msg: fmt.Sprintf("deploy: %s changed while deploying; build the site again, then deploy", f.rel)}
		}
		r = file
	}
	info, err := d.client.PutObject(ctx, d.opt.Target.Bucket, a.key, r, size, opts)
	if err != nil {
		return 0, "", d.explain("uploading", a.key, err)
	}
	return info.Size, info.ETag, nil
}

// parallel runs fn on every action with opt.Workers at a time, showing
// progress under label (none when label is empty). The first error stops
// the rest and is returned.
func (d *deployer) parallel(ctx context.Context, label string, acts []action, fn func(context.Context, action) (int64, error)) error {
	if len(acts) == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var prog *progress
	if label != "" {
		prog = newProgress(d.out, label, len(acts))
	}
	var (
		once     sync.Once
		firstErr error
		wg       sync.WaitGroup
		ch       = make(chan action)
	)
	for range min(d.opt.Workers, len(acts)) {
		wg.Go(func() {
			for a := range ch {
				if ctx.Err() != nil {
					continue
				}
				n, err := fn(ctx, a)
				if err != nil {
					once.Do(func() { firstErr = err; cancel() })
					continue
				}
				prog.add(n)
			}
		})
	}
feed:
	for _, a := range acts {
		select {
		case ch <- a:
		case <-ctx.Done():
			break feed
		}
	}
	close(ch)
	wg.Wait()
	prog.finish()
	if firstErr != nil {
		return firstErr
	}
	if err := ctx.Err(); err != nil {
		return d.explain(label, "", err)
	}
	return nil
}

func changedURLs(uploaded, deleted []action) []string {
	set := map[string]bool{}
	for _, a := range uploaded {
		set[PageURL(a.file.rel)] = true
	}
	for _, a := range deleted {
		set[PageURL(a.rel)] = true
	}
	urls := make([]string, 0, len(set))
	for u := range set {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	return urls
}

func (d *deployer) printPlan(p plan) {
	for _, a := range p.uploads {
		fmt.Fprintf(d.out, "  upload  %s  (%s, %s)\n", a.key, a.reason, formatBytes(a.file.sendSize))
	}
	for _, a := range p.deletes {
		if d.opt.Prune {
			fmt.Fprintf(d.out, "  delete  %s\n", a.key)
		} else {
			fmt.Fprintf(d.out, "  keep    %s  (not in %s; --prune deletes it)\n", a.key, d.opt.Source)
		}
	}
}

func (s Summary) counts() string {
	verb := func(past, future string) string {
		if s.DryRun {
			return future
		}
		return past
	}
	out := fmt.Sprintf("%d %s (%s), %d unchanged, %d %s",
		s.Uploaded, verb("uploaded", "to upload"), formatBytes(s.Bytes), s.Unchanged, s.Deleted, verb("deleted", "to delete"))
	if s.Extra > 0 {
		noun := "objects"
		if s.Extra == 1 {
			noun = "object"
		}
		out += fmt.Sprintf("; %d %s not in the source kept (--prune deletes them)", s.Extra, noun)
	}
	return out
}

func (d *deployer) printSummary(status string, s Summary) {
	fmt.Fprintf(d.out, "%s: %s\n", status, s.counts())
	if len(s.Changed) > 0 {
		fmt.Fprintf(d.out, "changed URLs (purge these from the CDN):\n")
		for _, u := range s.Changed {
			fmt.Fprintf(d.out, "  %s\n", u)
		}
	}
}

func formatBytes(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	default:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	}
}

// progress is a line that counts finished requests. On a terminal it is
// rewritten in place; in a log it is printed every few seconds and at the end.
type progress struct {
	mu    sync.Mutex
	out   io.Writer
	tty   bool
	label string
	total int
	done  int
	bytes int64
	last  time.Time
}

func newProgress(out io.Writer, label string, total int) *progress {
	p := &progress{out: out, label: label, total: total, last: time.Now()}
	if f, ok := out.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *progress) line() string {
	if p.bytes == 0 {
		return fmt.Sprintf("%s: %d/%d", p.label, p.done, p.total)
	}
	return fmt.Sprintf("%s: %d/%d (%s)", p.label, p.done, p.total, formatBytes(p.bytes))
}

func (p *progress) add(n int64) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.bytes += n
	every := 2 * time.Second
	if p.tty {
		every = 100 * time.Millisecond
	}
	if time.Since(p.last) < every {
		return
	}
	p.last = time.Now()
	if p.tty {
		fmt.Fprintf(p.out, "\r\x1b[K%s", p.line())
	} else {
		fmt.Fprintln(p.out, p.line())
	}
}

func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		fmt.Fprintf(p.out, "\r\x1b[K%s\n", p.line())
	} else {
		fmt.Fprintln(p.out, p.line())
	}
}
