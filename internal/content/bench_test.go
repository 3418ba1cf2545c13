package content

import (
	"os"
	"testing"

	"github.com/xmca/almanac/internal/sitegen"
)

// BenchmarkLoad reads the content folder of the generated benchmark site:
// 4,000 Markdown files with front matter in four report years.
func BenchmarkLoad(b *testing.B) {
	fsys, err := sitegen.Generate(sitegen.Options{Sections: 2000, Years: 4, Base: os.DirFS("../..")})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(fsys, Options{Langs: []string{"zh", "en"}}); err != nil {
			b.Fatal(err)
		}
	}
}
