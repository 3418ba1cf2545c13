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

// BenchmarkRealSiteIndex indexes the real site and reports the sizes the
// budgets are about, gzipped: each language's whole index (budget 60 KB)
// and the most a first query of a Chinese or English phrase downloads
// (budget 30 KB). TestRealSiteBudgets holds them to the budgets.
func BenchmarkRealSiteIndex(b *testing.B) {
	res, err := build.Run(sitetest.MapFS(b), build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		search.Build(res.Site, search.Options{})
	}
	first := 0
	for _, lang := range res.Config.Langs {
		idx := readIndex(b, res.Files, res.Site.SearchManifest(lang.Key))
		b.ReportMetric(float64(idx.gzipTotal(b))/1024, lang.Key+"-index-KB")
		for _, q := range budgetQueries[lang.Key] {
			first = max(first, firstQueryBytes(b, idx, q))
		}
	}
	b.ReportMetric(float64(first)/1024, "first-query-KB")
}
