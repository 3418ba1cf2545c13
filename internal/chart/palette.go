package chart

// Colours. Each fill has at least 3:1 contrast with white (WCAG 1.4.11), the
// page background and the separators between parts, so every bar and part
// stands out from what surrounds it. In black and white they turn into
// similar greys, which is why parts also get patterns and numbers.
const (
	inkColour   = "#1a1a1a" // text, ticks and outlines
	barColour   = "#1d5a8e"
	otherColour = "#5f6368" // the rest of a total: neutral, as it is no category
	paperColour = "#fff"
)

// partColours is in an order where neighbours differ in hue and lightness.
func partColours() []string {
	return []string{"#1d5a8e", "#b0500f", "#2f7a3a", "#7a3e8e", "#8a6d00", "#a3324a"}
}

// A fill of a part: a colour and a white pattern over it.
type fill struct {
	colour  string
	pattern int // index into patternShapes; 0 is solid
}

// patternShapes are the white marks drawn over a part's colour, one 8×8 tile
// each. Their count (5) and that of the colours (6) share no factor, so the
// first 30 parts all get a different colour–pattern pair.
func patternShapes() []string {
	return []string{
		"", // solid
		`<path d="M-2 2L2-2M0 8L8 0M6 10L10 6" stroke="#fff" stroke-width="2"/>`, // diagonal
		`<circle cx="4" cy="4" r="1.7" fill="#fff"/>`,                            // dots
		`<path d="M0 4H8" stroke="#fff" stroke-width="2"/>`,                      // horizontal
		`<path d="M0 0L8 8M8 0L0 8" stroke="#fff" stroke-width="1.5"/>`,          // cross-hatch
	}
}

const patternTile = "8" // the side of a pattern's square tile

func fillFor(index int, isRest bool) fill {
	colours := partColours()
	f := fill{colour: colours[index%len(colours)], pattern: index % len(patternShapes())}
	if isRest {
		f.colour = otherColour
	}
	return f
}

// patternID writes the id of f's pattern, which starts with the chart's id
// so that charts sharing a page do not take each other's patterns.
func (m *markup) patternID(f fill, chartID string) {
	m.WriteString(chartID)
	m.WriteString("-fill-")
	m.itoa(f.pattern)
	m.writeByte('-')
	m.WriteString(f.colour[1:])
}

// paint writes the value of a fill attribute: the colour, or the pattern's URL.
func (m *markup) paint(f fill, chartID string) {
	if f.pattern == 0 {
		m.WriteString(f.colour)
		return
	}
	m.WriteString("url(#")
	m.patternID(f, chartID)
	m.writeByte(')')
}

// patternDef defines f's pattern; the caller writes each one once, inside
// <defs>.
func (m *markup) patternDef(f fill, chartID string) {
	if f.pattern == 0 {
		return
	}
	m.WriteString(`<pattern id="`)
	m.patternID(f, chartID)
	m.WriteString(`" width="` + patternTile + `" height="` + patternTile + `" patternUnits="userSpaceOnUse">` +
		`<rect width="` + patternTile + `" height="` + patternTile + `" fill="`)
	m.WriteString(f.colour)
	m.WriteString(`"/>`)
	m.WriteString(patternShapes()[f.pattern])
	m.WriteString(`</pattern>`)
}
