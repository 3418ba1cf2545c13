package search_test

import (
	"testing"
	"testing/fstest"

	"github.com/xmca/almanac/internal/build"
	"github.com/xmca/almanac/internal/sitetest"
)

// newSection is a section the report never had, with the shapes an editor
// may write: a heading with an id of its own and one without, a table, a
// list, a footnote cited in the first passage, and a figure with a
// qualifier.
const newSectionZh = `+++
title = "社区书房建设"
summary = "社区书房的建设情况。"
+++

## 社区读书角 {#reading-corners}

社区读书角累计服务{{reading-corner-visits}}，群众普遍满意[^survey]。

| 区域 | 书架 |
|---|---|
| 思明区 | 鹭岛书架 |

## 适老化改造清单

- 加装扶手与防滑地砖
- 安装紧急呼叫装置

## 其他工作 {#other-work}

开展图书漂流活动。

[^survey]: 满意度来自年度入户问卷调查。
`

const newSectionEn = `+++
title = "Community Study Rooms"
summary = "How community study rooms were built."
+++

## Reading Corners {#reading-corners}

Community reading corners served {{reading-corner-visits}}, and residents were broadly satisfied[^survey].

| District | Shelves |
|---|---|
| Siming | Egret bookshelves |

## Age-Friendly Renovation Checklist

- Installing handrails and anti-slip floor tiles
- Fitting emergency call buttons

## Other Work {#other-work}

Book-crossing events were held.

[^survey]: Satisfaction comes from the annual household questionnaire.
`

const newFigure = `
[figure.reading-corner-visits]
value = 4300000
unit = "person-times"
qualifier = "nearly"
label = { zh = "读书角服务人次", en = "Reading corner visits" }
`

// TestNewContentIndex: on a section the project has never seen, every
// passage (a table's cells, a list's items, a figure as the page writes
// it, a footnote) is found under the heading it belongs to, so the result
// leads to the right #anchor.
func TestNewContentIndex(t *testing.T) {
	fsys := sitetest.MapFS(t)
	fsys["content/2019/03-study-rooms.zh.md"] = &fstest.MapFile{Data: []byte(newSectionZh)}
	fsys["content/2019/03-study-rooms.en.md"] = &fstest.MapFile{Data: []byte(newSectionEn)}
	figs := fsys["content/2019/figures.toml"]
	figs.Data = append(append([]byte{}, figs.Data...), newFigure...)
	res, err := build.Run(fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	zh, en := readIndex(t, res.Files, res.Site.SearchManifest("zh")), readIndex(t, res.Files, res.Site.SearchManifest("en"))
	for _, tt := range []struct {
		idx          *index
		terms        []string
		page, anchor string
	}{
		{zh, []string{"读书", "鹭岛", "书架"}, "zh/2019/study-rooms/", "reading-corners"},
		{zh, []string{"430", "万人", "近"}, "zh/2019/study-rooms/", "reading-corners"},
		{zh, []string{"扶手", "呼叫"}, "zh/2019/study-rooms/", "适老化改造清单"},
		{zh, []string{"问卷", "入户"}, "zh/2019/study-rooms/", "reading-corners"},
		{zh, []string{"漂流"}, "zh/2019/study-rooms/", "other-work"},
		{en, []string{"egret", "bookshelves", "siming"}, "en/2019/study-rooms/", "reading-corners"},
		{en, []string{"4.3", "million", "nearly"}, "en/2019/study-rooms/", "reading-corners"},
		{en, []string{"handrails", "buttons"}, "en/2019/study-rooms/", "age-friendly-renovation-checklist"},
		{en, []string{"questionnaire", "household"}, "en/2019/study-rooms/", "reading-corners"},
		{en, []string{"crossing"}, "en/2019/study-rooms/", "other-work"},
	} {
		id := tt.idx.entry(tt.page, tt.anchor)
		if id < 0 {
			t.Errorf("%s#%s: no entry", tt.page, tt.anchor)
			continue
		}
		for _, term := range tt.terms {
			found := tt.idx.lookup(term)
			if _, ok := found[id]; !ok {
				t.Errorf("%q does not lead to %s#%s; it leads to %v\nthe entry: %q", term, tt.page, tt.anchor, tt.idx.anchors(found), tt.idx.entries[id][4])
			}
		}
	}
}

// anchors names the entries found, for a failure's message.
func (idx *index) anchors(found map[int]bool) []string {
	var out []string
	for id := range found {
		out = append(out, idx.entries[id][0]+"#"+idx.entries[id][1])
	}
	return out
}
