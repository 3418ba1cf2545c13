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
	"github.com/xmca/almanac/internal/sitepath"
	"github.com/xmca/almanac/internal/tomlfile"
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
	if name == sitepath.PrintSlug {
		return nil, fmt.Errorf(`%q cannot be a section name: /%s/%s/ is the report's print edition; choose another name`, name, year, name)
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
	wanted, _ := strconv.Atoi(number)
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
			if number != "" && n == wanted && nm[2] != name {
				return nil, diag.Errorf(file, 0, 0, "choose another number, or leave it out to number the section after the last one",
					"the %s report already has a section numbered %s", year, nm[1])
			}
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
	tmpls, err := templatesFor(fsys, cfg, "section")
	if err != nil {
		return nil, err
	}
	data := map[string]any{"Year": year, "FiguresFile": path.Join(content.Dir, year, content.FiguresFile), "Figure": firstFigure(fsys, cfg, year)}
	var files []File
	for _, l := range cfg.Written() {
		file := path.Join(dir, number+"-"+name+"."+l.Key+".md")
		f, err := tmpls[l.Key].fill(file, data, cfg)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	if err := refuseExisting(fsys, files); err != nil {
		return nil, err
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
	// A file with mistakes still gives the figures that read: the build
	// reports the mistakes, and the keys are all that is needed here.
	set, _ := figures.Parse(file, src, writing(cfg))
	return set
}

func langKeys(cfg *config.Config) []string {
	keys := make([]string, len(cfg.Langs))
	for i, l := range cfg.Langs {
		keys[i] = l.Key
	}
	return keys
}

// writing is how the site writes figures; a site.toml whose units do not
// read gets the shipped ones, since the build reports the mistake itself.
func writing(cfg *config.Config) *figures.Writing {
	w, err := figures.NewWriting(cfg, figures.Options{})
	if err != nil {
		return figures.WritingFor(langKeys(cfg)...)
	}
	return w
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
	covers, err := templatesFor(fsys, cfg, "cover")
	if err != nil {
		return nil, err
	}
	var files []File
	for _, l := range cfg.Written() {
		title := "" // the template's own
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
		data := map[string]any{"Year": year, "Title": title, "KeyFigures": tomlList(keyFigures), "Carried": len(keyFigures) > 0}
		f, err := covers[l.Key].fill(path.Join(dir, "_index."+l.Key+".md"), data, cfg)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	// A year after one with figures starts from its figures (carry.go).
	name, data := "figures.toml", figuresData(fsys, cfg, year, prev)
	if last != nil && len(last.Figures()) > 0 {
		name, data = "figures-carried.toml", carriedData(cfg, year, prev, last, data["SourceTable"].(string))
	}
	figs, err := figuresTemplate(fsys, name)
	if err != nil {
		return nil, err
	}
	f, err := figs.fill(path.Join(dir, content.FiguresFile), data, cfg)
	if err != nil {
		return nil, err
	}
	files = append(files, f)
	if err := refuseExisting(fsys, files); err != nil {
		return nil, err
	}
	return files, nil
}

// tomlList writes keys as a TOML array of texts: ["a", "b"], or [].
func tomlList(keys []string) string {
	quoted := make([]string, len(keys))
	for i, k := range keys {
		quoted[i] = tomlfile.Quote(k)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
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

// figuresData is what the figures.toml template is given: the year, the
// previous report's source, and an example figure: the previous report's
// first, or one with the labels left to write ("…").
func figuresData(fsys fs.FS, cfg *config.Config, year, prev string) map[string]any {
	type text struct{ Key, Text, Label string }
	var first *figures.Figure
	if prev != "" {
		if set := yearFigures(fsys, cfg, prev); set != nil && len(set.Figures()) > 0 {
			first = set.Figures()[0]
		}
	}
	var source, langs []text
	var sourceTable string
	for _, l := range cfg.Written() {
		label := "…"
		if first != nil {
			if s, ok := first.Sources[l.Key]; ok {
				source = append(source, text{Key: l.Key, Text: s})
			}
			if s, ok := first.Labels[l.Key]; ok {
				label = s
			}
		}
		langs = append(langs, text{Key: l.Key, Label: label})
	}
	if first != nil && len(first.Sources) > 0 {
		sourceTable = langTable(cfg, first.Sources)
	}
	example := map[string]string{"Key": "social-organizations", "Value": "5964", "Unit": "organizations"}
	if first != nil {
		example = map[string]string{"Key": first.Key, "Value": first.Value.String(), "Unit": string(first.Unit)}
	}
	return map[string]any{"Year": year, "Source": source, "SourceTable": sourceTable, "Langs": langs, "Example": example}
}

func validate(f File, cfg *config.Config) error {
	if path.Base(f.Path) == content.FiguresFile {
		_, err := figures.Parse(f.Path, f.Data, writing(cfg))
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
