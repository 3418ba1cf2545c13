// Package content reads a site's content/ folder: the language home pages,
// one folder per report year with its cover, figures file and sections, and
// the pairing of each section's translations by file name.
//
// It only reads and checks files; turning Markdown into HTML and pages into
// URLs is the site package's job.
package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/parallel"
	"github.com/xmca/almanac/internal/sitepath"
	"github.com/xmca/almanac/internal/skip"
	"github.com/xmca/almanac/internal/tomlfile"
)

// Dir is the content folder of a site.
const Dir = "content"

// FiguresFile is the name of a report's figures file inside its year folder.
const FiguresFile = "figures.toml"

// Content is everything under content/.
type Content struct {
	Home    map[string]*Source // language → content/_index.<lang>.md
	Reports []*Report          // newest year first
	// DraftYears are the year folders left out because every cover is a
	// draft (only when drafts are not built), newest first: nothing may
	// compare with them, and messages say why.
	DraftYears []string
}

// Report is one year folder.
type Report struct {
	Year     string
	Covers   map[string]*Source // language → _index.<lang>.md
	Sections []*Section         // in reading order
	// FiguresFile is the path of figures.toml ("" when the year has none);
	// FiguresSrc its bytes.
	FiguresFile string
	FiguresSrc  []byte
}

// Section is one section in all the languages it exists in.
type Section struct {
	Name    string // file name without number and language: "three-social-linkage"
	Slug    string // URL segment: Name unless front matter sets slug
	Weight  int    // order: the leading number unless front matter sets weight
	Sources map[string]*Source
	// numbered is set when Weight is the number in front of the file
	// name, weighted when it is the weight of its front matter; no two
	// sections of a year with either may share it.
	numbered, weighted bool
}

// Source is one Markdown file, split and checked.
type Source struct {
	File     string // slash path from the site root
	Lang     string
	Front    FrontMatter
	Body     []byte
	BodyLine int // line of the body's first line in File
}

// Options says which languages exist and whether drafts are built.
type Options struct {
	Langs  []string
	Drafts bool
	// Cache, when set, keeps parsed files between Loads of the same site,
	// so a file whose bytes did not change is not parsed again (the dev
	// server reloads the whole content folder on every save).
	Cache *Cache
}

var (
	yearDir     = regexp.MustCompile(`^[0-9]{4}$`)
	yearInName  = regexp.MustCompile(`[0-9]{4}`) // 2022年: a year with more around it
	orderPrefix = regexp.MustCompile(`^([0-9]+)-(.+)$`)
	slugRE      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

func validSlug(s string) bool { return slugRE.MatchString(s) }

// Load reads content/ from fsys. All problems found are returned together.
func Load(fsys fs.FS, opt Options) (*Content, error) {
	l := &loader{fsys: fsys, opt: opt}
	opt.Cache.begin()
	c := l.load()
	l.list.Sort()
	if err := l.list.Err(); err != nil {
		return nil, err
	}
	opt.Cache.end()
	return c, nil
}

type loader struct {
	fsys fs.FS
	opt  Options
	mu   sync.Mutex // guards list: a report's files are read concurrently
	list diag.List
}

func (l *loader) fail(file string, line int, hint, format string, args ...any) {
	l.add(diag.Errorf(file, line, 0, hint, format, args...))
}

// add records problems found in file; err may be a Diagnostic or a List.
func (l *loader) add(ds ...*diag.Diagnostic) {
	l.mu.Lock()
	l.list = append(l.list, ds...)
	l.mu.Unlock()
}

func (l *loader) addErr(file string, err error) {
	var list diag.List
	list.Add(file, err)
	l.add(list...)
}

func (l *loader) load() *Content {
	c := &Content{Home: map[string]*Source{}}
	entries, err := l.readDir(Dir)
	if err != nil {
		return c
	}
	for _, e := range entries {
		name := e.Name()
		file := path.Join(Dir, name)
		if ignored(name) {
			continue
		}
		isDir, ok := l.isDir(file, e)
		if !ok {
			continue
		}
		switch {
		case isDir && yearDir.MatchString(name):
			problems := len(l.list)
			if r := l.loadReport(name); r != nil {
				c.Reports = append(c.Reports, r)
			} else if len(l.list) == problems {
				c.DraftYears = append(c.DraftYears, name)
			}
		case isDir:
			hint := "name report folders by their year, e.g. content/2020"
			if year := yearInName.FindString(name); year != "" {
				// 2022年, 2022-report: the year with more around it.
				hint = fmt.Sprintf("name report folders by their year alone: rename it %s", path.Join("content", year))
			}
			l.fail(file, 0, hint, "folder %q is not a report year", name)
		case strings.HasPrefix(name, "_index."):
			if src := l.readSource(file); src != nil {
				c.Home[src.Lang] = src
			}
		case strings.HasSuffix(name, ".md"):
			l.fail(file, 0, "sections belong in a year folder, e.g. content/2019/"+name, "a section outside any report year")
		default:
			l.fail(file, 0, "remove it, or move images and downloads to static/", "unexpected file in content/")
		}
	}
	sort.Slice(c.Reports, func(i, j int) bool { return c.Reports[i].Year > c.Reports[j].Year })
	sort.Sort(sort.Reverse(sort.StringSlice(c.DraftYears)))
	return c
}

// ignored reports files editors and operating systems leave behind.
func ignored(name string) bool { return skip.Reason(name) != "" }

func (l *loader) readDir(dir string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.fail(dir, 0, "check that the folder exists and is readable", "cannot read folder: %v", unwrapPath(err))
	}
	return entries, err
}

// loadReport reads a year folder, or takes it from the cache when no file
// in it changed.
func (l *loader) loadReport(year string) *Report {
	dir := path.Join(Dir, year)
	if r, ok := l.opt.Cache.report(l.fsys, dir, l.opt); ok {
		return r
	}
	problems := len(l.list)
	r := l.readReport(year)
	if len(l.list) == problems {
		l.opt.Cache.putReport(l.fsys, dir, l.opt, r)
	}
	return r
}

func (l *loader) readReport(year string) *Report {
	dir := path.Join(Dir, year)
	entries, err := l.readDir(dir)
	if err != nil {
		return nil
	}
	r := &Report{Year: year, Covers: map[string]*Source{}}
	byName := map[string]*Section{}
	sources := l.readSources(dir, entries)
	for _, e := range entries {
		name := e.Name()
		file := path.Join(dir, name)
		if ignored(name) {
			continue
		}
		isDir, ok := l.isDir(file, e)
		if !ok {
			continue
		}
		switch {
		case isDir:
			l.fail(file, 0, "keep a report's sections directly in its year folder", "unexpected folder")
		case name == FiguresFile:
			r.FiguresFile = file
			r.FiguresSrc = l.readFile(file)
		case misnamedMarkdown(name):
			// 01-a.zh.md.txt (Notepad adds .txt), _index.zh.MD.
			l.fail(file, 0, fmt.Sprintf("rename it %s: a page's file name ends in .md, in small letters, and some editors (Notepad) add .txt when saving", name[:strings.LastIndex(strings.ToLower(name), ".md")]+".md"),
				"the file name does not end in .md")
		case strings.HasPrefix(name, "_index."):
			if src := sources[file]; src != nil {
				r.Covers[src.Lang] = src
			}
		case strings.HasSuffix(name, ".md"):
			l.addSection(byName, file, sources[file])
		default:
			l.fail(file, 0, "remove it, or move images and downloads to static/", "unexpected file in a report folder")
		}
	}
	r.Sections = l.orderSections(dir, byName)
	if !l.opt.Drafts && allDrafts(r.Covers) {
		// A new year starts with draft covers (almanac new 2020), so it
		// stays off the published site until the report is ready.
		return nil
	}
	l.refuseEmptySections(r)
	return r
}

// refuseEmptySections reports the sections of a published report that
// have a title and nothing under it: a file saved before it was written.
// A report still in draft (previewed with drafts) may have them.
func (l *loader) refuseEmptySections(r *Report) {
	if allDrafts(r.Covers) {
		return
	}
	for _, s := range r.Sections {
		for _, lang := range l.opt.Langs {
			src := s.Sources[lang]
			if src == nil || src.Front.Draft || len(bytes.TrimSpace(src.Body)) > 0 {
				continue
			}
			l.fail(src.File, src.BodyLine-1, "write the section's text below this closing +++ line, or add draft = true to the front matter until it is written",
				"the section has no text: the file ends with its front matter")
		}
	}
}

// readSources reads and splits a folder's Markdown files on all cores
// (nil for a file with problems, which are recorded): a report has
// hundreds of them, and each is independent.
func (l *loader) readSources(dir string, entries []fs.DirEntry) map[string]*Source {
	var files []string
	for _, e := range entries {
		if name := e.Name(); !ignored(name) && !e.IsDir() && strings.HasSuffix(name, ".md") {
			files = append(files, path.Join(dir, name))
		}
	}
	read := parallel.Map(files, l.readSource)
	sources := make(map[string]*Source, len(files))
	for i, file := range files {
		sources[file] = read[i]
	}
	return sources
}

// addSection files one translation under its section.
func (l *loader) addSection(byName map[string]*Section, file string, src *Source) {
	if src == nil || (src.Front.Draft && !l.opt.Drafts) {
		return
	}
	base := strings.TrimSuffix(strings.TrimSuffix(path.Base(file), ".md"), "."+src.Lang)
	weight, name := 0, base
	m := orderPrefix.FindStringSubmatch(base)
	if m != nil {
		weight, _ = strconv.Atoi(m[1])
		name = m[2]
	}
	s := byName[base]
	if s == nil {
		s = &Section{Name: name, Slug: name, Weight: weight, Sources: map[string]*Source{}, numbered: m != nil}
		byName[base] = s
	}
	s.Sources[src.Lang] = src
}

// orderSections applies front matter overrides, checks slugs and sorts.
func (l *loader) orderSections(dir string, byName map[string]*Section) []*Section {
	var sections []*Section
	for _, s := range byName {
		l.applyOverrides(s)
		sections = append(sections, s)
	}
	sort.Slice(sections, func(i, j int) bool {
		if sections[i].Weight != sections[j].Weight {
			return sections[i].Weight < sections[j].Weight
		}
		return sections[i].Slug < sections[j].Slug
	})
	seen := map[string]*Section{}
	numbers := map[int]*Section{}
	for _, s := range sections {
		ordered := s.numbered || s.weighted
		if other := numbers[s.Weight]; ordered && other != nil {
			switch {
			case s.weighted || other.weighted:
				l.sameWeight(dir, s, other)
			case !shareLanguage(s, other):
				// 01-elderly_care.en.md beside 01-elderly-care.zh.md: a
				// translation named apart from its source.
				l.fail(s.anyFile(l.opt.Langs), 0, fmt.Sprintf("rename one of them so that the two names are the same apart from the language, or, if they are two sections, give this one another number; the other is %s", other.anyFile(l.opt.Langs)),
					"%s and %s have the same number but different names", path.Base(s.anyFile(l.opt.Langs)), path.Base(other.anyFile(l.opt.Langs)))
			default:
				// Usually a copied file that kept its number: the reading
				// order would then depend on the names.
				l.fail(s.anyFile(l.opt.Langs), 0, fmt.Sprintf("give each section its own number, in reading order: rename this file and its translations (or set weight = … in their front matter); the other is %s", other.anyFile(l.opt.Langs)),
					"two sections of %s have the number %d in front of their file names", dir, s.Weight)
			}
		}
		if ordered {
			numbers[s.Weight] = s
		}
		if !validSlug(s.Slug) {
			l.fail(s.anyFile(l.opt.Langs), 0, "rename the file using lowercase letters a-z, digits and hyphens (01-child-welfare.zh.md), or set slug = \"…\" in its front matter",
				"%q cannot be used in a URL", s.Slug)
		}
		if s.Slug == sitepath.PrintSlug {
			l.fail(s.anyFile(l.opt.Langs), 0, "choose another file name or slug: /print/ is the report's print edition", "the slug %q is reserved", s.Slug)
		}
		if other, dup := seen[s.Slug]; dup {
			file, line := s.slugPosition()
			l.fail(file, line, fmt.Sprintf("rename one of them or set a different slug in its front matter; the other is %s", other.anyFile(l.opt.Langs)),
				"two sections of %s have the URL slug %q", dir, s.Slug)
		}
		seen[s.Slug] = s
	}
	return sections
}

// misnamedMarkdown reports whether name is a Markdown file's name gone
// wrong: .MD, or .md.txt as Notepad saves it.
func misnamedMarkdown(name string) bool {
	lower := strings.ToLower(name)
	return !strings.HasSuffix(name, ".md") && (strings.HasSuffix(lower, ".md") || strings.HasSuffix(lower, ".md.txt"))
}

// shareLanguage reports whether a and b have a file in the same language.
func shareLanguage(a, b *Section) bool {
	for lang := range a.Sources {
		if b.Sources[lang] != nil {
			return true
		}
	}
	return false
}

// applyOverrides takes slug and weight from front matter; translations
// must agree, since a section has one URL in every language.
func (l *loader) applyOverrides(s *Section) {
	var slugFrom, weightFrom *Source
	for _, lang := range l.opt.Langs {
		src := s.Sources[lang]
		if src == nil {
			continue
		}
		if fm := src.Front.Slug; fm != "" {
			if slugFrom != nil && slugFrom.Front.Slug != fm {
				l.fail(src.File, src.Front.Line("slug"), "give every translation the same slug: a section has one URL in every language",
					"slug %q differs from %q in %s", fm, slugFrom.Front.Slug, slugFrom.File)
			}
			slugFrom, s.Slug = src, fm
		}
		if fm := src.Front.Weight; fm != 0 {
			if weightFrom != nil && weightFrom.Front.Weight != fm {
				l.fail(src.File, src.Front.Line("weight"), "give every translation the same weight",
					"weight %d differs from %d in %s", fm, weightFrom.Front.Weight, weightFrom.File)
			}
			weightFrom, s.Weight, s.numbered, s.weighted = src, fm, false, true
		}
	}
}

// sameWeight reports two sections of dir in the same place in the reading
// order, at least one of them by its weight: at the weight line of the
// one whose weight does it, since the reading order would otherwise
// depend on the names.
func (l *loader) sameWeight(dir string, s, other *Section) {
	if !s.weighted {
		s, other = other, s
	}
	file, line := s.weightPosition(l.opt.Langs)
	what := fmt.Sprintf("the weight %d of %s", other.Weight, other.anyFile(l.opt.Langs))
	if other.numbered {
		what = fmt.Sprintf("the number %d in front of %s", other.Weight, other.anyFile(l.opt.Langs))
	}
	l.fail(file, line, "give each section its own weight, in reading order (the number in front of a file name counts as its weight)",
		"weight = %d puts this section in the same place in %s as %s", s.Weight, dir, what)
}

// weightPosition is the weight line of the first of the section's files,
// in the order of langs (the default language first), that sets one.
func (s *Section) weightPosition(langs []string) (string, int) {
	for _, lang := range langs {
		if src := s.Sources[lang]; src != nil && src.Front.Weight != 0 {
			return src.File, src.Front.Line("weight")
		}
	}
	return s.anyFile(langs), 0
}

// allDrafts reports whether a report has covers and every one is a draft.
func allDrafts(covers map[string]*Source) bool {
	for _, src := range covers {
		if !src.Front.Draft {
			return false
		}
	}
	return len(covers) > 0
}

// slugPosition is where the section's slug is set: the slug line of its
// front matter, or (when the slug comes from the file name) the file alone.
func (s *Section) slugPosition() (string, int) {
	files := make([]string, 0, len(s.Sources))
	for _, src := range s.Sources {
		files = append(files, src.File)
	}
	sort.Strings(files)
	for _, f := range files {
		for _, src := range s.Sources {
			if src.File == f && src.Front.Slug != "" {
				return f, src.Front.Line("slug")
			}
		}
	}
	return s.anyFile(nil), 0
}

// anyFile names the section by its file in the first of langs (the
// default language first) that it has, else its first file by name.
func (s *Section) anyFile(langs []string) string {
	for _, lang := range langs {
		if src := s.Sources[lang]; src != nil {
			return src.File
		}
	}
	files := make([]string, 0, len(s.Sources))
	for _, src := range s.Sources {
		files = append(files, src.File)
	}
	sort.Strings(files)
	return files[0]
}

// readSource reads and splits one Markdown file; nil after an error.
func (l *loader) readSource(file string) *Source {
	lang, ok := l.language(file)
	if !ok {
		return nil
	}
	src := l.readFile(file)
	if src == nil {
		return nil
	}
	if cached := l.opt.Cache.get(file, src); cached != nil {
		return cached
	}
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		// Notepad's "Unicode": its byte order mark says so.
		l.add(diag.Errorf(file, 1, 1,
			tomlfile.UTF8Hint, "the file is saved as UTF-16 (\"Unicode\" in Notepad), not as UTF-8 text"))
		return nil
	}
	if !utf8.Valid(src) {
		line, col := firstInvalidUTF8(src)
		l.add(diag.Errorf(file, line, col,
			tomlfile.UTF8Hint, "the file is not valid UTF-8 text"))
		return nil
	}
	front, body, bodyLine, err := SplitFrontMatter(file, src)
	if err != nil {
		l.addErr(file, err)
		return nil
	}
	fm, err := ParseFrontMatter(file, front)
	if err != nil {
		l.addErr(file, err)
		return nil
	}
	out := &Source{File: file, Lang: lang, Front: fm, Body: body, BodyLine: bodyLine}
	l.opt.Cache.put(file, src, out)
	return out
}

// language reads the language suffix of name.<lang>.md.
func (l *loader) language(file string) (string, bool) {
	base := strings.TrimSuffix(path.Base(file), ".md")
	dot := strings.LastIndexByte(base, '.')
	if dot < 0 {
		l.fail(file, 0, fmt.Sprintf("name the language before .md, e.g. %s.%s.md", base, l.opt.Langs[0]), "the file name does not say its language")
		return "", false
	}
	lang := base[dot+1:]
	for _, known := range l.opt.Langs {
		if lang == known {
			return lang, true
		}
	}
	l.fail(file, 0, fmt.Sprintf("rename it to end in .%s.md, or add [languages.%s] to site.toml", strings.Join(l.opt.Langs, ".md or ."), lang),
		"language %q is not one of the site's languages (%s)", lang, strings.Join(l.opt.Langs, ", "))
	return "", false
}

// isDir reports whether a folder entry is a folder, following a symbolic
// link that stays in the site; ok is false (and the problem reported) for
// one that leads outside it or nowhere.
func (l *loader) isDir(file string, e fs.DirEntry) (isDir, ok bool) {
	if e.Type()&fs.ModeSymlink == 0 {
		return e.IsDir(), true
	}
	info, err := fs.Stat(l.fsys, file)
	if err != nil {
		l.add(diag.ReadError(file, err))
		return false, false
	}
	return info.IsDir(), true
}

func (l *loader) readFile(file string) []byte {
	b, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		l.add(diag.ReadError(file, err))
		return nil
	}
	return b
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func firstInvalidUTF8(src []byte) (line, col int) {
	off := 0
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	return diag.LineCol(src, off)
}
