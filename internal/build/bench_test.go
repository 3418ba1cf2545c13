package build

import (
	"bytes"
	"os"
	"runtime"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

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

func benchmarkBuild(b *testing.B, fsys fstest.MapFS) {
	baseline := goldmarkBaseline(fsys)
	b.ResetTimer()
	for b.Loop() {
		res, err := Run(fsys, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Site.Pages) < 2*benchSections {
			b.Fatalf("built %d pages", len(res.Site.Pages))
		}
	}
	perBuild := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(perBuild)/float64(baseline), "x-goldmark")
	b.ReportMetric(float64(baseline.Milliseconds()), "goldmark-ms")
}

// goldmarkBaseline is the best of three conversions of the site's Markdown
// bodies by bare goldmark on all cores. It times the conversions only, as
// BenchmarkGoldmarkAllCores does: extracting the bodies from the site is
// not goldmark's work (and the bodies are not kept alive for the build).
func goldmarkBaseline(fsys fstest.MapFS) time.Duration {
	bodies, md := sitegen.MarkdownBodies(fsys), bareGoldmark()
	return fastest(3, func() { convertAll(md, bodies) })
}

func fastest(n int, f func()) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range n {
		start := time.Now()
		f()
		best = min(best, time.Since(start))
	}
	return best
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
