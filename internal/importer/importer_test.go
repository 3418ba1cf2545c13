package importer

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/sitetest"
)

// want is a figure the test corpus states.
type want struct{ written, value, unit, qualifier string }

// The figures of testdata/draft.txt, written for this test: what an
// editor would put in figures.toml by hand.
var draftFigures = []want{
	{"5964家", "5964", "organizations", ""},
	{"329家", "329", "organizations", ""},
	{"2.4亿元", "240000000", "yuan", ""},
	{"近430万人次", "4300000", "person-times", "nearly"},
	{"每人每月800元", "800", "yuan-per-person-month", ""},
	{"75%", "75", "percent", ""},
	{"105550户次", "105550", "household-visits", ""},
	{"3000多个", "3000", "items", "more-than"},
	{"850余个", "850", "items", "over"},
	{"约600万元", "6000000", "yuan", "approximately"},
	{"1200余人", "1200", "persons", "over"},
	{"12次以上", "12", "times", "more-than"},
	{"4个", "4", "items", ""},
}

func importDraft(t *testing.T, input string, data []byte) *Plan {
	t.Helper()
	fsys := sitetest.MapFS(t)
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Import(fsys, cfg, Options{Input: input, Data: data, Year: "2019", Lang: "zh", Name: "test-draft"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportTextDraft(t *testing.T) {
	data, err := os.ReadFile("testdata/draft.txt")
	if err != nil {
		t.Fatal(err)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
	if err != nil {
		t.Fatal(err)
	}
	utf := importDraft(t, "draft.txt", data)
	gbk := importDraft(t, "draft.txt", gb)
	if utf.Encoding != "UTF-8" || gbk.Encoding != "GB18030" {
		t.Errorf("read as %s and %s, want UTF-8 and GB18030", utf.Encoding, gbk.Encoding)
	}
	if string(utf.Section.Data) != string(gbk.Section.Data) || string(utf.FiguresAdded) != string(gbk.FiguresAdded) {
		t.Error("the GB18030 draft imports differently from the UTF-8 one")
	}
	p := utf
	if len(p.Figures) != len(draftFigures) {
		t.Errorf("%d figures, want %d: %+v", len(p.Figures), len(draftFigures), p.Figures)
	}
	for i, w := range draftFigures {
		if i >= len(p.Figures) {
			break
		}
		f := p.Figures[i]
		unit := w.unit
		if w.unit == "household-visits" || w.unit == "times" {
			// Declared in site.toml where the site can; else a plain number.
			if len(p.NewUnits) == 0 {
				unit = "number"
			}
		}
		if strings.ReplaceAll(f.Written, " ", "") != w.written || f.Value != w.value || f.Unit != unit || f.Qualifier != w.qualifier {
			t.Errorf("figure %d: %s = %s %s %q, want %s = %s %s %q", i+1, f.Written, f.Value, f.Unit, f.Qualifier, w.written, w.value, unit, w.qualifier)
		}
	}
	md := string(p.Section.Data)
	for _, s := range []string{
		"title = \"厦门市2020年民政工作总结（测试稿）\"\ndraft = true\n",
		"\n## 基本民生保障\n\n全市共有社会组织{{test-draft-01}}，比2019年增加{{test-draft-02}}。",
		"\n### 低保与特困供养\n\n低保标准提高到{{test-draft-05}}，",
		"\n#### 项目情况\n\n实施项目{{test-draft-09}}，其中第2批项目于2020年3月启动，第八届论坛",
		"\n##### 文件\n\n出台《关于加强13部门协作的意见》，{{test-draft-10}}资金到位",
		"\n### 其他\n\n",
		"会议于3月15日召开",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("the Markdown lacks %q:\n%s", s, md)
		}
	}
	if p.Headings != 5 || p.Left < 7 || len(p.Unsure) != 0 {
		t.Errorf("%d headings, %d left as text, unsure %v; want 5, at least 7, none", p.Headings, p.Left, p.Unsure)
	}
	if len(p.NewUnits) == 0 && !strings.Contains(md, "{{test-draft-07}}户次") {
		t.Error("without a declared unit, the measure word 户次 is not kept after the figure")
	}
	if f := p.Figures[0]; f.Label != "全市共有社会组织" || f.Line != 4 {
		t.Errorf("first figure's label %q at line %d, want 全市共有社会组织 at line 4", f.Label, f.Line)
	}
	// What import adds to figures.toml and site.toml reads, with every
	// label, and the declared units write the measure words.
	fsys := sitetest.MapFS(t)
	fsys["site.toml"].Data = append(fsys["site.toml"].Data, p.SiteAdded...)
	old := fsys["content/2019/figures.toml"].Data
	set, err := figures.Parse("figures.toml", append(append([]byte{}, old...), p.FiguresAdded...), siteWriting(t, fsys))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.NewUnits) > 0 {
		f, _ := set.Figure("test-draft-07")
		if got := f.Format("zh"); got != "10.555万户次" {
			t.Errorf("105550户次 is written %q with the declared unit", got)
		}
	}
	if f, ok := set.Figure("test-draft-04"); !ok || f.Qualifier != "nearly" || f.Label("zh") != "服务惠及" {
		t.Errorf("test-draft-04 = %+v", f)
	}
}

func TestUnsureNumbersAreListed(t *testing.T) {
	p := importDraft(t, "draft.txt", []byte("标题一行\n\n共有3-5个试点，编号A12的项目，另有27。\n"))
	if len(p.Figures) != 0 || len(p.Unsure) != 2 {
		t.Fatalf("figures %+v, unsure %+v; want none and two", p.Figures, p.Unsure)
	}
	if p.Unsure[0].Line != 3 || !strings.Contains(p.Unsure[0].Text, "range") || !strings.Contains(p.Unsure[1].Text, "27: no measure word") {
		t.Errorf("unsure %+v", p.Unsure)
	}
}

// TestImportWordDraft builds a .docx the way Chinese-locale Word writes
// one: heading styles with numeric ids, named "heading 1" and "heading 2",
// an outline level set on a paragraph, and a table with merged cells.
func TestImportWordDraft(t *testing.T) {
	p := importDraft(t, "草稿.docx", docx(t))
	if p.Encoding != "Word" || p.Where != "paragraph" || p.Title != "2020年民政工作" {
		t.Errorf("read as %s (%s), title %q", p.Encoding, p.Where, p.Title)
	}
	md := string(p.Section.Data)
	for _, s := range []string{
		"\n## 社会组织\n\n全市共有社会组织{{test-draft-01}}。\n",
		"\n### 登记情况\n\n新增{{test-draft-02}}。\n",
		"\n## 养老服务\n\n",
		"| 类别 |  | 数量 |\n| --- | --- | --- |\n| 社会团体 | {{test-draft-03}} |  |\n|  | 备注 | 另计 |\n",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("the Markdown lacks %q:\n%s", s, md)
		}
	}
	if len(p.Figures) != 3 || p.Figures[2].Value != "1622" || p.Figures[2].Unit != "organizations" {
		t.Errorf("figures %+v", p.Figures)
	}
	if len(p.Notes) != 3 || !strings.Contains(p.Notes[0].Text, "row 1, column 1: a merged cell") || !strings.Contains(p.Notes[2].Text, "row 3, column 1") {
		t.Errorf("notes %+v; want the three merged cells", p.Notes)
	}
}

// TestImportWordDraftNumberedByHand: a Word draft whose only styled
// paragraph is its title (heading 1, as many are), its headings numbered
// by hand 一、（一）, has that title and those headings.
func TestImportWordDraftNumberedByHand(t *testing.T) {
	p := importDraft(t, "救助.docx", docxOf(t,
		`<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>2022年社会救助工作</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>一、兜牢民生底线</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>全市共有低保对象1.23万人。</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>（一）特困人员供养</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>全市特困人员850余名。</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>二、临时救助</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>全年实施临时救助近4300人次。</w:t></w:r></w:p>`))
	if p.Title != "2022年社会救助工作" {
		t.Errorf("title %q, want the styled first paragraph", p.Title)
	}
	md := string(p.Section.Data)
	for _, s := range []string{"\n## 兜牢民生底线\n", "\n### 特困人员供养\n", "\n## 临时救助\n"} {
		if !strings.Contains(md, s) {
			t.Errorf("the Markdown lacks %q:\n%s", s, md)
		}
	}
}

// TestImportWordStyledTitleKeepsByline: a draft whose only styled
// paragraph is its title keeps a short line under it (a byline) as text:
// it has styles, so short lines are not guessed to be headings.
func TestImportWordStyledTitleKeepsByline(t *testing.T) {
	p := importDraft(t, "署名.docx", docxOf(t,
		`<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>2022年社会救助工作</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>厦门市民政局</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>全市共有低保对象1.23万人。</w:t></w:r></w:p>`))
	md := string(p.Section.Data)
	if p.Title != "2022年社会救助工作" || strings.Contains(md, "# 厦门市民政局") || !strings.Contains(md, "\n厦门市民政局\n") {
		t.Errorf("title %q; want the byline 厦门市民政局 as a line of text:\n%s", p.Title, md)
	}
}

// TestImportWordFootnotes: Word's footnotes and endnotes become Markdown
// footnotes, cited where the draft cites them, their figures references
// like the text's; none is lost.
func TestImportWordFootnotes(t *testing.T) {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	data := docxOf(t,
		`<w:p><w:r><w:t>全市新增养老床位2311张</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t>，服务持续完善。</w:t></w:r></w:p>`+
			`<w:p><w:r><w:t>全市社会组织5964家。</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>`)
	data = withParts(t, data, map[string]string{
		"word/footnotes.xml": `<w:footnotes ` + w + `><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>` +
			`<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 数据截至2022年12月底，其中民办床位1200张。</w:t></w:r></w:p></w:footnote></w:footnotes>`,
		"word/endnotes.xml": `<w:endnotes ` + w + `><w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t>含备案社区社会组织。</w:t></w:r></w:p></w:endnote></w:endnotes>`,
	})
	md := string(importDraft(t, "注.docx", data).Section.Data)
	for _, s := range []string{
		"全市新增养老床位{{test-draft-01}}[^1]，服务持续完善。",
		"全市社会组织{{test-draft-02}}。[^2]",
		"\n[^1]: 数据截至2022年12月底，其中民办床位{{test-draft-03}}。\n",
		"\n[^2]: 含备案社区社会组织。\n",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("the Markdown lacks %q:\n%s", s, md)
		}
	}
}

// TestImportWordImagesNoted: an image of a Word draft (a chart, a photo)
// cannot become Markdown by itself; the import says where each was, so
// that none is forgotten.
func TestImportWordImagesNoted(t *testing.T) {
	p := importDraft(t, "图.docx", docxOf(t,
		`<w:p><w:r><w:t>全市社会组织发展情况如下图。</w:t></w:r></w:p>`+
			`<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r></w:p>`+
			`<w:p><w:r><w:t>其中社会团体较多。</w:t></w:r><w:r><w:pict/></w:r></w:p>`))
	var at []int
	for _, n := range p.Notes {
		if strings.Contains(n.Text, "an image") {
			at = append(at, n.Line)
		}
	}
	if len(at) != 2 || at[0] != 2 || at[1] != 3 {
		t.Errorf("images noted at %v, want paragraphs 2 and 3; notes %+v", at, p.Notes)
	}
}

// withParts is the Word document data with parts added.
func withParts(t *testing.T, data []byte, parts map[string]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		r, _ := f.Open()
		w, _ := zw.Create(f.Name)
		io.Copy(w, r)
		r.Close()
	}
	for name, text := range parts {
		w, _ := zw.Create(name)
		w.Write([]byte(text))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func docx(t *testing.T) []byte {
	t.Helper()
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ` + w + `>
<w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="10"><w:name w:val="List 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
</w:styles>`
	p := func(style, text string) string {
		pr := ""
		if style != "" {
			pr = `<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`
		}
		return `<w:p>` + pr + `<w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	tc := func(pr, text string) string {
		return `<w:tc><w:tcPr>` + pr + `</w:tcPr>` + p("", text) + `</w:tc>`
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + w + `><w:body>` +
		p("a3", "2020年民政工作") +
		p("1", "社会组织") +
		`<w:p><w:r><w:t xml:space="preserve">全市共有社会组织</w:t></w:r><w:r><w:t>5964家。</w:t></w:r></w:p>` +
		p("2", "登记情况") +
		p("10", "新增329家。") +
		`<w:p><w:pPr><w:pStyle w:val="a"/><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>养老服务</w:t></w:r></w:p>` +
		`<w:tbl><w:tr>` + tc(`<w:gridSpan w:val="2"/>`, "类别") + tc("", "数量") + `</w:tr>` +
		`<w:tr>` + tc(`<w:vMerge w:val="restart"/>`, "社会团体") + tc("", "1622家") + tc("", "") + `</w:tr>` +
		`<w:tr>` + tc(`<w:vMerge/>`, "") + tc("", "备注") + tc("", "另计") + `</w:tr></w:tbl>` +
		`</w:body></w:document>`
	return zipDocx(t, doc, styles)
}

// docxOf is a Word document of body with the styles of a Chinese Word:
// the headings' style ids are numbers.
func docxOf(t *testing.T, body string) []byte {
	t.Helper()
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ` + w + `>
<w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
</w:styles>`
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + w + `><w:body>` + body + `</w:body></w:document>`
	return zipDocx(t, doc, styles)
}

func zipDocx(t *testing.T, doc, styles string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, text := range map[string]string{"word/document.xml": doc, "word/styles.xml": styles, "[Content_Types].xml": `<?xml version="1.0"?><Types/>`} {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(text))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReport2019 imports the 2019 report's source text, which the importer
// was not written against, and counts how many of the figures in
// content/2019/figures.toml it finds with the same value and qualifier.
func TestReport2019(t *testing.T) {
	src := filepath.Join(sitetest.Root(t), "..", "shared", "source", "report-2019.zh-Hans.txt")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Skipf("the 2019 source text is not here (%v)", err)
	}
	p := importDraft(t, "report-2019.zh-Hans.txt", data)
	fsys := sitetest.MapFS(t)
	set, err := figures.Parse("figures.toml", fsys["content/2019/figures.toml"].Data, siteWriting(t, fsys))
	if err != nil {
		t.Fatal(err)
	}
	used := make([]bool, len(p.Figures))
	matched := 0
	var missed []string
	for _, f := range set.Figures() {
		ok := false
		for i, g := range p.Figures {
			if !used[i] && g.Value == f.Value.String() && g.Qualifier == string(f.Qualifier) {
				used[i], ok = true, true
				break
			}
		}
		if ok {
			matched++
		} else {
			missed = append(missed, f.Key)
		}
	}
	total := len(set.Figures())
	t.Logf("2019 report: %d of %d figures found with the same value and qualifier (%.1f%%); missed %v", matched, total, 100*float64(matched)/float64(total), missed)
	if matched*10 < total*9 {
		t.Errorf("found %d of %d figures, want at least 90%%", matched, total)
	}
}

func siteWriting(t *testing.T, fsys fs.FS) *figures.Writing {
	t.Helper()
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	w, err := figures.NewWriting(cfg, figures.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestFiguresShowAsWritten: a figure the site would write another way is
// written in full digits where that gives the draft's text, and pointed
// out where nothing does.
func TestFiguresShowAsWritten(t *testing.T) {
	p := importDraft(t, "draft.txt", []byte("标题一行\n\n共有25288对夫妻登记，100人以上参加。\n"))
	if len(p.Figures) != 2 {
		t.Fatalf("figures %+v", p.Figures)
	}
	if f := p.Figures[0]; f.Style != "plain" || !strings.Contains(string(p.FiguresAdded), "value = 25288\nunit = \"pairs\"\nstyle = \"plain\"\n") {
		t.Errorf("25288对: style %q\n%s", f.Style, p.FiguresAdded)
	}
	if f := p.Figures[1]; f.Style != "" || f.Qualifier != "more-than" {
		t.Errorf("100人以上: %+v", f)
	}
	if len(p.Notes) != 1 || !strings.Contains(p.Notes[0].Text, "100人以上 will show as 100多人") || p.Notes[0].Line != 3 {
		t.Errorf("notes %+v; want one saying 100人以上 will show as 100多人", p.Notes)
	}
}

// TestImportNegativeNumbers: a decrease written as a negative number keeps
// its sign in the value and leaves it out of the text and the label; a
// range (3-5个) is no negative number.
func TestImportNegativeNumbers(t *testing.T) {
	p := importDraft(t, "draft.txt", []byte("标题一行\n\n出生率同比-3.2%，死亡率同比－0.5%，另有3-5个试点。\n"))
	if len(p.Figures) != 2 {
		t.Fatalf("figures %+v; want two", p.Figures)
	}
	for i, w := range []struct{ written, value, label string }{{"-3.2%", "-3.2", "出生率同比"}, {"－0.5%", "-0.5", "死亡率同比"}} {
		if f := p.Figures[i]; f.Written != w.written || f.Value != w.value || f.Label != w.label {
			t.Errorf("figure %d: %q = %s labelled %q, want %q = %s labelled %q", i+1, f.Written, f.Value, f.Label, w.written, w.value, w.label)
		}
	}
	if md := string(p.Section.Data); !strings.Contains(md, "出生率同比{{test-draft-01}}，死亡率同比{{test-draft-02}}，") {
		t.Errorf("the sign stays in the text:\n%s", md)
	}
	if !strings.Contains(string(p.FiguresAdded), "value = -3.2\n") {
		t.Errorf("figures.toml gets:\n%s", p.FiguresAdded)
	}
}

// TestImportPerMilleRates: a rate written in ‰ becomes a figure of the
// shipped permille unit, so its changes are compared in points.
func TestImportPerMilleRates(t *testing.T) {
	p := importDraft(t, "draft.txt", []byte("标题一行\n\n人口自然增长率-1.5‰，死亡率5.2‰。\n"))
	if len(p.Figures) != 2 {
		t.Fatalf("figures %+v; want two", p.Figures)
	}
	for i, value := range []string{"-1.5", "5.2"} {
		if f := p.Figures[i]; f.Value != value || f.Unit != "permille" {
			t.Errorf("figure %d: %s %s, want %s permille", i+1, f.Value, f.Unit, value)
		}
	}
	if md := string(p.Section.Data); !strings.Contains(md, "人口自然增长率{{test-draft-01}}，死亡率{{test-draft-02}}。") {
		t.Errorf("the rates stay in the text:\n%s", md)
	}
}

// TestImportLeavesConvertedEditionToItsSource: the real site converts its
// zh-hant edition from zh, so the imported figures have no zh-hant label
// of their own, which would show "（待译）" in that edition instead of the
// converted Chinese label.
func TestImportLeavesConvertedEditionToItsSource(t *testing.T) {
	p := importDraft(t, "draft.txt", []byte("标题一行\n\n全市共有社会组织5964家。\n"))
	added := string(p.FiguresAdded)
	if !strings.Contains(added, `label = { zh = "全市共有社会组织", en = "(to translate) 全市共有社会组织" }`) || strings.Contains(added, "zh-hant") {
		t.Errorf("figures.toml gets:\n%s", added)
	}
}
