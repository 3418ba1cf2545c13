package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"
)

// BenchmarkRealSiteBuild times what an editor waits for: the real site's
// `almanac build`, from starting the program to its exit, as a separate
// process. Run it as
//
//	go test -run '^$' -bench RealSiteBuild -benchtime 20x ./cmd/almanac/
//
// It reports the median wall time (build-ms; the target is 150 ms), the
// same for `build --minify` (minify-ms) and the ratio of the two
// (x-plain; the target is 2x), and the median of starting the program to
// print its help (start-ms), all measured in the same run, alternating.
// The builds share a cache folder of their own, as an editor's builds share
// the user's: after the first, --minify finds the site's compressed bytes
// there (BenchmarkBuildMinify in internal/build times a cold cache too).
func BenchmarkRealSiteBuild(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "almanac")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	site, err := filepath.Abs("../..")
	if err != nil {
		b.Fatal(err)
	}
	out, cache := b.TempDir(), b.TempDir()
	run := func(args ...string) time.Duration {
		start := time.Now()
		cmd := exec.Command(bin, args...)
		cmd.Dir = site
		cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("almanac %v: %v\n%s", args, err, msg)
		}
		return time.Since(start)
	}
	var plain, minified, start []time.Duration
	b.ResetTimer()
	for range b.N {
		plain = append(plain, run("build", "-o", filepath.Join(out, "p")))
		b.StopTimer()
		minified = append(minified, run("build", "--minify", "-o", filepath.Join(out, "m")))
		start = append(start, run("help"))
		b.StartTimer()
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(median(plain)), "build-ms")
	b.ReportMetric(ms(median(minified)), "minify-ms")
	b.ReportMetric(float64(median(minified))/float64(median(plain)), "x-plain")
	b.ReportMetric(ms(median(start)), "start-ms")
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
