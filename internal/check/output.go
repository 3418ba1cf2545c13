package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/xmca/almanac/internal/diag"
	"github.com/xmca/almanac/internal/messages"
)

// WriteText prints findings for a person, grouped by file:
//
//	content/2019/02-highlights.en.md
//	  12:9   error    unknown figure "volunteer"
//	                  did you mean {{volunteers}}? …
//
// and ends with a count of errors and warnings.
func WriteText(w io.Writer, list diag.List) error {
	return WriteTextIn(w, list, messages.For(messages.English))
}

// WriteTextIn is WriteText in the language of t: messages, hints, the
// severity and the summary; file names, lines and keys as they are.
func WriteTextIn(w io.Writer, list diag.List, t *messages.Translator) error {
	summary := t.Text(Summary(list))
	list = sorted(list).Localize(t)
	var b strings.Builder
	file := ""
	files := 0
	for _, d := range list {
		if d.File != file || files == 0 {
			if files > 0 {
				b.WriteByte('\n')
			}
			file = d.File
			files++
			b.WriteString(file + "\n")
		}
		pos := ""
		if d.Line > 0 {
			pos = fmt.Sprint(d.Line)
			if d.Col > 0 {
				pos += fmt.Sprintf(":%d", d.Col)
			}
		}
		fmt.Fprintf(&b, "  %-7s %s %s\n", pos, pad(t.Text(d.Severity.String()), 8), d.Msg)
		if d.Hint != "" {
			fmt.Fprintf(&b, "  %-7s %-8s %s\n", "", "", d.Hint)
		}
	}
	if files > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(summary + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Summary says how many errors and warnings list holds, in how many files.
func Summary(list diag.List) string {
	errs, warns := count(list)
	if errs+warns == 0 {
		return "no problems found"
	}
	files := map[string]bool{}
	for _, d := range list {
		files[d.File] = true
	}
	return fmt.Sprintf("%d %s, %d %s in %d %s",
		errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"),
		len(files), plural(len(files), "file", "files"))
}

func count(list diag.List) (errs, warns int) {
	for _, d := range list {
		if d.Severity == diag.Error {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}

// Finding is one finding as WriteJSON writes it. Line and Col are 0 when
// unknown; Severity is "error" or "warning".
type Finding struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	// Code names the kind of problem, the same in every language and run
	// ("unknown-figure"), so that tools need not read the message.
	Code    string `json:"code"`
	Message string `json:"message"`
	Hint    string `json:"hint"`
}

// Report is the document WriteJSON writes.
type Report struct {
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
	Findings []Finding `json:"findings"`
}

// WriteJSON prints findings for CI: one JSON document, findings sorted by
// file, line, column, severity and message, so the same site always gives
// the same bytes.
func WriteJSON(w io.Writer, list diag.List) error {
	list = sorted(list)
	r := Report{Findings: []Finding{}}
	r.Errors, r.Warnings = count(list)
	for _, d := range list {
		r.Findings = append(r.Findings, Finding{File: d.File, Line: d.Line, Col: d.Col, Severity: d.Severity.String(),
			Code: messages.CodeOf(d.Msg), Message: d.Msg, Hint: d.Hint})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

func sorted(list diag.List) diag.List {
	out := make(diag.List, len(list))
	copy(out, list)
	Sort(out)
	return out
}

// pad fills s with spaces to width columns of a terminal, where a Chinese
// character takes two.
func pad(s string, width int) string {
	w := 0
	for _, r := range s {
		w++
		if r >= 0x1100 {
			w++
		}
	}
	if w >= width {
		return s
	}
	return s + strings.Repeat(" ", width-w)
}
