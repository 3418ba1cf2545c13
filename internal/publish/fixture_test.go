package publish

import (
	"fmt"
	"strings"

	"github.com/xmca/almanac/internal/output"
)

const testBase = "https://mzj.xm.gov.cn/report/"

// page builds an HTML page the way the renderer does: canonical and hreflang
// links, the stylesheet and script, an image, and some body.
func page(lang, title, canonical string, alts map[string]string, cssHref, jsHref, body string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", lang)
	fmt.Fprintf(&b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n", title)
	if canonical != "" {
		fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"%s\">\n", canonical)
	}
	for _, hl := range []string{"zh-Hans", "zh-Hant", "en", "x-default"} {
		if href, ok := alts[hl]; ok {
			fmt.Fprintf(&b, "<link rel=\"alternate\" hreflang=\"%s\" href=\"%s\">\n", hl, href)
		}
	}
	fmt.Fprintf(&b, "<link rel=\"stylesheet\" href=\"%s\">\n", cssHref)
	fmt.Fprintf(&b, "<link rel=\"icon\" href=\"/report/favicon.ico\">\n")
	fmt.Fprintf(&b, "<script src=\"%s\" defer></script>\n", jsHref)
	b.WriteString("</head>\n<body>\n")
	b.WriteString(body)
	b.WriteString("\n</body>\n</html>\n")
	return b.String()
}

func alts(path string) map[string]string {
	return map[string]string{
		"zh-Hans":   testBase + "zh/" + path,
		"en":        testBase + "en/" + path,
		"x-default": testBase,
	}
}

// filler is body text long enough to be worth compressing.
func filler(lang string) string {
	var b strings.Builder
	for i := 0; i < 12; i++ {
		if lang == "zh" {
			fmt.Fprintf(&b, "<p>2019年，全市社会组织达到5964家，\n比上年增长%d%%。三社联动   机制覆盖全部镇街。</p>\n", i)
		} else {
			fmt.Fprintf(&b, "<p>In 2019 the city had   5,964 social organizations,\n%d%% more than the year before.</p>\n", i)
		}
	}
	return b.String()
}

const chartSVG = `<figure class="chart">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" role="img" aria-labelledby="c1-title c1-desc">
  <title id="c1-title">社会组织构成</title>
  <desc id="c1-desc">社会团体1622家，民办非企业单位1735家。</desc>
  <rect x="0" y="0" width="162.2" height="40" fill="#2a6f97"/>
  <rect x="0" y="50" width="173.5" height="40" fill="#61a5c2"/>
  <text x="10" y="25">社会团体 1622</text>
</svg>
<figcaption>社会组织构成</figcaption>
</figure>`

const siteCSS = `@import "print.css" print;
/* a comment with url(not-a-file.png) that must stay as it is */
@font-face {
  font-family: "Noto Sans SC";
  src: url("../fonts/noto.woff2") format("woff2"), url(../fonts/noto.woff) format("woff");
  font-display: swap;
}
body {
  font-family: "Noto Sans SC", sans-serif;
  font-size: 1.125rem;
  line-height: 1.8;
  color: #1b1b1b;
  background: #fff url( '../images/bg.png' ) no-repeat top right;
}
.logo {
  background-image: url(/report/images/logo.png);
}
.mark {
  background-image: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E");
}
.chart rect {
  stroke: #ffffff;
  stroke-width: 1.0px;
}
`

const printCSS = `@media print {
  .site-header, .text-size { display: none; }
  .qr { background: url(../images/logo.png) no-repeat; }
}
`

func siteJS() string {
	var b strings.Builder
	b.WriteString("(function () {\n  'use strict';\n  var sizes = ['small', 'medium', 'large'];\n")
	for i := 0; i < 8; i++ {
		fmt.Fprintf(&b, `  function setSize%d(size) {
    var root = document.documentElement;
    for (var i = 0; i < sizes.length; i++) {
      root.classList.remove('text-' + sizes[i]);
    }
    root.classList.add('text-' + size);
    try { localStorage.setItem('text-size', size); } catch (e) { /* private mode */ }
    return %d;
  }
`, i, i)
	}
	b.WriteString("  document.addEventListener('DOMContentLoaded', function () { setSize0('medium'); });\n})();\n")
	return b.String()
}

// fixture is a small built site: a bilingual root, two language homes, a
// report cover per language, a print page, 404 pages, CSS with fonts and
// images, a script, data files.
func fixture() output.Files {
	f := output.Files{}
	f["index.html"] = []byte(page("zh-Hans", "厦门市民政年度报告 Annual Report", testBase, alts(""),
		"/report/css/site.css", "/report/js/site.js",
		`<img src="images/logo.png" srcset="images/logo.png 1x, images/logo@2x.png 2x" alt="厦门市民政局">
<p><a href="zh/">中文</a> <a href="en/">English</a></p>`))
	for i, lang := range []string{"zh", "en"} {
		hl := []string{"zh-Hans", "en"}[i]
		home := alts("")
		home["zh-Hans"], home["en"] = testBase+"zh/", testBase+"en/"
		f[lang+"/index.html"] = []byte(page(hl, "Home "+lang, testBase+lang+"/", home,
			"../css/site.css", "../js/site.js",
			`<a href="2019/"><img src="../images/logo.png" alt=""></a>`+filler(lang)))
		css := "../../css/site.css"
		if lang == "en" {
			css = "/css/site.css" // a root-relative URL without the base path
		}
		f[lang+"/2019/index.html"] = []byte(strings.Replace(page(hl, "2019 "+lang, testBase+lang+"/2019/", alts("2019/"),
			css, "/report/js/site.js",
			`<main>
<h1 id="儿童福利">2019</h1>
`+chartSVG+`
<pre>  line one
    line two   kept</pre>
<p><a href="figures.csv">CSV</a> <a href="figures.json">JSON</a> <a href="print/">Print</a> <a href="#儿童福利">#</a></p>
<video poster="../../images/bg.png" controls></video>
</main>`+filler(lang)), "<head>", "<head>\n<meta property=\"og:image\" content=\"https://mzj.xm.gov.cn/report/images/logo.png\">", 1))
		f[lang+"/2019/print/index.html"] = []byte(strings.Replace(page(hl, "Print "+lang, "", nil,
			"../../../css/site.css", "../../../js/site.js", filler(lang)),
			"<head>", "<head>\n<meta name=\"robots\" content=\"noindex\">", 1))
		f[lang+"/2019/figures.csv"] = []byte("key,value\nsocial-organizations,5964\n")
		f[lang+"/2019/figures.json"] = []byte("{\n  \"social-organizations\": {\n    \"value\": 5964,\n    \"big\": 4300000.0\n  }\n}\n")
		f[lang+"/404.html"] = []byte(page(hl, "404", "", nil, "/report/css/site.css", "/report/js/site.js", "<p>Not found</p>"))
	}
	f["404.html"] = []byte(page("zh-Hans", "404", "", nil, "/report/css/site.css", "/report/js/site.js", "<p>Not found 找不到</p>"))
	f["css/site.css"] = []byte(siteCSS)
	f["css/print.css"] = []byte(printCSS)
	f["js/site.js"] = []byte(siteJS())
	f["images/logo.png"] = []byte("\x89PNG\r\n\x1a\nlogo")
	f["images/logo@2x.png"] = []byte("\x89PNG\r\n\x1a\nlogo2x")
	f["images/bg.png"] = []byte("\x89PNG\r\n\x1a\nbg")
	f["fonts/noto.woff2"] = []byte("wOF2font")
	f["fonts/noto.woff"] = []byte("wOFFfont")
	f["favicon.ico"] = []byte("\x00\x00\x01\x00icon")
	return f
}

func cloneFiles(f output.Files) output.Files {
	out := output.Files{}
	for k, v := range f {
		out[k] = append([]byte(nil), v...)
	}
	return out
}

// fixtureOptions are the Options a build gives Process for fixture(): its
// indexed pages with their translations, and its languages.
func fixtureOptions() Options {
	alternates := func(zh, en, def string) []Alternate {
		return []Alternate{{"zh-Hans", zh}, {"en", en}, {"x-default", def}}
	}
	homes := alternates("zh/index.html", "en/index.html", "index.html")
	covers := alternates("zh/2019/index.html", "en/2019/index.html", "index.html")
	return Options{
		BaseURL: testBase,
		Pages: []Page{
			{"index.html", homes}, {"zh/index.html", homes}, {"en/index.html", homes},
			{"zh/2019/index.html", covers}, {"en/2019/index.html", covers},
		},
		Languages: []Language{{"zh-Hans", "zh/index.html"}, {"en", "en/index.html"}},
	}
}
