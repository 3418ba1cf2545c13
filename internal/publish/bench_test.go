package publish_test

import (
	"maps"
	"os"
	"sync"
	"testing"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/output"
	"github.com/xmca/almanac/internal/publish"
	"github.com/xmca/almanac/internal/sitegen"
)

// The publish benchmarks post-process the pages of the same generated site
// as the build benchmarks (2,000 sections in each language, with the print
// editions), rendered once without post-processing:
//
//	go test -run '^$' -bench Process -benchtime 10x ./internal/publish/

var (
	benchOnce  sync.Once
	benchRes   *build.Result // kept, as a build keeps its model while it publishes
	benchFiles output.Files
	benchBase  string
)

// rendered is the generated site as the renderer leaves it, before publish.
func rendered(b *testing.B) (output.Files, string) {
	benchOnce.Do(func() {
		fsys, err := sitegen.Generate(sitegen.Options{Sections: 2000, Years: 4, Base: os.DirFS("../..")})
		if err != nil {
			b.Fatal(err)
		}
		// Dev leaves publish out, which the benchmarks time on their own.
		res, err := build.Run(fsys, build.Options{Dev: true})
		if err != nil {
			b.Fatal(err)
		}
		benchRes, benchFiles, benchBase = res, res.Files, res.Config.BaseURL
	})
	if benchFiles == nil {
		b.Fatal("no site to publish")
	}
	return benchFiles, benchBase
}

func benchProcess(b *testing.B, opt publish.Options) {
	files, base := rendered(b)
	opt.BaseURL = base
	for b.Loop() {
		// Process rewrites the map it is given: hand it a fresh one.
		b.StopTimer()
		in := maps.Clone(files)
		b.StartTimer()
		if err := publish.Process(in, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProcess is the default build's post-processing: the
// Content-Security-Policy check, sitemap, robots.txt, _redirects, _headers.
func BenchmarkProcess(b *testing.B) {
	benchProcess(b, publish.Options{})
}

// BenchmarkProcessMinify adds minifying and fingerprinting (without
// precompressing, which is brotli's time rather than publish's).
func BenchmarkProcessMinify(b *testing.B) {
	benchProcess(b, publish.Options{Minify: true, Fingerprint: true})
}
