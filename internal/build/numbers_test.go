package build

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/xmca/almanac/internal/htmltest"
	"github.com/xmca/almanac/internal/sitetest"
)

// builtFigure is a figure added to the 2019 report, and how each edition's
// page must write it.
type builtFigure struct {
	key, settings  string // settings: the figure's lines in figures.toml, label aside
	zh, zhHant, en string
}

// TestNumbersOnBuiltPages: numbers the 2019 report does not have, added
// to it, read on the built pages of every edition as that language writes
// numbers.
func TestNumbersOnBuiltPages(t *testing.T) {
	figures := []builtFigure{
		// Every digit, or a step that keeps the value exact; never
		// 1.23456789亿, and never a qualifier the figure does not have.
		{"served-times", "value = 123456789\nunit = \"person-times\"",
			"123456789人次", "123456789人次", "123,456,789 person-times"},
		{"served-rounded", "value = 123450000\nunit = \"person-times\"",
			"1.2345亿人次", "1.2345億人次", "123.45 million person-times"},
		// English writes the minus before the currency, Chinese with the
		// digits.
		{"balance", "value = -25000000\nunit = \"yuan\"",
			"-2500万元", "-2500萬元", "-RMB 25 million"},
		// A unit that is itself a step takes none of its own.
		{"budget", "value = 25000\nunit = \"wan-yuan\"",
			"25000万元", "25000萬元", "25,000 × RMB 10,000"},
	}
	res := buildWithFigures(t, "\n[units.wan-yuan]\nzh = \"{0}万元\"\nen = \"{0} × RMB 10,000\"\n", figures)
	for _, f := range figures {
		for page, want := range map[string]string{
			"zh/2019/highlights/index.html":      f.zh,
			"zh-hant/2019/highlights/index.html": f.zhHant,
			"en/2019/highlights/index.html":      f.en,
		} {
			if got := figureText(t, parse(t, res.Files, page), f.key); got != want {
				t.Errorf("%s: %s reads %q, want %q", page, f.key, got, want)
			}
		}
	}
}

// buildWithFigures builds the real site with siteTOML added to its
// site.toml and figures added to the 2019 report, cited at the end of its
// highlights in both languages.
func buildWithFigures(t *testing.T, siteTOML string, figures []builtFigure) *Result {
	t.Helper()
	fsys := sitetest.MapFS(t)
	var toml, zh, en strings.Builder
	for _, f := range figures {
		toml.WriteString("\n[figure." + f.key + "]\n" + f.settings + "\nlabel = { zh = \"测试\", en = \"Test\" }\n")
		zh.WriteString("\n\n共{{" + f.key + "}}。")
		en.WriteString("\n\nIn all, {{" + f.key + "}}.")
	}
	appendTo := func(name, text string) {
		fsys[name] = &fstest.MapFile{Data: append(fsys[name].Data, text...)}
	}
	appendTo("site.toml", siteTOML)
	appendTo("content/2019/figures.toml", toml.String())
	appendTo("content/2019/02-highlights.zh.md", zh.String())
	appendTo("content/2019/02-highlights.en.md", en.String())
	return buildOK(t, fsys)
}

// figureText is the text of the first citation of figure key on a page.
func figureText(t *testing.T, doc *html.Node, key string) string {
	t.Helper()
	n := htmltest.Find(doc, func(n *html.Node) bool { return htmltest.Attr(n, "data-fig") == key })
	if n == nil {
		t.Fatalf("figure %s is not on the page", key)
	}
	return htmltest.Text(n)
}
