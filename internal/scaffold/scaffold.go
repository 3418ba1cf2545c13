// Package scaffold holds the templates `almanac new` starts content from: a
// section in every language of the site, and a new report year (a cover per
// language and an empty figures.toml), which is what editors do each
// January.
//
// Planning reads the site through an fs.FS and returns the files to create
// without touching anything, so it refuses before writing a single file;
// Write then creates them, never replacing one that exists.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
)

// File is one file to create.
type File struct {
	Path string // slash-separated, relative to the site folder
	Data []byte
}

var (
	yearRE    = regexp.MustCompile(`^[0-9]{4}$`)
	sectionRE = regexp.MustCompile(`^(?:([0-9]+)-)?([a-z0-9]+(?:-[a-z0-9]+)*)$`)
	numberRE  = regexp.MustCompile(`^([0-9]+)-(.+)$`)
)

// Section plans a new section name in report year: one Markdown file per
// language, content/<year>/<NN>-<name>.<lang>.md, numbered after the
// year's last section unless name starts with a number ("05-child-welfare").
// It refuses a name or slug the year already has.
func Section(fsys fs.FS, cfg *config.Config, year, name string) ([]File, error) {
	if !yearRE.MatchString(year) {
		return nil, fmt.Errorf("%q is not a report year: write the year with four digits, like almanac new 2020/child-welfare", year)
	}
	m := sectionRE.FindStringSubmatch(name)
	if m == nil {
		return nil, fmt.Errorf("%q cannot be a section name: use lowercase letters a-z, digits and hyphens, like almanac new %s/child-welfare (it becomes the web address)", name, year)
	}
	number, name := m[1], m[2]
	if name == "print" {
		return nil, fmt.Errorf(`"print" cannot be a section name: /%s/print/ is the report's print edition; choose another name`, year)
	}
	dir := path.Join(content.Dir, year)
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("there is no %s report yet (no folder %s): start it first with almanac new %s", year, dir, year)
		}
		return nil, fmt.Errorf("cannot read %s: %w", dir, err)
	}
	last, width := 0, 2
	for _, e := range entries {
		base, ok := sectionBase(e.Name())
		if !ok {
			continue
		}
		file := path.Join(dir, e.Name())
		existing := base
		if nm := numberRE.FindStringSubmatch(base); nm != nil {
			n, _ := strconv.Atoi(nm[1])
			last, width = max(last, n), max(width, len(nm[1]))
			existing = nm[2]
		}
		if existing == name {
			return nil, diag.Errorf(file, 0, 0, "choose another name, or edit the section that exists", "the %s report already has a section %q", year, name)
		}
		if slug := frontSlug(fsys, file); slug == name {
			return nil, diag.Errorf(file, 0, 0, "choose another name: two sections cannot share a web address", "this section already uses the address %q (slug = %q)", name, slug)
		}
	}
	if number == "" {
		number = fmt.Sprintf("%0*d", width, last+1)
	}
	example := firstFigure(fsys, cfg, year)
	var files []File
	for _, l := range cfg.Langs {
		file := path.Join(dir, number+"-"+name+"."+l.Key+".md")
		files = append(files, File{Path: file, Data: []byte(sectionText(l.Key, year, example))})
	}
	if err := refuseExisting(fsys, files); err != nil {
		return nil, err
	}
	for _, f := range files {
		if err := validate(f, cfg); err != nil {
			return nil, fmt.Errorf("internal error: the template for %s does not build: %w", f.Path, err)
		}
	}
	return files, nil
}

// sectionBase is a section file's name without language and .md.
func sectionBase(name string) (string, bool) {
	if !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, "_index.") || strings.HasPrefix(name, ".") {
		return "", false
	}
	base := strings.TrimSuffix(name, ".md")
	if dot := strings.LastIndexByte(base, '.'); dot > 0 {
		base = base[:dot]
	}
	return base, true
}

// frontSlug is the slug a section file sets in its front matter, if any.
func frontSlug(fsys fs.FS, file string) string { return frontMatter(fsys, file).Slug }

// frontMatter reads a file's front matter; a file that cannot be read or
// parsed gives the zero value, since the build reports such files itself.
func frontMatter(fsys fs.FS, file string) content.FrontMatter {
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return content.FrontMatter{}
	}
	front, _, _, err := content.SplitFrontMatter(file, src)
	if err != nil {
		return content.FrontMatter{}
	}
	fm, err := content.ParseFrontMatter(file, front)
	if err != nil {
		return content.FrontMatter{}
	}
	return fm
}

// firstFigure is a figure key of the year to show in the example, or "".
func firstFigure(fsys fs.FS, cfg *config.Config, year string) string {
	set := yearFigures(fsys, cfg, year)
	if set == nil || len(set.Figures()) == 0 {
		return ""
	}
	return set.Figures()[0].Key
}

func yearFigures(fsys fs.FS, cfg *config.Config, year string) *figures.Set {
	file := path.Join(content.Dir, year, content.FiguresFile)
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil
	}
	set, err := figures.Parse(file, src, langKeys(cfg))
	if err != nil {
		return nil
	}
	return set
}

func langKeys(cfg *config.Config) []string {
	keys := make([]string, len(cfg.Langs))
	for i, l := range cfg.Langs {
		keys[i] = l.Key
	}
	return keys
}

func isChinese(lang string) bool { return lang == "zh" || strings.HasPrefix(lang, "zh-") }

// sectionText is a new section in lang: front matter marked draft, a
// paragraph with a figure reference, and a heading with a fixed anchor.
func sectionText(lang, year, figure string) string {
	figuresFile := path.Join(content.Dir, year, content.FiguresFile)
	if isChinese(lang) {
		example := "例如：{{" + figure + "}}。"
		if figure == "" {
			example = "先在 figures.toml 中定义数字，再这样引用：`{{social-organizations}}`（去掉反引号）。"
		}
		return `+++
title = "本节标题"
summary = "用一两句话概括本节内容，显示在目录中。"
draft = true # 写完后删除这一行，本节才会发布
+++

在这里撰写正文。报告中的每个数字都只写在 ` + figuresFile + ` 中，正文用它的键引用，` + example + `

## 第一个小标题 {#part-1}

同一个小标题在两种语言中使用相同的 {#…}，读者切换语言时会停留在同一位置。
`
	}
	example := "for example: {{" + figure + "}}."
	if figure == "" {
		example = "define the number in figures.toml first, then write `{{social-organizations}}` (without the backquotes)."
	}
	return `+++
title = "Section title"
summary = "One or two sentences on what this section covers, shown in the contents."
draft = true # delete this line when the section is ready to publish
+++

Write the text here. Every number of the report is written once, in ` + figuresFile + `, and the text refers to it by its key; ` + example + `

## First subheading {#part-1}

Give a subheading the same {#…} in every language, so a reader who switches language stays at the same place.
`
}

// Year plans a new report year: content/<year>/_index.<lang>.md for every
// language and an empty figures.toml. Titles follow the latest earlier
// report's, with the year changed. The covers are drafts, which keeps the
// whole year off the published site until an editor removes draft = true.
func Year(fsys fs.FS, cfg *config.Config, year string) ([]File, error) {
	if !yearRE.MatchString(year) {
		return nil, fmt.Errorf("%q is not a report year: write the year with four digits, like almanac new 2020", year)
	}
	dir := path.Join(content.Dir, year)
	prev := previousYear(fsys, year)
	var last *figures.Set
	if prev != "" && prev < year {
		last = yearFigures(fsys, cfg, prev)
	}
	var files []File
	for _, l := range cfg.Langs {
		title := defaultTitle(l.Key, year)
		var keyFigures []string
		if prev != "" {
			cover := frontMatter(fsys, path.Join(content.Dir, prev, "_index."+l.Key+".md"))
			if strings.Contains(cover.Title, prev) {
				title = strings.ReplaceAll(cover.Title, prev, year)
			}
			if last != nil {
				keyFigures = cover.KeyFigures
			}
		}
		files = append(files, File{Path: path.Join(dir, "_index."+l.Key+".md"), Data: []byte(coverText(l.Key, title, keyFigures))})
	}
	var source map[string]string
	if prev != "" {
		if set := yearFigures(fsys, cfg, prev); set != nil && len(set.Figures()) > 0 {
			source = set.Figures()[0].Sources
		}
	}
	text := figuresText(cfg, year, source)
	if last != nil && len(last.Figures()) > 0 {
		text = carriedFiguresText(cfg, year, prev, last, source)
	}
	files = append(files, File{Path: path.Join(dir, content.FiguresFile), Data: []byte(text)})
	if err := refuseExisting(fsys, files); err != nil {
		return nil, err
	}
	// The templates must be what the build accepts; check, so a change to
	// the formats cannot make `new` start a year that does not build.
	for _, f := range files {
		if err := validate(f, cfg); err != nil {
			return nil, fmt.Errorf("internal error: the template for %s does not build: %w", f.Path, err)
		}
	}
	return files, nil
}

// previousYear is the latest report year before year, or the latest at all.
func previousYear(fsys fs.FS, year string) string {
	entries, _ := fs.ReadDir(fsys, content.Dir)
	var years []string
	for _, e := range entries {
		if e.IsDir() && yearRE.MatchString(e.Name()) && e.Name() != year {
			years = append(years, e.Name())
		}
	}
	sort.Strings(years)
	best := ""
	for _, y := range years {
		if y < year || best == "" {
			best = y
		}
	}
	return best
}

func coverTitle(fsys fs.FS, file string) string { return frontMatter(fsys, file).Title }

func defaultTitle(lang, year string) string {
	if isChinese(lang) {
		return year + "年度报告"
	}
	return "Annual Report " + year
}

func coverText(lang, title string, keyFigures []string) string {
	keys := "[]"
	if len(keyFigures) > 0 {
		quoted := make([]string, len(keyFigures))
		for i, k := range keyFigures {
			quoted[i] = quote(k)
		}
		keys = "[" + strings.Join(quoted, ", ") + "]"
	}
	if isChinese(lang) {
		return `+++
title = ` + quote(title) + `
summary = "用一两句话概括本年度报告。"
# 在 figures.toml 中定义数字后，在这里列出封面上突出显示的数字的键，例如 ["social-organizations", "volunteers"]
key_figures = ` + keys + `
draft = true # 报告可以发布时，在每种语言的封面中删除这一行
+++

在这里介绍本年度报告。
`
	}
	return `+++
title = ` + quote(title) + `
summary = "One or two sentences on this year's report."
# Once figures.toml has figures, list the keys of those the cover shows as big numbers, like ["social-organizations", "volunteers"]
key_figures = ` + keys + `
draft = true # delete this line, in the cover of every language, when the report is ready to publish
+++

Introduce this year's report here.
`
}

func figuresText(cfg *config.Config, year string, source map[string]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `# Figures of the %s report. Every number the report states is written here
# once; the sections in every language refer to it by its key, like {{social-organizations}}.
# The format (units, qualifiers, rules, charts) is described in docs/design.md.

[defaults]
as_of = %q
`, year, year)
	if len(source) > 0 {
		var parts []string
		for _, l := range cfg.Langs {
			if s, ok := source[l.Key]; ok {
				parts = append(parts, l.Key+" = "+quote(s))
			}
		}
		fmt.Fprintf(&b, "source = { %s }\n", strings.Join(parts, ", "))
	}
	var labels []string
	for _, l := range cfg.Langs {
		label := "Social organizations"
		if isChinese(l.Key) {
			label = "全市社会组织"
		}
		labels = append(labels, l.Key+" = "+quote(label))
	}
	fmt.Fprintf(&b, `
# An example; remove the # signs to use it.
#
# [figure.social-organizations]
# value = 5964
# unit = "organizations"
# as_of = "%s-11"
# label = { %s }
`, year, strings.Join(labels, ", "))
	return b.String()
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func validate(f File, cfg *config.Config) error {
	if path.Base(f.Path) == content.FiguresFile {
		_, err := figures.Parse(f.Path, f.Data, langKeys(cfg))
		return err
	}
	front, _, _, err := content.SplitFrontMatter(f.Path, f.Data)
	if err != nil {
		return err
	}
	_, err = content.ParseFrontMatter(f.Path, front)
	return err
}

// refuseExisting fails, naming the file, if any of files exists.
func refuseExisting(fsys fs.FS, files []File) error {
	for _, f := range files {
		if _, err := fs.Lstat(fsys, f.Path); err == nil {
			return diag.Errorf(f.Path, 0, 0, "almanac new never replaces a file: edit it, or move it away first", "the file already exists")
		}
	}
	return nil
}

// Write creates files under root, making folders as needed. It refuses any
// file that exists, and root keeps every file inside the site folder. On an
// error, the files it created are removed again.
func Write(root *os.Root, files []File) error {
	var made []string
	undo := func() {
		for i := len(made) - 1; i >= 0; i-- {
			root.Remove(made[i])
		}
	}
	for _, f := range files {
		name := f.Path
		if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
			undo()
			return fmt.Errorf("cannot create the folder %s: %w", path.Dir(name), err)
		}
		w, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			undo()
			if errors.Is(err, fs.ErrExist) {
				return diag.Errorf(name, 0, 0, "almanac new never replaces a file: edit it, or move it away first", "the file already exists")
			}
			return fmt.Errorf("cannot create %s: %w", name, err)
		}
		made = append(made, name)
		_, err = io.Copy(w, bytes.NewReader(f.Data))
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			undo()
			return fmt.Errorf("cannot write %s: %w", name, err)
		}
	}
	return nil
}
