package chart

import (
	"math"
	"strconv"
	"strings"
)

// A part-of-whole chart is one bar of 100% split into its parts, each part
// with a colour, a pattern and a number, above a legend that lists every
// part's number, label, value and share. The legend is what makes a sliver
// such as 35 of 5964 (0.6%) readable; the number under each part ties it to
// its line of the legend without relying on colour.
const (
	wholeBarHeight  = 44.0
	minPartWidth    = 5.0 // a part that is not zero never shrinks to nothing
	separatorWidth  = 2.0
	markerRise      = 12.0 // from the bar's bottom to the top of a number
	markerSpacing   = 26.0 // between the centres of two numbers under the bar
	descent         = 4.0  // below a baseline, for the numbers' feet
	swatchSize      = 22.0
	minNumberColumn = 18.0 // the legend's numbers, right-aligned
	swatchGap       = 8.0  // between a number and its swatch
	labelGap        = 10.0 // between a swatch and its label
	totalGap        = 10.0 // below the total
	legendGap       = 18.0 // above the legend
	legendRowGap    = 10.0
	columnGap       = 16.0
	// A label column narrower than this, or one that wraps a label onto more
	// than maxLegendLabelLines, makes a ragged legend; the value and share
	// then go on a line of their own below each label.
	minLegendLabelWidth = 130.0
	maxLegendLabelLines = 2
)

func partOfWholeSVG(p plan) string {
	fills := make([]fill, len(p.rows))
	for i, r := range p.rows {
		fills[i] = fillFor(i, r.isRest)
	}
	var body strings.Builder
	y := 0.0
	if p.total != nil {
		y = drawTotal(&body, p) + totalGap
	}
	y = drawWholeBar(&body, p, fills, y)
	y = drawLegend(&body, p, fills, y+legendGap)
	height := y - legendRowGap

	var b strings.Builder
	svgOpen(&b, p, height)
	b.WriteString(patternDefs(p.id, fills))
	b.WriteString(body.String())
	b.WriteString(`</svg>`)
	return b.String()
}

// drawTotal writes "Total: 5,964" above the bar, on one line when it fits,
// and returns the y below it.
func drawTotal(b *strings.Builder, p plan) float64 {
	label := p.total.label + colon(p.lang)
	if textWidth(label, fontSize, false)+textWidth(p.total.text, fontSize, true) <= viewWidth {
		b.WriteString(`<text class="chart-total" x="0" y="` + num(baselineOffset) + `">` + esc(label) +
			`<tspan font-weight="bold">` + esc(p.total.text) + `</tspan></text>`)
		return lineHeight
	}
	labelLines := wrap(label, viewWidth, fontSize, false)
	textLines(b, labelLines, 0, baselineOffset, "chart-total", false)
	value := wrap(p.total.text, viewWidth, fontSize, true)
	textLines(b, value, 0, baselineOffset+float64(len(labelLines))*lineHeight, "chart-total", true)
	return float64(len(labelLines)+len(value)) * lineHeight
}

// drawWholeBar draws the parts side by side from y, then the numbers under
// them, and returns the y below the numbers.
func drawWholeBar(b *strings.Builder, p plan, fills []fill, y float64) float64 {
	values := make([]float64, len(p.rows))
	for i, r := range p.rows {
		values[i] = r.value
	}
	widths := partWidths(values, p.whole, viewWidth)
	var centres []float64
	var keys []int
	var separators strings.Builder
	x := 0.0
	for i, w := range widths {
		if w == 0 {
			continue
		}
		rect(b, "chart-part", x, y, w, wholeBarHeight, fills[i].paint(p.id))
		if x > 0 {
			separators.WriteString("M" + num(x) + " " + num(y) + "V" + num(y+wholeBarHeight))
		}
		centres = append(centres, x+w/2)
		keys = append(keys, i+1)
		x += w
	}
	// White lines between the parts keep neighbours apart whatever their
	// colours; every colour has 3:1 contrast with white.
	if separators.Len() > 0 {
		b.WriteString(`<path class="chart-separator" d="` + separators.String() + `" stroke="` + paperColour + `" stroke-width="` + num(separatorWidth) + `"/>`)
	}
	bottom := y + wholeBarHeight
	positions, ok := spreadMarkers(centres, markerSpacing, smallFontSize/2, viewWidth-smallFontSize/2)
	if !ok { // too many parts to number under the bar; the legend still lists them
		return bottom
	}
	for i, pos := range positions {
		leader := "M" + num(centres[i]) + " " + num(bottom) + "V" + num(bottom+markerRise/2) + "L" + num(pos) + " " + num(bottom+markerRise)
		b.WriteString(`<path class="chart-leader" d="` + leader + `" fill="none" stroke="` + inkColour + `" stroke-width="` + num(tickWidth) + `"/>`)
		b.WriteString(`<text class="chart-key" x="` + num(pos) + `" y="` + num(bottom+markerRise+smallFontSize) +
			`" text-anchor="middle" font-size="` + num(smallFontSize) + `" font-weight="bold">` + strconv.Itoa(keys[i]) + `</text>`)
	}
	return bottom + markerRise + smallFontSize + descent
}

// partWidths divides total width among values in proportion to them, except
// that no part above zero gets less than minPartWidth, which the largest
// parts give up in proportion; with too many slivers to do that honestly,
// every part keeps its exact share.
func partWidths(values []float64, whole, total float64) []float64 {
	widths := make([]float64, len(values))
	deficit, roomy := 0.0, 0.0
	for i, v := range values {
		widths[i] = v / whole * total
		if widths[i] > 0 && widths[i] < minPartWidth {
			deficit += minPartWidth - widths[i]
		} else {
			roomy += widths[i]
		}
	}
	if deficit == 0 || roomy < 2*deficit {
		return widths
	}
	shrink := (roomy - deficit) / roomy
	for i, w := range widths {
		if w > 0 && w < minPartWidth {
			widths[i] = minPartWidth
		} else {
			widths[i] = w * shrink
		}
	}
	return widths
}

// spreadMarkers places a number under each centre, moving numbers sideways
// just enough to keep them spacing apart and between lo and hi. It reports
// false when they cannot all fit.
func spreadMarkers(centres []float64, spacing, lo, hi float64) ([]float64, bool) {
	n := len(centres)
	if n == 0 || float64(n-1)*spacing > hi-lo {
		return nil, n == 0
	}
	pos := make([]float64, n)
	for i, c := range centres {
		pos[i] = math.Max(c, lo)
		if i > 0 {
			pos[i] = math.Max(pos[i], pos[i-1]+spacing)
		}
	}
	for i := n - 1; i >= 0; i-- {
		limit := hi
		if i < n-1 {
			limit = pos[i+1] - spacing
		}
		pos[i] = math.Min(pos[i], limit)
	}
	return pos, true
}

// legendLayout says where a legend row puts the value and the share.
type legendLayout struct {
	numberRight, swatchX, labelX float64 // the columns, left to right
	oneLine                      bool    // value and share right-aligned beside the label
	labelWidth                   float64 // the label's wrapping width
	valueRight, shareRight       float64 // right edges of the value and share columns
}

func newLegendLayout(p plan) legendLayout {
	valueWidth, shareWidth := 0.0, 0.0
	for _, r := range p.rows {
		valueWidth = math.Max(valueWidth, textWidth(r.text, fontSize, true))
		shareWidth = math.Max(shareWidth, textWidth(r.share, fontSize, false))
	}
	l := legendLayout{shareRight: viewWidth, valueRight: viewWidth - shareWidth - columnGap}
	// The numbers column fits the widest number, the last one.
	l.numberRight = math.Max(minNumberColumn, textWidth(strconv.Itoa(len(p.rows)), fontSize, true))
	l.swatchX = l.numberRight + swatchGap
	l.labelX = l.swatchX + swatchSize + labelGap
	l.labelWidth = l.valueRight - valueWidth - columnGap - l.labelX
	l.oneLine = l.labelWidth >= minLegendLabelWidth
	for _, r := range p.rows {
		if l.oneLine && len(wrap(r.label, l.labelWidth, fontSize, false)) > maxLegendLabelLines {
			l.oneLine = false
		}
	}
	if !l.oneLine {
		l.labelWidth = viewWidth - l.labelX
	}
	return l
}

// rowLines wraps row r's label and, when the value and share go below the
// label, the value; shareOwnLine says the share does not fit beside it.
func (l legendLayout) rowLines(r row) (label, value []string, shareOwnLine bool) {
	label = wrap(r.label, l.labelWidth, fontSize, false)
	if l.oneLine {
		return label, nil, false
	}
	value = wrap(r.text, l.labelWidth, fontSize, true)
	if len(value) == 0 {
		value = []string{""}
	}
	last := textWidth(value[len(value)-1], fontSize, true)
	shareOwnLine = last+columnGap+textWidth(r.share, fontSize, false) > l.labelWidth
	return label, value, shareOwnLine
}

func (l legendLayout) rowHeight(r row) float64 {
	label, value, shareOwnLine := l.rowLines(r)
	lines := len(label) + len(value)
	if shareOwnLine {
		lines++
	}
	return math.Max(float64(lines)*lineHeight, swatchSize+4) + legendRowGap
}

// drawLegend writes a row per part from y and returns the y below the last.
func drawLegend(b *strings.Builder, p plan, fills []fill, y float64) float64 {
	l := newLegendLayout(p)
	for i, r := range p.rows {
		l.drawRow(b, i+1, r, fills[i].paint(p.id), y)
		y += l.rowHeight(r)
	}
	return y
}

// drawRow writes the legend's row for part number key, its top at y.
func (l legendLayout) drawRow(b *strings.Builder, key int, r row, paint string, y float64) {
	b.WriteString(`<g class="chart-legend-row">`)
	baseline := y + baselineOffset
	b.WriteString(`<text class="chart-key" x="` + num(l.numberRight) + `" y="` + num(baseline) + `" text-anchor="end" font-weight="bold">` + strconv.Itoa(key) + `</text>`)
	rect(b, "chart-swatch", l.swatchX, y+1, swatchSize, swatchSize, paint)
	// An outline keeps a patterned swatch a clear square on paper.
	b.WriteString(`<rect x="` + num(l.swatchX) + `" y="` + num(y+1) + `" width="` + num(swatchSize) + `" height="` + num(swatchSize) + `" fill="none" stroke="` + inkColour + `"/>`)
	label, value, shareOwnLine := l.rowLines(r)
	textLines(b, label, l.labelX, baseline, "chart-label", false)
	if l.oneLine {
		rightAligned(b, r.text, l.valueRight, baseline, "chart-value", true)
		rightAligned(b, r.share, l.shareRight, baseline, "chart-share", false)
	} else {
		valueTop := baseline + float64(len(label))*lineHeight
		textLines(b, value, l.labelX, valueTop, "chart-value", true)
		shareY := valueTop + float64(len(value)-1)*lineHeight
		shareX := l.labelX + textWidth(value[len(value)-1], fontSize, true) + columnGap
		if shareOwnLine {
			shareY, shareX = shareY+lineHeight, l.labelX
		}
		b.WriteString(`<text class="chart-share" x="` + num(shareX) + `" y="` + num(shareY) + `">` + esc(r.share) + `</text>`)
	}
	b.WriteString(`</g>`)
}

func rightAligned(b *strings.Builder, s string, right, y float64, class string, bold bool) {
	b.WriteString(`<text class="` + class + `" x="` + num(right) + `" y="` + num(y) + `" text-anchor="end"`)
	if bold {
		b.WriteString(` font-weight="bold"`)
	}
	b.WriteString(`>` + esc(s) + `</text>`)
}

// patternDefs defines each patterned fill once, in the order of first use,
// so the same chart always gives the same bytes.
func patternDefs(chartID string, fills []fill) string {
	var defs strings.Builder
	seen := map[string]bool{}
	for _, f := range fills {
		id := f.patternID(chartID)
		if f.pattern == 0 || seen[id] {
			continue
		}
		seen[id] = true
		defs.WriteString(f.patternDef(chartID))
	}
	if defs.Len() == 0 {
		return ""
	}
	return "<defs>" + defs.String() + "</defs>"
}
