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

// Point is a point of a series chart: a figure of one year or, when
// Figure is nil, a year the figure Key has no value for, which the chart
// and its data keep in their place.
type Point struct {
	Year   string
	Key    string
	Figure *Figure
}

// yearColumns are the columns of Set.CSV with the report year first.
func yearColumns(langs []string) (names []string, values func(Point) []string, numeric []bool) {
	cols := columnsFor(langs)
	names = append(names, "year")
	numeric = append(numeric, true)
	for _, c := range cols {
		names = append(names, c.name)
		numeric = append(numeric, c.isNumber)
	}
	values = func(p Point) []string {
		row := []string{p.Year}
		for _, c := range cols {
			v := cell(c, p)
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
	points := make([]Point, len(figs))
	for i, d := range figs {
		points[i] = Point{Year: d.Year, Key: d.Figure.Key, Figure: d.Figure}
	}
	return SeriesCSV(langs, points)
}

// SeriesCSV writes a series chart's points as YearsCSV writes figures; a
// year without a value has a row with only the year and the key.
func SeriesCSV(langs []string, points []Point) []byte {
	names, values, _ := yearColumns(langs)
	var buf bytes.Buffer
	buf.WriteString(bom)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write(names) // writes to a bytes.Buffer cannot fail
	for _, p := range points {
		_ = w.Write(values(p))
	}
	w.Flush()
	return buf.Bytes()
}

// cell is column c of p's row: empty but for the key when p has no figure.
func cell(c column, p Point) string {
	switch {
	case p.Figure != nil:
		return c.value(p.Figure)
	case c.name == "key":
		return p.Key
	}
	return ""
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
