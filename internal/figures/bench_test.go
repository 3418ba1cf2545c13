package figures

import (
	"os"
	"testing"

	"github.com/xmca/almanac/internal/sitegen"
)

// BenchmarkParseLarge parses one report year of the generated benchmark
// site: 500 sections of five figures, a rule and a chart each.
func BenchmarkParseLarge(b *testing.B) {
	fsys, err := sitegen.Generate(sitegen.Options{Sections: 2000, Years: 4, Base: os.DirFS("../..")})
	if err != nil {
		b.Fatal(err)
	}
	src := fsys["content/2000/figures.toml"].Data
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(testFile, src, siteLangs); err != nil {
			b.Fatal(err)
		}
	}
}
