package chart

import "testing"

// benchCharts are the charts a build renders most: the benchmark site's
// part-of-whole chart (three parts and a total, from the Markdown layer, so
// with its id marker and words) and a bar chart of six bars. TestGolden pins
// their output too.
func benchCharts(lang string) []Chart {
	words := DefaultStrings(lang)
	parts := Chart{ID: "chart-c17", IDPrefix: "\x00", Kind: KindPartOfWhole, Lang: lang,
		Title: "Composition 17", Strings: words, DataURL: "/en/2019/figures.csv",
		Data: []Datum{
			{Label: "Type 0", Value: 1319, Text: "1,319"},
			{Label: "Type 1", Value: 3451, Text: "3,451"},
			{Label: "Type 2", Value: 56187, Text: "56,187"},
		},
		Total: &Datum{Label: "Organizations 17", Value: 60957, Text: "60,957"},
	}
	bars := Chart{ID: "chart-facilities", IDPrefix: "\x00", Kind: KindBar, Lang: lang,
		Title: "Elderly care facilities by type", Strings: words, DataURL: "/en/2019/figures.csv",
		Data: []Datum{
			{Label: "Community elderly care service centers", Value: 6, Text: "6"},
			{Label: "Rural happiness homes", Value: 25, Text: "25"},
			{Label: "Elderly care institutions rebuilt or expanded", Value: 3, Text: "3"},
			{Label: "Home care beds", Value: 2100, Text: "2,100"},
			{Label: "Day care stations", Value: 48, Text: "48"},
			{Label: "Meal assistance points", Value: 262, Text: "262"},
		},
	}
	if lang == "zh" {
		parts.Title, parts.DataURL = "构成17", "/zh/2019/figures.csv"
		parts.Data = []Datum{{Label: "第0类", Value: 1319, Text: "1319家"}, {Label: "第1类", Value: 3451, Text: "3451家"}, {Label: "第2类", Value: 56187, Text: "5.62万家"}}
		parts.Total = &Datum{Label: "组织总数17", Value: 60957, Text: "6.1万家"}
		bars.Title, bars.DataURL = "养老服务设施（按类型）", "/zh/2019/figures.csv"
		bars.Data = []Datum{
			{Label: "社区养老服务照料中心", Value: 6, Text: "6个"},
			{Label: "农村幸福院", Value: 25, Text: "25个"},
			{Label: "改扩建竣工启用的养老机构（含爱心护理院）", Value: 3, Text: "3家"},
			{Label: "家庭养老床位", Value: 2100, Text: "2100张"},
			{Label: "日间照料站", Value: 48, Text: "48个"},
			{Label: "助餐点", Value: 262, Text: "262个"},
		}
	}
	return []Chart{parts, bars}
}

func BenchmarkDraw(b *testing.B) {
	for _, lang := range []string{"zh", "en"} {
		for _, c := range benchCharts(lang) {
			b.Run(c.Kind+"/"+lang, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := Draw(withWords(c)); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
