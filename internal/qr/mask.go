package qr

import (
	"math/bits"
	"sync"

	goqr "github.com/piglig/go-qr"
)

// Choosing the mask is most of the cost of encoding a QR code: ISO/IEC 18004
// (7.8.3) scores all eight mask patterns with four penalty rules and keeps the
// lowest score. go-qr scores module by module on a [][]bool grid; every page
// of a site carries a code, so this file does the same scoring on bit rows,
// a word per row, and gets the same mask and so the same matrix:
//
//  1. go-qr encodes the text with mask 0 (the layout, the data and the error
//     correction do not depend on the mask).
//  2. Undoing mask 0 on the data modules gives the unmasked symbol; mask k is
//     then an XOR with a precomputed pattern, plus mask k's format bits.
//  3. Each masked symbol is scored exactly as go-qr scores it (penalty
//     below), and the first lowest score wins, as in go-qr.
//
// Codes wider than 64 modules (version 12 and up, texts of more than about
// 250 bytes) are left to go-qr's own mask selection.

// maxFastSize is the widest code scored here: one uint64 per row.
const maxFastSize = 64

// symbol is a QR code's modules, a word per row (bit x of rows[y] is the
// module at (x, y), 1 for dark) or, transposed, a word per column.
type symbol struct {
	size int
	rows []uint64
}

// Size and Module let render draw a symbol like a go-qr code.
func (s *symbol) Size() int { return s.size }

func (s *symbol) Module(x, y int) bool {
	return 0 <= x && x < s.size && 0 <= y && y < s.size && s.rows[y]>>uint(x)&1 != 0
}

// modules is what render needs of a code.
type modules interface {
	Size() int
	Module(x, y int) bool
}

// encode returns text as a QR code at medium error correction (raised when
// that costs no size), module for module the code goqr.EncodeText(text,
// goqr.Medium) returns.
func encode(text string) (modules, error) {
	segs, err := goqr.MakeSegments(text)
	if err != nil {
		return nil, err
	}
	// EncodeText is EncodeSegments with these arguments and mask -1 (choose).
	code0, err := goqr.EncodeSegments(segs, goqr.Medium, goqr.MinVersion, goqr.MaxVersion, 0, true)
	if err != nil {
		return nil, err
	}
	if code0.Size() > maxFastSize {
		return goqr.EncodeSegments(segs, goqr.Medium, goqr.MinVersion, goqr.MaxVersion, -1, true)
	}
	if s := bestMasked(code0); s != nil {
		return s, nil
	}
	return goqr.EncodeSegments(segs, goqr.Medium, goqr.MinVersion, goqr.MaxVersion, -1, true)
}

// bestMasked returns code0 (encoded with mask 0) re-masked with the mask
// ISO/IEC 18004 selects, or nil if code0's format bits are not a mask 0
// code's (which go-qr never produces).
func bestMasked(code0 *goqr.QrCode) *symbol {
	size := code0.Size()
	lay := layoutOf((size - 17) / 4)
	// The format bits carry the error correction level, which go-qr may
	// have raised above medium.
	format0 := readFormat(code0, size)
	ecl := -1
	for e := range 4 {
		if formatWord(e, 0) == format0 {
			ecl = e
		}
	}
	if ecl < 0 {
		return nil
	}

	// base is the symbol without any mask: function patterns as drawn,
	// data modules unmasked. baseT is its transpose.
	base := make([]uint64, size)
	baseT := make([]uint64, size)
	for y := range size {
		var row uint64
		for x := range size {
			if code0.Module(x, y) {
				row |= 1 << uint(x)
			}
		}
		base[y] = row ^ lay.masks[0][y]
	}
	for y := range size {
		for x := range size {
			baseT[x] |= (base[y] >> uint(x) & 1) << uint(y)
		}
	}

	grid := &symbol{size: size, rows: make([]uint64, size)}
	gridT := &symbol{size: size, rows: make([]uint64, size)}
	best, bestScore := 0, -1
	for m := range 8 {
		mask(grid, base, lay.masks[m], formatWord(ecl, m), false)
		mask(gridT, baseT, lay.masksT[m], formatWord(ecl, m), true)
		score := penalty(grid, gridT)
		if bestScore < 0 || score < bestScore {
			best, bestScore = m, score
		}
	}
	mask(grid, base, lay.masks[best], formatWord(ecl, best), false)
	return grid
}

// mask sets s to base with pattern applied and the format word drawn;
// transposed says base and pattern are by columns, and so is s.
func mask(s *symbol, base, pattern []uint64, format int, transposed bool) {
	for y := range s.rows {
		s.rows[y] = base[y] ^ pattern[y]
	}
	drawFormat(s, format, transposed)
}

// formatWord is the 15-bit format information for an error correction level
// (go-qr's Ecc value) and a mask m: 5 data bits, 10 BCH bits, XOR 0x5412.
func formatWord(ecl, m int) int {
	data := goqr.Ecc(ecl).FormatBits()<<3 | m
	rem := data
	for range 10 {
		rem = (rem << 1) ^ ((rem >> 9) * 0x537)
	}
	return (data<<10 | rem) ^ 0x5412
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

// drawFormat draws the format word into both of its copies (the dark
// module beside the second copy never changes, so base already has it).
func drawFormat(s *symbol, word int, transposed bool) {
	formatCells(s.size, func(i, x, y int) {
		if transposed {
			x, y = y, x
		}
		bit := uint64(word>>uint(i)) & 1
		s.rows[y] = s.rows[y]&^(1<<uint(x)) | bit<<uint(x)
	})
}

// readFormat reads the format word from a code. The two copies agree in
// any code go-qr makes; if they did not, the word read would be no valid
// format word, and the caller would notice.
func readFormat(code *goqr.QrCode, size int) int {
	word := 0
	formatCells(size, func(i, x, y int) {
		if code.Module(x, y) {
			word |= 1 << uint(i)
		}
	})
	return word
}

// layout holds what depends only on a version: for each mask, the modules
// it flips (the mask's pattern minus the function patterns), by rows and
// by columns.
type layout struct {
	masks, masksT [8][]uint64
}

// alignment lists the alignment pattern centres of versions 2 to 11
// (ISO/IEC 18004 annex E); version 1 has none, and later versions are
// not scored here.
var alignment = [12][]int{
	2: {6, 18}, 3: {6, 22}, 4: {6, 26}, 5: {6, 30}, 6: {6, 34},
	7: {6, 22, 38}, 8: {6, 24, 42}, 9: {6, 26, 46}, 10: {6, 28, 50}, 11: {6, 30, 54},
}

// layouts are built once per version, on first use, and only read after:
// a read-only table that costs nothing until a code is drawn.
var layouts [len(alignment)]func() *layout

func init() {
	for v := 1; v < len(layouts); v++ {
		layouts[v] = sync.OnceValue(func() *layout { return newLayout(v) })
	}
}

func layoutOf(version int) *layout { return layouts[version]() }

func newLayout(version int) *layout {
	size := version*4 + 17
	fn := functionModules(version)
	l := &layout{}
	for m := range 8 {
		l.masks[m] = make([]uint64, size)
		l.masksT[m] = make([]uint64, size)
		for y := range size {
			for x := range size {
				if !fn[y][x] && maskInvert(m, x, y) {
					l.masks[m][y] |= 1 << uint(x)
					l.masksT[m][x] |= 1 << uint(y)
				}
			}
		}
	}
	return l
}

// functionModules marks the function patterns of a version, the modules
// masks leave alone: finder patterns with their separators, timing
// patterns, alignment patterns, format and version information.
func functionModules(version int) [][]bool {
	size := version*4 + 17
	fn := make([][]bool, size)
	for y := range fn {
		fn[y] = make([]bool, size)
	}
	fill := func(x0, y0, w, h int) {
		for y := max(y0, 0); y < min(y0+h, size); y++ {
			for x := max(x0, 0); x < min(x0+w, size); x++ {
				fn[y][x] = true
			}
		}
	}
	fill(6, 0, 1, size) // timing patterns
	fill(0, 6, size, 1)
	fill(0, 0, 8, 8) // finder patterns with their separators
	fill(size-8, 0, 8, 8)
	fill(0, size-8, 8, 8)
	pos := alignment[version]
	for i, cy := range pos {
		for j, cx := range pos {
			corner := i == 0 && j == 0 || i == 0 && j == len(pos)-1 || i == len(pos)-1 && j == 0
			if !corner {
				fill(cx-2, cy-2, 5, 5)
			}
		}
	}
	formatCells(size, func(_, x, y int) { fn[y][x] = true })
	fn[size-8][8] = true // the dark module
	if version >= 7 {    // version information, two 6×3 blocks
		fill(size-11, 0, 3, 6)
		fill(0, size-11, 6, 3)
	}
	return fn
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

// The penalty weights of ISO/IEC 18004 7.8.3.1.
const (
	penaltyN1 = 3
	penaltyN2 = 3
	penaltyN3 = 40
	penaltyN4 = 10
)

// penalty scores a masked symbol, given by rows and by columns, as go-qr's
// getPenaltyScore does (that is, as Project Nayuki's QR Code generator does,
// which go-qr ports): the same four rules with the same reading of the
// standard, computed a whole row at a time.
func penalty(s, t *symbol) int {
	size := s.size
	score, dark := 0, 0
	for y, row := range s.rows {
		dark += bits.OnesCount64(row)
		score += runPenalty(row, size) + finderPenalty(row, size)
		score += finderPenalty(t.rows[y], size) + runPenalty(t.rows[y], size)
		if y+1 < size {
			score += blockPenalty(row, s.rows[y+1], size)
		}
	}
	// Rule 4: the share of dark modules away from 50%, in steps of 5%.
	total := size * size
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return score + k*penaltyN4
}

// same returns the bits x (x+1 < size) where modules x and x+1 of row have
// the same colour.
func same(row uint64, size int) uint64 {
	return ^(row ^ row>>1) & (1<<uint(size-1) - 1)
}

// runPenalty is rule 1 for one line: a run of five or more modules of one
// colour costs 3, and 1 more for each module beyond five.
func runPenalty(row uint64, size int) int {
	eq := same(row, size)
	// Bit x of five is set where modules x to x+4 share a colour. A run of
	// length L ≥ 5 sets L-4 consecutive bits, and runs never touch.
	five := eq & (eq >> 1) & (eq >> 2) & (eq >> 3)
	starts := five &^ (five << 1) // one per run of five or more
	// Each run costs L-2 = (L-4) + 2.
	return bits.OnesCount64(five) + 2*bits.OnesCount64(starts)
}

// blockPenalty is rule 2 for two neighbouring lines: 3 for each 2×2 block
// of one colour, blocks overlapping.
func blockPenalty(row, next uint64, size int) int {
	vert := ^(row ^ next) // bit x: the modules above each other match
	return penaltyN2 * bits.OnesCount64(same(row, size)&vert&(vert>>1))
}

// finderPenalty is rule 3 for one line: 40 for each dark-light-dark-light-
// dark run of widths n, n, 3n, n, n (1:1:3:1:1, what a finder pattern looks
// like), with a light run of 4n on one side and of at least n on the other.
// Outside the symbol counts as light, as the quiet zone is. A pattern with
// 4n light on both sides counts twice, as go-qr counts it.
func finderPenalty(row uint64, size int) int {
	// For the width n, bit x of
	//   dark:    modules x to x+n-1 are all dark,
	//   dark3:   modules x to x+3n-1 are all dark,
	//   anyDark: one of modules x to x+n-1 is dark.
	// Shifting right brings in zeros, light modules, which is what lies
	// past the right edge. Each n extends the runs of the one before.
	lightBefore := ^(row << 1) // the module left of x is light (or outside)
	dark, dark3, anyDark := ^uint64(0), ^uint64(0), uint64(0)
	score := 0
	for n := 1; 7*n <= size; n++ { // the pattern is 7n wide
		u := uint(n)
		dark &= row >> (u - 1)
		anyDark |= row >> (u - 1)
		dark3 &= (row >> (3*u - 3)) & (row >> (3*u - 2)) & (row >> (3*u - 1))
		if dark3 == 0 {
			break // no dark run of 3n, so none of 3(n+1) either
		}
		// Bit x: a pattern of exactly n, n, 3n, n, n starts at x, framed by
		// light modules.
		cand := lightBefore & dark & ^(anyDark >> u) & (dark3 >> (2 * u)) &
			^(anyDark >> (5 * u)) & (dark >> (6 * u)) & ^(row >> (7 * u))
		for cand != 0 {
			x := bits.TrailingZeros64(cand)
			cand &= cand - 1
			before := lightRun(row, x-1, -1, 4*n)
			after := lightRun(row, x+7*n, 1, 4*n)
			if after >= 4*n && before >= n {
				score += penaltyN3
			}
			if before >= 4*n && after >= n {
				score += penaltyN3
			}
		}
	}
	return score
}

// lightRun counts light modules from x in direction dir, up to limit;
// modules outside the line are light.
func lightRun(row uint64, x, dir, limit int) int {
	n := 0
	for ; n < limit && (x < 0 || x >= 64 || row>>uint(x)&1 == 0); n++ {
		x += dir
	}
	return n
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
