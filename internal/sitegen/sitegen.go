// Package sitegen generates large synthetic bilingual report sites, so the
// build and the dev server can be benchmarked on thousands of sections
// shaped like the real report: Chinese and English prose with figure
// references, headings, lists, tables, footnotes and charts.
package sitegen

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing/fstest"
)

// Options shape the generated site.
type Options struct {
	Sections int // sections per language, spread over Years report years
	Years    int
	// Base supplies site.toml, layouts/ and static/ (the repository's own).
	Base fs.FS
	// Long makes each section about as long as a section of the real 2019
	// report (4-5 KB in Chinese or English, some 40 figure references, two
	// charts) instead of about 2 KB with 9 references and one chart.
	Long bool
}

// shape is how much each generated section holds.
type shape struct {
	parts, paragraphs int  // "## Part" headings, and paragraphs under each
	barChart          bool // a second chart, after the fifth part
}

func (o Options) shape() shape {
	if o.Long {
		return shape{parts: 6, paragraphs: 2, barChart: true}
	}
	return shape{parts: 3, paragraphs: 1}
}

// Generate returns a site with o.Sections sections in both languages.
func Generate(o Options) (fstest.MapFS, error) {
	if o.Years <= 0 {
		o.Years = 1
	}
	fsys := fstest.MapFS{}
	if err := copyTree(o.Base, fsys, "site.toml", "layouts", "static"); err != nil {
		return nil, err
	}
	fsys["content/_index.zh.md"] = file("+++\ntitle = \"首页\"\n+++\n欢迎阅读年度报告。\n")
	fsys["content/_index.en.md"] = file("+++\ntitle = \"Home\"\n+++\nWelcome to the annual reports.\n")
	perYear := (o.Sections + o.Years - 1) / o.Years
	for n := 0; n < o.Sections; n++ {
		year := 2000 + n/perYear
		dir := fmt.Sprintf("content/%d/", year)
		if n%perYear == 0 {
			fsys[dir+"figures.toml"] = file(figuresTOML(perYear, o.shape()))
			fsys[dir+"_index.zh.md"] = file(fmt.Sprintf("+++\ntitle = \"%d年报告\"\nkey_figures = [\"f0-total\", \"f1-total\"]\n+++\n本年度报告。\n", year))
			fsys[dir+"_index.en.md"] = file(fmt.Sprintf("+++\ntitle = \"Report %d\"\nkey_figures = [\"f0-total\", \"f1-total\"]\n+++\nThis year's report.\n", year))
		}
		i := n % perYear
		name := fmt.Sprintf("%s%04d-section-%d", dir, i+1, i)
		fsys[name+".zh.md"] = file(zhSection(i, o.shape()))
		fsys[name+".en.md"] = file(enSection(i, o.shape()))
	}
	return fsys, nil
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), Mode: 0o644} }

// figuresTOML defines, for each section, a total and three parts that add
// up, a rule, and a chart of them (and a bar chart, for long sections).
func figuresTOML(sections int, sh shape) string {
	var b strings.Builder
	b.WriteString("[defaults]\nas_of = \"2019-12\"\nsource = { zh = \"市民政局\", en = \"Civil Affairs Bureau\" }\n\n")
	for i := 0; i < sections; i++ {
		a, c, d := 1200+i*7, 3400+i*3, 56000+i*11
		fmt.Fprintf(&b, "[figure.f%d-total]\nvalue = %d\nunit = \"organizations\"\nlabel = { zh = \"组织总数%d\", en = \"Organizations %d\" }\n\n", i, a+c+d, i, i)
		for j, v := range []int{a, c, d} {
			fmt.Fprintf(&b, "[figure.f%d-part%d]\nvalue = %d\nunit = \"organizations\"\nlabel = { zh = \"第%d类\", en = \"Type %d\" }\n\n", i, j, v, j, j)
		}
		fmt.Fprintf(&b, "[figure.f%d-money]\nvalue = %d\nunit = \"yuan\"\nqualifier = \"nearly\"\nlabel = { zh = \"资金%d\", en = \"Funding %d\" }\n\n", i, 2400000+i*10000, i, i)
		fmt.Fprintf(&b, "[[rule]]\ntotal = \"f%d-total\"\nparts = [\"f%d-part0\", \"f%d-part1\", \"f%d-part2\"]\n\n", i, i, i, i)
		fmt.Fprintf(&b, "[chart.c%d]\ntype = \"part-of-whole\"\ntotal = \"f%d-total\"\nfigures = [\"f%d-part0\", \"f%d-part1\", \"f%d-part2\"]\ntitle = { zh = \"构成%d\", en = \"Composition %d\" }\n\n", i, i, i, i, i, i, i)
		if sh.barChart {
			fmt.Fprintf(&b, "[chart.b%d]\ntype = \"bar\"\nfigures = [\"f%d-part0\", \"f%d-part1\", \"f%d-part2\"]\ntitle = { zh = \"比较%d\", en = \"Comparison %d\" }\n\n", i, i, i, i, i, i)
		}
	}
	return b.String()
}

func zhSection(i int, sh shape) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = \"第%d节 基层社会治理\"\nsummary = \"本节介绍基层社会治理的进展。\"\n+++\n\n", i)
	fmt.Fprintf(&b, "全市聚焦群众需求，加快推进“三社联动”，激发多元参与、合作共治，构建民生保障服务体系和\n基层社会治理体系。截至年底，全市共有社会组织{{f%d-total}}，其中第一类{{f%d-part0}}、第二类{{f%d-part1}}。\n\n", i, i, i)
	for h := 1; h <= sh.parts; h++ {
		fmt.Fprintf(&b, "## 第%d部分 完善社区治理结构\n\n", h)
		fmt.Fprintf(&b, "建立由街道、社区、网格、楼栋组成的组织架构，创新小区治理模式。政府购买服务资金累计达{{f%d-money}}，**服务群众**成效明显[^n%d]。\n运用云计算、大数据等技术，全面建成纵向联通共享、横向覆盖多个业务部门的社区网格化服务管理平台。\n\n", i, min(h, 3))
		for range sh.paragraphs - 1 {
			fmt.Fprintf(&b, "全市社会组织增至{{f%d-total}}，其中第一类{{f%d-part0}}、第二类{{f%d-part1}}、第三类{{f%d-part2}}；\n各级各部门投入购买社会工作服务的资金{{f%d-money}}，持证社工和志愿者队伍不断壮大，社区服务能力明显提升。\n\n", i, i, i, i, i)
		}
		if h <= 3 {
			b.WriteString("- 加强政策制度建设\n- 培育引导社会组织\n- 培养使用社工人才\n\n")
		}
		if h == 5 && sh.barChart {
			fmt.Fprintf(&b, "{{chart b%d}}\n\n", i)
		}
	}
	fmt.Fprintf(&b, "| 类别 | 数量 |\n|---|---|\n| 第一类 | {{f%d-part0}} |\n| 第三类 | {{f%d-part2}} |\n\n", i, i)
	fmt.Fprintf(&b, "{{chart c%d}}\n\n", i)
	for h := 1; h <= 3; h++ {
		fmt.Fprintf(&b, "[^n%d]: 数据来源：市民政局。\n", h)
	}
	return b.String()
}

func enSection(i int, sh shape) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = \"Section %d: Community-Level Governance\"\nsummary = \"This section reports progress in community-level governance.\"\n+++\n\n", i)
	fmt.Fprintf(&b, "Focusing on the needs of the people, the city accelerated the \"three-social linkage\", encouraging\nbroad participation and cooperative governance. By the end of the year the city had {{f%d-total}} social organizations, including {{f%d-part0}} of the first type and {{f%d-part1}} of the second.\n\n", i, i, i)
	for h := 1; h <= sh.parts; h++ {
		fmt.Fprintf(&b, "## Part %d: Improving the Community Governance Structure\n\n", h)
		fmt.Fprintf(&b, "An organizational structure of sub-districts, communities, grids and buildings was established. Government purchase of services reached {{f%d-money}}, with **clear benefits** for residents[^n%d].\nUsing cloud computing and big data, a grid-based community service and management platform was completed.\n\n", i, min(h, 3))
		for range sh.paragraphs - 1 {
			fmt.Fprintf(&b, "Social organizations in the city grew to {{f%d-total}}, including {{f%d-part0}} of the first type, {{f%d-part1}} of the second and {{f%d-part2}} of the third;\nfunding from departments at all levels for purchasing social work services reached {{f%d-money}}, and the ranks of licensed social workers and volunteers kept growing.\n\n", i, i, i, i, i)
		}
		if h <= 3 {
			b.WriteString("- Strengthening policies and institutions\n- Fostering social organizations\n- Training social workers\n\n")
		}
		if h == 5 && sh.barChart {
			fmt.Fprintf(&b, "{{chart b%d}}\n\n", i)
		}
	}
	fmt.Fprintf(&b, "| Type | Number |\n|---|---|\n| First | {{f%d-part0}} |\n| Third | {{f%d-part2}} |\n\n", i, i)
	fmt.Fprintf(&b, "{{chart c%d}}\n\n", i)
	for h := 1; h <= 3; h++ {
		fmt.Fprintf(&b, "[^n%d]: Source: Civil Affairs Bureau.\n", h)
	}
	return b.String()
}

// copyTree copies the named files and folders of src into dst.
func copyTree(src fs.FS, dst fstest.MapFS, roots ...string) error {
	for _, root := range roots {
		err := fs.WalkDir(src, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			dst[p] = file(string(b))
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// MarkdownBodies returns the Markdown of every content file without its
// front matter: the input a bare-goldmark baseline converts.
func MarkdownBodies(fsys fstest.MapFS) [][]byte {
	var bodies [][]byte
	for _, langBodies := range MarkdownBodiesByLanguage(fsys) {
		bodies = append(bodies, langBodies...)
	}
	return bodies
}

// MarkdownBodiesByLanguage is MarkdownBodies by the language key of each
// file ("zh" for name.zh.md), for a pipeline whose output depends on it.
func MarkdownBodiesByLanguage(fsys fstest.MapFS) map[string][][]byte {
	bodies := map[string][][]byte{}
	for name, f := range fsys {
		if !strings.HasPrefix(name, "content/") || !strings.HasSuffix(name, ".md") {
			continue
		}
		s := string(f.Data)
		if _, rest, ok := strings.Cut(strings.TrimPrefix(s, "+++\n"), "\n+++\n"); ok {
			s = rest
		}
		lang := strings.TrimPrefix(path.Ext(strings.TrimSuffix(name, ".md")), ".")
		bodies[lang] = append(bodies[lang], []byte(s))
	}
	return bodies
}
