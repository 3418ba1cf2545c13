package deploy

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/minio/minio-go/v7"
)

// DefaultKeepReleases is how many releases a bucket keeps for rollback when
// [deploy] keep_releases is not set.
const DefaultKeepReleases = 10

// Release is one publish, recorded in the bucket under
// _almanac/releases/<ID>.json: who published what, and the MD5 of every
// object, so that a rollback can put the bucket back object for object.
//
// Objects a later publish overwrites or deletes are kept under
// _almanac/objects/<ETag> (a server-side copy, made just before), so the
// bucket holds the live site plus only what changed, for as long as a
// kept release needs it.
type Release struct {
	ID        string                   `json:"id"`
	Time      time.Time                `json:"time"`
	Publisher string                   `json:"publisher"`
	Note      string                   `json:"note,omitempty"` // "rollback to 20191231-120000"
	Objects   map[string]ReleaseObject `json:"objects"`        // by path relative to the prefix
}

// ReleaseObject is one object of a release.
type ReleaseObject struct {
	MD5  string `json:"md5"`  // of the file as built
	ETag string `json:"etag"` // of the object as stored: names its copy in the history
	Size int64  `json:"size"` // bytes stored
}

// Size is the bytes a release's objects take.
func (r *Release) Size() int64 {
	var n int64
	for _, o := range r.Objects {
		n += o.Size
	}
	return n
}

func (d *deployer) releasesDir() string { return d.opt.Target.Prefix + ReservedDir + "releases/" }
func (d *deployer) historyDir() string  { return d.opt.Target.Prefix + ReservedDir + "objects/" }

// releaseIDs lists the recorded releases, oldest first (IDs sort by time).
func (d *deployer) releaseIDs(ctx context.Context) ([]string, error) {
	var ids []string
	for obj := range d.client.ListObjectsIter(ctx, d.opt.Target.Bucket, minio.ListObjectsOptions{Prefix: d.releasesDir(), Recursive: true}) {
		if obj.Err != nil {
			return nil, d.explain("listing releases", "", obj.Err)
		}
		if id, ok := strings.CutSuffix(strings.TrimPrefix(obj.Key, d.releasesDir()), ".json"); ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids, nil
}

func (d *deployer) readRelease(ctx context.Context, id string) (*Release, error) {
	key := d.releasesDir() + id + ".json"
	obj, err := d.client.GetObject(ctx, d.opt.Target.Bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, d.explain("reading release", key, err)
	}
	defer obj.Close()
	body, err := io.ReadAll(obj)
	if err != nil {
		if minio.ToErrorResponse(err).Code == "NoSuchKey" {
			return nil, &Error{Msg: fmt.Sprintf("deploy: there is no release %q; almanac deploy --list shows the releases", id)}
		}
		return nil, d.explain("reading release", key, err)
	}
	var r Release
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, &Error{Msg: fmt.Sprintf("deploy: the record of release %s (%s) is damaged: %v", id, key, err)}
	}
	return &r, nil
}

// history lists the ETags of the objects kept for rollback, with their sizes.
func (d *deployer) history(ctx context.Context) (map[string]int64, error) {
	kept := map[string]int64{}
	for obj := range d.client.ListObjectsIter(ctx, d.opt.Target.Bucket, minio.ListObjectsOptions{Prefix: d.historyDir(), Recursive: true}) {
		if obj.Err != nil {
			return nil, d.explain("listing the release history", "", obj.Err)
		}
		kept[strings.TrimPrefix(obj.Key, d.historyDir())] = obj.Size
	}
	return kept, nil
}

// preserve copies, inside the bucket, each object about to be overwritten
// or deleted into the history, unless a copy of the same content is
// already there, so an earlier release can still be restored.
func (d *deployer) preserve(ctx context.Context, objs []minio.ObjectInfo) error {
	kept, err := d.history(ctx)
	if err != nil {
		return err
	}
	var todo []action
	seen := map[string]bool{}
	for _, o := range objs {
		etag := normETag(o.ETag)
		if _, ok := kept[etag]; ok || etag == "" || seen[etag] {
			continue
		}
		seen[etag] = true
		todo = append(todo, action{key: o.Key, rel: etag})
	}
	return d.parallel(ctx, "", todo, func(ctx context.Context, a action) (int64, error) {
		_, err := d.client.CopyObject(ctx,
			minio.CopyDestOptions{Bucket: d.opt.Target.Bucket, Object: d.historyDir() + a.rel},
			minio.CopySrcOptions{Bucket: d.opt.Target.Bucket, Object: a.key, MatchETag: a.rel})
		if err != nil {
			return 0, d.explain("keeping a copy for rollback of", a.key, err)
		}
		return 0, nil
	})
}

// sameObjects reports whether two releases publish the same files.
func (r *Release) sameObjects(o *Release) bool {
	if len(r.Objects) != len(o.Objects) {
		return false
	}
	for rel, x := range r.Objects {
		if y, ok := o.Objects[rel]; !ok || y.MD5 != x.MD5 || y.Size != x.Size {
			return false
		}
	}
	return true
}

// record writes the release and then drops releases (and the history
// only they need) beyond the newest keep.
func (d *deployer) record(ctx context.Context, r *Release) error {
	ids, err := d.releaseIDs(ctx)
	if err != nil {
		return err
	}
	if len(ids) > 0 && r.Note == "" {
		// A publish that changed nothing is still the latest release:
		// recording it again would only push real history out.
		if latest, err := d.readRelease(ctx, ids[len(ids)-1]); err == nil && latest.sameObjects(r) {
			fmt.Fprintf(d.out, "release %s is still live (nothing changed)\n", latest.ID)
			return nil
		}
	}
	r.ID = releaseID(r.Time, ids)
	body, _ := json.MarshalIndent(r, "", " ")
	key := d.releasesDir() + r.ID + ".json"
	_, err = d.client.PutObject(ctx, d.opt.Target.Bucket, key, bytes.NewReader(body), int64(len(body)),
		minio.PutObjectOptions{ContentType: "application/json", CacheControl: "no-store", SendContentMd5: true, DisableContentSha256: true})
	if err != nil {
		return d.explain("recording release", key, err)
	}
	fmt.Fprintf(d.out, "release %s recorded (%d objects); almanac deploy --rollback %s returns to it\n", r.ID, len(r.Objects), r.ID)
	return d.retain(ctx, append(ids, r.ID))
}

// releaseID is the release's time, made unique among ids.
func releaseID(t time.Time, ids []string) string {
	base := t.UTC().Format("20060102-150405")
	id := base
	for n := 2; containsString(ids, id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// retain deletes the oldest releases beyond opt.KeepReleases and every
// history object no kept release refers to.
func (d *deployer) retain(ctx context.Context, ids []string) error {
	keep := d.opt.KeepReleases
	if keep <= 0 {
		keep = DefaultKeepReleases
	}
	sort.Strings(ids)
	var drop []action
	if len(ids) > keep {
		for _, id := range ids[:len(ids)-keep] {
			drop = append(drop, action{key: d.releasesDir() + id + ".json"})
		}
		ids = ids[len(ids)-keep:]
	}
	needed := map[string]bool{}
	for _, id := range ids {
		r, err := d.readRelease(ctx, id)
		if err != nil {
			return err
		}
		for _, o := range r.Objects {
			needed[o.ETag] = true
		}
	}
	kept, err := d.history(ctx)
	if err != nil {
		return err
	}
	for etag := range kept {
		if !needed[etag] {
			drop = append(drop, action{key: d.historyDir() + etag})
		}
	}
	return d.parallel(ctx, "", drop, func(ctx context.Context, a action) (int64, error) {
		if err := d.client.RemoveObject(ctx, d.opt.Target.Bucket, a.key, minio.RemoveObjectOptions{}); err != nil {
			return 0, d.explain("removing an old release", a.key, err)
		}
		return 0, nil
	})
}

// releaseOf is what Source published: every local file with the ETag its
// object now has.
func releaseOf(local []*localFile, etags map[string]string, publisher string) *Release {
	r := &Release{Time: time.Now().UTC().Truncate(time.Second), Publisher: publisher, Objects: map[string]ReleaseObject{}}
	for _, f := range local {
		r.Objects[f.rel] = ReleaseObject{MD5: f.md5, ETag: etags[f.rel], Size: f.sendSize}
	}
	return r
}

// etagRecorder collects the ETags of objects as uploads finish.
type etagRecorder struct {
	mu sync.Mutex
	m  map[string]string
}

func (e *etagRecorder) set(rel, etag string) {
	e.mu.Lock()
	e.m[rel] = normETag(etag)
	e.mu.Unlock()
}
