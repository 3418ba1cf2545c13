package chart

import (
	"math"
	"slices"
	"strconv"
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

// partOfWholeSVG lays the chart out before it writes a byte of it: the
// <svg> tag, which comes first, holds the height, which the last legend row
// decides.
func partOfWholeSVG(m *markup, p *plan) {
	fills := make([]fill, len(p.rows))
	for i, r := range p.rows {
		fills[i] = fillFor(i, r.isRest)
	}
	var total totalLines
	y := 0.0
	if p.total != nil {
		total = newTotalLines(p)
		y = total.height + totalGap
	}
	bar := newWholeBar(p, y)
	legend := newLegendLayout(p, bar.below+legendGap)

	svgOpen(m, p, legend.bottom-legendRowGap)
	patternDefs(m, p.id, fills)
	if p.total != nil {
		total.draw(m, p)
	}
	bar.draw(m, p.id, fills)
	legend.draw(m, p, fills)
	m.WriteString(`</svg>`)
}

// totalLines is "Total: 5,964" above the bar: on one line when it fits,
// else the label's lines and the value's.
type totalLines struct {
	label         string
	oneLine       bool
	labels, value []string
	height        float64
}

func newTotalLines(p *plan) totalLines {
	t := totalLines{label: p.total.label + p.typo.Colon}
	if textWidth(t.label, fontSize, false)+textWidth(p.total.text, fontSize, true) <= viewWidth {
		t.oneLine, t.height = true, lineHeight
		return t
	}
	t.labels = wrap(t.label, viewWidth, fontSize, false)
	t.value = wrap(p.total.text, viewWidth, fontSize, true)
	t.height = float64(len(t.labels)+len(t.value)) * lineHeight
	return t
}

func (t totalLines) draw(m *markup, p *plan) {
	if !t.oneLine {
		textLines(m, t.labels, 0, baselineOffset, "chart-total", false)
		textLines(m, t.value, 0, baselineOffset+float64(len(t.labels))*lineHeight, "chart-total", true)
		return
	}
	m.nums(`<text class="chart-total" x="0" y="%">`, baselineOffset)
	m.esc(t.label)
	m.WriteString(`<tspan font-weight="bold">`)
	m.esc(p.total.text)
	m.WriteString(`</tspan></text>`)
}

// wholeBar is the parts side by side from y, and the numbers under them
// when they fit.
type wholeBar struct {
	y, below  float64 // the bar's top, and the y below the numbers
	widths    []float64
	centres   []float64 // of the parts that are not zero
	keys      []int     // their numbers
	positions []float64 // of their numbers; nil when they do not fit
}

func newWholeBar(p *plan, y float64) wholeBar {
	values := make([]float64, len(p.rows))
	for i, r := range p.rows {
		values[i] = r.value
	}
	b := wholeBar{y: y, widths: partWidths(values, p.whole, viewWidth),
		centres: make([]float64, 0, len(values)), keys: make([]int, 0, len(values))}
	x := 0.0
	for i, w := range b.widths {
		if w == 0 {
			continue
		}
		b.centres = append(b.centres, x+w/2)
		b.keys = append(b.keys, i+1)
		x += w
	}
	bottom := y + wholeBarHeight
	b.below = bottom
	// With too many parts to number under the bar, the legend still lists them.
	if positions, ok := spreadMarkers(b.centres, markerSpacing, smallFontSize/2, viewWidth-smallFontSize/2); ok {
		b.positions = positions
		b.below = bottom + markerRise + smallFontSize + descent
	}
	return b
}

func (b wholeBar) draw(m *markup, chartID string, fills []fill) {
	x := 0.0
	for i, w := range b.widths {
		if w == 0 {
			continue
		}
		rect(m, "chart-part", x, b.y, w, wholeBarHeight, fills[i], chartID)
		x += w
	}
	b.drawSeparators(m)
	bottom := b.y + wholeBarHeight
	for i, pos := range b.positions {
		m.nums(`<path class="chart-leader" d="M% %V%L% %" fill="none" stroke="`+inkColour+`" stroke-width="%"/>`,
			b.centres[i], bottom, bottom+markerRise/2, pos, bottom+markerRise, tickWidth)
		m.nums(`<text class="chart-key" x="%" y="%" text-anchor="middle" font-size="%" font-weight="bold">`,
			pos, bottom+markerRise+smallFontSize, smallFontSize)
		m.itoa(b.keys[i])
		m.WriteString(`</text>`)
	}
}

// drawSeparators draws white lines between the parts, which keep neighbours
// apart whatever their colours; every colour has 3:1 contrast with white.
func (b wholeBar) drawSeparators(m *markup) {
	x, started := 0.0, false
	for _, w := range b.widths {
		if w == 0 {
			continue
		}
		if x > 0 {
			if !started {
				m.WriteString(`<path class="chart-separator" d="`)
				started = true
			}
			m.nums("M% %V%", x, b.y, b.y+wholeBarHeight)
		}
		x += w
	}
	if started {
		m.nums(`" stroke="`+paperColour+`" stroke-width="%"/>`, separatorWidth)
	}
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
	rows                         []legendRow
	bottom                       float64 // below the last row
}

// legendRow is a part's row of the legend, wrapped.
type legendRow struct {
	top          float64
	label, value []string // value only when it goes below the label
	shareOwnLine bool     // the share does not fit beside the value
}

// newLegendLayout lays out a row per part from y.
func newLegendLayout(p *plan, y float64) legendLayout {
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
	l.rows = make([]legendRow, len(p.rows))
	l.oneLine = l.labelWidth >= minLegendLabelWidth
	for i, r := range p.rows {
		if !l.oneLine {
			break
		}
		l.rows[i].label = wrap(r.label, l.labelWidth, fontSize, false)
		l.oneLine = len(l.rows[i].label) <= maxLegendLabelLines
	}
	if !l.oneLine {
		l.labelWidth = viewWidth - l.labelX
	}
	for i, r := range p.rows {
		if !l.oneLine { // else the labels are wrapped, and all there is
			l.rows[i] = l.stacked(r)
		}
		l.rows[i].top = y
		y += l.rows[i].height()
	}
	l.bottom = y
	return l
}

// stacked wraps row r's label and, below it, its value; the share goes
// beside the value's last line or, when it does not fit, below it.
func (l legendLayout) stacked(r row) legendRow {
	lr := legendRow{label: wrap(r.label, l.labelWidth, fontSize, false)}
	lr.value = wrap(r.text, l.labelWidth, fontSize, true)
	if len(lr.value) == 0 {
		lr.value = []string{""}
	}
	last := textWidth(lr.value[len(lr.value)-1], fontSize, true)
	lr.shareOwnLine = last+columnGap+textWidth(r.share, fontSize, false) > l.labelWidth
	return lr
}

func (r legendRow) height() float64 {
	lines := len(r.label) + len(r.value)
	if r.shareOwnLine {
		lines++
	}
	return math.Max(float64(lines)*lineHeight, swatchSize+4) + legendRowGap
}

// draw writes a row per part.
func (l legendLayout) draw(m *markup, p *plan, fills []fill) {
	for i, r := range p.rows {
		l.drawRow(m, i+1, r, l.rows[i], fills[i], p.id)
	}
}

// drawRow writes the legend's row for part number key.
func (l legendLayout) drawRow(m *markup, key int, r row, lr legendRow, paint fill, chartID string) {
	y := lr.top
	baseline := y + baselineOffset
	m.nums(`<g class="chart-legend-row"><text class="chart-key" x="%" y="%" text-anchor="end" font-weight="bold">`, l.numberRight, baseline)
	m.itoa(key)
	m.WriteString(`</text>`)
	rect(m, "chart-swatch", l.swatchX, y+1, swatchSize, swatchSize, paint, chartID)
	// An outline keeps a patterned swatch a clear square on paper.
	m.nums(`<rect x="%" y="%" width="%" height="%" fill="none" stroke="`+inkColour+`"/>`, l.swatchX, y+1, swatchSize, swatchSize)
	textLines(m, lr.label, l.labelX, baseline, "chart-label", false)
	if l.oneLine {
		rightAligned(m, r.text, l.valueRight, baseline, "chart-value", true)
		rightAligned(m, r.share, l.shareRight, baseline, "chart-share", false)
	} else {
		valueTop := baseline + float64(len(lr.label))*lineHeight
		textLines(m, lr.value, l.labelX, valueTop, "chart-value", true)
		shareY := valueTop + float64(len(lr.value)-1)*lineHeight
		shareX := l.labelX + textWidth(lr.value[len(lr.value)-1], fontSize, true) + columnGap
		if lr.shareOwnLine {
			shareY, shareX = shareY+lineHeight, l.labelX
		}
		textOpen(m, "chart-share", shareX, shareY)
		m.writeByte('>')
		m.esc(r.share)
		m.WriteString(`</text>`)
	}
	m.WriteString(`</g>`)
}

func rightAligned(m *markup, s string, right, y float64, class string, bold bool) {
	textOpen(m, class, right, y)
	m.WriteString(` text-anchor="end"`)
	if bold {
		m.WriteString(` font-weight="bold"`)
	}
	m.writeByte('>')
	m.esc(s)
	m.WriteString(`</text>`)
}

// patternDefs defines each patterned fill once, in the order of first use,
// so the same chart always gives the same bytes.
func patternDefs(m *markup, chartID string, fills []fill) {
	started := false
	for i, f := range fills {
		if f.pattern == 0 || slices.Contains(fills[:i], f) {
			continue
		}
		if !started {
			m.WriteString("<defs>")
			started = true
		}
		m.patternDef(f, chartID)
	}
	if started {
		m.WriteString("</defs>")
	}
}
