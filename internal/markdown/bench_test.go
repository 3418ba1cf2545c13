package markdown

import (
	"bytes"
	"os"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
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
