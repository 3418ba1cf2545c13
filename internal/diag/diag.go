// Package diag holds the error type every stage of almanac reports bad input
// with: a position in a file, what is wrong, and how to fix it.
//
// Editors are not programmers, so a Diagnostic always names the file (relative
// to the site folder, slash-separated), the line and column when known, and a
// hint in plain words. Stages collect several Diagnostics into a List so one
// build can report every mistake at once instead of the first one only.
package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
)

// Severity tells whether a finding stops the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one finding about one place in the site's files.
type Diagnostic struct {
	File     string // slash-separated, relative to the site folder
	Line     int    // 1-based; 0 when unknown
	Col      int    // 1-based; 0 when unknown
	Severity Severity
	Msg      string // what is wrong, in English
	Hint     string // how to fix it, in English
}

// Errorf returns an error Diagnostic; use it as an error value.
func Errorf(file string, line, col int, hint, format string, args ...any) *Diagnostic {
	return &Diagnostic{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Hint: hint}
}

// Translator says messages in the editor's language (internal/messages),
// finding the English format a message was made from.
type Translator interface {
	Text(s string) string
}

// Localize returns d with its message and hint in t's language; file,
// line and column stay as they are.
func (d *Diagnostic) Localize(t Translator) *Diagnostic {
	out := *d
	out.Msg = t.Text(d.Msg)
	out.Hint = t.Text(d.Hint)
	return &out
}

// Localize returns the list with every message in t's language.
func (l List) Localize(t Translator) List {
	out := make(List, len(l))
	for i, d := range l {
		out[i] = d.Localize(t)
	}
	return out
}

// Pos renders file:line:col, leaving out what is unknown.
func (d *Diagnostic) Pos() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	return b.String()
}

func (d *Diagnostic) Error() string {
	s := d.Pos() + ": " + d.Msg
	if d.Severity == Warning {
		s = d.Pos() + ": warning: " + d.Msg
	}
	if d.Hint != "" {
		s += "\n\t" + d.Hint
	}
	return s
}

// List is several Diagnostics; as an error it prints one per line, sorted by file and position.
type List []*Diagnostic

func (l List) Error() string {
	// An error method must not change its receiver: sort a copy.
	sorted := slices.Clone(l)
	sorted.Sort()
	parts := make([]string, len(sorted))
	for i, d := range sorted {
		parts[i] = d.Error()
	}
	return strings.Join(parts, "\n")
}

// Sort orders the list by file, line and column, so output is stable whatever
// order parallel stages found things in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Unique sorts l (see Sort) and returns it without repeats, in the same
// backing array: two stages that read the same file (the layouts, and the
// model executing a partial) report a mistake in it once.
func (l List) Unique() List {
	l.Sort()
	seen := make(map[Diagnostic]bool, len(l))
	out := l[:0]
	for _, d := range l {
		if !seen[*d] {
			seen[*d] = true
			out = append(out, d)
		}
	}
	return out
}

// Errors reports whether the list holds anything of Error severity.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Err returns the list as an error, or nil when it holds no errors (warnings alone are not failures).
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

// Add appends err to the list, flattening Lists and wrapping plain errors
// with file so that nothing reaches the user without a position.
func (l *List) Add(file string, err error) {
	if err == nil {
		return
	}
	var list List
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	var d *Diagnostic
	if errors.As(err, &d) {
		*l = append(*l, d)
		return
	}
	*l = append(*l, &Diagnostic{File: file, Msg: err.Error()})
}

// LineCol converts a byte offset in src into a 1-based line and column
// (the column counts characters, not bytes, so it matches what an editor shows
// for Chinese text).
func LineCol(src []byte, offset int) (line, col int) {
	if offset > len(src) {
		offset = len(src)
	}
	line, col = 1, 1
	for _, r := range string(src[:offset]) {
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// ReadError says why file could not be read, in an editor's words: it does
// not exist, it is a link leading outside the site folder (which almanac
// refuses to follow), it may not be read, or another reason.
func ReadError(file string, err error) *Diagnostic {
	d := &Diagnostic{File: file}
	switch {
	case IsOutsideLink(err):
		d.Msg = "the file is a link to somewhere outside the site folder"
		d.Hint = "copy the file into the site folder instead of linking to it: almanac reads nothing outside the site"
	case errors.Is(err, fs.ErrNotExist):
		d.Msg = "the file does not exist"
		d.Hint = "create it, or check the spelling of its name (a link to a file that is gone reads as missing too)"
	case errors.Is(err, fs.ErrPermission):
		d.Msg = "you may not read the file"
		d.Hint = "give your user permission to read it (or ask whoever manages this computer to)"
	default:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		d.Msg = "cannot read the file: " + err.Error()
		d.Hint = "check that it exists and that you may read it"
	}
	return d
}

// IsOutsideLink reports whether err is an os.Root-backed fs.FS refusing a
// symbolic link that leads outside the site folder. (os.Root has no
// exported error value for it, so this matches its message.)
func IsOutsideLink(err error) bool {
	return err != nil && strings.Contains(err.Error(), "path escapes from parent")
}
