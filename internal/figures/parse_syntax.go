package figures

import (
	"errors"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/tomlfile"
)

// decodeTOML reads the TOML syntax of src, turning the toml package's
// errors (and any panic it has on input it did not expect) into a
// Diagnostic.
func decodeTOML(file string, src []byte) (raw map[string]any, d *diag.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			d = diag.Errorf(file, 0, 0, syntaxHint("", nil, 0), "figures.toml could not be read: %v", r)
		}
	}()
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return nil, syntaxError(file, src, err)
	}
	return raw, nil
}

func syntaxError(file string, src []byte, err error) *diag.Diagnostic {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return diag.Errorf(file, 0, 0, syntaxHint("", nil, 0), "figures.toml could not be read: %v", err)
	}
	line, col := pe.Position.Line, 0
	// The toml package counts bytes after a byte order mark; editors count characters.
	text := src[len(src)-len(strings.TrimPrefix(string(src), "\uFEFF")):]
	if l, c := diag.LineCol(text, pe.Position.Start); l == line {
		col = c
	}
	if h := tomlfile.HeaderLine(text, pe.Message, line); h > 0 {
		line, col = h, 0 // a missing "]" is noticed on a later line
	}
	return diag.Errorf(file, line, col, syntaxHint(pe.Message, text, pe.Position.Start), "this line cannot be read: %s", pe.Message)
}

// syntaxHint explains the mistakes editors make most, in their words;
// text and offset say where the reader stopped, so that a run of
// full-width digits is corrected whole.
func syntaxHint(message string, text []byte, offset int) string {
	if h := tomlfile.FullWidthHint(message, text, offset); h != "" {
		return h
	}
	switch {
	case strings.Contains(message, "UTF-8"):
		return "Save the file as UTF-8 (in most editors: File → Save with Encoding → UTF-8)."
	case strings.Contains(message, "already been defined"), strings.Contains(message, "already been created"):
		return "Each figure, chart and setting may appear only once in the file: rename or delete the second one."
	case strings.Contains(message, "inline table"):
		return `Write texts in every language between braces with commas between them, like label = { zh = "全市社会组织", en = "Social organizations" }.`
	case strings.Contains(message, "to end with a newline"):
		return "Write one setting per line, and numbers as plain digits without commas or units: value = 5964, not value = 5,964."
	case strings.Contains(message, "bare key"), strings.Contains(message, "expected value"):
		return `Put text in double quotes (unit = "yuan") and write numbers as plain digits without commas or units (value = 5964).`
	}
	return `Check this line and the one before it: text goes in double quotes, numbers are plain digits (value = 5964), lists are in [ ] and texts per language in { }.`
}
