package markdown

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/xmca/almanac/internal/diag"
)

func TestFigureReferences(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			name: "paragraph",
			src:  "全市共有社会组织{{social-organizations}}，其中社会团体{{social-associations}}。\n",
			want: `<p>全市共有社会组织<span class="fig" data-fig="social-organizations">5964家</span>，其中社会团体<span class="fig" data-fig="social-associations">1622家</span>。</p>` + "\n",
		},
		{
			name: "spaces inside the braces",
			src:  "共有{{ social-organizations }}。\n",
			want: `<p>共有<span class="fig" data-fig="social-organizations">5964家</span>。</p>` + "\n",
		},
		{
			name: "heading",
			src:  "## 社会组织{{social-organizations}}\n",
			want: "<h2 id=\"社会组织-social-organizations\">社会组织<span class=\"fig\" data-fig=\"social-organizations\">5964家</span></h2>\n",
		},
		{
			name: "emphasis",
			src:  "惠及**{{service-recipients}}**，*{{grid-count}}*网格\n",
			want: `<p>惠及<strong><span class="fig" data-fig="service-recipients">近430万人次</span></strong>，<em><span class="fig" data-fig="grid-count">3000多个</span></em>网格</p>` + "\n",
		},
		{
			name: "emphasis between Chinese characters",
			src:  "惠及**{{service-recipients}}**居民，*{{grid-count}}*网格\n",
			want: `<p>惠及<strong><span class="fig" data-fig="service-recipients">近430万人次</span></strong>居民，<em><span class="fig" data-fig="grid-count">3000多个</span></em>网格</p>` + "\n",
		},
		{
			name: "emphasis in English",
			src:  "reaching **{{service-recipients}}** people\n",
			want: `<p>reaching <strong><span class="fig" data-fig="service-recipients">近430万人次</span></strong> people</p>` + "\n",
		},
		{
			name: "table",
			src:  "| 类型 | 数量 |\n|---|---:|\n| 社会团体 | {{social-associations}} |\n",
			want: "<table>\n<thead>\n<tr>\n<th>类型</th>\n<th class=\"align-right\">数量</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>社会团体</td>\n<td class=\"align-right\"><span class=\"fig\" data-fig=\"social-associations\">1622家</span></td>\n</tr>\n</tbody>\n</table>\n",
		},
		{
			name: "link text",
			src:  "[共{{grid-count}}网格](https://example.org/grid)\n",
			want: `<p><a href="https://example.org/grid">共<span class="fig" data-fig="grid-count">3000多个</span>网格</a></p>` + "\n",
		},
		{
			name: "figure text is escaped",
			src:  "{{price-subsidy}}\n",
			want: `<p><span class="fig" data-fig="price-subsidy">&lt;R&amp;D&gt; 2.4亿元</span></p>` + "\n",
		},
		{
			name: "code span stays literal",
			src:  "写作 `{{social-organizations}}` 即可\n",
			want: "<p>写作 <code>{{social-organizations}}</code> 即可</p>\n",
		},
		{
			name: "fenced code stays literal",
			src:  "```\n{{social-organizations}}\n{{chart social-organizations-by-type}}\n```\n",
			want: "<pre><code>{{social-organizations}}\n{{chart social-organizations-by-type}}\n</code></pre>\n",
		},
		{
			name: "indented code stays literal",
			src:  "    {{no-such-figure}}\n",
			want: "<pre><code>{{no-such-figure}}\n</code></pre>\n",
		},
		{
			name: "backslash keeps braces literal",
			src:  `模板写作 \{{key}}` + "\n",
			want: "<p>模板写作 {{key}}</p>\n",
		},
		{
			name: "single braces are text",
			src:  "集合 {a, b} 与 {x}\n",
			want: "<p>集合 {a, b} 与 {x}</p>\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, tt.src); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestFigureRefsRecordPositions(t *testing.T) {
	src := "前言\n\n全市共有{{social-organizations}}，惠及{{ service-recipients }}。\n\n" +
		"{{key-figures grid-count social-organizations}}\n\n" +
		"{{chart social-organizations-by-type}}\n"
	doc, err := New(Options{}).Convert([]byte(src), "content/2019/a.zh.md", 4, newFakeResolver())
	if err != nil {
		t.Fatal(err)
	}
	wantFigures := []Ref{
		{Key: "social-organizations", Line: 6, Col: 5},
		{Key: "service-recipients", Line: 6, Col: 32},
		{Key: "grid-count", Line: 8, Col: 15},
		{Key: "social-organizations", Line: 8, Col: 26},
	}
	if !reflect.DeepEqual(doc.Figures, wantFigures) {
		t.Errorf("Figures = %+v\nwant %+v", doc.Figures, wantFigures)
	}
	wantCharts := []Ref{{Key: "social-organizations-by-type", Line: 10, Col: 1}}
	if !reflect.DeepEqual(doc.Charts, wantCharts) {
		t.Errorf("Charts = %+v, want %+v", doc.Charts, wantCharts)
	}
}

func TestUnknownFigure(t *testing.T) {
	// Line 3 of the body is line 7 of the file: front matter takes lines 1–4.
	src := "导语。\n\n截至2019年11月，全市共有社会组织{{soical-organizations}}家。\n"
	list := diagnostics(t, src, 5)
	want := diag.List{{
		File: "content/2019/01-three-social-linkage.zh.md",
		Line: 7,
		Col:  20, // characters, not bytes: 截至2019年11月，全市共有社会组织 is 19 of them
		Msg:  `unknown figure "soical-organizations"`,
		Hint: `did you mean {{social-organizations}}? If not, define [figure.soical-organizations] in content/2019/figures.toml`,
	}}
	if !reflect.DeepEqual(list, want) {
		t.Errorf("got  %s\nwant %s", list, want)
	}
}

func TestUnknownFigureWithoutSuggestion(t *testing.T) {
	list := diagnostics(t, "{{elderly-care-beds}}\n", 1)
	if len(list) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(list), list)
	}
	d := list[0]
	if d.Msg != `unknown figure "elderly-care-beds"` ||
		d.Hint != "define [figure.elderly-care-beds] in content/2019/figures.toml, or check the spelling of the key" ||
		d.Line != 1 || d.Col != 1 {
		t.Errorf("got %+v", d)
	}
}

func TestEveryUnknownFigureIsReported(t *testing.T) {
	src := "{{a}} 与 {{b}}\n\n## {{c}}\n\n| x |\n|---|\n| {{d}} |\n\n- 列表 {{e}}\n"
	list := diagnostics(t, src, 1)
	var got []string
	for _, d := range list {
		got = append(got, d.Pos()+" "+d.Msg)
	}
	want := []string{
		`content/2019/01-three-social-linkage.zh.md:1:1 unknown figure "a"`,
		`content/2019/01-three-social-linkage.zh.md:1:9 unknown figure "b"`,
		`content/2019/01-three-social-linkage.zh.md:3:4 unknown figure "c"`,
		`content/2019/01-three-social-linkage.zh.md:7:3 unknown figure "d"`,
		`content/2019/01-three-social-linkage.zh.md:9:6 unknown figure "e"`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPositionsInsideContainers(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
	}{
		{"- 列表\n\n\t{{chart nope}}\n", 3, 2},                     // a tab is one character
		{">\t{{key-figures grid-count nope}}\n", 1, 28},          // the unknown key, not the braces
		{"> - 引用\n>   列表{{nope}}\n", 2, 7},                       // lazy text in a quoted list
		{"| 类型 | 数量 |\n|---|---|\n| 社会团体 | {{nope}} |\n", 3, 10}, // a table cell
	}
	for _, tt := range tests {
		list := diagnostics(t, tt.src, 1)
		if len(list) != 1 || list[0].Line != tt.line || list[0].Col != tt.col {
			t.Errorf("%q: got %v, want one error at %d:%d", tt.src, list, tt.line, tt.col)
		}
	}
}

func TestUnknownFigureIsLeftAsWritten(t *testing.T) {
	doc, err := New(Options{}).Convert([]byte("共有{{no-such}}家\n"), "a.md", 1, newFakeResolver())
	if err == nil {
		t.Fatal("no error for an unknown figure")
	}
	if got, want := string(doc.HTML("")), "<p>共有{{no-such}}家</p>\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if want := []Ref{{Key: "no-such", Line: 1, Col: 3}}; !reflect.DeepEqual(doc.Figures, want) {
		t.Errorf("Figures = %+v, want %+v", doc.Figures, want)
	}
}

func TestMalformedReferences(t *testing.T) {
	tests := []struct {
		src       string
		line, col int
		msg, hint string
	}{
		{
			src: "共有{{ }}家\n", line: 1, col: 3,
			msg:  `empty figure reference "{{ }}"`,
			hint: "write the figure's key between the braces, like {{social-organizations}}",
		},
		{
			src: "第一行\n共有{{Bad Key}}家\n", line: 2, col: 3,
			msg:  `malformed figure reference "{{Bad Key}}"`,
			hint: "did you mean {{bad-key}}? Figure keys use lowercase letters, digits and hyphens",
		},
		{
			src: "共有{{社会组织}}家\n", line: 1, col: 3,
			msg:  `malformed figure reference "{{社会组织}}"`,
			hint: hintKeyForm,
		},
		{
			src: "共有{{social-organizations}家\n", line: 1, col: 3,
			msg:  `"{{" is not closed on this line`,
			hint: hintUnclosed,
		},
		{
			src: "如图{{chart social-organizations-by-type}}所示\n", line: 1, col: 3,
			msg:  "{{chart social-organizations-by-type}} must be on a line of its own",
			hint: hintOwnLine,
		},
		{
			src: "{{chart a b}}\n", line: 1, col: 1,
			msg:  "{{chart …}} takes one chart key, not 2",
			hint: "write one chart per line, like {{chart social-organizations-by-type}}",
		},
		{
			src: "{{key-figures grid-count Grid}}\n", line: 1, col: 26,
			msg:  `malformed key "Grid" in {{key-figures …}}`,
			hint: hintKeyForm,
		},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			list := diagnostics(t, tt.src, 1)
			if len(list) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %v", len(list), list)
			}
			d := list[0]
			if d.Line != tt.line || d.Col != tt.col || d.Msg != tt.msg || d.Hint != tt.hint {
				t.Errorf("got  %d:%d %s | %s\nwant %d:%d %s | %s", d.Line, d.Col, d.Msg, d.Hint, tt.line, tt.col, tt.msg, tt.hint)
			}
		})
	}
}

func TestBlocks(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			name: "chart",
			src:  "{{chart social-organizations-by-type}}\n",
			want: `<figure class="chart" data-chart="social-organizations-by-type"><svg></svg></figure>` + "\n",
		},
		{
			name: "key figures, with spaces",
			src:  "{{ key-figures  social-organizations service-recipients }}  \n",
			want: `<div class="key-figures">social-organizations,service-recipients</div>` + "\n",
		},
		{
			name: "interrupts a paragraph, not wrapped in one",
			src:  "社会组织构成如下：\n{{chart social-organizations-by-type}}\n其后文字。\n",
			want: "<p>社会组织构成如下：</p>\n" +
				`<figure class="chart" data-chart="social-organizations-by-type"><svg></svg></figure>` + "\n" +
				"<p>其后文字。</p>\n",
		},
		{
			name: "inside a list item",
			src:  "- 构成：\n\n  {{chart social-organizations-by-type}}\n",
			want: "<ul>\n<li>\n<p>构成：</p>\n" +
				`<figure class="chart" data-chart="social-organizations-by-type"><svg></svg></figure>` + "\n</li>\n</ul>\n",
		},
		{
			name: "a figure alone on its line stays inline",
			src:  "{{social-organizations}}\n",
			want: `<p><span class="fig" data-fig="social-organizations">5964家</span></p>` + "\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(t, tt.src); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestUnknownChart(t *testing.T) {
	list := diagnostics(t, "正文\n\n  {{chart social-organisations-by-type}}\n", 10)
	want := diag.List{{
		File: "content/2019/01-three-social-linkage.zh.md",
		Line: 12,
		Col:  3,
		Msg:  `unknown chart "social-organisations-by-type"`,
		Hint: `did you mean {{chart social-organizations-by-type}}? If not, define [chart.social-organisations-by-type] in content/2019/figures.toml`,
	}}
	if !reflect.DeepEqual(list, want) {
		t.Errorf("got  %s\nwant %s", list, want)
	}
}

func TestUnknownKeyInKeyFiguresPointsAtTheKey(t *testing.T) {
	list := diagnostics(t, "{{key-figures social-organizations grid-cuont}}\n", 1)
	if len(list) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(list), list)
	}
	if d := list[0]; d.Col != 36 || d.Msg != `unknown figure "grid-cuont"` || !strings.HasPrefix(d.Hint, "did you mean {{grid-count}}?") {
		t.Errorf("got %+v", d)
	}
}

func TestResolverErrorIsPositioned(t *testing.T) {
	r := newFakeResolver()
	r.err = &diag.Diagnostic{Msg: `figure "grid-count" has no label in English`, Hint: "add label.en"}
	_, err := New(Options{}).Convert([]byte("x\n\n{{key-figures grid-count}}\n"), "content/2019/a.en.md", 3, r)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("err = %v, want one diagnostic", err)
	}
	want := &diag.Diagnostic{File: "content/2019/a.en.md", Line: 5, Col: 1, Msg: `figure "grid-count" has no label in English`, Hint: "add label.en"}
	if !reflect.DeepEqual(list[0], want) {
		t.Errorf("got %+v, want %+v", list[0], want)
	}
}

func TestChartErrorIsPositioned(t *testing.T) {
	r := newFakeResolver()
	r.err = errors.New(`chart "social-organizations-by-type": parts add up to 5963, not 5964`)
	_, err := New(Options{}).Convert([]byte("x\n\n - {{chart social-organizations-by-type}}\n"), "content/2019/a.zh.md", 1, r)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("err = %v, want one diagnostic", err)
	}
	want := &diag.Diagnostic{File: "content/2019/a.zh.md", Line: 3, Col: 4, Msg: r.err.Error()}
	if !reflect.DeepEqual(list[0], want) {
		t.Errorf("got %+v, want %+v", list[0], want)
	}
}

func TestConvertWithoutResolver(t *testing.T) {
	doc, err := New(Options{}).Convert([]byte("正文 {{x}}\n"), "a.md", 1, nil)
	if err == nil || !strings.Contains(err.Error(), `unknown figure "x"`) {
		t.Errorf("err = %v, want unknown figure", err)
	}
	if doc == nil {
		t.Fatal("no document")
	}
}

func TestClosestKey(t *testing.T) {
	known := []string{"social-organizations", "social-associations", "foundations", "beds"}
	tests := []struct {
		key, want string
		ok        bool
	}{
		{"soical-organizations", "social-organizations", true}, // swapped letters count once
		{"social-organization", "social-organizations", true},
		{"foundation-", "foundations", true},
		{"bed", "beds", true},
		{"b", "", false},
		{"elderly-care", "", false},
	}
	for _, tt := range tests {
		got, ok := closestKey(tt.key, known)
		if got != tt.want || ok != tt.ok {
			t.Errorf("closestKey(%q) = %q, %v; want %q, %v", tt.key, got, ok, tt.want, tt.ok)
		}
	}
}
