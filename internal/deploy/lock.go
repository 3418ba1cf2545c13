package deploy

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/minio/minio-go/v7"
)

// ReservedDir is the folder, under the target prefix, where almanac keeps
// its own objects: the lock, the release records and the history a rollback
// restores from. A deploy never lists it as part of the site, never prunes
// it, and refuses a source folder that has one.
const ReservedDir = "_almanac/"

// DefaultLockTTL is how long a lock holds when its publish stops renewing
// it (a crash, a lost network): after that a new publish may take over.
const DefaultLockTTL = 15 * time.Minute

// lockSettle is how long a publish waits after writing the lock before
// reading it back: two publishes that wrote at the same moment on a server
// without atomic conditional writes both see which one won.
var lockSettle = 500 * time.Millisecond

// Lock is who is publishing, stored as JSON in the bucket.
type Lock struct {
	Holder string    `json:"holder"`
	Since  time.Time `json:"since"`
	Until  time.Time `json:"until"`
	Token  string    `json:"token"` // tells this publish's lock from another's by the same holder
	etag   string
}

func (l *Lock) expired(now time.Time) bool { return !now.Before(l.Until) }

// LockedError is a publish that found another one's lock and stopped
// before writing anything.
type LockedError struct {
	Held Lock
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("deploy: %s is publishing to this bucket (since %s, lock held until %s); nothing was changed. Wait for that publish to finish and run deploy again; if it has crashed, its lock ends at %s, or take over now with --break-lock",
		e.Held.Holder, clock(e.Held.Since), clock(e.Held.Until), clock(e.Held.Until))
}

func clock(t time.Time) string { return t.Local().Format("2006-01-02 15:04:05 MST") }

// heldLock is the lock this publish holds, renewed until released.
type heldLock struct {
	d    *deployer
	lock Lock
	stop chan struct{}
	done sync.WaitGroup
	mu   sync.Mutex
}

func (d *deployer) lockKey() string { return d.opt.Target.Prefix + ReservedDir + "lock.json" }

// readLock returns the lock in the bucket, or nil when there is none.
func (d *deployer) readLock(ctx context.Context) (*Lock, error) {
	obj, err := d.client.GetObject(ctx, d.opt.Target.Bucket, d.lockKey(), minio.GetObjectOptions{})
	if err != nil {
		return nil, d.explain("reading the lock", d.lockKey(), err)
	}
	defer obj.Close()
	body, err := io.ReadAll(io.LimitReader(obj, 1<<16))
	if err != nil {
		if minio.ToErrorResponse(err).Code == "NoSuchKey" {
			return nil, nil
		}
		return nil, d.explain("reading the lock", d.lockKey(), err)
	}
	info, err := obj.Stat()
	if err != nil {
		return nil, d.explain("reading the lock", d.lockKey(), err)
	}
	var l Lock
	if err := json.Unmarshal(body, &l); err != nil || l.Until.IsZero() {
		// Not ours to read: treat as a lock that has ended, so a broken
		// object cannot block publishing forever.
		l = Lock{Holder: "an unreadable lock", etag: normETag(info.ETag)}
	}
	l.etag = normETag(info.ETag)
	return &l, nil
}

// acquire takes the lock before this publish writes anything. It uses the
// S3 conditional write (If-None-Match: *, or If-Match on the ETag of an
// expired lock) so that of two publishes only one can write it, and then
// reads the lock back, which also covers servers that ignore the condition:
// then the lock is a lease, the last writer wins, and the other stops.
// A lock held by another publish stops this one, unless it has expired or
// breakLock confirms taking it over.
func (d *deployer) acquire(ctx context.Context) (*heldLock, error) {
	now := time.Now()
	mine := Lock{Holder: d.opt.Publisher, Since: now.UTC().Truncate(time.Second), Until: now.Add(d.opt.LockTTL).UTC().Truncate(time.Second), Token: newToken()}
	cur, err := d.readLock(ctx)
	if err != nil {
		return nil, err
	}
	opts := lockPutOptions()
	switch {
	case cur == nil:
		opts.SetMatchETagExcept("*")
	case cur.expired(now):
		fmt.Fprintf(d.out, "taking over the lock of %s, which ended at %s\n", cur.Holder, clock(cur.Until))
		opts.SetMatchETag(cur.etag)
	case d.opt.BreakLock != nil && d.opt.BreakLock(*cur):
		fmt.Fprintf(d.out, "breaking the lock of %s (since %s, until %s)\n", cur.Holder, clock(cur.Since), clock(cur.Until))
		opts.SetMatchETag(cur.etag)
	default:
		return nil, &LockedError{Held: *cur}
	}
	err = d.putLock(ctx, mine, opts)
	if resp := minio.ToErrorResponse(err); err != nil && (resp.Code == "NotImplemented" || resp.StatusCode == 501) {
		// A server without conditional writes: the lock is a lease, and
		// reading it back below decides between two writers.
		err = d.putLock(ctx, mine, lockPutOptions())
	}
	if err != nil {
		if minio.ToErrorResponse(err).Code == minio.PreconditionFailed {
			return nil, d.lockedNow(ctx)
		}
		return nil, d.explain("writing the lock", d.lockKey(), err)
	}
	time.Sleep(lockSettle)
	got, err := d.readLock(ctx)
	if err != nil {
		return nil, err
	}
	if got == nil || got.Token != mine.Token {
		if got == nil {
			return nil, &Error{Msg: "deploy: the lock was removed while taking it; another publish may be running; nothing was changed, run deploy again"}
		}
		return nil, &LockedError{Held: *got}
	}
	h := &heldLock{d: d, lock: *got, stop: make(chan struct{})}
	h.done.Add(1)
	go h.renew()
	return h, nil
}

// lockedNow reads the lock another publish just wrote, for the message.
func (d *deployer) lockedNow(ctx context.Context) error {
	cur, err := d.readLock(ctx)
	if err != nil {
		return err
	}
	if cur == nil {
		return &Error{Msg: "deploy: another publish took and released the lock at the same moment; nothing was changed, run deploy again"}
	}
	return &LockedError{Held: *cur}
}

func (d *deployer) putLock(ctx context.Context, l Lock, opts minio.PutObjectOptions) error {
	body, _ := json.MarshalIndent(l, "", "  ")
	_, err := d.client.PutObject(ctx, d.opt.Target.Bucket, d.lockKey(), bytes.NewReader(body), int64(len(body)), opts)
	return err
}

// renew moves the lock's end forward while the publish runs, so a long
// publish keeps it and a crashed one loses it within one LockTTL.
func (h *heldLock) renew() {
	defer h.done.Done()
	t := time.NewTicker(h.d.opt.LockTTL / 3)
	defer t.Stop()
	for {
		select {
		case <-h.stop:
			return
		case <-t.C:
			h.mu.Lock()
			l := h.lock
			l.Until = time.Now().Add(h.d.opt.LockTTL).UTC().Truncate(time.Second)
			opts := lockPutOptions()
			opts.SetMatchETag(l.etag)
			body, _ := json.MarshalIndent(l, "", "  ")
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			info, err := h.d.client.PutObject(ctx, h.d.opt.Target.Bucket, h.d.lockKey(), bytes.NewReader(body), int64(len(body)), opts)
			if resp := minio.ToErrorResponse(err); err != nil && (resp.Code == "NotImplemented" || resp.StatusCode == 501) {
				info, err = h.d.client.PutObject(ctx, h.d.opt.Target.Bucket, h.d.lockKey(), bytes.NewReader(body), int64(len(body)), lockPutOptions())
			}
			cancel()
			if err == nil {
				l.etag = normETag(info.ETag)
				h.lock = l
			}
			h.mu.Unlock()
		}
	}
}

// release removes the lock if it is still this publish's.
func (h *heldLock) release() {
	if h == nil {
		return
	}
	close(h.stop)
	h.done.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cur, err := h.d.readLock(ctx)
	if err != nil || cur == nil || cur.Token != h.lock.Token {
		return
	}
	h.d.client.RemoveObject(ctx, h.d.opt.Target.Bucket, h.d.lockKey(), minio.RemoveObjectOptions{})
}

func lockPutOptions() minio.PutObjectOptions {
	return minio.PutObjectOptions{ContentType: "application/json", CacheControl: "no-store", SendContentMd5: true, DisableContentSha256: true}
}

func newToken() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Publisher names the person publishing, from the environment:
// ALMANAC_PUBLISHER, else the user and the computer's name.
func Publisher() string {
	if p := os.Getenv("ALMANAC_PUBLISHER"); p != "" {
		return p
	}
	user := os.Getenv("USER")
	if user == "" {
		user = os.Getenv("USERNAME")
	}
	if user == "" {
		user = "someone"
	}
	if host, err := os.Hostname(); err == nil && host != "" {
		return user + "@" + host
	}
	return user
}
