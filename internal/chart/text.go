package chart

import (
	"bytes"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// SVG text does not wrap, and the build has no font metrics, so line breaks
// are planned from an estimate of each character's advance in em. The
// estimates err on the wide side: a line that ends a little early looks
// fine, one that runs past the edge of the chart is cut off.
const boldFactor = 1.07

func textWidth(s string, fontSize float64, bold bool) float64 {
	var em float64
	for _, r := range s {
		em += advance(r)
	}
	if bold {
		em *= boldFactor
	}
	return em * fontSize
}

// advance is runeAdvance, looked up in a table for ASCII: measuring text
// is most of laying a chart out, and most of its text is ASCII.
func advance(r rune) float64 {
	if r < utf8.RuneSelf {
		return asciiAdvance[r]
	}
	return runeAdvance(r)
}

var asciiAdvance = func() (t [utf8.RuneSelf]float64) {
	for r := range t {
		t[r] = runeAdvance(rune(r))
	}
	return t
}()

// runeAdvance is measured on the Latin letters of the Chinese UI fonts
// (Noto Sans CJK, Microsoft YaHei, PingFang), rounded up for words rather
// than for every letter: Noto Sans CJK's o and n take 0.61 em, Arial's O
// 0.78, but a word's narrow letters make up for them. An English chart is
// set in the English fonts (Arial and its kin), whose words are narrower
// still. browsertest's TestChartsInTheirLanguagesType holds every chart of
// the site to these estimates in Chromium, in each edition's type.
func runeAdvance(r rune) float64 {
	switch {
	case isWide(r):
		return 1
	case r == ' ':
		return 0.28
	case strings.ContainsRune("ijlI.,:;'|!", r):
		return 0.3
	case strings.ContainsRune("frt()[]-", r):
		return 0.4
	case strings.ContainsRune("cksvxyzJ", r):
		return 0.53
	case strings.ContainsRune("mwMW%@", r):
		return 0.95
	case unicode.IsUpper(r):
		return 0.7
	case unicode.IsDigit(r):
		return 0.58
	default:
		return 0.6
	}
}

// isWide reports whether r is East Asian Wide or Fullwidth. The ranges
// checked first hold the text of a Chinese report and spare it the lookup;
// TestIsWide holds them to the lookup for every rune.
func isWide(r rune) bool {
	switch {
	case r < 0x1100: // before Hangul Jamo, the first wide characters
		return false
	case 0x4E00 <= r && r <= 0x9FFF, // CJK Unified Ideographs
		0x3001 <= r && r <= 0x303E, // CJK punctuation
		0xFF01 <= r && r <= 0xFF60: // fullwidth forms
		return true
	}
	return lookupWide(r)
}

func lookupWide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}

// wrap breaks s into lines no wider than maxWidth, at spaces and after
// Chinese characters (see canBreakBetween). A word wider than a whole line
// is split wherever it must be, so nothing is ever lost.
//
// s must be clean (see cleanText): its only white space single spaces. Each
// line is then a piece of s, and wrap allocates only the list of lines.
func wrap(s string, maxWidth, fontSize float64, bold bool) []string {
	if fitsWhole(s, maxWidth, fontSize, bold) {
		if line := strings.Trim(s, " "); line != "" {
			return []string{line}
		}
		return nil
	}
	var lines []string
	start, end := -1, 0 // the line so far is s[start:end]; start < 0 while empty
	lineWidth := 0.0
	space := textWidth(" ", fontSize, bold)
	for units := (breakUnits{s: s}); ; {
		u, ok := units.next()
		if !ok {
			break
		}
		text := s[u.start:u.end]
		w := textWidth(text, fontSize, bold)
		gap := 0.0
		if u.spaceBefore && start >= 0 {
			gap = space
		}
		if start >= 0 && lineWidth+gap+w > maxWidth {
			lines = append(lines, s[start:end])
			start, lineWidth, gap = -1, 0, 0
		}
		if start < 0 && w > maxWidth {
			pieces := splitToWidth(text, maxWidth, fontSize, bold)
			lines = append(lines, pieces[:len(pieces)-1]...)
			text = pieces[len(pieces)-1]
			w = textWidth(text, fontSize, bold)
		}
		if start < 0 {
			start = u.end - len(text)
		}
		end = u.end
		lineWidth += gap + w
	}
	if start >= 0 {
		lines = append(lines, s[start:end])
	}
	return lines
}

// fitsWhole reports whether s fits on one line with room to spare, as most
// labels do, which spares measuring it unit by unit. The room is far more
// than rounding can add up to on text under 64 KiB, so wrap's sums, rounded
// unit by unit, would put s on one line too.
func fitsWhole(s string, maxWidth, fontSize float64, bold bool) bool {
	return len(s) < 1<<16 && textWidth(s, fontSize, bold) <= maxWidth*(1-1e-9)
}

// breakUnits splits a string into the pieces wrap may not break inside.
type breakUnits struct {
	s string
	i int // where the next unit, or the space before it, starts
}

type breakUnit struct {
	start, end  int // the unit is s[start:end]
	spaceBefore bool
}

func (b *breakUnits) next() (u breakUnit, ok bool) {
	for b.i < len(b.s) {
		r, size := utf8.DecodeRuneInString(b.s[b.i:])
		if !unicode.IsSpace(r) {
			break
		}
		u.spaceBefore = true
		b.i += size
	}
	if b.i == len(b.s) {
		return u, false
	}
	u.start = b.i
	prev, size := utf8.DecodeRuneInString(b.s[b.i:])
	b.i += size
	for b.i < len(b.s) {
		r, size := utf8.DecodeRuneInString(b.s[b.i:])
		if unicode.IsSpace(r) || canBreakBetween(prev, r) {
			break
		}
		prev = r
		b.i += size
	}
	u.end = b.i
	return u, true
}

// canBreakBetween allows a break after a Chinese character, unless it is
// opening punctuation or closing punctuation follows, and never after a
// Latin letter or digit, so that "2019年" and "1622家" stay whole.
func canBreakBetween(before, after rune) bool {
	if !isWide(before) || strings.ContainsRune(noBreakAfter, before) {
		return false
	}
	if isWide(after) {
		return !strings.ContainsRune(noBreakBefore, after)
	}
	return unicode.IsLetter(after) || unicode.IsDigit(after)
}

// Chinese line-breaking rules (禁则): these never start or end a line.
const (
	noBreakBefore = "，。、；：！？）】》」』〉”’…—～％"
	noBreakAfter  = "（【《「『〈“‘"
)

// splitToWidth cuts an unbreakable word into pieces no wider than maxWidth,
// each holding at least one character.
func splitToWidth(s string, maxWidth, fontSize float64, bold bool) []string {
	var pieces []string
	start := 0
	w := 0.0
	for i, r := range s {
		rw := advance(r) * fontSize
		if bold {
			rw *= boldFactor
		}
		if i > start && w+rw > maxWidth {
			pieces = append(pieces, s[start:i])
			start = i
			w = 0
		}
		w += rw
	}
	return append(pieces, s[start:])
}

// cleanText makes content safe to place in XML as well as HTML: invalid
// UTF-8 becomes U+FFFD, line breaks and tabs become spaces, and control
// characters, which XML forbids even escaped, are dropped. Runs of white
// space collapse to one, as they would in HTML, so that wrap and the
// width estimates see what the reader sees.
func cleanText(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), r == 0xFFFE, r == 0xFFFF:
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// isBlank reports whether cleanText(s) is empty, without cleaning s.
func isBlank(s string) bool {
	for _, r := range s { // invalid UTF-8 comes as U+FFFD, which cleanText keeps
		if !unicode.IsSpace(r) && !unicode.IsControl(r) && r != 0xFFFE && r != 0xFFFF {
			return false
		}
	}
	return true
}

// isClean reports whether cleanText would return s as it is, as it does
// for nearly all text: then it need not be copied three times over.
func isClean(s string) bool {
	space := true // at the start, a space would be trimmed
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ':
			if space {
				return false
			}
			space = true
			i++
		case ' ' < c && c < 0x7f:
			space = false
			i++
		case c < utf8.RuneSelf: // other white space, and control characters
			return false
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 || r == 0xFFFE || r == 0xFFFF {
				return false
			}
			// No white space or control character comes after U+3000,
			// which spares Chinese text the table lookups.
			if r <= 0x3000 && (unicode.IsSpace(r) || unicode.IsControl(r)) {
				return false
			}
			space = false
			i += size
		}
	}
	return !space || s == ""
}

// appendNum appends an SVG coordinate: at most two decimals, no trailing
// zeros, so the output is the same on every machine and stays short.
//
// It gives what trimming strconv.FormatFloat(x, 'f', 2, 64) would, several
// times faster, which counts when a chart writes a hundred coordinates;
// TestAppendNum holds the two together.
func appendNum(b []byte, x float64) []byte {
	if a := math.Abs(x); a < 1e13 { // and not NaN
		h := hundredths(a)
		if x < 0 && h != 0 { // -0.00 is written 0
			b = append(b, '-')
		}
		return appendHundredths(b, h)
	}
	b = strconv.AppendFloat(b, x, 'f', 2, 64)
	return bytes.TrimSuffix(bytes.TrimRight(b, "0"), []byte("."))
}

// hundredths is a·100, for 0 ≤ a < 1e13, rounded to an integer as strconv
// rounds: the exact value, not its nearest float64, half to even.
func hundredths(a float64) int64 {
	if a < 0.001 { // too small for e to be exact; rounds to 0 anyway
		return 0
	}
	y := a * 100
	e := math.FMA(a, 100, -y) // exactly a·100 − y, the product's rounding error
	n := math.Floor(y)
	// y − n is exact, and so is y − n − 0.5 when it is within 1/4 of zero
	// (Sterbenz), the only time e, at most half an ulp of a y below 2⁵⁰,
	// can change its sign: d has the sign of the exact a·100 − n − 0.5.
	d := y - n - 0.5 + e
	i := int64(n)
	if d > 0 || d == 0 && i%2 == 1 {
		i++
	}
	return i
}

// appendHundredths appends h/100 in decimal, without trailing zeros.
func appendHundredths(b []byte, h int64) []byte {
	b = strconv.AppendInt(b, h/100, 10)
	if frac := h % 100; frac != 0 {
		b = append(b, '.', byte('0'+frac/10))
		if frac%10 != 0 {
			b = append(b, byte('0'+frac%10))
		}
	}
	return b
}

// plainNumber is the fallback format for values no one formatted.
func plainNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// shareText is part/whole as a percentage with one decimal. A part too
// small to round to 0.1% shows as "<0.1%" rather than a misleading "0.0%".
func shareText(part, whole float64) string {
	p := part / whole * 100
	if part > 0 && p < 0.05 {
		return "<0.1%"
	}
	return strconv.FormatFloat(p, 'f', 1, 64) + "%"
}

// safeURL accepts relative links and http(s) addresses, the only links a
// data file can have; anything else (javascript:, data:) is refused.
func safeURL(raw string) bool { return isPlainPath(raw) || parsesSafe(raw) }

func parsesSafe(raw string) bool {
	if strings.ContainsFunc(raw, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) {
		return false
	}
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
		return true
	}
	return false
}

// isPlainPath reports whether raw is a path of letters, digits, slashes and
// "-._~" that does not start with "//", as the site's data links are. With
// no colon it has no scheme, and url.Parse, slow next to the rest of a
// chart, can only accept it.
func isPlainPath(raw string) bool {
	if raw == "" || strings.HasPrefix(raw, "//") {
		return false
	}
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("/-._~", c) >= 0) {
			return false
		}
	}
	return true
}
