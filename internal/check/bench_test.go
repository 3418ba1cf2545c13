package check

import (
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/sitegen"
)

// BenchmarkVerify times what almanac build spends on refusing what check
// refuses, on a generated site of 2,000 sections per language:
//
//	go test -run '^$' -bench Verify -benchtime 5x ./internal/check/
//
// Each round builds the site (build-ms), then runs Errors, what the build
// runs (errors-ms), and Run, everything check finds (run-ms), alternating
// on the same result. x-run is Errors over Run, x-build what Errors adds to
// the build (build+Errors over build+Run): medians of the same run.
func BenchmarkVerify(b *testing.B) {
	fsys, err := sitegen.Generate(sitegen.Options{Sections: 2000, Years: 4, Base: os.DirFS("../..")})
	if err != nil {
		b.Fatal(err)
	}
	var builds, errs, runs []time.Duration
	timed := func(f func()) time.Duration {
		runtime.GC()
		start := time.Now()
		f()
		return time.Since(start)
	}
	b.ResetTimer()
	for range b.N {
		var res *build.Result
		builds = append(builds, timed(func() {
			if res, err = build.Run(fsys, build.Options{}); err != nil {
				b.Fatal(err)
			}
		}))
		errs = append(errs, timed(func() {
			if list := Errors(res, fsys); len(list) > 0 {
				b.Fatalf("the generated site has errors:\n%v", list)
			}
		}))
		runs = append(runs, timed(func() { Run(res, fsys) }))
	}
	bm, em, rm := median(builds), median(errs), median(runs)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(bm), "build-ms")
	b.ReportMetric(ms(em), "errors-ms")
	b.ReportMetric(ms(rm), "run-ms")
	b.ReportMetric(float64(em)/float64(rm), "x-run")
	b.ReportMetric(float64(bm+em)/float64(bm+rm), "x-build")
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
