package chart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The 2019 report's social organizations by type, in both languages.
func socialOrganizations(lang string) Chart {
	if lang == "zh" {
		return Chart{
			ID: "chart-social-organizations-by-type", Kind: KindPartOfWhole, Lang: "zh",
			Title: "社会组织构成",
			Data: []Datum{
				{Label: "社会团体", Value: 1622, Text: "1622家"},
				{Label: "民办非企业单位", Value: 1735, Text: "1735家"},
				{Label: "基金会", Value: 35, Text: "35家"},
				{Label: "备案社区社会组织", Value: 2572, Text: "2572家"},
			},
			Total:   &Datum{Label: "全市社会组织", Value: 5964, Text: "5964家"},
			DataURL: "/zh/2019/figures.csv",
		}
	}
	return Chart{
		ID: "chart-social-organizations-by-type", Kind: KindPartOfWhole, Lang: "en",
		Title: "Social organizations by type",
		Data: []Datum{
			{Label: "Social associations", Value: 1622, Text: "1,622"},
			{Label: "Private non-enterprise units", Value: 1735, Text: "1,735"},
			{Label: "Foundations", Value: 35, Text: "35"},
			{Label: "Community-based social organizations", Value: 2572, Text: "2,572"},
		},
		Total:   &Datum{Label: "Social organizations", Value: 5964, Text: "5,964"},
		DataURL: "/en/2019/figures.csv",
	}
}

// Elderly care facilities built in 2019: counts of different sizes.
func elderlyCare(lang string) Chart {
	if lang == "zh" {
		return Chart{
			ID: "chart-elderly-care-2019", Kind: KindBar, Lang: "zh",
			Title: "2019年养老服务设施建设",
			Data: []Datum{
				{Label: "社区养老服务照料中心", Value: 6, Text: "6个"},
				{Label: "农村幸福院", Value: 25, Text: "25个"},
				{Label: "改扩建竣工启用的养老机构（含爱心护理院）", Value: 3, Text: "3家"},
			},
		}
	}
	return Chart{
		ID: "chart-elderly-care-2019", Kind: KindBar, Lang: "en",
		Title: "Elderly care facilities built in 2019",
		Data: []Datum{
			{Label: "Community elderly care service centers", Value: 6, Text: "6"},
			{Label: "Rural happiness homes", Value: 25, Text: "25"},
			{Label: "Elderly care institutions rebuilt or expanded (including the Aixin nursing home)", Value: 3, Text: "3"},
		},
	}
}

// TestWritePreview writes every example chart into an HTML page, with the
// stylesheet rules suggested for the site, and each SVG on its own, for a
// person to look at:
//
//	ALMANAC_CHART_PREVIEW=/tmp/charts go test -run Preview ./internal/chart
//	chromium --headless --screenshot=/tmp/charts/zh.png --window-size=400,1200 file:///tmp/charts/zh.html
func TestWritePreview(t *testing.T) {
	dir := os.Getenv("ALMANAC_CHART_PREVIEW")
	if dir == "" {
		t.Skip("set ALMANAC_CHART_PREVIEW to a folder to write the preview there")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile("testdata/preview.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"zh", "en"} {
		var page strings.Builder
		page.WriteString(`<!doctype html><html lang="` + lang + `"><meta charset="utf-8"><meta name="viewport" content="width=device-width">`)
		page.WriteString("<style>" + string(css) + "</style><body><main>")
		for _, c := range append(examples(lang), stressCharts(lang)...) {
			f, err := Draw(withWords(c))
			if err != nil {
				t.Fatal(err)
			}
			out, err := renderFigure(withWords(c))
			if err != nil {
				t.Fatal(err)
			}
			page.WriteString(out)
			name := filepath.Join(dir, lang+"-"+c.ID+".svg")
			if err := os.WriteFile(name, []byte(f.SVG), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		page.WriteString("</main></body></html>")
		if err := os.WriteFile(filepath.Join(dir, lang+".html"), []byte(page.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func examples(lang string) []Chart {
	return []Chart{socialOrganizations(lang), elderlyCare(lang)}
}

// stressCharts are the awkward cases worth a look: a remainder, negative
// values, one huge value, long value texts, many parts.
func stressCharts(lang string) []Chart {
	rest := socialOrganizations(lang)
	rest.ID, rest.Data = "rest", rest.Data[:2]
	rest.OpenTable = true // as in the print edition
	rest.Format = func(v float64) string { return plainNumber(v) + "家" }
	change := Chart{ID: "change", Kind: KindBar, Lang: lang, Title: "Change on 2018", Data: []Datum{
		{Label: "Growth", Value: 12.5, Text: "+12.5%"}, {Label: "Decline", Value: -3.2, Text: "−3.2%"}, {Label: "Flat", Value: 0, Text: "0%"},
	}}
	huge := Chart{ID: "huge", Kind: KindBar, Lang: lang, Title: "One large value", Data: []Datum{
		{Label: "Large", Value: 4300000, Text: "nearly 4.3 million person-times"}, {Label: "Small", Value: 262, Text: "262 persons"},
	}}
	many := Chart{ID: "many", Kind: KindPartOfWhole, Lang: lang, Title: "Many parts"}
	for i := range 9 {
		many.Data = append(many.Data, Datum{Label: "Part " + strings.Repeat("x", i+1), Value: float64(1 + i*i*10)})
	}
	return []Chart{rest, change, huge, many}
}
