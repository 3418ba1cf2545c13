package build

import (
	"bytes"
	"cmp"
	"io/fs"
	"maps"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/andybalholm/brotli"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/sitegen"
)

// The build benchmarks run on a generated site of 2,000 sections in each of
// two languages. Compare them in one run:
//
//	go test -run '^$' -bench . -benchtime 5x ./internal/build/
//
// BenchmarkBuild is the whole pipeline (figures, Markdown, layouts, print
// editions, open data, all in memory). The two goldmark benchmarks convert
// the same Markdown bodies with bare goldmark (GFM + footnotes), on one core
// and on all cores: the floor any generator using goldmark stands on.
// BenchmarkParseFloor adds the TOML every build of the site parses to it.

const benchSections = 2000

// generatedSites holds the generated sites, made once per test binary.
var generatedSites sync.Map // sitegen.Options.Long → func() (fstest.MapFS, error)

func generated(b *testing.B) fstest.MapFS { return generatedSite(b, false) }

func generatedSite(b *testing.B, long bool) fstest.MapFS {
	gen, _ := generatedSites.LoadOrStore(long, sync.OnceValues(func() (fstest.MapFS, error) {
		return sitegen.Generate(sitegen.Options{Sections: benchSections, Years: 4, Base: os.DirFS("../.."), Long: long})
	}))
	fsys, err := gen.(func() (fstest.MapFS, error))()
	if err != nil {
		b.Fatal(err)
	}
	return fsys
}

// BenchmarkBuild also reports its time as a multiple of bare goldmark on
// all cores over the same files, measured in the same run (x-goldmark).
func BenchmarkBuild(b *testing.B) { benchmarkBuild(b, generated(b)) }

// BenchmarkBuildLong is BenchmarkBuild on sections as long as the real
// report's (sitegen.Options.Long): the same pages, about three times the
// Markdown and figure references.
func BenchmarkBuildLong(b *testing.B) { benchmarkBuild(b, generatedSite(b, true)) }

// benchmarkBuild times full builds of fsys and, before each, bare goldmark
// over the same Markdown (not counted in ns/op). x-goldmark is the median
// build over the median baseline: on a shared machine the two then see
// the same load, where one baseline taken up front could catch a quiet or
// a busy moment and move the ratio by a third.
func benchmarkBuild(b *testing.B, fsys fstest.MapFS) {
	bodies, md := sitegen.MarkdownBodies(fsys), bareGoldmark()
	var builds, baselines []time.Duration
	b.ResetTimer()
	for range b.N {
		// Each starts on a collected heap, so that neither pays for the
		// other's garbage.
		b.StopTimer()
		runtime.GC()
		baselines = append(baselines, timed(func() { convertAll(md, bodies) }))
		runtime.GC()
		b.StartTimer()
		builds = append(builds, timed(func() {
			res, err := Run(fsys, Options{})
			if err != nil {
				b.Fatal(err)
			}
			if len(res.Site.Pages) < 2*benchSections {
				b.Fatalf("built %d pages", len(res.Site.Pages))
			}
		}))
	}
	baseline := median(baselines)
	b.ReportMetric(float64(median(builds))/float64(baseline), "x-goldmark")
	b.ReportMetric(float64(baseline.Milliseconds()), "goldmark-ms")
}

// BenchmarkParseFloor is the least any build of the generated site does
// with the libraries the project is built on: goldmark over the Markdown,
// and BurntSushi/toml over the front matter and figures.toml files. Nothing
// is rendered. Its x-goldmark, (goldmark + TOML) over goldmark alone, each
// on one core, is a floor under BenchmarkBuild's: both steps spread over
// cores alike, so no amount of parallelism or speed elsewhere takes a full
// build below it.
func BenchmarkParseFloor(b *testing.B) { benchmarkParseFloor(b, generated(b)) }

// BenchmarkParseFloorLong is BenchmarkParseFloor on BenchmarkBuildLong's site.
func BenchmarkParseFloorLong(b *testing.B) { benchmarkParseFloor(b, generatedSite(b, true)) }

func benchmarkParseFloor(b *testing.B, fsys fstest.MapFS) {
	bodies, md := sitegen.MarkdownBodies(fsys), bareGoldmark()
	tomls := tomlInputs(fsys)
	var gms, parses []time.Duration
	var buf bytes.Buffer
	b.ResetTimer()
	for range b.N {
		runtime.GC()
		gm := timed(func() {
			for _, body := range bodies {
				buf.Reset()
				md.Convert(body, &buf)
			}
		})
		runtime.GC()
		tm := timed(func() {
			for _, doc := range tomls {
				var v map[string]any
				if _, err := toml.Decode(doc, &v); err != nil {
					b.Fatal(err)
				}
			}
		})
		gms, parses = append(gms, gm), append(parses, gm+tm)
	}
	gm := median(gms)
	b.ReportMetric(float64(median(parses))/float64(gm), "x-goldmark")
	b.ReportMetric(float64(gm.Milliseconds()), "goldmark-ms")
}

// tomlInputs is every TOML document of fsys's content: front matter and
// figures.toml files.
func tomlInputs(fsys fstest.MapFS) []string {
	var docs []string
	for name, f := range fsys {
		s := string(f.Data)
		switch {
		case strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md"):
			if front, _, ok := strings.Cut(strings.TrimPrefix(s, "+++\n"), "\n+++\n"); ok {
				docs = append(docs, front)
			}
		case path.Base(name) == "figures.toml":
			docs = append(docs, s)
		}
	}
	return docs
}

func timed(f func()) time.Duration {
	start := time.Now()
	f()
	return time.Since(start)
}

func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}

func bareGoldmark() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
}

func BenchmarkGoldmarkOneCore(b *testing.B) {
	bodies := sitegen.MarkdownBodies(generated(b))
	md := bareGoldmark()
	b.ResetTimer()
	for b.Loop() {
		var buf bytes.Buffer
		for _, body := range bodies {
			buf.Reset()
			if err := md.Convert(body, &buf); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkGoldmarkAllCores(b *testing.B) {
	bodies := sitegen.MarkdownBodies(generated(b))
	md := bareGoldmark()
	b.ResetTimer()
	for b.Loop() {
		convertAll(md, bodies)
	}
}

// convertAll converts bodies with md on all cores, as the build does.
func convertAll(md goldmark.Markdown, bodies [][]byte) {
	next := make(chan []byte)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			for body := range next {
				buf.Reset()
				md.Convert(body, &buf)
			}
		})
	}
	for _, body := range bodies {
		next <- body
	}
	close(next)
	wg.Wait()
}

// BenchmarkSearchIndex measures what the search index adds to a full build
// of the generated site: each iteration builds it with the index and
// without (the index is made while the pages render). index-% is the
// difference of the median CPU times (user and system, of every core)
// over the build without it: on a machine shared with other work, CPU
// time varies far less than the time on the clock, which is reported
// too (wall-index-%).
func BenchmarkSearchIndex(b *testing.B) {
	fsys := generated(b)
	var with, without, cpuWith, cpuWithout []time.Duration
	build := func(withSearch bool) (time.Duration, time.Duration) {
		runtime.GC()
		cpu := cpuTime()
		wall := timed(func() {
			if _, err := run(fsys, Options{}, withSearch); err != nil {
				b.Fatal(err)
			}
		})
		return wall, cpuTime() - cpu
	}
	for i := range b.N {
		// Alternate which goes first, so neither always meets a warmer machine.
		for _, withSearch := range []bool{i%2 == 0, i%2 != 0} {
			wall, cpu := build(withSearch)
			if withSearch {
				with, cpuWith = append(with, wall), append(cpuWith, cpu)
			} else {
				without, cpuWithout = append(without, wall), append(cpuWithout, cpu)
			}
		}
	}
	c, co := median(cpuWith), median(cpuWithout)
	w, wo := median(with), median(without)
	b.ReportMetric(100*float64(c-co)/float64(co), "index-%")
	b.ReportMetric(100*float64(w-wo)/float64(wo), "wall-index-%")
	b.ReportMetric(float64(c.Milliseconds()), "build-cpu-ms")
	b.ReportMetric(float64(co.Milliseconds()), "without-index-cpu-ms")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBuildMinify is what publishing costs. Each iteration builds
// the site plain, then with --minify (minify, fingerprint, precompress) on
// an empty compression cache (cold), then with --minify again after an
// edit to one section, on the cache the cold build filled (warm: an editor
// republishing after fixing a sentence). x-plain-cold and x-plain-warm are
// the median minified builds over the median plain one. br-bytes and
// gz-bytes are the sizes of all .br and .gz files, the bytes readers
// download from a host that serves them; br-vs-q11-% compares the .br
// files of one text file in 25, taken evenly by size so that the few large
// ones are represented, with brotli's best (quality 11, full window),
// measured once.
func BenchmarkBuildMinify(b *testing.B) {
	b.Run("real", func(b *testing.B) { benchmarkMinify(b, os.DirFS("../.."), nil) })
	b.Run("generated", func(b *testing.B) {
		fsys := generated(b)
		const section = "content/2000/0101-section-100.zh.md"
		f, ok := fsys[section]
		if !ok {
			b.Fatalf("no %s in the generated site", section)
		}
		edited, g := maps.Clone(fsys), *f
		g.Data = bytes.Replace(f.Data, []byte("。"), []byte("，又一句。"), 1)
		edited[section] = &g
		benchmarkMinify(b, fsys, edited)
	})
}

// benchmarkMinify times builds of fsys; the warm build is of edited, or of
// fsys again when edited is nil.
func benchmarkMinify(b *testing.B, fsys, edited fs.FS) {
	if edited == nil {
		edited = fsys
	}
	var plain, cold, warm []time.Duration
	var last *Result
	build := func(fsys fs.FS, opt Options) time.Duration {
		runtime.GC()
		return timed(func() {
			var err error
			if last, err = Run(fsys, opt); err != nil {
				b.Fatal(err)
			}
		})
	}
	b.ResetTimer()
	for range b.N {
		cache := b.TempDir()
		plain = append(plain, build(fsys, Options{}))
		cold = append(cold, build(fsys, Options{Minify: true, CompressCache: cache}))
		warm = append(warm, build(edited, Options{Minify: true, CompressCache: cache}))
	}
	b.StopTimer()
	b.ReportMetric(float64(median(cold))/float64(median(plain)), "x-plain-cold")
	b.ReportMetric(float64(median(warm))/float64(median(plain)), "x-plain-warm")
	b.ReportMetric(float64(median(plain).Milliseconds()), "plain-ms")
	br, gz := 0, 0
	for name, data := range last.Files {
		switch path.Ext(name) {
		case ".br":
			br += len(data)
		case ".gz":
			gz += len(data)
		}
	}
	b.ReportMetric(float64(br), "br-bytes")
	b.ReportMetric(float64(gz), "gz-bytes")
	b.ReportMetric(100*(float64(brSample(b, last.Files))-1), "br-vs-q11-%")
}

// brSample is the size of the .br files of one text file in 25, sorted by
// size, over their size at brotli quality 11 with the largest window.
func brSample(b *testing.B, files output.Files) float64 {
	var names []string
	for name := range files {
		if _, ok := files[name+".br"]; ok {
			names = append(names, name)
		}
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(len(files[a])-len(files[b]), strings.Compare(a, b))
	})
	ours, best := 0, 0
	for i := 0; i < len(names); i += 25 {
		var buf bytes.Buffer
		w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: 24})
		if _, err := w.Write(files[names[i]]); err != nil {
			b.Fatal(err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		ours, best = ours+len(files[names[i]+".br"]), best+buf.Len()
	}
	return float64(ours) / float64(best)
}
