// Package tomlfile decodes the TOML files editors write (site.toml, front
// matter, i18n strings) strictly: a syntax error, a value of the wrong type or
// a key the program does not know becomes a diag.Diagnostic naming the file
// and line, instead of being silently ignored.
package tomlfile

import (
	"cmp"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/xmca/almanac/internal/diag"
)

// Decode decodes src into v. file names the file in messages; firstLine is
// the line of src's first line in that file (front matter starts at line 2).
// Keys not in v are errors unless v leads to a map that takes them.
func Decode(file string, src []byte, firstLine int, v any) error {
	md, err := toml.Decode(string(src), v)
	if err != nil {
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			if errs := typeErrors(src, reflect.TypeOf(v)); len(errs) > 0 {
				var list diag.List
				for _, e := range errs {
					list = append(list, syntaxError(file, src, firstLine, e))
				}
				return list.Err()
			}
		}
		return syntaxError(file, src, firstLine, err)
	}
	var list diag.List
	var keys *Keys
	for _, key := range md.Undecoded() {
		if underAny(reflect.TypeOf(v), key) {
			continue // v takes anything there; the toml package still lists it
		}
		if keys == nil {
			keys = IndexKeys(src)
		}
		line := keys.Line(key) + firstLine - 1
		list = append(list, &diag.Diagnostic{
			File: file, Line: line,
			Msg:  fmt.Sprintf("unknown setting %q", key.String()),
			Hint: unknownKeyHint(reflect.TypeOf(v), key),
		})
	}
	return list.Err()
}

// underAny reports whether key leads, in t, into a value of type any,
// which takes every key below it.
func underAny(t reflect.Type, key toml.Key) bool {
	for _, name := range key {
		t = deref(t)
		if t.Kind() == reflect.Interface {
			return true
		}
		next, ok := destination(t, name)
		if !ok {
			return false
		}
		t = next
	}
	return false
}

// typeErrors finds every value in src of the wrong type for t, in the
// order they are written. toml.Decode stops at the first one it meets while
// walking a map, which is a different one from run to run when there are
// several; an editor should see all of them, always in the same order.
func typeErrors(src []byte, t reflect.Type) []error {
	var top map[string]toml.Primitive
	md, err := toml.Decode(string(src), &top)
	if err != nil {
		return nil
	}
	written := map[string]int{} // key path → where it is first written
	for i, key := range md.Keys() {
		for n := 1; n <= len(key); n++ {
			if _, ok := written[key[:n].String()]; !ok {
				written[key[:n].String()] = i
			}
		}
	}
	var errs []error
	var walk func(table map[string]toml.Primitive, t reflect.Type, path toml.Key)
	walk = func(table map[string]toml.Primitive, t reflect.Type, path toml.Key) {
		keys := make([]toml.Key, 0, len(table))
		for name := range table {
			keys = append(keys, append(path[:len(path):len(path)], name))
		}
		slices.SortFunc(keys, func(a, b toml.Key) int { return cmp.Compare(written[a.String()], written[b.String()]) })
		for _, key := range keys {
			value := table[key[len(key)-1]]
			dst, ok := destination(t, key[len(key)-1])
			if !ok {
				continue // an unknown key: Decode reports those itself
			}
			err := md.PrimitiveDecode(value, reflect.New(dst).Interface())
			if err == nil {
				continue
			}
			var inner map[string]toml.Primitive
			if k := deref(dst).Kind(); (k == reflect.Struct || k == reflect.Map) && md.PrimitiveDecode(value, &inner) == nil {
				walk(inner, dst, key)
				continue
			}
			errs = append(errs, err)
		}
	}
	walk(top, t, nil)
	return errs
}

// destination is the type the key name decodes into inside a t.
func destination(t reflect.Type, name string) (reflect.Type, bool) {
	switch t = deref(t); t.Kind() {
	case reflect.Struct:
		f, ok := fieldByTag(t, name)
		return f.Type, ok
	case reflect.Map:
		return t.Elem(), true
	}
	return nil, false
}

func syntaxError(file string, src []byte, firstLine int, err error) *diag.Diagnostic {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line, col := pe.Position.Line, pe.Position.Col
		if h := HeaderLine(src, pe.Message, line); h > 0 {
			line, col = h, 0
		}
		hint := `check the line: each setting is key = value, text goes in "double quotes", lists in [ ], and [section] headers on their own line`
		if strings.Contains(pe.Message, "UTF-8") {
			hint = UTF8Hint
		} else if h := FullWidthHint(pe.Message, src, pe.Position.Start); h != "" {
			hint = h
		}
		return &diag.Diagnostic{
			File: file, Line: line + firstLine - 1, Col: col,
			Msg:  "TOML: " + pe.Message,
			Hint: hint,
		}
	}
	if m := typeError.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &diag.Diagnostic{File: file, Line: line + firstLine - 1,
			Msg:  fmt.Sprintf("%s has the wrong kind of value: it is %s but must be %s", m[2], kindName(m[3]), kindName(m[4])),
			Hint: `text goes in "double quotes"; numbers and true/false go without quotes; lists go in [ ]`}
	}
	return &diag.Diagnostic{File: file, Line: firstLine, Msg: "TOML: " + err.Error(),
		Hint: `text goes in "double quotes"; numbers and true/false go without quotes; lists go in [ ]`}
}

// FullWidthHint names the marks a TOML parse error's message found, when
// it is one the Chinese input method types in place of an ASCII one (：
// for =, “ for ", ５ for 5), and the marks to type instead: the whole run
// src has from offset, where the parser stopped, so that "６３５０" is
// corrected to "6350" at once, not one digit per error. "" for any other
// message.
func FullWidthHint(message string, src []byte, offset int) string {
	m := foundMark.FindStringSubmatch(message)
	if m == nil {
		return ""
	}
	run := m[1]
	if offset >= 0 && offset <= len(src) {
		rest := string(src[offset:])
		if i := strings.Index(rest, m[1]); i >= 0 && !strings.Contains(rest[:i], "\n") {
			run = rest[i:]
		}
	}
	var typed, ascii []rune
	for _, r := range run {
		a, ok := asciiFor(r)
		if !ok {
			break
		}
		typed, ascii = append(typed, r), append(ascii, a)
	}
	if len(typed) == 0 {
		return ""
	}
	return fmt.Sprintf("'%s' is typed with the Chinese input method (full-width): write '%s' in its place", string(typed), string(ascii))
}

// asciiFor is the ASCII mark the Chinese input method typed r in place of.
func asciiFor(r rune) (rune, bool) {
	if a, ok := fullWidthMarks[r]; ok {
		return a, true
	}
	if r >= '！' && r <= '～' {
		return r - '！' + '!', true
	}
	return 0, false
}

// foundMark is the character a parse error found: "… but got '：' instead".
var foundMark = regexp.MustCompile(`(?:got|found) '(.)' instead`)

// fullWidthMarks are the marks besides the full-width forms (！ to ～) that
// the Chinese input method types where TOML needs an ASCII one.
var fullWidthMarks = map[rune]rune{'：': '=', '“': '"', '”': '"', '‘': '\'', '’': '\'', '　': ' ', '。': '.', '、': ',', '【': '[', '】': ']'}

// UTF8Hint is what to do about a file that is not UTF-8 text.
const UTF8Hint = "save the file as UTF-8 (in most editors: File → Save with Encoding → UTF-8)"

// HeaderLine corrects the position of a [table] header's syntax error: the
// toml package notices a missing "]" only on a later line, so for such a
// message it returns the line of the header at or before line (0 when the
// message is about something else).
func HeaderLine(src []byte, message string, line int) int {
	if !strings.Contains(message, "table name") && !strings.Contains(message, "table array name") {
		return 0
	}
	lines := strings.Split(string(src), "\n")
	for i := min(line, len(lines)) - 1; i >= 0; i-- {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "[") {
			return i + 1
		}
	}
	return 0
}

// typeError matches BurntSushi/toml's message for a value of the wrong type,
// which (unlike syntax errors) is not a toml.ParseError.
var typeError = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): incompatible types: TOML value has type ([\w.\[\]{}]+); destination has type ([\w.\[\]{}]+)`)

// kindName says a Go or TOML type name in an editor's words.
func kindName(t string) string {
	switch {
	case t == "bool" || t == "boolean":
		return "true or false"
	case t == "string":
		return "text"
	case strings.HasPrefix(t, "int") || t == "integer" || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case strings.HasPrefix(t, "float"):
		return "a number"
	case strings.HasPrefix(t, "[]") || strings.HasPrefix(t, "array") || t == "slice":
		return "a list in [ ]"
	case strings.HasPrefix(t, "map") || t == "table" || strings.HasPrefix(t, "struct"):
		return "a table"
	case t == "time.Time" || t == "datetime":
		return "a date"
	}
	return t
}

// unknownKeyHint lists the settings that are allowed where key was found, by
// following the struct fields of the destination type along key's path.
func unknownKeyHint(t reflect.Type, key toml.Key) string {
	for _, part := range key[:len(key)-1] {
		t = deref(t)
		switch t.Kind() {
		case reflect.Struct:
			f, ok := fieldByTag(t, part)
			if !ok {
				return "remove it or check its spelling"
			}
			t = f.Type
		case reflect.Map:
			t = t.Elem()
		default:
			return "remove it or check its spelling"
		}
	}
	t = deref(t)
	if t.Kind() != reflect.Struct {
		return "remove it or check its spelling"
	}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if name := tagName(t.Field(i)); name != "" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return "remove it or check its spelling; the settings allowed here are: " + strings.Join(names, ", ")
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func fieldByTag(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		if tagName(t.Field(i)) == name {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

func tagName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag := strings.Split(f.Tag.Get("toml"), ",")[0]
	if tag == "-" {
		return ""
	}
	if tag == "" {
		return f.Name
	}
	return tag
}
