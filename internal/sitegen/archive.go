package sitegen

import (
	"fmt"
	"io/fs"
	"testing/fstest"
)

// ArchiveYears are the report years of Archive, oldest first.
var ArchiveYears = []string{"2001", "2002", "2003"}

// Archive returns a small site of three report years (ArchiveYears) whose
// figures compare across the years, with known changes: social
// organizations 2763 → 7087 → 7087 (up 156.5%, then unchanged), a share
// 59% → 75% → 74% (up 16 points, down 1), beds 2000 → 1754 and then
// no longer counted (down 12.3%), volunteers "over 6,700" → 8000 (not
// computable), a figure whose unit changes (people → person-times), and
// community social organizations counted from 2002 (2572 → 2600).
// The 2002 and 2003 sections compare with earlier years in both
// languages, and each of those years has a series chart. Base supplies
// site.toml, layouts/ and static/.
func Archive(base fs.FS) (fstest.MapFS, error) {
	fsys := fstest.MapFS{}
	if err := copyTree(base, fsys, "site.toml", "layouts", "static"); err != nil {
		return nil, err
	}
	fsys["content/_index.zh.md"] = file("+++\ntitle = \"历年报告\"\n+++\n欢迎阅读历年报告。\n")
	fsys["content/_index.en.md"] = file("+++\ntitle = \"Reports\"\n+++\nWelcome to the reports of every year.\n")
	for _, y := range ArchiveYears {
		dir := "content/" + y + "/"
		fsys[dir+"figures.toml"] = file(archiveFigures[y])
		fsys[dir+"_index.zh.md"] = file(fmt.Sprintf("+++\ntitle = \"%s年报告\"\nkey_figures = [\"social-organizations\", \"coverage\"]\n+++\n%s年的工作。\n", y, y))
		fsys[dir+"_index.en.md"] = file(fmt.Sprintf("+++\ntitle = \"Report %s\"\nkey_figures = [\"social-organizations\", \"coverage\"]\n+++\nThe work of %s.\n", y, y))
		fsys[dir+"01-overview.zh.md"] = file(archiveSections[y+"/zh"])
		fsys[dir+"01-overview.en.md"] = file(archiveSections[y+"/en"])
	}
	return fsys, nil
}

const archiveDefaults = "[defaults]\nas_of = \"2001\"\nsource = { zh = \"市民政局\", en = \"Civil Affairs Bureau\" }\n\n"

var archiveFigures = map[string]string{
	"2001": archiveDefaults + `[figure.social-organizations]
value = 2763
unit = "organizations"
label = { zh = "社会组织", en = "Social organizations" }

[figure.coverage]
value = 59
unit = "percent"
label = { zh = "覆盖率", en = "Coverage" }

[figure.beds]
value = 2000
unit = "beds"
label = { zh = "养老床位", en = "Elderly care beds" }

[figure.volunteers]
value = 6700
unit = "people"
qualifier = "over"
label = { zh = "志愿者", en = "Volunteers" }

[figure.served]
value = 5000
unit = "people"
label = { zh = "服务对象", en = "People served" }
`,
	"2002": archiveDefaults + `[figure.social-organizations]
value = 7087
unit = "organizations"
label = { zh = "社会组织", en = "Social organizations" }

[figure.coverage]
value = 75
unit = "percent"
label = { zh = "覆盖率", en = "Coverage" }

[figure.beds]
value = 1754
unit = "beds"
label = { zh = "养老床位", en = "Elderly care beds" }

[figure.volunteers]
value = 8000
unit = "people"
label = { zh = "志愿者", en = "Volunteers" }

[figure.served]
value = 6000
unit = "person-times"
label = { zh = "服务人次", en = "Person-times served" }

[figure.community-organizations]
value = 2572
unit = "organizations"
label = { zh = "社区社会组织", en = "Community social organizations" }

[chart.organizations-by-year]
type = "series"
figure = "social-organizations"
title = { zh = "历年社会组织数量", en = "Social organizations by year" }
`,
	"2003": archiveDefaults + `[figure.social-organizations]
value = 7087
unit = "organizations"
label = { zh = "社会组织", en = "Social organizations" }

[figure.coverage]
value = 74
unit = "percent"
label = { zh = "覆盖率", en = "Coverage" }

[figure.community-organizations]
value = 2600
unit = "organizations"
label = { zh = "社区社会组织", en = "Community social organizations" }

[chart.trend]
type = "series"
figures = ["social-organizations", "community-organizations"]
title = { zh = "社会组织与社区社会组织", en = "Social organizations and community social organizations" }
`,
}

var archiveSections = map[string]string{
	"2001/zh": "+++\ntitle = \"概况\"\n+++\n\n社会组织{{social-organizations}}。\n",
	"2001/en": "+++\ntitle = \"Overview\"\n+++\n\n{{social-organizations}} social organizations.\n",
	"2002/zh": "+++\ntitle = \"概况\"\n+++\n\n社会组织{{social-organizations}}，比上年的{{previous social-organizations}}{{change social-organizations}}。\n" +
		"覆盖率{{coverage}}，{{change coverage}}。养老床位{{change beds}}。\n\n{{chart organizations-by-year}}\n",
	"2002/en": "+++\ntitle = \"Overview\"\n+++\n\n{{social-organizations}} social organizations, {{change social-organizations}} from {{previous social-organizations}}.\n" +
		"Coverage {{coverage}}, {{change coverage}}. Beds {{change beds}}.\n\n{{chart organizations-by-year}}\n",
	"2003/zh": "+++\ntitle = \"概况\"\n+++\n\n社会组织{{change social-organizations}}，比2001年{{change social-organizations 2001}}。\n" +
		"覆盖率{{change coverage}}。上年养老床位{{previous beds}}，2001年{{previous beds 2001}}。\n\n{{chart trend}}\n",
	"2003/en": "+++\ntitle = \"Overview\"\n+++\n\nSocial organizations {{change social-organizations}}, {{change social-organizations 2001}} since 2001.\n" +
		"Coverage {{change coverage}}. Beds: {{previous beds}} last year, {{previous beds 2001}} in 2001.\n\n{{chart trend}}\n",
}
