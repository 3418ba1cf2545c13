package qr

import (
	"fmt"
	"testing"
)

// benchURLs are the kind of text a build encodes: the absolute URLs of a
// large site's pages, in both languages, of a few lengths.
func benchURLs() []string {
	var urls []string
	for i := range 64 {
		lang := [...]string{"zh", "en"}[i%2]
		urls = append(urls, fmt.Sprintf("https://mzj.xm.gov.cn/report/%s/%d/%04d-section-%d/", lang, 2001+i%20, i*7, i))
	}
	urls = append(urls, "https://mzj.xm.gov.cn/report/zh/2019/", "https://mzj.xm.gov.cn/report/en/2019/print/")
	return urls
}

func BenchmarkSVG(b *testing.B) {
	urls := benchURLs()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := SVG(urls[i%len(urls)], "扫码在手机上打开本页"); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
