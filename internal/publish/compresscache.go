package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sync"
	"time"
)

// Compressing is most of what build --minify costs (brotli at quality 10
// runs at some 2 MB a second), and a rebuild after an edit changes a few
// files of thousands. So the compressed bytes are kept in a folder (almanac
// build uses the user's cache folder), one file per content, named after a
// hash of the bytes and of everything that decides what they compress to.
// A build then compresses only what it has not compressed before. The cache
// only remembers what the compressors said: the output is the same with
// it, without it, or with a damaged one.

// compressCacheVersion changes with anything in this package that changes
// the compressed bytes, so that an older cache is not used.
const compressCacheVersion = "1"

// compressCacheKeep is how long an entry no build has used is kept, so
// that switching between two sites (or two base URLs) stays quick.
const compressCacheKeep = 7 * 24 * time.Hour

// compressSettings is everything besides a file's bytes that decides its
// compressed bytes.
var compressSettings = sync.OnceValue(func() string {
	s := fmt.Sprintf("v%s/gzip-%d/br-%d/br-large-%d-%d/%s", compressCacheVersion,
		gzipLevel, brotliQuality, largeFile, largeFileQuality, runtime.Version())
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/andybalholm/brotli" {
				s += " " + dep.Version + dep.Sum
			}
		}
	}
	return s
})

// compressKey names a content's entry in the cache.
func compressKey(b []byte) string {
	h := sha256.New()
	h.Write([]byte(compressSettings()))
	h.Write([]byte{0})
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))[:40]
}

// compressCache is a folder of compressed bytes; nil keeps nothing. An
// entry holds the sha256 of the rest, the gzip length (4 bytes), the gzip
// bytes and the brotli bytes.
type compressCache struct {
	dir  string
	mu   sync.Mutex
	used map[string]bool // entries this build read or wrote
}

func openCompressCache(dir string) *compressCache {
	if dir == "" {
		return nil
	}
	return &compressCache{dir: dir, used: map[string]bool{}}
}

// get returns the entry for key, if there is one that is whole.
func (c *compressCache) get(key string) (gz, br []byte, ok bool) {
	if c == nil {
		return nil, nil, false
	}
	f, err := os.Open(filepath.Join(c.dir, key))
	if err != nil {
		return nil, nil, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, false
	}
	b, err := io.ReadAll(f)
	if err != nil || len(b) < sha256.Size+4 {
		return nil, nil, false
	}
	sum, rest := b[:sha256.Size], b[sha256.Size:]
	if got := sha256.Sum256(rest); !bytes.Equal(got[:], sum) {
		return nil, nil, false
	}
	n := binary.BigEndian.Uint32(rest)
	if uint64(n) > uint64(len(rest)-4) {
		return nil, nil, false
	}
	c.use(key)
	// An entry in use is kept fresh, so that pruning spares it.
	if time.Since(st.ModTime()) > 24*time.Hour {
		now := time.Now()
		_ = os.Chtimes(f.Name(), now, now)
	}
	return rest[4 : 4+n], rest[4+n:], true
}

// put stores an entry. One that cannot be written is left out: it only
// makes the next build slower.
func (c *compressCache) put(key string, gz, br []byte) {
	if c == nil {
		return
	}
	body := make([]byte, 4, 4+len(gz)+len(br))
	binary.BigEndian.PutUint32(body, uint32(len(gz)))
	body = append(append(body, gz...), br...)
	sum := sha256.Sum256(body)
	if err := writeFileAtomic(c.dir, key, append(sum[:], body...)); err == nil {
		c.use(key)
	}
}

func (c *compressCache) use(key string) {
	c.mu.Lock()
	c.used[key] = true
	c.mu.Unlock()
}

// prune removes the entries this build did not use and no build has used
// for compressCacheKeep, so the folder holds little more than the sites
// built lately.
func (c *compressCache) prune() {
	if c == nil {
		return
	}
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if c.used[e.Name()] {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > compressCacheKeep {
			_ = os.Remove(filepath.Join(c.dir, e.Name()))
		}
	}
}

// writeFileAtomic writes dir/name through a temporary file, so that a
// build stopped halfway never leaves a partial entry.
func writeFileAtomic(dir, name string, b []byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, name))
}
