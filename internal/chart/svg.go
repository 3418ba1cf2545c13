package chart

import (
	"strconv"
	"strings"
)

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

// markup is the buffer a whole <svg> is written into. Numbers and
// escaped text go straight into it: building every attribute as a string of
// its own first cost more than all the drawing.
type markup struct{ buf []byte }

// newMarkup makes a buffer for about size bytes, so that the figure is
// written without growing it.
func newMarkup(size int) *markup { return &markup{make([]byte, 0, size)} }

func (m *markup) WriteString(s string) { write(m, s) }

// write appends s. While there is room it only lengthens the slice: an
// append stores the slice's pointer back with a write barrier, which while
// the collector runs (in a build, much of the time) costs more than the copy.
func write[T string | []byte](m *markup, s T) {
	n := len(m.buf)
	if cap(m.buf)-n < len(s) {
		m.buf = append(m.buf, s...)
		return
	}
	m.buf = m.buf[:n+len(s)]
	copy(m.buf[n:], s)
}

// writeByte is write for one byte; vet keeps the name WriteByte for the
// io.ByteWriter method, which returns an error.
func (m *markup) writeByte(c byte) {
	n := len(m.buf)
	if n == cap(m.buf) {
		m.buf = append(m.buf, c)
		return
	}
	m.buf = m.buf[:n+1]
	m.buf[n] = c
}

// String returns the markup.
func (m *markup) String() string { return string(m.buf) }

// nums writes format with each % replaced by the next of xs, as num formats it.
// The markup's constant parts read as the markup they are.
func (m *markup) nums(format string, xs ...float64) {
	for _, x := range xs {
		i := strings.IndexByte(format, '%')
		m.WriteString(format[:i])
		m.num(x)
		format = format[i+1:]
	}
	m.WriteString(format)
}

// num writes an SVG coordinate: at most two decimals, no trailing zeros,
// so the output is the same on every machine and stays short.
func (m *markup) num(x float64) {
	var buf [32]byte
	write(m, appendNum(buf[:0], x))
}

func (m *markup) itoa(i int) {
	var buf [20]byte
	write(m, strconv.AppendInt(buf[:0], int64(i), 10))
}

// esc writes s escaped as html.EscapeString escapes it, without making the
// escaped copy first.
func (m *markup) esc(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if e := entities[s[i]]; e != "" {
			m.WriteString(s[last:i])
			m.WriteString(e)
			last = i + 1
		}
	}
	m.WriteString(s[last:])
}

var entities = [256]string{'&': "&amp;", '\'': "&#39;", '<': "&lt;", '>': "&gt;", '"': "&#34;"}

// svgOpen starts the chart's <svg>. role="img" makes screen readers announce
// the title and description instead of reading out every number and label
// of the drawing; the table below the chart holds those.
func svgOpen(m *markup, p *plan, height float64) {
	m.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" role="img" aria-labelledby="`)
	m.WriteString(p.id)
	m.WriteString(`-title `)
	m.WriteString(p.id)
	m.nums(`-desc" viewBox="0 0 % %" font-size="%" fill="`+inkColour+`">`, viewWidth, height, fontSize)
	m.WriteString(`<title id="`)
	m.WriteString(p.id)
	m.WriteString(`-title">`)
	m.esc(p.title)
	m.WriteString(`</title><desc id="`)
	m.WriteString(p.id)
	m.WriteString(`-desc">`)
	if p.desc != "" {
		m.esc(p.desc)
	} else {
		p.describe(m)
	}
	m.WriteString(`</desc>`)
}

// textLines writes lines as one <text> each, the first baseline at y.
func textLines(m *markup, lines []string, x, y float64, class string, bold bool) {
	for i, line := range lines {
		textOpen(m, class, x, y+float64(i)*lineHeight)
		if bold {
			m.WriteString(` font-weight="bold"`)
		}
		m.writeByte('>')
		m.esc(line)
		m.WriteString(`</text>`)
	}
}

// textOpen writes a <text> start tag up to its further attributes.
func textOpen(m *markup, class string, x, y float64) {
	m.WriteString(`<text class="`)
	m.WriteString(class)
	m.nums(`" x="%" y="%"`, x, y)
}

func rect(m *markup, class string, x, y, w, h float64, paint fill, chartID string) {
	m.WriteString(`<rect class="`)
	m.WriteString(class)
	m.nums(`" x="%" y="%" width="%" height="%" fill="`, x, y, w, h)
	m.paint(paint, chartID)
	m.WriteString(`"/>`)
}
