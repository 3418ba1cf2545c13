package chart

import (
	"errors"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/xmca/almanac/internal/htmltest"
)

func TestRenderStructure(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		for _, c := range append(examples(lang), stressCharts(lang)...) {
			t.Run(lang+"/"+c.ID, func(t *testing.T) {
				fig := render(t, c)
				if got := htmltest.Attr(fig, "id"); got != c.ID {
					t.Errorf("figure id = %q, want %q", got, c.ID)
				}
				if got, want := htmltest.Attr(fig, "class"), "chart chart-"+c.Kind; got != want {
					t.Errorf("figure class = %q, want %q", got, want)
				}
				if first := firstElement(fig); first == nil || first.Data != "figcaption" || htmltest.Text(first) != c.Title {
					t.Errorf("the figure must open with a <figcaption> holding the title")
				}
				checkAccessibleSVG(t, fig, c)
				checkNoInlineStyle(t, fig)
				checkIDs(t, []*html.Node{fig}, c.ID)
				checkTable(t, fig, c)
				checkTextInside(t, one(t, fig, "svg"))
			})
		}
	}
}

func checkAccessibleSVG(t *testing.T, fig *html.Node, c Chart) {
	t.Helper()
	svg := one(t, fig, "svg")
	if htmltest.Attr(svg, "role") != "img" {
		t.Errorf(`svg role = %q, want "img"`, htmltest.Attr(svg, "role"))
	}
	refs := strings.Fields(htmltest.Attr(svg, "aria-labelledby"))
	if want := []string{c.ID + "-title", c.ID + "-desc"}; !slices.Equal(refs, want) {
		t.Fatalf("aria-labelledby = %q, want %q", refs, want)
	}
	title, desc := htmltest.ByID(svg, refs[0]), htmltest.ByID(svg, refs[1])
	if title == nil || title.Data != "title" || title.Parent != svg || htmltest.Text(title) != c.Title {
		t.Errorf("aria-labelledby's first id must be the svg's <title> holding %q", c.Title)
	}
	if desc == nil || desc.Data != "desc" || desc.Parent != svg || strings.TrimSpace(htmltest.Text(desc)) == "" {
		t.Errorf("aria-labelledby's second id must be the svg's non-empty <desc>")
	}
	if _, _, ok := viewBox(svg); !ok {
		t.Errorf("viewBox = %q", htmltest.Attr(svg, "viewBox"))
	}
	if htmltest.Attr(svg, "width") != "" || htmltest.Attr(svg, "height") != "" {
		t.Errorf("a fixed width or height keeps the chart from scaling to the page")
	}
}

func checkNoInlineStyle(t *testing.T, root *html.Node) {
	t.Helper()
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "style" || n.Data == "script" {
			t.Errorf("<%s> element in a chart", n.Data)
		}
		for _, a := range n.Attr {
			if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s %s=%q>: the Content-Security-Policy blocks it", n.Data, a.Key, a.Val)
			}
		}
	}
}

// checkIDs checks that ids are unique across roots (one page), that each
// starts with its chart's id, and that every url(#…) points at one of them.
func checkIDs(t *testing.T, roots []*html.Node, prefixes ...string) {
	t.Helper()
	seen := map[string]bool{}
	for _, root := range roots {
		for n := range root.Descendants() {
			id := htmltest.Attr(n, "id")
			if n.Type != html.ElementNode || id == "" {
				continue
			}
			if seen[id] {
				t.Errorf("id %q appears twice", id)
			}
			seen[id] = true
			if !slices.ContainsFunc(prefixes, func(p string) bool { return id == p || strings.HasPrefix(id, p+"-") }) {
				t.Errorf("id %q does not start with a chart's id %q", id, prefixes)
			}
		}
	}
	ref := regexp.MustCompile(`url\(#([^)]*)\)`)
	for _, root := range roots {
		for n := range root.Descendants() {
			for _, a := range n.Attr {
				for _, m := range ref.FindAllStringSubmatch(a.Val, -1) {
					if !seen[m[1]] {
						t.Errorf("%s=%q points at a missing id", a.Key, a.Val)
					}
				}
			}
		}
	}
}

// checkTable checks the data table: caption, column headers with scope, and
// one row per datum with its label as a row header and its value text.
func checkTable(t *testing.T, fig *html.Node, c Chart) {
	t.Helper()
	details := one(t, fig, "details")
	if s := one(t, details, "summary"); strings.TrimSpace(htmltest.Text(s)) == "" {
		t.Error("the <summary> is empty")
	}
	table := one(t, details, "table")
	if caption := one(t, table, "caption"); !strings.Contains(htmltest.Text(caption), c.Title) {
		t.Errorf("caption %q does not name the chart", htmltest.Text(caption))
	}
	wantCols := 2
	if c.Kind == KindPartOfWhole {
		wantCols = 3
	}
	cols := htmltest.Elements(one(t, table, "thead"), "th")
	if len(cols) != wantCols {
		t.Errorf("%d column headers, want %d", len(cols), wantCols)
	}
	for _, th := range cols {
		if htmltest.Attr(th, "scope") != "col" || htmltest.Text(th) == "" {
			t.Errorf("column header %q without scope=col", htmltest.Text(th))
		}
	}
	rows := htmltest.Elements(one(t, table, "tbody"), "tr")
	if len(rows) < len(c.Data) {
		t.Fatalf("%d table rows for %d data", len(rows), len(c.Data))
	}
	svgTexts := allText(one(t, fig, "svg"), "text")
	for i, d := range c.Data {
		th := htmltest.Elements(rows[i], "th")
		tds := htmltest.Elements(rows[i], "td")
		if len(th) != 1 || htmltest.Attr(th[0], "scope") != "row" || htmltest.Text(th[0]) != d.Label {
			t.Errorf("row %d: want a row header (scope=row) %q", i+1, d.Label)
		}
		if len(tds) != wantCols-1 || htmltest.Text(tds[0]) != valueText(c, d) {
			t.Errorf("row %d: want the value %q in the first cell", i+1, valueText(c, d))
		}
		if !strings.Contains(svgTexts, valueText(c, d)) {
			t.Errorf("value %q is not written in the SVG", valueText(c, d))
		}
	}
	if c.Total != nil {
		foot := one(t, table, "tfoot")
		if !strings.Contains(htmltest.Text(foot), c.Total.Text) {
			t.Errorf("the table's footer lacks the total %q", c.Total.Text)
		}
	}
}

// checkTextInside checks, with the package's own width estimates, that every
// text of the SVG lies inside its viewBox: nothing is cut off at the edges.
func checkTextInside(t *testing.T, svg *html.Node) {
	t.Helper()
	width, height, _ := viewBox(svg)
	for _, n := range htmltest.Elements(svg, "text") {
		x, y := number(t, htmltest.Attr(n, "x")), number(t, htmltest.Attr(n, "y"))
		size := fontSize
		if s := htmltest.Attr(n, "font-size"); s != "" {
			size = number(t, s)
		}
		w := textWidth(htmltest.Text(n), size, htmltest.Attr(n, "font-weight") == "bold" || hasBoldChild(n))
		left := x
		switch htmltest.Attr(n, "text-anchor") {
		case "end":
			left = x - w
		case "middle":
			left = x - w/2
		}
		// 0.88 em is the ascent of Chinese characters, the tallest glyphs.
		if left < -0.5 || left+w > width+0.5 || y-0.88*size < -0.5 || y > height+0.5 {
			t.Errorf("text %q at (%v,%v) sticks out of the %vx%v viewBox", htmltest.Text(n), x, y, width, height)
		}
	}
}

func TestBarLengthsAreProportional(t *testing.T) {
	c := Chart{ID: "c", Kind: KindBar, Lang: "en", Title: "T", Data: []Datum{
		{Label: "a", Value: 6, Text: "6"}, {Label: "b", Value: 25, Text: "25"}, {Label: "c", Value: 3, Text: "3"}, {Label: "zero", Value: 0, Text: "0"}, {Label: "d", Value: 4300, Text: "4,300"},
	}}
	bars := rects(t, render(t, c), "chart-bar-rect")
	if len(bars) != len(c.Data) {
		t.Fatalf("%d bars for %d data", len(bars), len(c.Data))
	}
	perUnit := bars[4].w / 4300
	for i, d := range c.Data {
		if math.Abs(bars[i].w-d.Value*perUnit) > 0.011 {
			t.Errorf("%s: width %v, want %v", d.Label, bars[i].w, d.Value*perUnit)
		}
		if bars[i].x != bars[0].x {
			t.Errorf("%s: starts at %v, not at the zero line %v", d.Label, bars[i].x, bars[0].x)
		}
	}
}

func TestNegativeBarsGrowLeftFromZero(t *testing.T) {
	c := Chart{ID: "c", Kind: KindBar, Lang: "en", Title: "T", Data: []Datum{{Label: "up", Value: 10, Text: "+10%"}, {Label: "down", Value: -5, Text: "−5%"}}}
	bars := rects(t, render(t, c), "chart-bar-rect")
	zero := bars[0].x
	if got := bars[1].x + bars[1].w; math.Abs(got-zero) > 0.011 {
		t.Errorf("the negative bar ends at %v, want the zero line %v", got, zero)
	}
	if math.Abs(bars[1].w*2-bars[0].w) > 0.03 {
		t.Errorf("widths %v and %v are not 2:1", bars[0].w, bars[1].w)
	}
}

func TestPartWidthsFillTheBar(t *testing.T) {
	c := socialOrganizations("zh")
	parts := rects(t, render(t, c), "chart-part")
	if len(parts) != len(c.Data) {
		t.Fatalf("%d parts for %d data", len(parts), len(c.Data))
	}
	x := 0.0
	for i, p := range parts {
		if math.Abs(p.x-x) > 0.011 {
			t.Errorf("part %d starts at %v, want %v (right after the previous one)", i+1, p.x, x)
		}
		x = p.x + p.w
	}
	if math.Abs(x-viewWidth) > 0.05 {
		t.Errorf("the parts end at %v, want %v", x, viewWidth)
	}
	// 35 of 5964 is 2.3 units: it is widened to stay visible, and the large
	// parts keep their proportions to each other.
	if parts[2].w < minPartWidth-0.01 {
		t.Errorf("the smallest part is %v wide, want at least %v", parts[2].w, minPartWidth)
	}
	for _, i := range []int{0, 1} {
		got, want := parts[i].w/parts[3].w, c.Data[i].Value/c.Data[3].Value
		if math.Abs(got-want) > 0.001 {
			t.Errorf("part %d : part 4 = %.4f, want %.4f", i+1, got, want)
		}
	}
}

func TestSharesAndTotal(t *testing.T) {
	fig := render(t, socialOrganizations("zh"))
	table := htmltest.Text(one(t, fig, "table"))
	for _, want := range []string{"27.2%", "29.1%", "0.6%", "43.1%", "5964家", "100.0%"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q", want)
		}
	}
	svg := allText(one(t, fig, "svg"), "text")
	for _, want := range []string{"合计：5964家", "社会团体", "27.2%", "0.6%", "35家"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
	if desc := htmltest.Text(one(t, fig, "desc")); !strings.Contains(desc, "基金会：35家（0.6%）") {
		t.Errorf("the generated description lacks the foundations: %q", desc)
	}
}

func TestRestOfTotalIsAPart(t *testing.T) {
	c := socialOrganizations("zh")
	c.Data = c.Data[:3]
	c.Format = func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "家" }
	fig := render(t, c)
	if n := len(rects(t, fig, "chart-part")); n != 4 {
		t.Errorf("%d parts, want 3 and the rest", n)
	}
	rows := htmltest.Elements(one(t, fig, "tbody"), "tr")
	if got := htmltest.Text(rows[len(rows)-1]); got != "其他2572家43.1%" {
		t.Errorf("last row = %q, want the rest: 其他 2572家 43.1%%", got)
	}
}

func TestPartsOverTotalIsAnError(t *testing.T) {
	c := socialOrganizations("en")
	c.Total.Value = 5000
	_, err := Draw(withWords(c))
	if !errors.Is(err, ErrPartsExceedTotal) {
		t.Errorf("err = %v, want ErrPartsExceedTotal", err)
	}
	// Decimals that miss the total by rounding only are fine.
	c = Chart{ID: "c", Kind: KindPartOfWhole, Title: "T", Data: []Datum{{Label: "a", Value: 0.1, Text: ""}, {Label: "b", Value: 0.2, Text: ""}}, Total: &Datum{Label: "t", Value: 0.3, Text: ""}}
	fig := render(t, c)
	if n := len(rects(t, fig, "chart-part")); n != 2 {
		t.Errorf("%d parts, want 2: a rounding difference is not a rest", n)
	}
}

func TestContentIsEscaped(t *testing.T) {
	evil := `<script>alert("x")</script> & 'q'`
	c := Chart{ID: "c", Kind: KindPartOfWhole, Lang: "en", Title: evil, Description: evil,
		Data:    []Datum{{Label: evil, Value: 1, Text: evil}, {Label: "b", Value: 2, Text: "2"}},
		Strings: Strings{DataTable: evil, Other: evil},
		DataURL: `figures.csv?a=1&b="2"`}
	out, err := renderFigure(withWords(c))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, "<script") {
		t.Fatalf("content not escaped:\n%s", out)
	}
	fig := parse(t, out)
	for _, tag := range []string{"title", "desc", "summary", "figcaption"} {
		if got := htmltest.Text(one(t, fig, tag)); got != evil {
			t.Errorf("<%s> = %q, want %q", tag, got, evil)
		}
	}
	// html/template writes the quotes of an address percent-encoded.
	if got, want := htmltest.Attr(one(t, fig, "a"), "href"), `figures.csv?a=1&b=%222%22`; got != want {
		t.Errorf("href = %q, want %q", got, want)
	}
}

func TestDeterministic(t *testing.T) {
	for _, c := range append(examples("zh"), stressCharts("en")...) {
		first, err := Draw(withWords(c))
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if again, _ := Draw(withWords(c)); figureText(again) != figureText(first) {
				t.Fatalf("%s: two renderings differ", c.ID)
			}
		}
	}
}

// TestManyChartsInOnePage is the print edition's case: ids stay unique.
func TestManyChartsInOnePage(t *testing.T) {
	var page strings.Builder
	var ids []string
	for i, c := range append(examples("zh"), stressCharts("zh")...) {
		c.ID = "chart-" + strconv.Itoa(i)
		ids = append(ids, c.ID)
		out, err := renderFigure(withWords(c))
		if err != nil {
			t.Fatal(err)
		}
		page.WriteString(out)
	}
	checkIDs(t, []*html.Node{parse(t, page.String())}, ids...)
}

func TestBadInput(t *testing.T) {
	ok := Chart{ID: "c", Kind: KindBar, Title: "T", Data: []Datum{{Label: "a", Value: 1, Text: "1"}}}
	tests := []struct {
		name   string
		change func(*Chart)
	}{
		{"no data", func(c *Chart) { c.Data = nil }},
		{"no id", func(c *Chart) { c.ID = "" }},
		{"id with a space", func(c *Chart) { c.ID = "a b" }},
		{"id with a quote", func(c *Chart) { c.ID = `a"b` }},
		{"unknown kind", func(c *Chart) { c.Kind = "pie" }},
		{"no title", func(c *Chart) { c.Title = " \x00 " }},
		{"no label", func(c *Chart) { c.Data[0].Label = "" }},
		{"NaN", func(c *Chart) { c.Data[0].Value = math.NaN() }},
		{"infinity", func(c *Chart) { c.Data[0].Value = math.Inf(-1) }},
		{"javascript link", func(c *Chart) { c.DataURL = "javascript:alert(1)" }},
		{"data link", func(c *Chart) { c.DataURL = " data:text/csv,1" }},
		{"negative part", func(c *Chart) { c.Kind = KindPartOfWhole; c.Data[0].Value = -1 }},
		{"zero whole", func(c *Chart) { c.Kind = KindPartOfWhole; c.Data[0].Value = 0 }},
		{"zero total", func(c *Chart) { c.Kind = KindPartOfWhole; c.Total = &Datum{Value: 0} }},
		{"NaN total", func(c *Chart) { c.Kind = KindPartOfWhole; c.Total = &Datum{Value: math.NaN()} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			c.Data = slices.Clone(ok.Data)
			tt.change(&c)
			if f, err := Draw(withWords(c)); err == nil {
				t.Errorf("want an error, got %s", f.SVG)
			}
		})
	}
}

// edgeCases are inputs at the limits: single data, zeros, extreme
// magnitudes, words wider than the chart, more parts than numbers fit.
func edgeCases() []Chart {
	long := strings.Repeat("备案社区社会组织", 12)
	longWord := strings.Repeat("Supercalifragilistic", 8)
	charts := []Chart{
		{ID: "single", Kind: KindBar, Title: "T", Data: []Datum{{Label: "only", Value: 7, Text: "7"}}},
		{ID: "single-part", Kind: KindPartOfWhole, Title: "T", Data: []Datum{{Label: "only", Value: 7, Text: "7"}}},
		{ID: "zeros", Kind: KindBar, Title: "T", Data: []Datum{{Label: "a", Value: 0, Text: "0"}, {Label: "b", Value: 0, Text: "0"}}},
		{ID: "negatives", Kind: KindBar, Title: "T", Data: []Datum{{Label: "a", Value: -3, Text: "-3"}, {Label: "b", Value: -1, Text: "-1"}}},
		{ID: "tiny", Kind: KindBar, Title: "T", Data: []Datum{{Label: "a", Value: 5e-324, Text: "tiny"}, {Label: "b", Value: 0, Text: "0"}}},
		{ID: "extreme", Kind: KindBar, Title: "T", Data: []Datum{{Label: "a", Value: math.MaxFloat64, Text: "max"}, {Label: "b", Value: -math.MaxFloat64, Text: "min"}}},
		{ID: "far-larger", Kind: KindBar, Title: "T", Data: []Datum{{Label: "a", Value: 1e12, Text: "1e12"}, {Label: "b", Value: 1, Text: "1"}}},
		{ID: "long-labels", Kind: KindBar, Title: long, Data: []Datum{{Label: long, Value: 1, Text: "1"}, {Label: longWord, Value: 2, Text: longWord}}},
		{ID: "long-parts", Kind: KindPartOfWhole, Title: "T", Data: []Datum{{Label: long, Value: 1, Text: longWord}, {Label: longWord, Value: 2, Text: "2"}}},
		{ID: "zero-part", Kind: KindPartOfWhole, Title: "T", Data: []Datum{{Label: "a", Value: 0, Text: "0"}, {Label: "b", Value: 2, Text: "2"}}},
		{ID: "huge-total", Kind: KindPartOfWhole, Lang: "zh", Title: "T", Data: []Datum{{Label: "a", Value: 1, Text: ""}}, Total: &Datum{Value: 1e100}},
		{ID: "no-texts", Kind: KindPartOfWhole, Title: "T", Data: []Datum{{Label: "a", Value: 1.5, Text: ""}, {Label: "b", Value: 2, Text: ""}}, Total: &Datum{Value: 10}},
	}
	many := Chart{ID: "many", Kind: KindPartOfWhole, Title: "T"}
	for i := range 40 {
		many.Data = append(many.Data, Datum{Label: strconv.Itoa(i), Value: float64(i % 3)})
	}
	return append(charts, many)
}

func TestEdgeCasesRender(t *testing.T) {
	for _, c := range edgeCases() {
		t.Run(c.ID, func(t *testing.T) {
			fig := render(t, c)
			svg := one(t, fig, "svg")
			if s := renderNode(t, svg); strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
				t.Errorf("non-numbers in the SVG: %s", s)
			}
			checkTextInside(t, svg)
			checkIDs(t, []*html.Node{fig}, c.ID)
			for _, d := range c.Data {
				if !strings.Contains(noSpace(allText(svg, "text")), noSpace(valueText(c, d))) {
					t.Errorf("value %q missing from the SVG", valueText(c, d))
				}
			}
		})
	}
}

// TestColoursContrast checks WCAG 1.4.11: every fill has at least 3:1
// contrast with white, the page and the separators between parts.
func TestColoursContrast(t *testing.T) {
	for _, c := range append(partColours(), barColour, otherColour, inkColour) {
		if r := contrast(c, paperColour); r < 3 {
			t.Errorf("%s on white: %.2f:1, want at least 3:1", c, r)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width float64
		want  []string
	}{
		{"社会团体", 400, []string{"社会团体"}},
		{"社会团体社会团体", 4 * fontSize, []string{"社会团体", "社会团体"}},
		// Closing punctuation never starts a line; "2019年" is not split.
		{"养老机构，2019年", 4 * fontSize, []string{"养老机", "构，", "2019年"}},
		{"（含护理院）", 2 * fontSize, []string{"（含", "护理", "院）"}},
		{"Rural happiness homes", 200, []string{"Rural happiness", "homes"}},
		{"aaaaaaaaaa", 3 * 0.6 * fontSize, []string{"aaa", "aaa", "aaa", "a"}},
	}
	for _, tt := range tests {
		if got := wrap(tt.in, tt.width, fontSize, false); !slices.Equal(got, tt.want) {
			t.Errorf("wrap(%q, %v) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestCleanText(t *testing.T) {
	if got := cleanText("a\x00b\n\tc  d\xff"); got != "ab c d\uFFFD" {
		t.Errorf("cleanText = %q", got)
	}
}

func FuzzRender(f *testing.F) {
	f.Add("id", "社会团体", 1622.0, "1622家", "基金会", 35.0, "", 5964.0, true, "")
	f.Add("c", "<b>", -1.0, "", "x\x00", 0.0, "\xff", 0.0, false, "javascript:x")
	f.Fuzz(func(t *testing.T, id, label1 string, v1 float64, text1, label2 string, v2 float64, text2 string, total float64, partOfWhole bool, url string) {
		c := Chart{ID: id, Kind: KindBar, Lang: "zh", Title: label1 + label2, DataURL: url,
			Data: []Datum{{Label: label1, Value: v1, Text: text1}, {Label: label2, Value: v2, Text: text2}}}
		if partOfWhole {
			c.Kind = KindPartOfWhole
			c.Total = &Datum{Label: "total", Value: total, Text: ""}
		}
		s, err := renderFigure(withWords(c))
		if err != nil {
			return
		}
		if strings.Contains(s, "NaN") || strings.Contains(s, "Inf") || strings.Contains(s, "style=") {
			t.Fatalf("bad output: %s", s)
		}
		fig := parse(t, s)
		checkNoInlineStyle(t, fig)
		checkIDs(t, []*html.Node{fig}, c.ID)
		checkTextInside(t, one(t, fig, "svg"))
	})
}

// --- helpers ---

func valueText(c Chart, d Datum) string {
	if d.Text != "" {
		return d.Text
	}
	if c.Format != nil {
		return c.Format(d.Value)
	}
	return plainNumber(d.Value)
}

func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

func render(t *testing.T, c Chart) *html.Node {
	t.Helper()
	out, err := renderFigure(withWords(c))
	if err != nil {
		t.Fatal(err)
	}
	return parse(t, out)
}

// parse parses s as the content of a <body>, the way a page embeds it, and
// returns the first element, or a wrapper when s holds several.
func parse(t *testing.T, s string) *html.Node {
	t.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) == 1 {
		return nodes[0]
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return body
}

func one(t *testing.T, root *html.Node, tag string) *html.Node {
	t.Helper()
	found := htmltest.Elements(root, tag)
	if len(found) != 1 {
		t.Fatalf("want one <%s>, got %d", tag, len(found))
	}
	return found[0]
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

// allText joins the text of every tag element under root, one per line.
func allText(root *html.Node, tag string) string {
	var lines []string
	for _, n := range htmltest.Elements(root, tag) {
		lines = append(lines, htmltest.Text(n))
	}
	return strings.Join(lines, "\n")
}

func hasBoldChild(n *html.Node) bool {
	for d := range n.Descendants() {
		if htmltest.Attr(d, "font-weight") == "bold" {
			return true
		}
	}
	return false
}

func renderNode(t *testing.T, n *html.Node) string {
	t.Helper()
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func viewBox(svg *html.Node) (width, height float64, ok bool) {
	f := strings.Fields(htmltest.Attr(svg, "viewbox") + htmltest.Attr(svg, "viewBox"))
	if len(f) != 4 || f[0] != "0" || f[1] != "0" {
		return 0, 0, false
	}
	w, err1 := strconv.ParseFloat(f[2], 64)
	h, err2 := strconv.ParseFloat(f[3], 64)
	return w, h, err1 == nil && err2 == nil && w > 0 && h > 0
}

type box struct{ x, w float64 }

func rects(t *testing.T, root *html.Node, class string) []box {
	t.Helper()
	var boxes []box
	for _, n := range htmltest.Elements(root, "rect") {
		if htmltest.Attr(n, "class") == class {
			boxes = append(boxes, box{number(t, htmltest.Attr(n, "x")), number(t, htmltest.Attr(n, "width"))})
		}
	}
	return boxes
}

func number(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return v
}

// contrast is the WCAG contrast ratio of two colours written #rgb or #rrggbb.
func contrast(a, b string) float64 { return htmltest.Contrast(hexColour(a), hexColour(b)) }

func hexColour(hex string) htmltest.RGB {
	hex = strings.TrimPrefix(hex, "#")
	if len(hex) == 3 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]})
	}
	channel := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[i:i+2], 16, 8)
		return float64(v)
	}
	return htmltest.RGB{R: channel(0), G: channel(2), B: channel(4)}
}

func TestTableOpensForPrint(t *testing.T) {
	c := socialOrganizations("en")
	if closed := one(t, render(t, c), "details"); htmltest.HasAttr(closed, "open") {
		t.Error("the table is open on screen")
	}
	c.OpenTable = true
	if open := one(t, render(t, c), "details"); !htmltest.HasAttr(open, "open") {
		t.Error("OpenTable did not open the table")
	}
}

func TestDataLink(t *testing.T) {
	c := socialOrganizations("zh")
	a := one(t, render(t, c), "a")
	if htmltest.Attr(a, "href") != c.DataURL || htmltest.Text(a) != "下载数据（CSV）" {
		t.Errorf("link = %q %q", htmltest.Attr(a, "href"), htmltest.Text(a))
	}
	c.DataURL = ""
	if links := htmltest.Elements(render(t, c), "a"); len(links) != 0 {
		t.Errorf("a link without a DataURL")
	}
}

// TestMissingStringsAreAnError: the chart's words come from the site's
// interface strings; a chart without them is refused, never shown with
// words in another language.
func TestMissingStringsAreAnError(t *testing.T) {
	c := socialOrganizations("en")
	c.Strings = Strings{Share: "Per cent", DataTable: "Data"}
	_, err := Draw(c)
	if err == nil || !strings.Contains(err.Error(), "Item, Value, Total, Other") || !strings.Contains(err.Error(), "layouts/i18n") {
		t.Errorf("got %v", err)
	}
}
