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
func (s *Set) columns() []column { return columnsFor(s.langs) }

func columnsFor(langs []string) []column {
	cols := []column{{name: "key", value: func(f *Figure) string { return f.Key }}}
	for _, lang := range langs {
		cols = append(cols, column{name: "label_" + lang, value: func(f *Figure) string { return f.Labels[lang] }})
	}
	cols = append(cols,
		column{name: "value", value: figureValueText, isNumber: true},
		column{name: "unit", value: func(f *Figure) string { return string(f.Unit) }},
		column{name: "qualifier", value: func(f *Figure) string { return string(f.Qualifier) }},
		column{name: "as_of", value: func(f *Figure) string { return f.AsOf }},
	)
	for _, lang := range langs {
		cols = append(cols, column{name: "source_" + lang, value: func(f *Figure) string { return f.Sources[lang] }})
	}
	for _, lang := range langs {
		cols = append(cols, column{name: "text_" + lang, value: func(f *Figure) string { return f.Format(lang) }})
	}
	return cols
}

// CSV returns the figures as CSV, one row per figure in file order. It starts
// with a UTF-8 byte order mark and ends lines with CRLF because that is what
// Excel needs to show Chinese text correctly when the file is double-clicked.
func (s *Set) CSV() []byte {
	all, _ := s.CSVFiles()
	return all
}

// CSVFiles returns CSV() and, by chart key, the CSV of the figures each
// chart draws, in its order, with its total last for a part-of-whole chart:
// the data behind one chart, for a reader who wants just that. Each figure's
// row is written once, for all of them.
func (s *Set) CSVFiles() (all []byte, charts map[string][]byte) {
	header, rows := s.csvRows()
	file := func(figs []*Figure) []byte {
		n := len(bom) + len(header)
		for _, f := range figs {
			n += len(rows[f])
		}
		b := make([]byte, 0, n)
		b = append(append(b, bom...), header...)
		for _, f := range figs {
			b = append(b, rows[f]...)
		}
		return b
	}
	charts = make(map[string][]byte, len(s.charts))
	for _, c := range s.charts {
		if c.Type == Series {
			continue // drawn from every year: the site writes its data (YearsCSV)
		}
		var figs []*Figure
		for _, key := range append(slices.Clone(c.Figures), c.Total) {
			if f, ok := s.byKey[key]; ok {
				figs = append(figs, f)
			}
		}
		charts[c.Key] = file(figs)
	}
	return file(s.figures), charts
}

// figureValueText is the value column: empty for a figure still to be
// filled in, which only a draft preview shows.
func figureValueText(f *Figure) string {
	if f.Pending {
		return ""
	}
	return f.Value.String()
}

func cmpOr(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// bom is UTF-8's byte order mark, which tells Excel the file is UTF-8.
const bom = "\uFEFF"

// csvRows writes the header and every figure's row as CSV lines, each a
// slice of one buffer.
func (s *Set) csvRows() (header []byte, rows map[*Figure][]byte) {
	cols := s.columns()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	row := make([]string, len(cols))
	for i, c := range cols {
		row[i] = c.name
	}
	// Writes to a bytes.Buffer cannot fail. Offsets, not slices, until the
	// end: the buffer moves as it grows.
	_ = w.Write(row)
	w.Flush()
	ends := make([]int, 0, len(s.figures)+1)
	ends = append(ends, buf.Len())
	for _, f := range s.figures {
		for i, c := range cols {
			row[i] = c.value(f)
			if !c.isNumber {
				row[i] = inert(row[i])
			}
		}
		_ = w.Write(row)
		w.Flush()
		ends = append(ends, buf.Len())
	}
	b := buf.Bytes()
	rows = make(map[*Figure][]byte, len(s.figures))
	for i, f := range s.figures {
		rows[f] = b[ends[i]:ends[i+1]:ends[i+1]]
	}
	return b[:ends[0]:ends[0]], rows
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
				buf.WriteString(cmpOr(c.value(f), "null"))
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
