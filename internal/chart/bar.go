package chart

import (
	"math"
	"strings"
)

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
		lo, hi = math.Min(lo, r.value), math.Max(hi, r.value)
		w := textWidth(r.text, fontSize, true) + valueGap
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

func barSVG(p plan) string {
	scale := newBarScale(p.rows)
	var body strings.Builder
	y := 0.0
	for _, r := range p.rows {
		body.WriteString(`<g class="chart-row">`)
		labelLines := wrap(r.label, viewWidth, fontSize, false)
		textLines(&body, labelLines, 0, y+baselineOffset, "chart-label", false)
		y += float64(len(labelLines)) * lineHeight
		if !scale.valuesBeside {
			valueLines := wrap(r.text, viewWidth, fontSize, true)
			textLines(&body, valueLines, 0, y+baselineOffset, "chart-value", true)
			y += float64(len(valueLines)) * lineHeight
		}
		y += barGap
		drawBar(&body, scale, r, y)
		body.WriteString(`</g>`)
		y += barHeight + rowGap
	}
	height := y - rowGap + tickOverhang

	var b strings.Builder
	svgOpen(&b, p, height)
	b.WriteString(body.String())
	b.WriteString(`</svg>`)
	return b.String()
}

// drawBar draws one bar at y with its zero line and, when it fits, its value
// at the bar's end: the value, not the bar's colour, is what says how much.
func drawBar(b *strings.Builder, s barScale, r row, y float64) {
	length := s.length(r.value)
	x := s.x0
	if r.value < 0 {
		x -= length
	}
	rect(b, "chart-bar-rect", x, y, length, barHeight, barColour)
	// A tick at zero shows where each bar starts, and that a zero is a zero
	// and not a missing bar.
	b.WriteString(`<path class="chart-axis" d="M` + num(s.x0) + ` ` + num(y-tickOverhang) + `V` + num(y+barHeight+tickOverhang) +
		`" stroke="` + inkColour + `" stroke-width="` + num(tickWidth) + `"/>`)
	if !s.valuesBeside {
		return
	}
	valueX, anchor := x+length+valueGap, "start"
	if r.value < 0 {
		valueX, anchor = x-valueGap, "end"
	}
	// A baseline 0.35 em below the bar's middle centres digits on it.
	b.WriteString(`<text class="chart-value" x="` + num(valueX) + `" y="` + num(y+barHeight/2+fontSize*0.35) +
		`" text-anchor="` + anchor + `" font-weight="bold">` + esc(r.text) + `</text>`)
}
