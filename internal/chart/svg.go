package chart

import "strings"

// Geometry, in viewBox units. The viewBox is 400 wide and scales to the
// width of the page: on a 320 px phone (about 288 px of content) a unit is
// 0.72 px, so 20-unit text is over 14 px; on a desktop the stylesheet caps the
// chart's width so the text stays near the size of the body text.
const (
	viewWidth      = 400.0
	fontSize       = 20.0
	smallFontSize  = 18.0
	lineHeight     = 26.0
	baselineOffset = 19.0 // from the top of a line to its baseline
	barHeight      = 28.0
	barGap         = 4.0 // between a label and its bar
	rowGap         = 18.0
	valueGap       = 8.0 // between a bar's end and its value
	tickOverhang   = 4.0
	tickWidth      = 1.5 // zero lines and leader lines
)

// svgOpen starts the chart's <svg>. role="img" makes screen readers announce
// the title and description instead of reading out every number and label
// of the drawing; the table below the chart holds those.
func svgOpen(b *strings.Builder, p plan, height float64) {
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" aria-labelledby="` +
		p.id + `-title ` + p.id + `-desc" viewBox="0 0 ` + num(viewWidth) + ` ` + num(height) +
		`" font-size="` + num(fontSize) + `" fill="` + inkColour + `">`)
	b.WriteString(`<title id="` + p.id + `-title">` + esc(p.title) + `</title>`)
	b.WriteString(`<desc id="` + p.id + `-desc">` + esc(p.desc) + `</desc>`)
}

// textLines writes lines as one <text> each, the first baseline at y.
func textLines(b *strings.Builder, lines []string, x, y float64, class string, bold bool) {
	for i, line := range lines {
		b.WriteString(`<text class="` + class + `" x="` + num(x) + `" y="` + num(y+float64(i)*lineHeight) + `"`)
		if bold {
			b.WriteString(` font-weight="bold"`)
		}
		b.WriteString(`>` + esc(line) + `</text>`)
	}
}

func rect(b *strings.Builder, class string, x, y, w, h float64, paint string) {
	b.WriteString(`<rect class="` + class + `" x="` + num(x) + `" y="` + num(y) +
		`" width="` + num(w) + `" height="` + num(h) + `" fill="` + paint + `"/>`)
}
