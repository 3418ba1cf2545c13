package figures

import (
	"os"
	"testing"
)

// TestEveryFigureOf2019 pins how every figure of the real 2019 report reads
// in both languages. The Chinese column is exactly the source report's text.
func TestEveryFigureOf2019(t *testing.T) {
	src, err := os.ReadFile("../../content/2019/figures.toml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := Parse("content/2019/figures.toml", src, siteLangs)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ key, zh, en string }{
		{"community-policy-documents", "8份", "8"},
		{"social-organization-policy-documents", "10份", "10"},
		{"compound-party-branches", "937个", "937"},
		{"building-party-groups", "2056个", "2,056"},
		{"compound-party-coverage", "75%", "75%"},
		{"community-grids", "3000多个", "more than 3,000"},
		{"community-workers", "8300多名", "more than 8,300"},
		{"responsibility-lists", "6项", "6"},
		{"grid-platform-departments", "56个", "56"},
		{"incubation-bases", "24个", "24"},
		{"social-work-agency-funding-years", "7年", "7"},
		{"funded-social-work-agencies", "39家", "39"},
		{"social-work-agency-funding", "127万元", "RMB 1.27 million"},
		{"social-organizations", "5964家", "5,964"},
		{"social-associations", "1622家", "1,622"},
		{"private-non-enterprise-units", "1735家", "1,735"},
		{"foundations", "35家", "35"},
		{"community-social-organizations", "2572家", "2,572"},
		{"national-leading-talent-award", "10万元", "RMB 100,000"},
		{"xiamen-leading-talents", "10名", "10"},
		{"xiamen-leading-talent-award", "5万元", "RMB 50,000"},
		{"work-subsidy-assistant-social-worker", "5000元", "RMB 5,000"},
		{"work-subsidy-social-worker", "1万元", "RMB 10,000"},
		{"work-subsidy-senior-social-worker", "2万元", "RMB 20,000"},
		{"subsidized-social-workers", "65人", "65"},
		{"work-subsidies-total", "35.5万元", "RMB 355,000"},
		{"continuing-education-sessions", "22期", "22"},
		{"social-work-supervisors", "22人", "22"},
		{"social-work-posts", "95个", "95"},
		{"communities-with-social-work-offices", "303个", "303"},
		{"community-social-workers", "近345名", "nearly 345"},
		{"purchase-funding", "2.4亿元", "RMB 240 million"},
		{"purchase-projects", "850余个", "over 850"},
		{"service-person-times", "近430万人次", "nearly 4.3 million person-times"},
		{"subsistence-allowance-standard", "每人每月800元", "RMB 800 per person per month"},
		{"extreme-poverty-support-standard", "每人每月1200元", "RMB 1,200 per person per month"},
		{"temporary-price-subsidies", "583万元", "RMB 5.83 million"},
		{"holiday-condolence-payments", "764.71万元", "RMB 7,647,100"},
		{"elderly-care-service-centers", "6个", "6"},
		{"rural-happiness-homes", "25个", "25"},
		{"elderly-care-coverage", "91%", "91%"},
		{"renovated-elderly-care-institutions", "3家", "3"},
		{"new-elderly-care-beds", "2100张", "2,100"},
		{"child-care-opinions-departments", "13部门", "13"},
		{"child-protection-sites-municipal", "1个", "1"},
		{"child-protection-sites-district", "5个", "5"},
		{"child-protection-sites-rural", "24个", "24"},
		{"community-matters-before", "163项", "163"},
		{"community-matters-after", "115项", "115"},
		{"outstanding-community-work-methods", "7个", "7"},
		{"paired-communities", "50对", "50"},
		{"new-social-organizations", "329家", "329"},
		{"poverty-alleviation-agreements", "46份", "46"},
		{"poverty-alleviation-agreement-value", "约600万元", "about RMB 6 million"},
		{"licensed-social-workers", "6700余名", "over 6,700"},
		{"social-work-agencies", "118家", "118"},
		{"purchase-funding-2019", "近4500万元", "nearly RMB 45 million"},
		{"purchase-projects-2019", "150余个", "over 150"},
		{"volunteers", "69.31万名", "693,100"},
		{"volunteer-groups", "4068个", "4,068"},
		{"homeless-registered", "262人", "262"},
		{"new-place-names", "232个", "232"},
	}
	if got := len(set.Figures()); got != len(want) {
		t.Errorf("figures.toml has %d figures, this table %d: add the new ones here", got, len(want))
	}
	for _, w := range want {
		f, ok := set.Figure(w.key)
		if !ok {
			t.Errorf("figure %q is gone", w.key)
			continue
		}
		if got := f.Format("zh"); got != w.zh {
			t.Errorf("%s in zh = %q, want %q", w.key, got, w.zh)
		}
		if got := f.Format("en"); got != w.en {
			t.Errorf("%s in en = %q, want %q", w.key, got, w.en)
		}
	}
}
