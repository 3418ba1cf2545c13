package content

import (
	"bytes"
	"fmt"
	"regexp"

	"github.com/xmca/almanac/internal/suggest"

	"github.com/BurntSushi/toml"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/tomlfile"
)

// FrontMatter is the TOML between the +++ lines at the top of a Markdown file.
type FrontMatter struct {
	Title   string `toml:"title"`
	Summary string `toml:"summary"`
	Weight  int    `toml:"weight"`
	Slug    string `toml:"slug"`
	Draft   bool   `toml:"draft"`
	// KeyFigures lists figure keys a report cover shows as big numbers.
	KeyFigures []string `toml:"key_figures"`
	// Translated records, in a translation, the hash of each section of
	// its source as it was when translated (see internal/translation).
	Translated map[string]string `toml:"translated"`
	// Params holds every other key, for layouts to read as .Page.Params.
	Params map[string]any `toml:"-"`

	// lines maps each top-level key written to its line in the file.
	lines map[string]int
}

// Line is the line of the file where key is set, or 0 when it is not set,
// so that a later stage can point at a setting (key_figures, slug).
func (fm FrontMatter) Line(key string) int {
	return fm.lines[key]
}

var knownKeys = []string{"title", "summary", "weight", "slug", "draft", "key_figures", "translated"}

const fence = "+++"

// SplitFrontMatter separates a file into its front matter and body. bodyLine
// is the 1-based line where the body starts, so Markdown positions can be
// reported as positions in the whole file.
func SplitFrontMatter(file string, src []byte) (front []byte, body []byte, bodyLine int, err error) {
	hint := "start the file with a line +++, then title = \"…\" and the other settings, then a closing line +++"
	// Notepad and some Word exports start UTF-8 files with a byte order
	// mark, which nobody can see; it is not part of the text.
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != fence {
		return nil, nil, 0, diag.Errorf(file, 1, 1, hint, "the file does not start with front matter (a +++ line)")
	}
	line := 2
	for off := 0; off <= len(rest); {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		next := len(rest) + 1
		if end >= 0 {
			l, next = rest[off:off+end], off+end+1
		} else {
			l = rest[off:]
		}
		if string(bytes.TrimRight(l, " \t\r")) == fence {
			if next > len(rest) {
				next = len(rest)
			}
			return rest[:off], rest[next:], line + 1, nil
		}
		off = next
		line++
	}
	return nil, nil, 0, diag.Errorf(file, 1, 1, "add a closing +++ line after the front matter", "the front matter that starts here is never closed")
}

// ParseFrontMatter decodes front matter that starts at line 2 of file. Keys
// other than the known ones become Params, except near-misses of a known key
// (titel, wieght), which are errors: a misspelt weight silently reorders the report.
func ParseFrontMatter(file string, front []byte) (FrontMatter, error) {
	var fm FrontMatter
	keys := tomlfile.IndexKeys(front)
	md, err := decodeLoose(file, front, &fm, keys)
	if err != nil {
		return fm, err
	}
	fm.recordLines(md, keys)
	if fm.Title == "" {
		return fm, diag.Errorf(file, 2, 0, `add title = "…" between the +++ lines`, "the page has no title")
	}
	if fm.Slug != "" && !validSlug(fm.Slug) {
		return fm, diag.Errorf(file, keys.Line(toml.Key{"slug"})+1, 0,
			"use lowercase letters a-z, digits and hyphens, e.g. slug = \"child-welfare\"", "slug %q cannot be used in a URL", fm.Slug)
	}
	for _, key := range []string{"title", "summary"} {
		if err := plainText(file, fm.lines[key], key, fm.text(key)); err != nil {
			return fm, err
		}
	}
	return fm, nil
}

func (fm FrontMatter) text(key string) string {
	if key == "title" {
		return fm.Title
	}
	return fm.Summary
}

// figureRef is what looks like a figure reference in Markdown ({{key}},
// {{change key 2015}}…: words of letters, digits and hyphens), which a
// title or summary would show as written.
var figureRef = regexp.MustCompile(`\{\{ *[A-Za-z0-9][A-Za-z0-9 -]*\}\}`)

// plainText refuses a figure reference in a title or summary: they are
// shown as plain text in menus, tables of contents and search results,
// where the reference would be published as written.
func plainText(file string, line int, key, s string) error {
	ref := figureRef.FindString(s)
	if ref == "" {
		return nil
	}
	return diag.Errorf(file, line, 0,
		"a "+key+" is plain text: write the number or the change out here, and keep "+ref+" for the text below the +++ line, where figures, {{previous key}} and {{change key}} are filled in",
		"the %s holds %s, which would be published as written", key, ref)
}

// recordLines notes where each known setting is set; front matter starts
// at line 2 of the file.
func (fm *FrontMatter) recordLines(md toml.MetaData, keys *tomlfile.Keys) {
	fm.lines = map[string]int{}
	for _, key := range knownKeys {
		if md.IsDefined(key) {
			fm.lines[key] = keys.Line(toml.Key{key}) + 1
		}
	}
}

// decodeLoose decodes front into fm, and the keys fm has no field for into
// fm.Params. The text is parsed once (thousands of pages have front matter):
// into a toml.Primitive, which is then decoded into fm and, when there are
// other keys, into a map for Params.
func decodeLoose(file string, front []byte, fm *FrontMatter, keys *tomlfile.Keys) (toml.MetaData, error) {
	var doc toml.Primitive
	md, err := toml.Decode(string(front), &doc)
	if err == nil {
		err = md.PrimitiveDecode(doc, fm)
	}
	if err != nil {
		// Decode strictly to get the positioned message.
		return md, tomlfile.Decode(file, front, 2, fm)
	}
	undecoded := md.Undecoded()
	if len(undecoded) == 0 {
		return md, nil
	}
	var all map[string]any
	if err := md.PrimitiveDecode(doc, &all); err != nil {
		return md, tomlfile.Decode(file, front, 2, fm)
	}
	for _, key := range undecoded {
		name := key[0]
		for _, known := range knownKeys {
			if name != known && suggest.Distance(name, known) <= 2 {
				return md, diag.Errorf(file, keys.Line(key)+1, 0,
					fmt.Sprintf("did you mean %s? Rename the setting, or choose a name further from %q if it is a parameter of your own", known, known),
					"unknown setting %q", name)
			}
		}
		if fm.Params == nil {
			fm.Params = map[string]any{}
		}
		fm.Params[name] = all[name]
	}
	return md, nil
}
