package content

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/xmca/almanac/internal/diag"
)

func md(front, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("+++\n" + front + "\n+++\n" + body)}
}

var langs = Options{Langs: []string{"zh", "en"}}

func TestLoadPairsAndOrders(t *testing.T) {
	fsys := fstest.MapFS{
		"content/_index.zh.md":                    md(`title = "首页"`, "欢迎"),
		"content/_index.en.md":                    md(`title = "Home"`, "Welcome"),
		"content/2019/_index.zh.md":               md(`title = "2019年报告"`, ""),
		"content/2019/figures.toml":               {Data: []byte("")},
		"content/2019/03-highlights.zh.md":        md(`title = "亮点"`, "正文"),
		"content/2019/03-highlights.en.md":        md(`title = "Highlights"`, "Text"),
		"content/2019/02-three-social.zh.md":      md(`title = "三社联动"`, "正文"),
		"content/2019/02-three-social.en.md":      md(`title = "Three-social"`, "Text"),
		"content/2019/10-custom.zh.md":            md("title = \"自定义\"\nslug = \"my-slug\"\nweight = 1\ntheme = \"blue\"", "正文"),
		"content/2019/04-draft.zh.md":             md("title = \"草稿\"\ndraft = true", ""),
		"content/2018/01-old.zh.md":               md(`title = "旧"`, "正文"),
		"content/2019/.01-three-social.zh.md.swp": {Data: []byte{0, 1}},
	}
	c, err := Load(fsys, langs)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Reports) != 2 || c.Reports[0].Year != "2019" {
		t.Fatalf("reports = %v, want 2019 first", c.Reports)
	}
	r := c.Reports[0]
	var slugs []string
	for _, s := range r.Sections {
		slugs = append(slugs, s.Slug)
	}
	if got := strings.Join(slugs, " "); got != "my-slug three-social highlights" {
		t.Errorf("sections = %q; want weight order with the number dropped and the slug override", got)
	}
	if len(r.Sections[1].Sources) != 2 {
		t.Errorf("three-social should pair zh and en, got %d", len(r.Sections[1].Sources))
	}
	if p := r.Sections[0].Sources["zh"].Front.Params["theme"]; p != "blue" {
		t.Errorf("extra front matter should be a param, got %v", p)
	}
	if src := r.Sections[1].Sources["zh"]; src.BodyLine != 4 || string(src.Body) != "正文" {
		t.Errorf("body %q at line %d, want 正文 at line 4", src.Body, src.BodyLine)
	}
	drafts, err := Load(fsys, Options{Langs: langs.Langs, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts.Reports[0].Sections) != 4 {
		t.Errorf("with drafts: %d sections, want 4", len(drafts.Reports[0].Sections))
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		file string
		line int
		want string
	}{
		{"unknown language", fstest.MapFS{"content/2019/01-a.fr.md": md(`title = "x"`, "")}, "content/2019/01-a.fr.md", 0, `language "fr" is not one of the site's languages`},
		{"no language", fstest.MapFS{"content/2019/01-a.md": md(`title = "x"`, "")}, "content/2019/01-a.md", 0, "does not say its language"},
		{"duplicate slug", fstest.MapFS{
			"content/2019/01-a.zh.md": md(`title = "x"`, ""),
			"content/2019/02-b.zh.md": md("title = \"y\"\nslug = \"a\"", ""),
		}, "content/2019/02-b.zh.md", 3, `slug "a"`},
		{"invalid utf-8", fstest.MapFS{"content/2019/01-a.zh.md": {Data: []byte("+++\ntitle = \"x\"\n+++\n好\n坏\xff")}}, "content/2019/01-a.zh.md", 5, "not valid UTF-8"},
		{"saved as UTF-16 by Notepad", fstest.MapFS{"content/2019/01-a.zh.md": {Data: []byte("\xff\xfe+\x00+\x00+\x00\n\x00")}}, "content/2019/01-a.zh.md", 1, "saved as UTF-16"},
		{"no front matter", fstest.MapFS{"content/2019/01-a.zh.md": {Data: []byte("# 标题\n")}}, "content/2019/01-a.zh.md", 1, "does not start with front matter"},
		{"unclosed front matter", fstest.MapFS{"content/2019/01-a.zh.md": {Data: []byte("+++\ntitle = \"x\"\n# 标题\n")}}, "content/2019/01-a.zh.md", 1, "never closed"},
		{"no title", fstest.MapFS{"content/2019/01-a.zh.md": md(`summary = "x"`, "")}, "content/2019/01-a.zh.md", 2, "no title"},
		{"front matter syntax", fstest.MapFS{"content/2019/01-a.zh.md": md("title = \"x\"\nweight = ", "")}, "content/2019/01-a.zh.md", 3, "TOML"},
		{"misspelt setting", fstest.MapFS{"content/2019/01-a.zh.md": md("title = \"x\"\nwieght = 3", "")}, "content/2019/01-a.zh.md", 3, "did you mean weight"},
		{"bad slug", fstest.MapFS{"content/2019/01-a.zh.md": md("title = \"x\"\nslug = \"A B\"", "")}, "content/2019/01-a.zh.md", 3, "cannot be used in a URL"},
		{"slug mismatch", fstest.MapFS{
			"content/2019/01-a.zh.md": md("title = \"x\"\nslug = \"one\"", ""),
			"content/2019/01-a.en.md": md("title = \"x\"\nslug = \"two\"", ""),
		}, "content/2019/01-a.en.md", 3, "differs"},
		{"reserved slug", fstest.MapFS{"content/2019/01-print.zh.md": md(`title = "x"`, "")}, "content/2019/01-print.zh.md", 0, "reserved"},
		{"figure in a title", fstest.MapFS{"content/2019/01-a.zh.md": md("title = \"社会组织{{social-organizations}}\"", "")}, "content/2019/01-a.zh.md", 2, "{{social-organizations}}"},
		{"change in a summary", fstest.MapFS{"content/2019/01-a.en.md": md("title = \"x\"\nsummary = \"Up on the year: {{ change volunteers 2015 }}.\"", "")}, "content/2019/01-a.en.md", 3, "{{ change volunteers 2015 }}"},
		{"capitalised figure in a summary", fstest.MapFS{"content/2019/01-a.zh.md": md("title = \"x\"\nsummary = \"增长{{Change Volunteers}}\"", "")}, "content/2019/01-a.zh.md", 3, "{{Change Volunteers}}"},
		{"same number", fstest.MapFS{
			"content/2020/01-a.zh.md": md(`title = "甲"`, "正文"),
			"content/2020/01-b.zh.md": md(`title = "乙"`, "正文"),
		}, "content/2020/01-b.zh.md", 0, "the number 1 in front"},
		{"same weight", fstest.MapFS{
			"content/2020/01-a.zh.md": md("title = \"甲\"\nweight = 5", "正文"),
			"content/2020/02-b.zh.md": md("title = \"乙\"\nweight = 5", "正文"),
		}, "content/2020/02-b.zh.md", 3, "weight = 5 puts this section in the same place in content/2020 as the weight 5 of content/2020/01-a.zh.md"},
		{"weight of another's number", fstest.MapFS{
			"content/2020/01-a.zh.md": md("title = \"甲\"\nweight = 2", "正文"),
			"content/2020/02-b.zh.md": md(`title = "乙"`, "正文"),
		}, "content/2020/01-a.zh.md", 3, "as the number 2 in front of content/2020/02-b.zh.md"},
		{"weight of another's number, in both languages", fstest.MapFS{
			"content/2020/01-x.zh.md": md(`title = "甲"`, "正文"),
			"content/2020/01-x.en.md": md(`title = "A"`, "Text"),
			"content/2020/02-y.zh.md": md("title = \"乙\"\nsummary = \"乙\"\nweight = 1", "正文"),
			"content/2020/02-y.en.md": md("title = \"B\"\nweight = 1", "Text"),
		}, "content/2020/02-y.zh.md", 4, "as the number 1 in front of content/2020/01-x.zh.md"},
		{"translation named apart", fstest.MapFS{
			"content/2020/01-elderly-care.zh.md":  md(`title = "甲"`, "正文"),
			"content/2020/01-elderly-cares.en.md": md(`title = "A"`, "Text"),
		}, "content/2020/01-elderly-cares.en.md", 0, "01-elderly-cares.en.md and 01-elderly-care.zh.md have the same number but different names"},
		{"saved by Notepad", fstest.MapFS{"content/2020/01-a.zh.md.txt": {Data: []byte("+++\ntitle = \"甲\"\n+++\n正文\n")}}, "content/2020/01-a.zh.md.txt", 0, "rename it 01-a.zh.md"},
		{"capital MD", fstest.MapFS{"content/2020/01-a.zh.MD": {Data: []byte("+++\ntitle = \"甲\"\n+++\n正文\n")}}, "content/2020/01-a.zh.MD", 0, "rename it 01-a.zh.md"},
		{"cover with capital MD", fstest.MapFS{"content/2020/_index.zh.MD": {Data: []byte("+++\ntitle = \"甲\"\n+++\n正文\n")}}, "content/2020/_index.zh.MD", 0, "rename it _index.zh.md"},
		{"no text", fstest.MapFS{"content/2020/01-a.zh.md": md(`title = "甲"`, " \n\n")}, "content/2020/01-a.zh.md", 3, "has no text"},
		{"not a year", fstest.MapFS{"content/misc/a.zh.md": md(`title = "x"`, "")}, "content/misc", 0, "not a report year"},
		{"year with 年", fstest.MapFS{"content/2022年/01-a.zh.md": md(`title = "x"`, "")}, "content/2022年", 0, "rename it content/2022"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(tt.fsys, langs)
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("want a diag.List, got %v", err)
			}
			for _, d := range list {
				if d.File == tt.file && d.Line == tt.line && strings.Contains(d.Error(), tt.want) && d.Hint != "" {
					return
				}
			}
			t.Errorf("want %s:%d %q with a hint, got:\n%v", tt.file, tt.line, tt.want, list)
		})
	}
}

func TestSymlinkOutsideSiteRefused(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(outside, []byte("+++\ntitle = \"secret\"\n+++\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "content", "2019"), 0o755)
	if err := os.Symlink(outside, filepath.Join(dir, "content", "2019", "01-a.zh.md")); err != nil {
		t.Skip("symlinks not supported here:", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	_, err = Load(root.FS(), langs)
	if err == nil || !strings.Contains(err.Error(), "content/2019/01-a.zh.md") || !strings.Contains(err.Error(), "outside the site folder") {
		t.Errorf("want an error naming the link, got %v", err)
	}
}

// TestDraftYear: a year whose covers are all drafts (as almanac new <year>
// starts one) stays off the site, sections and all, unless drafts are built.
func TestDraftYear(t *testing.T) {
	fsys := fstest.MapFS{
		"content/2019/_index.zh.md":      md(`title = "2019"`, ""),
		"content/2020/_index.zh.md":      md("title = \"2020\"\ndraft = true", ""),
		"content/2020/_index.en.md":      md("title = \"2020\"\ndraft = true", ""),
		"content/2020/01-alpha.zh.md":    md(`title = "甲"`, ""),
		"content/2021/_index.zh.md":      md("title = \"2021\"\ndraft = true", ""),
		"content/2021/_index.en.md":      md(`title = "2021"`, ""),
		"content/2022/01-no-cover.zh.md": md(`title = "乙"`, "正文"),
	}
	years := func(c *Content) string {
		var y []string
		for _, r := range c.Reports {
			y = append(y, r.Year)
		}
		return strings.Join(y, " ")
	}
	c, err := Load(fsys, langs)
	if err != nil {
		t.Fatal(err)
	}
	if got := years(c); got != "2022 2021 2019" {
		t.Errorf("published years %q; 2020 (all covers drafts) should be left out", got)
	}
	c, err = Load(fsys, Options{Langs: langs.Langs, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := years(c); got != "2022 2021 2020 2019" {
		t.Errorf("with drafts: years %q", got)
	}
}
