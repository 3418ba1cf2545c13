package figures

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
)

// column is one field of the open data: a name and how to read it off a figure.
type column struct {
	name     string
	value    func(*Figure) string
	isNumber bool // written as a JSON number rather than a string
}

// columns are the fields of CSV() and JSON(), in order: labels, sources and
// formatted text get one column per site language.
func (s *Set) columns() []column {
	cols := []column{{name: "key", value: func(f *Figure) string { return f.Key }}}
	for _, lang := range s.langs {
		cols = append(cols, column{name: "label_" + lang, value: func(f *Figure) string { return f.Labels[lang] }})
	}
	cols = append(cols,
		column{name: "value", value: func(f *Figure) string { return f.Value.String() }, isNumber: true},
		column{name: "unit", value: func(f *Figure) string { return string(f.Unit) }},
		column{name: "qualifier", value: func(f *Figure) string { return string(f.Qualifier) }},
		column{name: "as_of", value: func(f *Figure) string { return f.AsOf }},
	)
	for _, lang := range s.langs {
		cols = append(cols, column{name: "source_" + lang, value: func(f *Figure) string { return f.Sources[lang] }})
	}
	for _, lang := range s.langs {
		cols = append(cols, column{name: "text_" + lang, value: func(f *Figure) string { return f.Format(lang) }})
	}
	return cols
}

// CSV returns the figures as CSV, one row per figure in file order. It starts
// with a UTF-8 byte order mark and ends lines with CRLF because that is what
// Excel needs to show Chinese text correctly when the file is double-clicked.
func (s *Set) CSV() []byte { return s.csv(s.figures) }

// ChartCSV is CSV() for the figures chart c draws, in its order, with its
// total last for a part-of-whole chart: the data behind one chart, for a
// reader who wants just that.
func (s *Set) ChartCSV(c *Chart) []byte {
	var figs []*Figure
	for _, key := range append(slices.Clone(c.Figures), c.Total) {
		if f, ok := s.byKey[key]; ok {
			figs = append(figs, f)
		}
	}
	return s.csv(figs)
}

func (s *Set) csv(figs []*Figure) []byte {
	cols := s.columns()
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = c.name
	}
	_ = w.Write(row) // writes to a bytes.Buffer cannot fail
	for _, f := range figs {
		for i, c := range cols {
			row[i] = c.value(f)
			if !c.isNumber {
				row[i] = inert(row[i])
			}
		}
		_ = w.Write(row)
	}
	w.Flush()
	return buf.Bytes()
}

// inert keeps a text cell from being read as a formula by a spreadsheet
// (OWASP "CSV injection"): labels and sources come from editors, and a
// cell starting with = + - @ or a tab runs as a formula when the file is
// opened. A leading apostrophe makes it text and is not shown.
func inert(cell string) string {
	if cell != "" && strings.IndexByte("=+-@\t\r", cell[0]) >= 0 {
		return "'" + cell
	}
	return cell
}

// JSON returns the figures as a JSON array of objects, one per figure in file
// order, with the fields of CSV(); value is a JSON number written with exactly
// the digits of the figure. Fields keep their column order, which a Go map
// would not, so the bytes are written here rather than by json.Marshal.
func (s *Set) JSON() []byte {
	cols := s.columns()
	var buf bytes.Buffer
	buf.WriteString("[")
	for i, f := range s.figures {
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n  {")
		for j, c := range cols {
			if j > 0 {
				buf.WriteString(",")
			}
			buf.WriteString("\n    ")
			writeJSONString(&buf, c.name)
			buf.WriteString(": ")
			if c.isNumber {
				buf.WriteString(c.value(f))
			} else {
				writeJSONString(&buf, c.value(f))
			}
		}
		buf.WriteString("\n  }")
	}
	if len(s.figures) > 0 {
		buf.WriteString("\n")
	}
	buf.WriteString("]\n")
	return buf.Bytes()
}

func writeJSONString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false) // the file is served as JSON, never inlined into HTML
	_ = enc.Encode(s)        // a string always encodes
	buf.Truncate(buf.Len() - 1)
}
