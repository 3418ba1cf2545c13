package figures

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// toTraditional stands in for the OpenCC conversion: the characters of
// this test's texts, one for one. Figures take labels and the words
// around numbers through it; the numbers follow the locale.
var toTraditional = strings.NewReplacer("个", "個", "门", "門", "余", "餘", "约", "約", "组织", "組織", "会", "會", "构成", "構成", "过", "過").Replace

func TestDerivedLanguageGetsConvertedTexts(t *testing.T) {
	src := `[figure.orgs]
value = 5964
unit = "organizations"
label = { zh = "社会组织", en = "Social organizations" }
source = { zh = "民政局", en = "Civil Affairs Bureau" }

[figure.projects]
value = 850
unit = "items"
qualifier = "over"
label = { zh = "项目", en = "Projects", zh-hant = "計畫" }

[figure.departments]
value = 13
unit = "departments"
qualifier = "approximately"
label = { zh = "部门", en = "Departments" }

[figure.share]
value = 75
unit = "percent"
qualifier = "over"
label = { zh = "覆盖率", en = "Coverage" }

[figure.volunteers]
value = 693100
unit = "people"
label = { zh = "志愿者", en = "Volunteers" }

[figure.funding]
value = 240000000
unit = "yuan"
label = { zh = "资金", en = "Funding" }

[chart.c]
type = "bar"
figures = ["orgs"]
title = { zh = "社会组织构成", en = "Organizations" }
`
	langs := []*Lang{newLang("zh", language.Make("zh-Hans")), newLang("en", language.English), newLang("zh-hant", language.Make("zh-Hant"))}
	w := newWriting(langs, declared{}, Options{
		Derived: []Derived{{Lang: "zh-hant", From: "zh", Convert: toTraditional}},
		Borrow:  func(text string, _, _ language.Tag) string { return toTraditional(text) },
	})
	set, err := Parse("content/2019/figures.toml", []byte(src), w)
	if err != nil {
		t.Fatal(err)
	}
	get := func(key string) *Figure { f, _ := set.Figure(key); return f }
	for _, c := range []struct{ got, want string }{
		{get("orgs").Label("zh-hant"), "社會組織"},
		{get("orgs").Source("zh-hant"), "民政局"},
		{get("projects").Label("zh-hant"), "計畫"}, // written for zh-hant: kept
		{get("projects").Format("zh-hant"), "850餘個"},
		{get("projects").Format("zh"), "850余个"},
		{get("departments").Format("zh-hant"), "約13部門"},
		{get("share").Format("zh-hant"), "超過75%"},
		{get("orgs").Format("en"), "5,964"},
		{get("orgs").Format("zh-hant"), "5964家"},
		{get("volunteers").Format("zh-hant"), "69.31萬名"}, // the locale's 萬, not a conversion of 万
		{get("volunteers").Format("zh"), "69.31万名"},
		{get("funding").Format("zh-hant"), "2.4億元"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	ch, _ := set.Chart("c")
	if ch.Title("zh-hant") != "社會組織構成" {
		t.Errorf("chart title %q", ch.Title("zh-hant"))
	}
	if csv := string(set.CSV()); !strings.Contains(csv, "label_zh-hant") || !strings.Contains(csv, "850餘個") {
		t.Errorf("the open data lacks the zh-hant columns:\n%s", csv)
	}
}
