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
			{"Type 0", 1319, "1,319"},
			{"Type 1", 3451, "3,451"},
			{"Type 2", 56187, "56,187"},
		},
		Total: &Datum{"Organizations 17", 60957, "60,957"},
	}
	bars := Chart{ID: "chart-facilities", IDPrefix: "\x00", Kind: KindBar, Lang: lang,
		Title: "Elderly care facilities by type", Strings: words, DataURL: "/en/2019/figures.csv",
		Data: []Datum{
			{"Community elderly care service centers", 6, "6"},
			{"Rural happiness homes", 25, "25"},
			{"Elderly care institutions rebuilt or expanded", 3, "3"},
			{"Home care beds", 2100, "2,100"},
			{"Day care stations", 48, "48"},
			{"Meal assistance points", 262, "262"},
		},
	}
	if lang == "zh" {
		parts.Title, parts.DataURL = "构成17", "/zh/2019/figures.csv"
		parts.Data = []Datum{{"第0类", 1319, "1319家"}, {"第1类", 3451, "3451家"}, {"第2类", 56187, "5.62万家"}}
		parts.Total = &Datum{"组织总数17", 60957, "6.1万家"}
		bars.Title, bars.DataURL = "养老服务设施（按类型）", "/zh/2019/figures.csv"
		bars.Data = []Datum{
			{"社区养老服务照料中心", 6, "6个"},
			{"农村幸福院", 25, "25个"},
			{"改扩建竣工启用的养老机构（含爱心护理院）", 3, "3家"},
			{"家庭养老床位", 2100, "2100张"},
			{"日间照料站", 48, "48个"},
			{"助餐点", 262, "262个"},
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
