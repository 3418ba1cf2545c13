package chart

import (
	"html"
	"net/url"
	"strconv"
	"strings"
	"unicode"

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
		em += runeAdvance(r)
	}
	if bold {
		em *= boldFactor
	}
	return em * fontSize
}

// runeAdvance is measured on the Latin letters of the Chinese UI fonts
// (Noto Sans CJK, Microsoft YaHei, PingFang), rounded up.
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

func isWide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}

// wrap breaks s into lines no wider than maxWidth, at spaces and after
// Chinese characters (see canBreakBetween). A word wider than a whole line
// is split wherever it must be, so nothing is ever lost.
func wrap(s string, maxWidth, fontSize float64, bold bool) []string {
	var lines []string
	var line strings.Builder
	lineWidth := 0.0
	space := textWidth(" ", fontSize, bold)
	for _, u := range breakUnits(s) {
		w := textWidth(u.text, fontSize, bold)
		gap := 0.0
		if u.spaceBefore && line.Len() > 0 {
			gap = space
		}
		if line.Len() > 0 && lineWidth+gap+w > maxWidth {
			lines = append(lines, line.String())
			line.Reset()
			lineWidth, gap = 0, 0
		}
		if line.Len() == 0 && w > maxWidth {
			pieces := splitToWidth(u.text, maxWidth, fontSize, bold)
			lines = append(lines, pieces[:len(pieces)-1]...)
			u.text = pieces[len(pieces)-1]
			w = textWidth(u.text, fontSize, bold)
		}
		if gap > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(u.text)
		lineWidth += gap + w
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

type breakUnit struct {
	text        string
	spaceBefore bool
}

// breakUnits splits s into the pieces wrap may not break inside.
func breakUnits(s string) []breakUnit {
	var units []breakUnit
	var cur strings.Builder
	curSpace, pendingSpace := false, false
	var prev rune
	flush := func() {
		if cur.Len() > 0 {
			units = append(units, breakUnit{cur.String(), curSpace})
			cur.Reset()
		}
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			flush()
			pendingSpace = true
			continue
		}
		if cur.Len() > 0 && canBreakBetween(prev, r) {
			flush()
		}
		if cur.Len() == 0 {
			curSpace, pendingSpace = pendingSpace, false
		}
		cur.WriteRune(r)
		prev = r
	}
	flush()
	return units
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
	var piece strings.Builder
	w := 0.0
	for _, r := range s {
		rw := runeAdvance(r) * fontSize
		if bold {
			rw *= boldFactor
		}
		if piece.Len() > 0 && w+rw > maxWidth {
			pieces = append(pieces, piece.String())
			piece.Reset()
			w = 0
		}
		piece.WriteRune(r)
		w += rw
	}
	return append(pieces, piece.String())
}

// cleanText makes content safe to place in XML as well as HTML: invalid
// UTF-8 becomes U+FFFD, line breaks and tabs become spaces, and control
// characters, which XML forbids even escaped, are dropped. Runs of white
// space collapse to one, as they would in HTML, so that wrap and the
// width estimates see what the reader sees.
func cleanText(s string) string {
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

func esc(s string) string { return html.EscapeString(s) }

// num formats an SVG coordinate: at most two decimals, no trailing zeros,
// so the output is the same on every machine and stays short.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
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
func safeURL(raw string) bool {
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

// colon is the label–value separator of the page's language.
func colon(lang string) string {
	if isChinese(lang) {
		return "："
	}
	return ": "
}
