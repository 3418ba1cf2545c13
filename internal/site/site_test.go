package site

import (
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/diag"
)

const siteTOML = `base_url = "https://example.gov.cn/"
default_language = "zh"
[languages.zh]
locale = "zh-Hans"
name = "中文"
title = "报告"
[languages.en]
locale = "en"
name = "English"
title = "Reports"
`

const i18nKeys = "chart_data_table = \"x\"\nchart_item = \"x\"\nchart_value = \"x\"\nchart_share = \"x\"\nchart_total = \"x\"\nchart_other = \"x\"\nchart_download = \"x\"\nsite_not_built = \"x\"\nchange_up = \"x\"\nchange_down = \"x\"\nchange_unchanged = \"x\"\nchange_rate_up = \"x\"\nchange_rate_down = \"x\"\nyear = \"x\"\nseries_item = \"x\"\nchart_year = \"x\"\nchart_no_data = \"x\"\n"

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// repoPartial is one of the repository's own partials that the model
// executes (KeyFiguresPartial, ChartPartial).
func repoPartial(file string) *fstest.MapFile {
	b, err := os.ReadFile("../../" + file)
	if err != nil {
		panic(err)
	}
	return &fstest.MapFile{Data: b}
}

// smallSite is a two-section report; the second section has no English.
func smallSite() fstest.MapFS {
	return fstest.MapFS{
		"site.toml":            file(siteTOML),
		KeyFiguresPartial:      repoPartial(KeyFiguresPartial),
		ChartPartial:           repoPartial(ChartPartial),
		"layouts/i18n/zh.toml": file(i18nKeys),
		"layouts/i18n/en.toml": file(i18nKeys),
		"content/2019/figures.toml": file(`
[figure.orgs]
value = 5964
unit = "organizations"
label = { zh = "社会组织", en = "Social organizations" }
[figure.funds]
value = 240000000
unit = "yuan"
label = { zh = "资金", en = "Funding" }
[chart.c]
type = "bar"
figures = ["orgs"]
title = { zh = "图", en = "Chart" }
`),
		"content/2019/_index.zh.md":   file("+++\ntitle = \"2019年报告\"\nkey_figures = [\"funds\"]\n+++\n"),
		"content/2019/01-one.zh.md":   file("+++\ntitle = \"一\"\n+++\n共有社会组织{{orgs}}。\n\n`{{orgs}}`\n"),
		"content/2019/01-one.en.md":   file("+++\ntitle = \"One\"\n+++\nThere are {{orgs}} organizations.\n\n{{chart c}}\n"),
		"content/2019/02-two.zh.md":   file("+++\ntitle = \"二\"\n+++\n资金{{funds}}。\n"),
		"content/2019/03-three.zh.md": file("+++\ntitle = \"三\"\ndraft = true\n+++\n草稿\n"),
	}
}

func build(t *testing.T, fsys fstest.MapFS, opt Options) *Site {
	t.Helper()
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(fsys, cfg, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestModel(t *testing.T) {
	s := build(t, smallSite(), Options{})
	r := s.Reports[0]
	if len(r.Sections) != 2 {
		t.Fatalf("%d sections, want 2 (the draft left out)", len(r.Sections))
	}
	one, two := r.Sections[0], r.Sections[1]
	zh, en := one.Pages["zh"], one.Pages["en"]
	if zh.Path != "zh/2019/one/" || en.Path != "en/2019/one/" || zh.OutFile != "zh/2019/one/index.html" {
		t.Errorf("paths %q %q %q", zh.Path, en.Path, zh.OutFile)
	}
	if zh.Translation("en") != en || en.Translation("zh") != zh {
		t.Error("translations are not linked")
	}
	if two.Pages["en"] != nil || len(two.Pages["zh"].Translations) != 1 {
		t.Error("a section without English should have no English page")
	}
	if zh.Prev != r.Covers["zh"] || zh.Next != two.Pages["zh"] || en.Next != nil {
		t.Error("previous/next are wrong")
	}
	if body := string(zh.Body()); !strings.Contains(body, "5964家") || !strings.Contains(body, "<code>{{orgs}}</code>") {
		t.Errorf("zh body: %s", body)
	}
	if body := string(en.Body()); !strings.Contains(body, "5,964") || !strings.Contains(body, "<svg") {
		t.Errorf("en body: %s", body)
	}
	if s.Root.OutFile != "index.html" || len(s.Homes) != 2 || len(s.NotFound) != 3 {
		t.Error("root, homes or 404 pages missing")
	}
	drafts := build(t, smallSite(), Options{Drafts: true})
	if len(drafts.Reports[0].Sections) != 3 {
		t.Error("--drafts should include the draft")
	}
}

// TestInputsRecorded: every page knows the files and figures it is made
// of, so an incremental rebuild or a deploy diff can be exact.
func TestInputsRecorded(t *testing.T) {
	s := build(t, smallSite(), Options{})
	r := s.Reports[0]
	tests := []struct {
		page           *Page
		files, figures []string
	}{
		{r.Sections[0].Pages["zh"], []string{"content/2019/01-one.zh.md", "content/2019/figures.toml"}, []string{"2019/orgs"}},
		{r.Sections[0].Pages["en"], []string{"content/2019/01-one.en.md", "content/2019/figures.toml"}, []string{"2019/orgs"}},
		{r.Sections[1].Pages["zh"], []string{"content/2019/02-two.zh.md", "content/2019/figures.toml"}, []string{"2019/funds"}},
		{r.Covers["zh"], []string{"content/2019/_index.zh.md", "content/2019/figures.toml"}, []string{"2019/funds"}},
		{r.Prints["zh"], []string{"content/2019/01-one.zh.md", "content/2019/02-two.zh.md", "content/2019/_index.zh.md", "content/2019/figures.toml"}, []string{"2019/funds", "2019/orgs"}},
	}
	for _, tt := range tests {
		in := tt.page.Inputs
		if !slices.Equal(in.Files, tt.files) || !slices.Equal(in.Figures, tt.figures) {
			t.Errorf("%s: inputs %v %v, want %v %v", tt.page.OutFile, in.Files, in.Figures, tt.files, tt.figures)
		}
	}
}

func TestUnknownFigureInMarkdown(t *testing.T) {
	fsys := smallSite()
	fsys["content/2019/02-two.zh.md"] = file("+++\ntitle = \"二\"\n+++\n\n资金{{fund}}。\n")
	cfg, _ := config.Load(fsys)
	_, err := Build(fsys, cfg, Options{})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want diagnostics, got %v", err)
	}
	d := list[0]
	if d.File != "content/2019/02-two.zh.md" || d.Line != 5 || d.Col != 3 || !strings.Contains(d.Error(), "funds") {
		t.Errorf("got %v; want content/2019/02-two.zh.md:5:3 suggesting funds", d)
	}
}

func TestKeyFiguresMustExist(t *testing.T) {
	fsys := smallSite()
	fsys["content/2019/_index.en.md"] = file("+++\ntitle = \"Report\"\nkey_figures = [\"nope\"]\n+++\n")
	cfg, _ := config.Load(fsys)
	_, err := Build(fsys, cfg, Options{})
	if err == nil || !strings.Contains(err.Error(), "content/2019/_index.en.md:3") || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("got %v", err)
	}
}
