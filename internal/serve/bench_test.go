package serve

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xmca/almanac/internal/sitegen"
)

// BenchmarkLiveReload measures, on the generated site of 2,000 sections in
// each of two languages (the one internal/build benchmarks), the time from
// saving a file to the browser's reload event: a real server, real files,
// real file events, a real event-stream client. Run it as
//
//	go test -run '^$' -bench LiveReload -benchtime 30x ./internal/serve/
//
// Each sub-benchmark reports the latency's median and 95th percentile, and
// the median as a share of a full build of the same site (build.Run from
// the files on disk, as the dev server would build it without its caches;
// the median of three, timed just before the edits).
//
//	section  one section's text, in one language
//	figure   one figure's value in figures.toml (two sections show it)
//	css      the stylesheet (swapped in place, no page changes)
func BenchmarkLiveReload(b *testing.B) {
	env := liveBench(b)
	b.Run("section", func(b *testing.B) {
		i := 0
		env.measure(b, func() (string, func(*change) bool) {
			i++
			n := i % 40
			lang := []string{"zh", "en"}[i%2]
			file := fmt.Sprintf("content/2000/%04d-section-%d.%s.md", n+1, n, lang)
			src := env.ts.read(b, file)
			word, other := "Focusing", "Concentrating"
			if lang == "zh" {
				word, other = "全市聚焦", "全市围绕"
			}
			if !strings.Contains(src, word) {
				word, other = other, word
			}
			env.ts.write(b, file, strings.Replace(src, word, other, 1))
			page := fmt.Sprintf("/%s/2000/section-%d/", lang, n)
			return file, func(c *change) bool { return slices.Contains(c.Pages, page) }
		})
	})
	b.Run("figure", func(b *testing.B) {
		i := 0
		env.measure(b, func() (string, func(*change) bool) {
			i++
			n := i % 40
			file := "content/2000/figures.toml"
			src := env.ts.read(b, file)
			value := fmt.Sprintf("value = %d\n", 2400000+n*10000)
			changed := fmt.Sprintf("value = %d\n", 2500000+n*10000)
			if !strings.Contains(src, value) {
				value, changed = changed, value
			}
			head := fmt.Sprintf("[figure.f%d-money]\n", n)
			at := strings.Index(src, head)
			env.ts.write(b, file, src[:at]+strings.Replace(src[at:], value, changed, 1))
			page := fmt.Sprintf("/zh/2000/section-%d/", n)
			return file, func(c *change) bool { return slices.Contains(c.Pages, page) }
		})
	})
	b.Run("css", func(b *testing.B) {
		i := 0
		env.measure(b, func() (string, func(*change) bool) {
			i++
			file := "static/css/site.css"
			src := env.ts.read(b, file)
			env.ts.write(b, file, strings.TrimSuffix(src, fmt.Sprintf("/* %d */\n", i-1))+fmt.Sprintf("/* %d */\n", i))
			return file, func(c *change) bool { return c.CSSOnly }
		})
	})
}

type liveBenchEnv struct {
	dir    string
	ts     *testServer
	events <-chan sseEvent
}

// fullBuild is the median time of three full builds of the site, measured
// now: on a shared machine the time of a build measured minutes earlier
// says little.
func (env *liveBenchEnv) fullBuild(b *testing.B) time.Duration {
	var times []time.Duration
	for range 3 {
		start := time.Now()
		if _, err := fullBuild(env.dir, env.ts.URL(), true); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return times[1]
}

var (
	liveBenchOnce sync.Once
	liveBenchSite *liveBenchEnv
	liveBenchErr  error
)

// liveBench writes the generated site to disk, starts a server on it, and
// connects a live-reload client, once for all sub-benchmarks.
func liveBench(b *testing.B) *liveBenchEnv {
	liveBenchOnce.Do(func() {
		m, err := sitegen.Generate(sitegen.Options{Sections: 2000, Years: 4, Base: os.DirFS("../..")})
		if err != nil {
			liveBenchErr = err
			return
		}
		dir, err := os.MkdirTemp("", "almanac-bench-")
		if err != nil {
			liveBenchErr = err
			return
		}
		files := map[string][]byte{}
		for name, f := range m {
			files[name] = f.Data
		}
		writeMap(b, dir, files)
		env := &liveBenchEnv{dir: dir}
		env.ts = start(b, dir, Options{Drafts: true})
		env.events = env.ts.events(b, env.ts.token())
		liveBenchSite = env
	})
	if liveBenchErr != nil {
		b.Fatal(liveBenchErr)
	}
	if liveBenchSite == nil {
		b.Fatal("the benchmark site could not be set up")
	}
	return liveBenchSite
}

// measure times edits: each saves a file and says which change event is
// its page's reload; the time runs from just before the save to the event.
func (env *liveBenchEnv) measure(b *testing.B, edit func() (string, func(*change) bool)) {
	full := env.fullBuild(b)
	runtime.GC() // the full builds' garbage is theirs to pay for, not the edits'
	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		_, done := edit()
		waitEvent(b, env.events, "change", func(e sseEvent) bool { return done(e.change(b)) })
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	p50, p95 := lat[len(lat)/2], lat[min(len(lat)-1, len(lat)*95/100)]
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p95), "p95-ms")
	b.ReportMetric(float64(p50)/float64(full)*100, "%-of-full-build")
	b.ReportMetric(ms(full), "full-build-ms")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
