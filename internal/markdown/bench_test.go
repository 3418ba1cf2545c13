package markdown

import (
	"bytes"
	"html/template"
	"os"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/xmca/almanac/internal/sitegen"
)

// BenchmarkConvert compares a section through almanac's pipeline, HTML
// included, with the same bytes through bare goldmark with GFM.
func BenchmarkConvert(b *testing.B) {
	var src []byte
	for _, name := range []string{"testdata/three-social-linkage.zh.md", "testdata/three-social-linkage.en.md"} {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		src = append(append(src, data...), '\n')
	}

	b.Run("goldmark", func(b *testing.B) {
		md := goldmark.New(goldmark.WithExtensions(extension.GFM))
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			// As a site would use it: a fresh buffer, the HTML as a string.
			var out bytes.Buffer
			if err := md.Convert(src, &out); err != nil {
				b.Fatal(err)
			}
			_ = out.String()
		}
	})

	b.Run("almanac", func(b *testing.B) {
		c := New(Options{})
		r := newFakeResolver()
		b.SetBytes(int64(len(src)))
		b.ReportAllocs()
		for b.Loop() {
			doc, err := c.Convert(src, "content/2019/a.zh.md", 1, r)
			if err != nil {
				b.Fatal(err)
			}
			_ = doc.HTML("")
		}
	})
}

// BenchmarkConvertSite converts every Markdown body of a generated
// 2,000-section site, one after another, through bare goldmark (GFM +
// footnotes, as internal/build's baseline) and through almanac's pipeline,
// and reports almanac's time as a multiple of goldmark's (x-goldmark).
// Charts come from a stub, so their drawing is not counted. Run it with
// -cpu 1, so that garbage collection is paid for in the time as it is in a
// build that keeps every core busy:
//
//	go test -run '^$' -bench ConvertSite -cpu 1 ./internal/markdown/
func BenchmarkConvertSite(b *testing.B) {
	fsys, err := sitegen.Generate(sitegen.Options{Sections: 2000, Years: 4, Base: os.DirFS("../..")})
	if err != nil {
		b.Fatal(err)
	}
	byLang := sitegen.MarkdownBodiesByLanguage(fsys)
	// Each body is converted as its page is, English with typography.
	pages := []struct {
		resolver stubResolver
		bodies   [][]byte
	}{{stubResolver{"zh-Hans"}, byLang["zh"]}, {stubResolver{"en"}, byLang["en"]}}

	var goldmarkPerOp time.Duration
	b.Run("goldmark", func(b *testing.B) {
		md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote))
		b.ReportAllocs()
		var out bytes.Buffer
		for b.Loop() {
			for _, lang := range pages {
				for _, body := range lang.bodies {
					out.Reset()
					if err := md.Convert(body, &out); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		goldmarkPerOp = b.Elapsed() / time.Duration(b.N)
	})

	b.Run("almanac", func(b *testing.B) {
		c := New(Options{})
		b.ReportAllocs()
		for b.Loop() {
			for _, lang := range pages {
				for _, body := range lang.bodies {
					doc, err := c.Convert(body, "content/2019/a.md", 1, lang.resolver)
					if err != nil {
						b.Fatal(err)
					}
					_ = doc.HTML("")
				}
			}
		}
		if goldmarkPerOp > 0 {
			perOp := b.Elapsed() / time.Duration(b.N)
			b.ReportMetric(float64(perOp)/float64(goldmarkPerOp), "x-goldmark")
		}
	})
}

// stubResolver knows every key and answers at once, with a chart that
// carries a local id like a real one, for a page in locale.
type stubResolver struct {
	locale string
}

func (r stubResolver) Locale() string { return r.locale }

func (stubResolver) Inline(string) (string, bool) { return "5964家", true }

func (stubResolver) Chart(string) (template.HTML, error) {
	return template.HTML(`<figure class="chart" id="` + LocalID("chart") + `"><svg></svg></figure>`), nil
}

func (stubResolver) KeyFigures([]string) (template.HTML, error) {
	return `<div class="key-figures"></div>`, nil
}
