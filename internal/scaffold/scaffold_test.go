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
		titles[f.Path] = fm.Title
	}
	if titles["content/2020/_index.zh.md"] != "2020年厦门市民政工作报告" || titles["content/2020/_index.en.md"] != "Xiamen Civil Affairs Report 2020" {
		t.Errorf("titles should follow the 2019 report's: %v", titles)
	}
	set, err := figures.Parse(files[2].Path, files[2].Data, []string{"zh", "en"})
	if err != nil {
		t.Fatalf("figures.toml does not parse: %v", err)
	}
	// Every 2019 figure is there with its label and unit, waiting for its value.
	last, err := figures.Parse("content/2019/figures.toml", fsys["content/2019/figures.toml"].Data, []string{"zh", "en"})
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
