package figures

import (
	"bytes"
	"encoding/csv"
)

// Dated is a figure of one report year, for data that spans the years: the
// archive's open data and the data behind a series chart.
type Dated struct {
	Year   string
	Figure *Figure
}

// yearColumns are the columns of Set.CSV with the report year first.
func yearColumns(langs []string) (names []string, values func(Dated) []string, numeric []bool) {
	cols := columnsFor(langs)
	names = append(names, "year")
	numeric = append(numeric, true)
	for _, c := range cols {
		names = append(names, c.name)
		numeric = append(numeric, c.isNumber)
	}
	values = func(d Dated) []string {
		row := []string{d.Year}
		for _, c := range cols {
			v := c.value(d.Figure)
			if !c.isNumber {
				v = inert(v)
			}
			row = append(row, v)
		}
		return row
	}
	return names, values, numeric
}

// YearsCSV writes figs as CSV like Set.CSV, with a year column first: one
// row per figure per year, in the order given.
func YearsCSV(langs []string, figs []Dated) []byte {
	names, values, _ := yearColumns(langs)
	var buf bytes.Buffer
	buf.WriteString(bom)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write(names) // writes to a bytes.Buffer cannot fail
	for _, d := range figs {
		_ = w.Write(values(d))
	}
	w.Flush()
	return buf.Bytes()
}

// YearsJSON writes figs as JSON like Set.JSON, with a year field first.
func YearsJSON(langs []string, figs []Dated) []byte {
	names, _, numeric := yearColumns(langs)
	cols := columnsFor(langs)
	var buf bytes.Buffer
	buf.WriteString("[")
	for i, d := range figs {
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n  {\n    ")
		writeJSONString(&buf, names[0])
		buf.WriteString(": " + d.Year)
		for j, c := range cols {
			buf.WriteString(",\n    ")
			writeJSONString(&buf, c.name)
			buf.WriteString(": ")
			if numeric[j+1] {
				buf.WriteString(cmpOr(c.value(d.Figure), "null"))
			} else {
				writeJSONString(&buf, c.value(d.Figure))
			}
		}
		buf.WriteString("\n  }")
	}
	if len(figs) > 0 {
		buf.WriteString("\n")
	}
	buf.WriteString("]\n")
	return buf.Bytes()
}
