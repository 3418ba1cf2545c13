package scaffold

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/figures"
)

// repoSite is the repository's own site folder, read-only.
func repoSite(t *testing.T) (fstest.MapFS, *config.Config) {
	t.Helper()
	f := fstest.MapFS{}
	root := os.DirFS("../..")
	for _, dir := range []string{"site.toml", "content"} {
		err := fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(root, p)
			f[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := config.Load(f)
	if err != nil {
		t.Fatal(err)
	}
	return f, cfg
}

func paths(files []File) string {
	var p []string
	for _, f := range files {
		p = append(p, f.Path)
	}
	return strings.Join(p, " ")
}

func TestSectionInEveryLanguage(t *testing.T) {
	fsys, cfg := repoSite(t)
	files, err := Section(fsys, cfg, "2019", "child-welfare")
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(files); got != "content/2019/03-child-welfare.zh.md content/2019/03-child-welfare.en.md" {
		t.Fatalf("files %s", got)
	}
	for _, f := range files {
		front, body, _, err := content.SplitFrontMatter(f.Path, f.Data)
		if err != nil {
			t.Fatal(err)
		}
		fm, err := content.ParseFrontMatter(f.Path, front)
		if err != nil {
			t.Fatal(err)
		}
		if !fm.Draft || fm.Title == "" || fm.Summary == "" {
			t.Errorf("%s: front matter %+v; want a draft with title and summary", f.Path, fm)
		}
		if !strings.Contains(string(body), "{{community-policy-documents}}") || !strings.Contains(string(body), "## ") || !strings.Contains(string(body), "{#part-1}") {
			t.Errorf("%s: want a figure reference of the year and a heading with a fixed anchor:\n%s", f.Path, body)
		}
	}
	if files, err = Section(fsys, cfg, "2019", "07-child-welfare"); err != nil || !strings.Contains(paths(files), "07-child-welfare.zh.md") {
		t.Errorf("an explicit number should be kept: %v %v", paths(files), err)
	}
}

func TestSectionRefusals(t *testing.T) {
	fsys, cfg := repoSite(t)
	fsys["content/2019/09-renamed.zh.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"x\"\nslug = \"elderly-care\"\n+++\n")}
	for _, tt := range []struct{ year, name, want string }{
		{"2019", "three-social-linkage", "already has a section"},
		{"2019", "05-highlights", "already has a section"},
		{"2019", "02-child-welfare", "already has a section numbered 02"},
		{"2019", "elderly-care", "slug"},
		{"2019", "Child Welfare", "lowercase"},
		{"2019", "print", "print edition"},
		{"2019", "../../etc", "lowercase"},
		{"19", "x", "four digits"},
		{"2031", "x", "almanac new 2031"},
	} {
		files, err := Section(fsys, cfg, tt.year, tt.name)
		if err == nil || !strings.Contains(err.Error(), tt.want) || files != nil {
			t.Errorf("%s/%s: got %v, want a refusal saying %q", tt.year, tt.name, err, tt.want)
		}
	}
}

func TestNewYear(t *testing.T) {
	fsys, cfg := repoSite(t)
	files, err := Year(fsys, cfg, "2020")
	if err != nil {
		t.Fatal(err)
	}
	if got := paths(files); got != "content/2020/_index.zh.md content/2020/_index.en.md content/2020/figures.toml" {
		t.Fatalf("files %s", got)
	}
	titles := map[string]string{}
	for _, f := range files[:2] {
		front, _, _, _ := content.SplitFrontMatter(f.Path, f.Data)
		fm, err := content.ParseFrontMatter(f.Path, front)
		if err != nil || !fm.Draft || !slices.Equal(fm.KeyFigures, []string{"social-organizations", "volunteers", "licensed-social-workers", "purchase-funding", "service-person-times", "new-elderly-care-beds"}) {
			t.Errorf("%s: %+v %v; want a draft cover with the 2019 cover's key figures", f.Path, fm, err)
		}
		if s := string(f.Data); strings.Contains(s, "Once figures.toml has figures") || strings.Contains(s, "定义数字后") {
			t.Errorf("%s tells the editor to list key figures, but they are already carried over:\n%s", f.Path, s)
		}
		titles[f.Path] = fm.Title
	}
	if titles["content/2020/_index.zh.md"] != "2020年厦门市民政工作报告" || titles["content/2020/_index.en.md"] != "Xiamen Civil Affairs Report 2020" {
		t.Errorf("titles should follow the 2019 report's: %v", titles)
	}
	set, err := figures.Parse(files[2].Path, files[2].Data, figures.WritingFor("zh", "en"))
	if err != nil {
		t.Fatalf("figures.toml does not parse: %v", err)
	}
	// Every 2019 figure is there with its label and unit, waiting for its value.
	last, err := figures.Parse("content/2019/figures.toml", fsys["content/2019/figures.toml"].Data, figures.WritingFor("zh", "en"))
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Figures()) != len(last.Figures()) || len(set.Pending()) != len(last.Figures()) || len(set.Rules()) != len(last.Rules()) {
		t.Fatalf("2020 has %d figures (%d pending) and %d rules; 2019 has %d and %d", len(set.Figures()), len(set.Pending()), len(set.Rules()), len(last.Figures()), len(last.Rules()))
	}
	for _, f := range last.Figures() {
		g, ok := set.Figure(f.Key)
		if !ok || g.Unit != f.Unit || !maps.Equal(g.Labels, f.Labels) || !g.Pending {
			t.Errorf("figure %s did not carry over as a pending figure with its unit and labels", f.Key)
		}
	}
	if !strings.Contains(string(files[2].Data), `value = "待填" # 2019: 5964`) {
		t.Errorf("last year's value should be beside the placeholder:\n%s", files[2].Data)
	}
	if !strings.Contains(string(files[2].Data), `source = { zh = "厦门市民政局", en = "Xiamen Civil Affairs Bureau" }`) {
		t.Errorf("the source should carry over from 2019:\n%s", files[2].Data)
	}
	if _, err := Year(fsys, cfg, "2019"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("starting 2019 again: %v", err)
	}
	if _, err := Year(fsys, cfg, "twenty"); err == nil {
		t.Error("a year that is not a year was accepted")
	}
}

func TestWriteNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	os.MkdirAll(filepath.Join(dir, "content", "2020"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "2020", "b.md"), []byte("mine"), 0o644)
	err = Write(root, []File{{"content/2020/a.md", []byte("new")}, {"content/2020/b.md", []byte("new")}})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("want a refusal, got %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "content", "2020", "b.md")); string(b) != "mine" {
		t.Error("an existing file was replaced")
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "2020", "a.md")); err == nil {
		t.Error("a file written before the refusal was left behind")
	}
	outside := t.TempDir()
	os.Symlink(outside, filepath.Join(dir, "content", "2021"))
	if err := Write(root, []File{{"content/2021/a.md", []byte("x")}}); err == nil {
		t.Error("wrote through a link leading outside the site")
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Error("a file was created outside the site")
	}
}

// fourLanguages is the repository's site with a zh-hant edition written by
// hand (in place of the converted one) and fr added.
func fourLanguages(t *testing.T, fsys fstest.MapFS) *config.Config {
	t.Helper()
	site := string(fsys["site.toml"].Data)
	if from, to := strings.Index(site, "[languages.zh-hant]"), strings.Index(site, "[build]"); from >= 0 && to > from {
		site = site[:from] + site[to:]
	}
	fsys["site.toml"] = &fstest.MapFile{Data: append([]byte(site), `
[languages.zh-hant]
locale = "zh-Hant"
name = "繁體中文"
title = "廈門市民政工作年度報告"
weight = 3

[languages.fr]
locale = "fr"
name = "Français"
title = "Rapports annuels"
weight = 4
`...)}
	cfg, err := config.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestNewLanguageNeedsItsTemplates: a language with no template of its own
// or of a language near it gets an error naming each template to write;
// zh-hant takes zh's.
func TestNewLanguageNeedsItsTemplates(t *testing.T) {
	fsys, _ := repoSite(t)
	cfg := fourLanguages(t, fsys)
	_, err := Year(fsys, cfg, "2020")
	if err == nil || !strings.Contains(err.Error(), `layouts/new/cover.fr.md: there is no cover template for language "fr"`) || strings.Contains(err.Error(), "zh-hant") {
		t.Fatalf("got %v", err)
	}
	_, err = Section(fsys, cfg, "2019", "child-welfare")
	if err == nil || !strings.Contains(err.Error(), `layouts/new/section.fr.md: there is no section template for language "fr"`) {
		t.Fatalf("got %v", err)
	}
	// The site has no templates of its own: the editor is shown almanac's,
	// to translate, since it is nowhere in the site to copy.
	if !strings.Contains(err.Error(), "translate almanac's own section template for") || !strings.Contains(err.Error(), "title = ") || !strings.Contains(err.Error(), "{% .FiguresFile %}") {
		t.Errorf("the hint shows no template to translate: %v", err)
	}
	fsys["layouts/new/cover.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Report {% .Year %}\"\ndraft = true\n+++\n")}
	if _, err := Year(fsys, cfg, "2020"); err == nil || !strings.Contains(err.Error(), "translate layouts/new/cover.en.md into Français") {
		t.Errorf("the hint does not name the site's own template: %v", err)
	}
	delete(fsys, "layouts/new/cover.en.md")
	fsys["layouts/new/section.fr.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Titre\"\ndraft = true\n+++\n\nVoir {{{% .Figure %}}} dans {% .FiguresFile %}.\n")}
	files, err := Section(fsys, cfg, "2019", "child-welfare")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Data)
	}
	if fr := got["content/2019/03-child-welfare.fr.md"]; !strings.HasSuffix(fr, "Voir {{community-policy-documents}} dans content/2019/figures.toml.\n") {
		t.Errorf("fr from the site's template: %q", fr)
	}
	if got["content/2019/03-child-welfare.zh-hant.md"] != got["content/2019/03-child-welfare.zh.md"] || !strings.Contains(got["content/2019/03-child-welfare.zh.md"], "本节标题") {
		t.Errorf("zh-hant should start from the zh template:\n%s", got["content/2019/03-child-welfare.zh-hant.md"])
	}
}

// TestSiteTemplateErrors: a site's template that does not read, or makes a
// file that does not build, is reported at the template.
func TestSiteTemplateErrors(t *testing.T) {
	fsys, cfg := repoSite(t)
	fsys["layouts/new/cover.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = {% .Year \n+++\n")}
	if _, err := Year(fsys, cfg, "2020"); err == nil || !strings.Contains(err.Error(), "layouts/new/cover.en.md: the template does not read") {
		t.Errorf("got %v", err)
	}
	fsys["layouts/new/cover.en.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = {% .Year %}\ntitle = \"again\"\n+++\n")}
	if _, err := Year(fsys, cfg, "2020"); err == nil || !strings.Contains(err.Error(), "layouts/new/cover.en.md: the template makes a _index.en.md that does not build") {
		t.Errorf("got %v", err)
	}
}

// TestConvertedEditionGetsNoFiles: the real site's zh-hant edition is
// converted from zh, so almanac new writes no zh-hant file, which would
// replace the conversion.
func TestConvertedEditionGetsNoFiles(t *testing.T) {
	fsys, cfg := repoSite(t)
	if cfg.Language("zh-hant") == nil || cfg.Language("zh-hant").Converter() == nil {
		t.Fatal("the real site has no converted zh-hant edition: the test shows nothing")
	}
	section, err := Section(fsys, cfg, "2019", "child-welfare")
	if err != nil {
		t.Fatal(err)
	}
	year, err := Year(fsys, cfg, "2020")
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range append(section, year...) {
		paths = append(paths, f.Path)
		if strings.Contains(f.Path, "zh-hant") || strings.Contains(string(f.Data), "zh-hant") {
			t.Errorf("%s is for the converted edition or names it:\n%s", f.Path, f.Data)
		}
	}
	if len(paths) != 5 {
		t.Errorf("files %v; want a section and a cover in zh and en, and figures.toml", paths)
	}
}
