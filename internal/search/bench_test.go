package search_test

import (
	"os"
	"testing"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/search"
	"github.com/xmca/almanac/internal/sitegen"
	"github.com/xmca/almanac/internal/sitetest"
)

// BenchmarkIndexGenerated indexes the model of a generated site of 2,000
// sections in each language (internal/build's BenchmarkSearchIndex sets
// this against the full build).
func BenchmarkIndexGenerated(b *testing.B) {
	fsys, err := sitegen.Generate(sitegen.Options{Sections: 2000, Years: 4, Base: os.DirFS(sitetest.Root(b))})
	if err != nil {
		b.Fatal(err)
	}
	res, err := build.Model(fsys, build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		search.Build(res.Site, search.Options{})
	}
}
