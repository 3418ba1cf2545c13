package render

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/htmltest"
	"github.com/xmca/almanac/internal/sitetest"
)

// TestTranslationNotice: with translation_notice on, the English page of a
// section whose Chinese text changed since it was translated tells readers,
// linking to the Chinese page; the current pages and the source say nothing.
func TestTranslationNotice(t *testing.T) {
	for _, on := range []bool{true, false} {
		f := sitetest.MapFS(t)
		if on {
			f["site.toml"].Data = append([]byte("translation_notice = true\n"), f["site.toml"].Data...)
		}
		zh := "content/2019/02-highlights.zh.md"
		f[zh].Data = []byte(strings.Replace(string(f[zh].Data), "设立市、区未成年人救助保护中心。", "设立市、区两级未成年人救助保护中心。", 1))
		s, l := model(t, f)
		files, err := Site(f, s, l, s.Pages)
		if err != nil {
			t.Fatal(err)
		}
		notices := func(file string) []*html.Node {
			doc, err := html.Parse(strings.NewReader(string(files[file])))
			if err != nil {
				t.Fatal(err)
			}
			var out []*html.Node
			for _, p := range htmltest.Elements(doc, "p") {
				if strings.Contains(htmltest.Attr(p, "class"), "translation-notice") {
					out = append(out, p)
				}
			}
			return out
		}
		got := notices("en/2019/highlights/index.html")
		if !on {
			if len(got) != 0 {
				t.Error("a notice without translation_notice")
			}
			continue
		}
		if len(got) != 1 || !strings.Contains(htmltest.Text(got[0]), "may be out of date") {
			t.Fatalf("English highlights: %d notices, want one saying the translation may be out of date", len(got))
		}
		if a := htmltest.Elements(got[0], "a"); len(a) != 1 || htmltest.Attr(a[0], "href") != "/report/zh/2019/highlights/" {
			t.Error("the notice does not link to the Chinese page")
		}
		for _, file := range []string{"en/2019/three-social-linkage/index.html", "zh/2019/highlights/index.html", "en/2019/index.html"} {
			if n := notices(file); len(n) != 0 {
				t.Errorf("%s has a notice", file)
			}
		}
	}
}
