// Package importer turns a department's draft — a Word document (.docx) or
// plain text — into a draft section of a report: Markdown whose numbers are
// figure references, the figures added to the year's figures.toml, and a
// list of what it recognised and of what the editor should look at.
//
// Headings come from Word's heading styles or outline levels, or else from
// official-document numbering (一、 （一） 1. （1）). Every number written
// with a measure word or unit (5964家, 2.4亿元, 近430万人次, 850余个) becomes a
// figure with its value in base units, its unit and qualifier, and a label
// from its clause; years, dates, ordinals and numbers inside 《…》 stay
// text. Planning reads the site and returns the files to write; it never
// replaces an existing file (figures are added to the end of figures.toml),
// and the result is built in memory before anything is written.
package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing/fstest"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/figures"
	"github.com/xmca/almanac/internal/scaffold"
	"github.com/xmca/almanac/internal/site"
)

// Options say what to import and where.
type Options struct {
	Input string // the draft's file name, for messages and its format (.docx or text)
	Data  []byte // the draft's bytes
	Year  string // the report year, whose folder must exist
	Lang  string // the language of the draft, a key of site.toml
	Name  string // the section's name (its web address); "" derives one
}

// Figure is one figure recognised in the draft.
type Figure struct {
	Key, Written, Value, Unit, Qualifier, Label string
	Style                                       string // "plain" where the draft writes every digit
	Line                                        int
}

// Note is something the editor should look at: a number left as text that
// may be a figure, a merged table cell, a unit that had to be declared.
type Note struct {
	Line int
	Text string
}

// Plan is what an import would do.
type Plan struct {
	Encoding string // what the draft was read as: Word, UTF-8, GB18030, UTF-16
	Where    string // "line" for text, "paragraph" for Word: what Line counts

	Section      scaffold.File   // the new Markdown file
	Others       []scaffold.File // the section's drafts in the other languages, to translate
	FiguresFile  string          // content/<year>/figures.toml
	FiguresAdded []byte          // the text to add to its end ("" when it is new: see NewFigures)
	NewFigures   bool            // figures.toml does not exist yet and is created
	SiteAdded    []byte          // [units.…] tables to add to the end of site.toml

	Title    string
	Headings int
	Tables   int
	Figures  []Figure
	Left     int    // numbers left as text for a sure reason (years, dates, ordinals, titles)
	Unsure   []Note // numbers the editor should look at
	Notes    []Note // other things worth a look
	NewUnits []string
}

// Import plans the import of a draft into site fsys.
func Import(fsys fs.FS, cfg *config.Config, opt Options) (*Plan, error) {
	if cfg.Languages[opt.Lang] == nil {
		return nil, fmt.Errorf("site.toml has no language %q: use one of %s", opt.Lang, langList(cfg))
	}
	p := &Plan{Where: "line"}
	chinese := opt.Lang == "zh" || strings.HasPrefix(opt.Lang, "zh-")
	var blocks []block
	if strings.EqualFold(path.Ext(opt.Input), ".docx") {
		var err error
		blocks, err = readDocx(opt.Data)
		if err != nil {
			return nil, diag.Errorf(opt.Input, 0, 0, "save the draft from Word as a .docx file (Word Document), or as plain text (.txt)", "%s", err.Error())
		}
		p.Encoding, p.Where = "Word", "paragraph"
	} else {
		text, enc, err := decodeText(opt.Data)
		if err != nil {
			return nil, diag.Errorf(opt.Input, 0, 0, "save the draft as a Word document (.docx), or as text in UTF-8 or GBK", "%s", err.Error())
		}
		p.Encoding = enc
		blocks = textBlocks(text, chinese)
	}
	blocks = structure(blocks, chinese)
	if len(blocks) == 0 {
		return nil, diag.Errorf(opt.Input, 0, 0, "check that this is the draft: import needs its text", "the draft has no text")
	}

	name := opt.Name
	if name == "" {
		name = deriveName(opt.Input)
	}
	planned, err := scaffold.Section(fsys, cfg, opt.Year, name)
	if err != nil {
		return nil, err
	}
	for _, f := range planned {
		if strings.HasSuffix(f.Path, "."+opt.Lang+".md") {
			p.Section.Path = f.Path
		} else {
			p.Others = append(p.Others, f)
		}
	}
	figFile := path.Join(content.Dir, opt.Year, content.FiguresFile)
	existing, err := fs.ReadFile(fsys, figFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, diag.ReadError(figFile, err)
	}
	p.FiguresFile = figFile
	p.NewFigures = existing == nil
	writing, err := figures.NewWriting(cfg, figures.Options{})
	if err != nil {
		return nil, err
	}
	plan := func(newUnits bool) (*Plan, error) {
		q := *p
		w := &writer{plan: &q, lang: opt.Lang, langs: writtenLangKeys(cfg), prefix: keyPrefix(name),
			taken: existingKeys(figFile, existing, writing), newUnits: newUnits,
			writing: writing, measures: siteMeasures(writing, opt.Lang)}
		body := w.markdown(blocks)
		q.Section.Data = []byte(w.frontMatter() + body)
		q.Others = w.others(p.Others, p.Section.Path)
		q.FiguresAdded = []byte(w.figuresText(opt.Input, q.NewFigures))
		q.SiteAdded = []byte(w.unitsText())
		return &q, verify(fsys, &q, existing)
	}
	q, err := plan(true)
	if err != nil && len(q.SiteAdded) > 0 {
		// This site cannot declare the units the draft needs: those
		// numbers become plain numbers with their measure word after them.
		q, err = plan(false)
	}
	if err != nil {
		return nil, fmt.Errorf("internal error: the imported draft does not build: %w", err)
	}
	return q, nil
}

// verify builds the site in memory with the planned files, so that an
// import that would not build writes nothing.
func verify(fsys fs.FS, p *Plan, existing []byte) error {
	mfs, err := siteCopy(fsys)
	if err != nil {
		return err
	}
	mfs[p.Section.Path] = &fstest.MapFile{Data: p.Section.Data}
	for _, f := range p.Others {
		mfs[f.Path] = &fstest.MapFile{Data: f.Data}
	}
	mfs[p.FiguresFile] = &fstest.MapFile{Data: append(append([]byte{}, existing...), p.FiguresAdded...)}
	if len(p.SiteAdded) > 0 {
		old := mfs[config.File].Data
		mfs[config.File] = &fstest.MapFile{Data: append(append([]byte{}, old...), p.SiteAdded...)}
	}
	c, err := config.Load(mfs)
	if err != nil {
		return err
	}
	_, err = site.Build(mfs, c, site.Options{Drafts: true})
	return err
}

// siteCopy reads what a build of the site model needs into memory:
// site.toml, content/ and layouts/.
func siteCopy(fsys fs.FS) (fstest.MapFS, error) {
	m := fstest.MapFS{}
	data, err := fs.ReadFile(fsys, config.File)
	if err != nil {
		return nil, diag.ReadError(config.File, err)
	}
	m[config.File] = &fstest.MapFile{Data: data}
	for _, dir := range []string{content.Dir, "layouts"} {
		err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return diag.ReadError(name, err)
			}
			m[name] = &fstest.MapFile{Data: data}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return m, nil
}

func existingKeys(file string, src []byte, w *figures.Writing) map[string]bool {
	taken := map[string]bool{}
	if src == nil {
		return taken
	}
	if set, err := figures.Parse(file, src, w); err == nil && set != nil {
		for _, f := range set.Figures() {
			taken[f.Key] = true
		}
	}
	return taken
}

func langKeys(cfg *config.Config) []string {
	keys := make([]string, len(cfg.Langs))
	for i, l := range cfg.Langs {
		keys[i] = l.Key
	}
	return keys
}

// writtenLangKeys are the keys of the languages editors write, whose
// labels a draft's figures need.
func writtenLangKeys(cfg *config.Config) []string {
	var keys []string
	for _, l := range cfg.Written() {
		keys = append(keys, l.Key)
	}
	return keys
}

func langList(cfg *config.Config) string {
	return strings.Join(langKeys(cfg), ", ")
}
