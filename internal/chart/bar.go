package chart

import "math"

// barScale maps values to x: bars start at the zero line x0 and are as long
// as their value's share of the chart's range, to the right for positive
// values and to the left for negative ones.
type barScale struct {
	x0 float64
	// Values are divided by the largest magnitude before any arithmetic, so
	// extreme values neither overflow nor underflow into NaN coordinates.
	magnitude, span, plotWidth float64
	// valuesBeside is false when the longest value text would leave the bars
	// too little room; each value then gets a line of its own above its bar.
	valuesBeside bool
}

// Below this share of the width the bars would be too short to compare.
const minPlotShare = 0.55

func newBarScale(rows []row) barScale {
	lo, hi := 0.0, 0.0
	right, left := 0.0, 0.0 // room the value texts need on each side
	for _, r := range rows {
		lo, hi = math.Min(lo, r.value), math.Max(hi, r.value) // a missing value is 0: no bar
		w := textWidth(r.text, fontSize, !r.missing) + valueGap
		if r.value < 0 {
			left = math.Max(left, w)
		} else {
			right = math.Max(right, w)
		}
	}
	s := barScale{magnitude: math.Max(-lo, hi)}
	if s.magnitude == 0 { // all zero: empty bars rather than a division by zero
		s.magnitude = 1
	}
	s.span = hi/s.magnitude - lo/s.magnitude
	if s.span == 0 {
		s.span = 1
	}
	// Half a tick of room keeps the zero line whole at the edges.
	start, end := tickWidth/2, viewWidth-tickWidth/2
	s.valuesBeside = viewWidth-left-right >= minPlotShare*viewWidth
	if s.valuesBeside {
		start, end = math.Max(start, left), end-right
	}
	s.plotWidth = end - start
	s.x0 = start - lo/s.magnitude/s.span*s.plotWidth
	return s
}

func (s barScale) length(v float64) float64 {
	return math.Abs(v) / s.magnitude / s.span * s.plotWidth
}

// barSVG lays every row out before it writes a byte: the <svg> tag, which
// comes first, holds the height, which the rows decide.
func barSVG(m *markup, p *plan) {
	scale := newBarScale(p.rows)
	rows, height := layoutBars(p.rows, scale)
	svgOpen(m, p, height)
	for i, r := range p.rows {
		l := rows[i]
		m.WriteString(`<g class="chart-row">`)
		textLines(m, l.label, 0, l.top+baselineOffset, "chart-label", false)
		if r.missing {
			m.WriteString(`<g class="chart-missing">`)
			textLines(m, l.value, 0, l.valueTop+baselineOffset, "chart-value", false)
			drawMissing(m, scale, r, l.barTop)
			m.WriteString(`</g>`)
		} else {
			textLines(m, l.value, 0, l.valueTop+baselineOffset, "chart-value", true)
			drawBar(m, scale, r, l.barTop)
		}
		m.WriteString(`</g>`)
	}
	m.WriteString(`</svg>`)
}

// barRow is a bar's label, and its value when it does not go beside the
// bar, wrapped and placed.
type barRow struct {
	top, valueTop, barTop float64
	label, value          []string
}

func layoutBars(rows []row, scale barScale) ([]barRow, float64) {
	out := make([]barRow, len(rows))
	y := 0.0
	for i, r := range rows {
		l := &out[i]
		l.top = y
		l.label = wrap(r.label, viewWidth, fontSize, false)
		y += float64(len(l.label)) * lineHeight
		if !scale.valuesBeside {
			l.valueTop = y
			l.value = wrap(r.text, viewWidth, fontSize, !r.missing)
			y += float64(len(l.value)) * lineHeight
		}
		y += barGap
		l.barTop = y
		y += barHeight + rowGap
	}
	return out, y - rowGap + tickOverhang
}

// drawBar draws one bar at y with its zero line and, when it fits, its value
// at the bar's end: the value, not the bar's colour, is what says how much.
func drawBar(m *markup, s barScale, r row, y float64) {
	length := s.length(r.value)
	x := s.x0
	if r.value < 0 {
		x -= length
	}
	rect(m, "chart-bar-rect", x, y, length, barHeight, fill{colour: barColour}, "")
	// A tick at zero shows where each bar starts, and that a zero is a zero
	// and not a missing bar.
	m.nums(`<path class="chart-axis" d="M% %V%" stroke="`+inkColour+`" stroke-width="%"/>`,
		s.x0, y-tickOverhang, y+barHeight+tickOverhang, tickWidth)
	if !s.valuesBeside {
		return
	}
	valueX, anchor := x+length+valueGap, "start"
	if r.value < 0 {
		valueX, anchor = x-valueGap, "end"
	}
	// A baseline 0.35 em below the bar's middle centres digits on it.
	textOpen(m, "chart-value", valueX, y+barHeight/2+fontSize*0.35)
	m.WriteString(` text-anchor="`)
	m.WriteString(anchor)
	m.WriteString(`" font-weight="bold">`)
	m.esc(r.text)
	m.WriteString(`</text>`)
}

// drawMissing leaves a missing value's bar out, and its tick at zero too,
// which would say the value is zero, and says there is no value where the
// bar's value would be: in the ink of the labels, not bold like a value,
// as a lighter grey would fall short of the elder mode's 7:1 contrast.
func drawMissing(m *markup, s barScale, r row, y float64) {
	if !s.valuesBeside {
		return // the words are on their line above
	}
	textOpen(m, "chart-value", s.x0+valueGap, y+barHeight/2+fontSize*0.35)
	m.writeByte('>')
	m.esc(r.text)
	m.WriteString(`</text>`)
}
