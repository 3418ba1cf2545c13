package translation

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/xmca/almanac/internal/config"
	"github.com/xmca/almanac/internal/content"
	"github.com/xmca/almanac/internal/diag"
)

// Recorded is what RecordFile made of a translation file.
type Recorded struct {
	File, Source string
	Sections     int    // how many sections were recorded
	Text         []byte // the translation file with the new record
}

// RecordFile records in the translation file (slash path in fsys) its
// source's sections as they are now: the translator has caught up. The
// source is the file of the same name in the default language.
func RecordFile(fsys fs.FS, cfg *config.Config, file string) (*Recorded, error) {
	dir, name := path.Split(file)
	base, ok := strings.CutSuffix(name, ".md")
	dot := strings.LastIndexByte(base, '.')
	if !ok || dot < 0 {
		return nil, diag.Errorf(file, 0, 0, "name a translation, like content/2019/01-three-social-linkage.en.md",
			"this is not a page of the report: its name does not end in .<language>.md")
	}
	lang := base[dot+1:]
	def := cfg.DefaultLanguage
	if cfg.Languages[lang] == nil {
		return nil, diag.Errorf(file, 0, 0, "name a file whose name ends in the key of a language in site.toml, like .en.md",
			"site.toml has no language %q", lang)
	}
	if lang == def {
		return nil, diag.Errorf(file, 0, 0, "name its translation instead, like "+dir+base[:dot]+".en.md",
			"this file is in the default language, so it is the source of translations, not a translation")
	}
	source := dir + base[:dot] + "." + def + ".md"
	srcText, err := fs.ReadFile(fsys, source)
	if err != nil {
		return nil, diag.ReadError(source, err)
	}
	front, body, bodyLine, err := content.SplitFrontMatter(source, srcText)
	if err != nil {
		return nil, err
	}
	fm, err := content.ParseFrontMatter(source, front)
	if err != nil {
		return nil, err
	}
	secs := Fingerprint(fm.Title, fm.Summary, body, bodyLine)
	text, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, diag.ReadError(file, err)
	}
	out, ok := Record(text, secs)
	if !ok {
		return nil, diag.Errorf(file, 1, 1, "start the file with a line +++, its settings, and a closing line +++",
			"the file has no front matter to record the translation in")
	}
	// The record must leave the file readable.
	tfront, _, _, err := content.SplitFrontMatter(file, out)
	if err == nil {
		_, err = content.ParseFrontMatter(file, tfront)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: the front matter could not take the record; fix it first: %w", file, err)
	}
	return &Recorded{File: file, Source: source, Sections: len(secs), Text: out}, nil
}
