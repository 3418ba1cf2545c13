package build

import (
	"regexp"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/convert"
	"github.com/xmca/almanac/internal/sitetest"
)

// BenchmarkTraditional builds the real site, whose zh-hant edition is
// converted from the zh files, as a new almanac process does each time,
// and reports it against the same site with that edition written by hand
// (every file the conversion makes written out as zh-hant files, nothing
// converted) in the same run: x-handwritten - 1 is what conversion adds to
// a build. "cold" reads OpenCC's dictionary in every build (a first build,
// or text changed since the last); "cached" finds the text converted by
// the previous build in the cache folder, as almanac build does from the
// second build on.
//
//	go test -run '^$' -bench Traditional -benchtime 10x ./internal/build/
func BenchmarkTraditional(b *testing.B) {
	b.Run("cold", func(b *testing.B) { benchmarkTraditional(b, "") })
	b.Run("cached", func(b *testing.B) {
		dir := b.TempDir()
		convert.UseDiskCache(dir)
		buildForBench(b, sitetest.MapFS(b))
		convert.SaveDiskCache()
		benchmarkTraditional(b, dir)
	})
}

func benchmarkTraditional(b *testing.B, cacheDir string) {
	convert.UseDiskCache(cacheDir)
	b.Cleanup(func() { convert.UseDiskCache(""); convert.Unload() })
	converted := sitetest.MapFS(b)
	handwritten := handwrittenTraditional(b, converted)
	var withConv, without []time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		runtime.GC()
		without = append(without, timed(func() { buildForBench(b, handwritten) }))
		runtime.GC()
		convert.Unload() // as a new process: nothing read or converted yet
		b.StartTimer()
		withConv = append(withConv, timed(func() { buildForBench(b, converted) }))
	}
	b.ReportMetric(float64(median(withConv))/float64(median(without)), "x-handwritten")
	b.ReportMetric(float64(median(without).Microseconds())/1000, "handwritten-ms")
}

func buildForBench(b *testing.B, fsys fstest.MapFS) {
	res, err := Run(fsys, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, ok := res.Files["zh-hant/2019/print/index.html"]; !ok {
		b.Fatal("no zh-hant edition")
	}
}

// handwrittenTraditional is fsys with its zh-hant edition written out as
// files: zh-hant Markdown, strings and figure texts, as converted, and no
// conversion in site.toml.
func handwrittenTraditional(b *testing.B, fsys fstest.MapFS) fstest.MapFS {
	cfg, err := config.Parse(fsys["site.toml"].Data)
	if err != nil {
		b.Fatal(err)
	}
	lang := cfg.Language("zh-hant")
	conv := lang.Converter()
	out := fstest.MapFS{}
	for name, f := range fsys {
		if _, made := out[name]; !made {
			out[name] = f
		}
		text := string(f.Data)
		switch {
		case strings.HasSuffix(name, ".zh.md"):
			out[strings.TrimSuffix(name, ".zh.md")+".zh-hant.md"] = &fstest.MapFile{Data: []byte(conv.String(text))}
		case name == "layouts/i18n/zh.toml":
			own := string(fsys["layouts/i18n/zh-hant.toml"].Data)
			var b strings.Builder
			b.WriteString(own)
			for _, line := range strings.Split(conv.String(text), "\n") {
				if key, _, ok := strings.Cut(line, " = "); ok && !strings.Contains(own, "\n"+key+" = ") {
					b.WriteString(line + "\n")
				}
			}
			out["layouts/i18n/zh-hant.toml"] = &fstest.MapFile{Data: []byte(b.String())}
		case strings.HasSuffix(name, "figures.toml"):
			out[name] = &fstest.MapFile{Data: []byte(zhTexts.ReplaceAllStringFunc(text, func(m string) string {
				return m + ", zh-hant = " + conv.String(strings.TrimPrefix(m, "zh = "))
			}))}
		}
	}
	site := regexp.MustCompile(`(?m)^(convert_from|convert) = .*$`).ReplaceAllString(string(fsys["site.toml"].Data), "")
	site = strings.Replace(site, "[languages.zh-hant.phrases]", "", 1)
	site = regexp.MustCompile(`(?m)^"[^"]*" = "[^"]*".*$`).ReplaceAllString(site, "")
	site = strings.Replace(site, `name = "繁體中文"`, `name = "繁體中文"`+"\ntitle = \""+lang.Title+"\"", 1)
	out["site.toml"] = &fstest.MapFile{Data: []byte(site)}
	return out
}

// zhTexts finds the Chinese text of a label, source or chart text in
// figures.toml: zh = "…".
var zhTexts = regexp.MustCompile(`\bzh = "[^"]*"`)
