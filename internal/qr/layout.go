package qr

import (
	"sync"

	goqr "github.com/piglig/go-qr"
)

// maxVersion is the largest code encoded here rather than by go-qr: its
// 61 modules are the widest that fit a row in one uint64 (version 12 is
// 65 wide). It holds about 250 bytes, far more than a page URL.
const maxVersion = 11

// A layout holds everything about a version that does not depend on the
// text: where the function patterns are and what they look like, which
// modules each mask flips, and where each data bit goes. Rows are words,
// bit x of rows[y] the module at (x, y), 1 for dark; each table comes
// twice, by rows and transposed (by columns), since the mask penalty
// scores both directions.
type layout struct {
	version, size int
	// fixed holds the function patterns as drawn, the format information
	// left light: it is drawn per mask.
	fixed, fixedT bits64
	// masks[ecl][m] turns the unmasked symbol into the one with mask m, by
	// XOR: it flips what mask m flips outside the function patterns, and
	// draws the format information for ecl and m, light until then.
	masks, masksT [4][8]bits64
	// order lists the data modules in the order codeword bits fill them
	// (ISO/IEC 18004 7.7.3), most significant bit of the first codeword first.
	order []cell
}

type cell struct{ x, y uint8 }

// alignment lists the alignment pattern centres of versions 2 to 11
// (ISO/IEC 18004 annex E); version 1 has none.
var alignment = [maxVersion + 1][]int{
	2: {6, 18}, 3: {6, 22}, 4: {6, 26}, 5: {6, 30}, 6: {6, 34},
	7: {6, 22, 38}, 8: {6, 24, 42}, 9: {6, 26, 46}, 10: {6, 28, 50}, 11: {6, 30, 54},
}

// layouts are built once per version, on first use, and only read after:
// a read-only table that costs nothing until a code is drawn, and safe to
// share between the goroutines that render pages.
var layouts [maxVersion + 1]func() *layout

func init() {
	for v := 1; v <= maxVersion; v++ {
		layouts[v] = sync.OnceValue(func() *layout { return newLayout(v) })
	}
}

func layoutOf(version int) *layout { return layouts[version]() }

func newLayout(version int) *layout {
	p := drawFunctionPatterns(version)
	l := &layout{version: version, size: p.size}
	l.fixed = p.dark
	l.fixedT = transpose(&p.dark, p.size)
	for m := range 8 {
		for ecl := range goqr.Ecc(4) {
			l.masks[ecl][m] = maskPattern(m, ecl, p)
			l.masksT[ecl][m] = transpose(&l.masks[ecl][m], p.size)
		}
	}
	l.order = placementOrder(p.size, &p.function)
	return l
}

// maskPattern is what l.masks[ecl][m] holds.
func maskPattern(m int, ecl goqr.Ecc, p *patterns) bits64 {
	var b bits64
	for y := range p.size {
		for x := range p.size {
			b.set(x, y, !p.function.get(x, y) && maskInvert(m, x, y))
		}
	}
	word := formatWord(ecl, m)
	formatCells(p.size, func(i, x, y int) { b.set(x, y, word>>i&1 != 0) })
	return b
}

// transpose returns the first size rows and columns of b, transposed.
func transpose(b *bits64, size int) bits64 {
	var t bits64
	for y := range size {
		for x := range size {
			t.set(y, x, b.get(x, y))
		}
	}
	return t
}

// bits64 is a square of up to 64×64 modules, a word per row.
type bits64 [64]uint64

func (b *bits64) get(x, y int) bool { return b[y]>>x&1 != 0 }

func (b *bits64) set(x, y int, v bool) {
	b[y] &^= 1 << x
	if v {
		b[y] |= 1 << x
	}
}

// patterns is a version's function patterns: which modules they cover,
// and which of those are dark.
type patterns struct {
	size           int
	function, dark bits64
}

func (p *patterns) draw(x, y int, dark bool) {
	p.function.set(x, y, true)
	p.dark.set(x, y, dark)
}

// drawFunctionPatterns draws a version's function patterns in go-qr's
// order, later patterns overwriting earlier ones where they overlap. The
// format information is reserved but left light.
func drawFunctionPatterns(version int) *patterns {
	size := version*4 + 17
	p := &patterns{size: size}
	for i := range size { // timing patterns
		p.draw(6, i, i%2 == 0)
		p.draw(i, 6, i%2 == 0)
	}
	for _, c := range [][2]int{{3, 3}, {size - 4, 3}, {3, size - 4}} {
		p.drawFinder(c[0], c[1])
	}
	pos := alignment[version]
	last := len(pos) - 1
	for i, cy := range pos {
		for j, cx := range pos {
			if !(i == 0 && j == 0 || i == 0 && j == last || i == last && j == 0) {
				p.drawAlignment(cx, cy)
			}
		}
	}
	formatCells(size, func(_, x, y int) { p.draw(x, y, false) })
	p.draw(8, size-8, true) // the dark module beside the format information
	p.drawVersion(version)
	return p
}

// drawFinder draws a finder pattern centred at (cx, cy) with its separator.
func (p *patterns) drawFinder(cx, cy int) {
	for dy := -4; dy <= 4; dy++ {
		for dx := -4; dx <= 4; dx++ {
			x, y := cx+dx, cy+dy
			if 0 <= x && x < p.size && 0 <= y && y < p.size {
				dist := max(abs(dx), abs(dy))
				p.draw(x, y, dist != 2 && dist != 4)
			}
		}
	}
}

// drawAlignment draws an alignment pattern centred at (cx, cy).
func (p *patterns) drawAlignment(cx, cy int) {
	for dy := -2; dy <= 2; dy++ {
		for dx := -2; dx <= 2; dx++ {
			p.draw(cx+dx, cy+dy, max(abs(dx), abs(dy)) != 1)
		}
	}
}

// drawVersion draws the version number with its BCH bits (ISO/IEC 18004
// 7.10) in its two 6×3 blocks; versions below 7 have none.
func (p *patterns) drawVersion(version int) {
	if version < 7 {
		return
	}
	rem := version
	for range 12 {
		rem = (rem << 1) ^ ((rem >> 11) * 0x1F25)
	}
	word := version<<12 | rem
	for i := range 18 {
		a, b := p.size-11+i%3, i/3
		p.draw(a, b, word>>i&1 != 0)
		p.draw(b, a, word>>i&1 != 0)
	}
}

// placementOrder lists the modules outside the function patterns in the
// order data fills them: two-module-wide columns from the right, upwards
// and downwards in turn, skipping the vertical timing pattern.
func placementOrder(size int, function *bits64) []cell {
	var order []cell
	for right := size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		upward := (right+1)&2 == 0
		for vert := range size {
			y := vert
			if upward {
				y = size - 1 - vert
			}
			for x := right; x >= right-1; x-- {
				if !function.get(x, y) {
					order = append(order, cell{uint8(x), uint8(y)})
				}
			}
		}
	}
	return order
}

// formatCells calls visit with each place (x, y) bit i of the format word
// goes, in both of its copies, as go-qr draws them.
func formatCells(size int, visit func(i, x, y int)) {
	for i := 0; i <= 5; i++ {
		visit(i, 8, i)
	}
	visit(6, 8, 7)
	visit(7, 8, 8)
	visit(8, 7, 8)
	for i := 9; i < 15; i++ {
		visit(i, 14-i, 8)
	}
	for i := 0; i < 8; i++ {
		visit(i, size-1-i, 8)
	}
	for i := 8; i < 15; i++ {
		visit(i, 8, size-15+i)
	}
}

// maskInvert reports whether mask m flips the module at (x, y)
// (ISO/IEC 18004 table 10).
func maskInvert(m, x, y int) bool {
	switch m {
	case 0:
		return (x+y)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (x+y)%3 == 0
	case 4:
		return (x/3+y/2)%2 == 0
	case 5:
		return x*y%2+x*y%3 == 0
	case 6:
		return (x*y%2+x*y%3)%2 == 0
	default:
		return ((x+y)%2+x*y%3)%2 == 0
	}
}
