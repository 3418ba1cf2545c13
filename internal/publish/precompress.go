package publish

import (
	"bytes"
	"compress/gzip"
	"path"
	"strings"

	"github.com/andybalholm/brotli"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/output"
)

// compressTypes are the extensions of text files that get .gz and .br siblings.
var compressTypes = map[string]bool{
	".html": true, ".htm": true, ".css": true, ".js": true, ".mjs": true, ".svg": true,
	".json": true, ".webmanifest": true, ".xml": true, ".txt": true, ".csv": true,
}

// MinCompressSize is the size a file must exceed to get compressed siblings.
const MinCompressSize = 1024

// Precompress adds a .gz (gzip, best compression) and a .br (brotli, see
// brotliQuality) sibling to every text file larger than MinCompressSize,
// each only when it is smaller than the original, for hosts that serve them
// directly (nginx gzip_static/brotli_static, some Pages hosts). The gzip
// header carries no name or time, so the output is the same on every run.
//
// With cacheDir set, the compressed bytes are kept there between builds
// (see compressCache), so a rebuild compresses only the files that
// changed; the output is the same either way.
func Precompress(files output.Files, cacheDir string) error {
	var todo []string
	for _, p := range sortedKeys(files) {
		if p == headersFile || p == redirectsFile || len(files[p]) <= MinCompressSize ||
			!compressTypes[strings.ToLower(path.Ext(p))] {
			continue
		}
		todo = append(todo, p)
	}
	cache := openCompressCache(cacheDir)
	// Brotli is slow; compress files in parallel, the largest first. Each
	// result depends only on its file, so the output is the same however
	// the work is shared out.
	type result struct {
		gz, br []byte
		err    error
	}
	results := make([]result, len(todo))
	srcs := make([][]byte, len(todo))
	for i, p := range todo {
		srcs[i] = files[p]
	}
	parallelLargestFirst(len(todo), func(i int) int { return len(srcs[i]) }, func(i int) {
		r := &results[i]
		var key string
		if cache != nil {
			var ok bool
			key = compressKey(srcs[i])
			if r.gz, r.br, ok = cache.get(key); ok {
				return
			}
		}
		if r.gz, r.err = gzipBytes(srcs[i]); r.err == nil {
			r.br, r.err = brotliBytes(srcs[i])
		}
		if r.err == nil {
			cache.put(key, r.gz, r.br)
		}
	})
	for i, p := range todo {
		r := results[i]
		if r.err != nil {
			return diag.Errorf(p, 0, 0, "", "cannot compress: %v", r.err)
		}
		if len(r.gz) < len(files[p]) {
			files[p+".gz"] = r.gz
		}
		if len(r.br) < len(files[p]) {
			files[p+".br"] = r.br
		}
	}
	cache.prune()
	return nil
}

const gzipLevel = gzip.BestCompression

func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzipLevel)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// brotliQuality is one below brotli's best. Measured in one run on the
// real site's minified files: quality 11 → 68,984 bytes, 10 → 70,419
// (+2.1%) in about a third of the time, 9 → 77,103 (+11.8%); on 300 pages
// of the generated site 10 is +4.4% and 9 +13.8%. 10 is the fastest
// setting that keeps what readers download within 5% of the best.
const brotliQuality = 10

// Files larger than largeFile get quality 9. Measured in one run on the
// generated site's 30 such files (its print editions and open data, 74 MB):
// quality 10 → 1,609,620 bytes in 65.7 s of CPU, 9 → 1,723,163 (+7.1%)
// in 2.8 s; on the 4 MB print edition alone, 11 → 76,013 bytes in 11.4 s.
// They are some 6% of what the site compresses to, so quality 9 adds 0.4%
// to the whole. An edit to one section changes its year's print editions,
// which at quality 10 took longer than the rest of the build. The real
// site has no file this large.
const (
	largeFile        = 512 << 10
	largeFileQuality = 9
)

func brotliBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	// A window just large enough for the file compresses as well as the
	// largest and is much faster.
	lgwin := 10
	for lgwin < 24 && 1<<lgwin-16 < len(b) {
		lgwin++
	}
	quality := brotliQuality
	if len(b) > largeFile {
		quality = largeFileQuality
	}
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: quality, LGWin: lgwin})
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
