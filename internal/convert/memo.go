package convert

import (
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
)

// Reading OpenCC's dictionary takes longer than building the whole real
// site (some 40 ms against 15), and a site's text hardly changes from one
// build to the next. So every text converted is remembered, per conversion
// (Converter.Key), and kept between runs in the user's cache folder when
// the command asks for it (UseDiskCache): a build whose text was all
// converted before never reads the dictionary. The result is the same
// either way; the cache only remembers what the dictionary said.

// memo is what one conversion has converted: text → converted text.
type memo struct {
	mu    sync.RWMutex
	m     map[string]string
	used  map[string]bool // converted in this process: what SaveDiskCache keeps
	dirty bool            // anything new or unused since the file was read
	file  string          // where it is kept between runs; "" in memory only
}

var (
	memos   sync.Map // Converter.Key → *memo
	diskMu  sync.Mutex
	diskDir string
)

// memoVersion changes with anything in this package that changes the
// converted text, so that an older cache is not used.
const memoVersion = "2"

// UseDiskCache keeps converted text in dir between runs (almanac build
// and check use the user's cache folder). Converters made before the call
// keep their memory only.
func UseDiskCache(dir string) {
	diskMu.Lock()
	defer diskMu.Unlock()
	diskDir = dir
}

func memoFor(key string) *memo {
	if m, ok := memos.Load(key); ok {
		return m.(*memo)
	}
	m := &memo{m: map[string]string{}, used: map[string]bool{}}
	diskMu.Lock()
	dir := diskDir
	diskMu.Unlock()
	if dir != "" {
		m.file = filepath.Join(dir, "convert-"+memoName(key)+".gob")
		if f, err := os.Open(m.file); err == nil {
			_ = gob.NewDecoder(f).Decode(&m.m) // a damaged cache is only a slower build
			f.Close()
		}
	}
	actual, _ := memos.LoadOrStore(key, m)
	return actual.(*memo)
}

// memoName names a conversion's cache file after everything its text
// depends on: the settings, this package and the OpenCC module's version.
func memoName(key string) string {
	h := sha256.New()
	h.Write([]byte(memoVersion + "\x00" + openccVersion() + "\x00" + key))
	return hex.EncodeToString(h.Sum(nil))[:24]
}

func openccVersion() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "github.com/longbridgeapp/opencc" {
				return dep.Version + dep.Sum
			}
		}
	}
	return "unknown"
}

func (m *memo) get(s string) (string, bool) {
	m.mu.RLock()
	out, ok := m.m[s]
	seen := m.used[s]
	m.mu.RUnlock()
	if ok && !seen {
		m.mu.Lock()
		m.used[s] = true
		m.mu.Unlock()
	}
	return out, ok
}

func (m *memo) put(s, out string) {
	m.mu.Lock()
	m.m[s], m.used[s], m.dirty = out, true, true
	m.mu.Unlock()
}

// SaveDiskCache writes every conversion's cache whose content changed,
// keeping only the text converted in this run, so that the files never
// hold more than the site. A cache that cannot be written is left out:
// it only makes the next build slower.
func SaveDiskCache() {
	memos.Range(func(_, v any) bool {
		m := v.(*memo)
		m.mu.Lock()
		defer m.mu.Unlock()
		if m.file == "" || (!m.dirty && len(m.used) == len(m.m)) {
			return true
		}
		keep := make(map[string]string, len(m.used))
		for s := range m.used {
			keep[s] = m.m[s]
		}
		if err := writeGob(m.file, keep); err == nil {
			m.dirty = false
		}
		return true
	})
}

func writeGob(file string, v any) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".convert-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := gob.NewEncoder(tmp).Encode(v); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}
