package chart

import (
	"bytes"
	"encoding/json"
	"html/template"
)

// The site marks each chart up with its layouts' chart partial; the tests
// check the figure readers get, so they mark it up with the repository's.
var chartPartial = template.Must(template.ParseFiles("../../layouts/partials/chart.html"))

// renderFigure is c drawn and marked up as the site does it.
func renderFigure(c Chart) (string, error) {
	f, err := Draw(c)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := chartPartial.ExecuteTemplate(&b, "chart", f); err != nil {
		return "", err
	}
	return b.String(), nil
}

// figureText is all of f as text, to compare and hash.
func figureText(f Figure) string {
	b, err := json.Marshal(f)
	if err != nil {
		panic(err)
	}
	return string(b)
}
