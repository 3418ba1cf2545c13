package deploy

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/minio/minio-go/v7"
)

// List prints the releases recorded in the bucket, newest first, and the
// storage the history kept for rollback takes.
func List(ctx context.Context, opt Options) ([]*Release, error) {
	d, err := newDeployer(opt)
	if err != nil {
		return nil, err
	}
	if err := d.connect(d.creds); err != nil {
		return nil, err
	}
	if err := d.check(ctx); err != nil {
		return nil, err
	}
	ids, err := d.releaseIDs(ctx)
	if err != nil {
		return nil, err
	}
	var rels []*Release
	for i := len(ids) - 1; i >= 0; i-- {
		r, err := d.readRelease(ctx, ids[i])
		if err != nil {
			return nil, err
		}
		rels = append(rels, r)
	}
	if len(rels) == 0 {
		fmt.Fprintf(d.out, "no releases recorded in %s yet: each almanac deploy records one\n", opt.Target.Bucket+"/"+opt.Target.Prefix)
		return nil, nil
	}
	w := tabwriter.NewWriter(d.out, 2, 4, 2, ' ', 0)
	// The publisher's name comes last: tabwriter counts a Chinese
	// character as one column, so nothing may be aligned after it.
	fmt.Fprintln(w, "release\tpublished\tobjects\tsize\tnote\tby")
	for i, r := range rels {
		note := r.Note
		if i == 0 {
			note = strings.TrimSpace("live now; " + note)
			note = strings.TrimSuffix(note, ";")
		}
		if note == "" {
			note = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t%s\n", r.ID, clock(r.Time), len(r.Objects), formatBytes(r.Size()), note, r.Publisher)
	}
	w.Flush()
	kept, err := d.history(ctx)
	if err != nil {
		return nil, err
	}
	var n int64
	for _, size := range kept {
		n += size
	}
	fmt.Fprintf(d.out, "kept for rollback: %d objects, %s, besides the live site (%s)\n", len(kept), formatBytes(n), formatBytes(rels[0].Size()))
	return rels, nil
}

// Rollback returns the bucket to release id, object for object, or, when
// id is "", to the release before the latest. It restores from the
// history with server-side copies, assets first, then pages, then the
// sitemap; deletes what the release did not have, last; records the result
// as a new release; and prints the URLs to purge from the CDN.
func Rollback(ctx context.Context, opt Options, id string) (Summary, error) {
	d, err := newDeployer(opt)
	if err != nil {
		return Summary{}, err
	}
	opt = d.opt
	release, err := d.open(ctx)
	if err != nil {
		return Summary{}, err
	}
	defer release()

	ids, err := d.releaseIDs(ctx)
	if err != nil {
		return Summary{}, err
	}
	if id == "" {
		if id, err = d.previousRelease(ctx, ids); err != nil {
			return Summary{}, err
		}
	}
	target, err := d.readRelease(ctx, id)
	if err != nil {
		return Summary{}, err
	}
	remote, err := d.list(ctx)
	if err != nil {
		return Summary{}, err
	}
	kept, err := d.history(ctx)
	if err != nil {
		return Summary{}, err
	}

	// Plan everything, and find anything missing, before the first write.
	var restores, deletes []action
	var missing []string
	for rel, o := range target.Objects {
		key := opt.Target.Prefix + rel
		if cur, ok := remote[key]; ok && normETag(cur.ETag) == o.ETag {
			continue
		}
		if _, ok := kept[o.ETag]; !ok {
			missing = append(missing, rel)
			continue
		}
		restores = append(restores, action{key: key, rel: rel, reason: o.ETag, file: &localFile{rel: rel, phase: phaseOf(rel)}})
	}
	for key := range remote {
		rel := strings.TrimPrefix(key, opt.Target.Prefix)
		if _, ok := target.Objects[rel]; !ok {
			deletes = append(deletes, action{key: key, rel: rel})
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return Summary{}, &Error{Msg: fmt.Sprintf("deploy: release %s cannot be restored: the bucket no longer keeps %d of its objects (%s); nothing was changed. Rebuild that version from its sources and deploy it instead",
			id, len(missing), strings.Join(first(missing, 5), ", "))}
	}
	sort.Slice(restores, func(i, j int) bool { return restores[i].key < restores[j].key })
	sort.Slice(deletes, func(i, j int) bool { return deletes[i].key < deletes[j].key })
	fmt.Fprintf(d.out, "rollback %s to release %s (%s, by %s): %d to restore, %d to delete\n",
		opt.Target.Bucket+"/"+opt.Target.Prefix, id, clock(target.Time), target.Publisher, len(restores), len(deletes))

	if opt.DryRun {
		for _, a := range restores {
			fmt.Fprintf(d.out, "  restore %s\n", a.key)
		}
		for _, a := range deletes {
			fmt.Fprintf(d.out, "  delete  %s\n", a.key)
		}
		sum := Summary{DryRun: true, Uploaded: len(restores), Deleted: len(deletes), Unchanged: len(target.Objects) - len(restores), Changed: changedURLs(restores, deletes)}
		fmt.Fprintf(d.out, "dry run: %s; nothing was changed\n", sum.counts())
		return sum, nil
	}

	var overwritten []minio.ObjectInfo
	for _, a := range append(append([]action{}, restores...), deletes...) {
		if o, ok := remote[a.key]; ok {
			overwritten = append(overwritten, o)
		}
	}
	if err := d.preserve(ctx, overwritten); err != nil {
		return Summary{}, err
	}

	sum := Summary{Unchanged: len(target.Objects) - len(restores)}
	etags := map[string]string{}
	var mu sync.Mutex
	var done, gone []action
	for _, ph := range []phase{phaseAssets, phaseHTML, phaseSitemap} {
		var batch []action
		for _, a := range restores {
			if a.file.phase == ph {
				batch = append(batch, a)
			}
		}
		err := d.parallel(ctx, "restoring "+ph.String(), batch, func(ctx context.Context, a action) (int64, error) {
			info, err := d.client.CopyObject(ctx,
				minio.CopyDestOptions{Bucket: opt.Target.Bucket, Object: a.key},
				minio.CopySrcOptions{Bucket: opt.Target.Bucket, Object: d.historyDir() + a.reason})
			if err != nil {
				return 0, d.explain("restoring", a.key, err)
			}
			mu.Lock()
			etags[a.rel] = normETag(info.ETag)
			done = append(done, a)
			sum.Uploaded++
			sum.Bytes += target.Objects[a.rel].Size
			mu.Unlock()
			return 0, nil
		})
		if err != nil {
			sum.Changed = changedURLs(done, nil)
			d.printSummary("stopped", sum)
			return sum, err
		}
	}
	err = d.parallel(ctx, "deleting", deletes, func(ctx context.Context, a action) (int64, error) {
		if err := d.client.RemoveObject(ctx, opt.Target.Bucket, a.key, minio.RemoveObjectOptions{}); err != nil {
			return 0, d.explain("deleting", a.key, err)
		}
		mu.Lock()
		gone = append(gone, a)
		sum.Deleted++
		mu.Unlock()
		return 0, nil
	})
	sum.Changed = changedURLs(done, gone)
	if err != nil {
		d.printSummary("stopped", sum)
		return sum, err
	}
	d.printSummary("rolled back", sum)

	r := &Release{Time: time.Now().UTC().Truncate(time.Second), Publisher: opt.Publisher, Note: "rollback to " + id, Objects: map[string]ReleaseObject{}}
	for rel, o := range target.Objects {
		if e, ok := etags[rel]; ok {
			o.ETag = e
		}
		r.Objects[rel] = o
	}
	return sum, d.record(ctx, r)
}

// previousRelease is the newest release whose objects differ from the
// latest one's: what the site was before the last change.
func (d *deployer) previousRelease(ctx context.Context, ids []string) (string, error) {
	if len(ids) > 0 {
		latest, err := d.readRelease(ctx, ids[len(ids)-1])
		if err != nil {
			return "", err
		}
		for i := len(ids) - 2; i >= 0; i-- {
			r, err := d.readRelease(ctx, ids[i])
			if err != nil {
				return "", err
			}
			if !r.sameObjects(latest) {
				return r.ID, nil
			}
		}
	}
	return "", &Error{Msg: "deploy: there is no earlier release with other content to roll back to; almanac deploy --list shows the releases"}
}

func first(list []string, n int) []string {
	if len(list) > n {
		return append(list[:n:n], "…")
	}
	return list
}
