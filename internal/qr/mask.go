package qr

import (
	"math"
	"math/bits"

	goqr "github.com/piglig/go-qr"
)

// Choosing the mask is the largest part of encoding a QR code: ISO/IEC 18004
// (7.8.3) scores all eight mask patterns with four penalty rules and keeps the
// lowest score. go-qr scores module by module on a [][]bool grid; this file
// does the same scoring on words, a row (or a column) at a time, and gets the
// same mask: the first with the lowest score, as in go-qr.

// chooseMask returns the mask for the unmasked symbol in e.base and e.baseT.
func (e *encoder) chooseMask(lay *layout, ecl goqr.Ecc) int {
	rows, cols := e.masked[:lay.size], e.maskedT[:lay.size]
	best, bestScore := 0, math.MaxInt
	for m := range 8 {
		lay.apply(&e.masked, &e.base, m, ecl, false)
		lay.apply(&e.maskedT, &e.baseT, m, ecl, true)
		if score := penalty(rows, cols, bestScore); score < bestScore {
			best, bestScore = m, score
		}
	}
	return best
}

// apply sets dst to the unmasked symbol src with mask m and the format
// information for ecl and m; transposed says src and dst are by columns.
func (l *layout) apply(dst, src *bits64, m int, ecl goqr.Ecc, transposed bool) {
	pattern := &l.masks[ecl][m]
	if transposed {
		pattern = &l.masksT[ecl][m]
	}
	for y := range l.size {
		dst[y] = src[y] ^ pattern[y]
	}
}

// formatWord is the 15-bit format information for an error correction level
// and a mask m: 5 data bits, 10 BCH bits, XOR 0x5412 (ISO/IEC 18004 7.9).
func formatWord(ecl goqr.Ecc, m int) int {
	data := ecl.FormatBits()<<3 | m
	rem := data
	for range 10 {
		rem = (rem << 1) ^ ((rem >> 9) * 0x537)
	}
	return (data<<10 | rem) ^ 0x5412
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
// standard, computed a whole line at a time.
//
// Rules 1 to 3 only ever add to the score, so once the sum reaches bound
// the symbol cannot beat the mask that set bound: penalty then stops and
// returns what it has, at least bound. (Rule 4, the one that could
// subtract, comes first.)
func penalty(rows, cols []uint64, bound int) int {
	size := len(rows)
	pairs := uint64(1)<<(size-1) - 1 // bit x: modules x and x+1 are both in the line
	score := balancePenalty(rows)
	for y, row := range rows {
		if score >= bound {
			return score
		}
		col := cols[y]
		score += runPenalty(row, pairs) + runPenalty(col, pairs)
		if y+1 < size {
			score += blockPenalty(row, rows[y+1], pairs)
		}
		// Few lines can hold a finder-like pattern at all. The test for one
		// is written out here, where it is inlined; finderPenalty is not.
		if finderStarts(row)|widerFinderMiddles(row) != 0 {
			score += finderPenalty(row, size)
		}
		if finderStarts(col)|widerFinderMiddles(col) != 0 {
			score += finderPenalty(col, size)
		}
	}
	return score
}

// balancePenalty is rule 4: the share of dark modules away from 50%, in
// steps of 5%. Read literally, as go-qr does, it gives -10 for exactly
// half, which only a square of even size (no QR code) can have.
func balancePenalty(rows []uint64) int {
	dark := 0
	for _, row := range rows {
		dark += bits.OnesCount64(row)
	}
	total := len(rows) * len(rows)
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return k * penaltyN4
}

// same returns the bits x of pairs where modules x and x+1 of line have the
// same colour.
func same(line, pairs uint64) uint64 {
	return ^(line ^ line>>1) & pairs
}

// runPenalty is rule 1 for one line: a run of five or more modules of one
// colour costs 3, and 1 more for each module beyond five.
func runPenalty(line, pairs uint64) int {
	eq := same(line, pairs)
	// Bit x of five is set where modules x to x+4 share a colour. A run of
	// length L ≥ 5 sets L-4 consecutive bits, and runs never touch.
	five := eq & (eq >> 1) & (eq >> 2) & (eq >> 3)
	starts := five &^ (five << 1) // one per run of five or more
	// Each run costs L-2 = (L-4) + 2.
	return bits.OnesCount64(five) + 2*bits.OnesCount64(starts)
}

// blockPenalty is rule 2 for two neighbouring lines: 3 for each 2×2 block
// of one colour, blocks overlapping.
func blockPenalty(line, next, pairs uint64) int {
	vert := ^(line ^ next) // bit x: the modules side by side match
	return penaltyN2 * bits.OnesCount64(same(line, pairs)&vert&(vert>>1))
}

// finderPenalty is rule 3 for one line: 40 for each dark-light-dark-light-
// dark run of widths n, n, 3n, n, n (1:1:3:1:1, what a finder pattern looks
// like), with a light run of 4n on one side and of at least n on the other.
// Outside the symbol counts as light, as the quiet zone is. A pattern with
// 4n light on both sides counts twice, as go-qr counts it.
//
// The width n = 1 is checked with constant shifts, for all x at once; wider
// patterns, rarer, take a loop.
func finderPenalty(row uint64, size int) int {
	starts := finderStarts(row)
	// Bit x: modules x-4 to x-1, and x+7 to x+10, are light.
	light4Before := ^(row<<1 | row<<2 | row<<3 | row<<4)
	light4After := ^(row>>7 | row>>8 | row>>9 | row>>10)
	score := penaltyN3 * (bits.OnesCount64(starts&light4Before) + bits.OnesCount64(starts&light4After))
	if widerFinderMiddles(row) != 0 {
		score += widerFinderPenalty(row, size)
	}
	return score
}

// finderStarts returns the bits x where modules x to x+6 read dark-light-
// dark-dark-dark-light-dark, with light modules (or the edge) at x-1 and
// x+7: the patterns of width n = 1.
func finderStarts(row uint64) uint64 {
	return row & (row >> 2) & (row >> 3) & (row >> 4) & (row >> 6) &^
		(row<<1 | row>>1 | row>>5 | row>>7)
}

// widerFinderMiddles is not 0 when row has what the middle of a pattern of
// width n ≥ 2 needs: a dark run of exactly 6 modules (bit x: one starts at
// x), or of 9 or more (bit x: modules x to x+8 are dark). Without one,
// finderPenalty need not try wider patterns.
func widerFinderMiddles(row uint64) uint64 {
	d2 := row & (row >> 1)
	d6 := d2 & (d2 >> 2) & (d2 >> 4) // bit x: modules x to x+5 are dark
	return d6 & (^(row<<1 | row>>6) | d6>>3)
}

// widerFinderPenalty is finderPenalty for the widths n ≥ 2.
func widerFinderPenalty(row uint64, size int) int {
	// For the width n, bit x of
	//   dark:    modules x to x+n-1 are all dark,
	//   dark3:   modules x to x+3n-1 are all dark,
	//   anyDark: one of modules x to x+n-1 is dark.
	// Shifting right brings in zeros, light modules, which is what lies
	// past the right edge. Each n extends the runs of the one before.
	lightBefore := ^(row << 1) // the module left of x is light (or outside)
	dark, dark3, anyDark := row, row&(row>>1)&(row>>2), row
	score := 0
	for n := 2; 7*n <= size; n++ { // the pattern is 7n wide
		u := uint(n)
		dark &= row >> (u - 1)
		anyDark |= row >> (u - 1)
		dark3 &= (row >> (3*u - 3)) & (row >> (3*u - 2)) & (row >> (3*u - 1))
		if dark3 == 0 {
			break // no dark run of 3n, so none of 3(n+1) either
		}
		// Bit x: a pattern of exactly n, n, 3n, n, n starts at x, framed by
		// light modules.
		starts := lightBefore & dark & ^(anyDark >> u) & (dark3 >> (2 * u)) &
			^(anyDark >> (5 * u)) & (dark >> (6 * u)) & ^(row >> (7 * u))
		if starts != 0 {
			score += finderScore(row, starts, n)
		}
	}
	return score
}

// finderScore scores the patterns of width n starting at the bits of
// starts by the light modules around them.
func finderScore(row, starts uint64, n int) int {
	score := 0
	for starts != 0 {
		x := bits.TrailingZeros64(starts)
		starts &= starts - 1
		end := x + 7*n
		if light(row, end, end+4*n) && light(row, x-n, x) {
			score += penaltyN3
		}
		if light(row, x-4*n, x) && light(row, end, end+n) {
			score += penaltyN3
		}
	}
	return score
}

// light reports whether modules from to to-1 of row are all light; those
// outside the row are.
func light(row uint64, from, to int) bool {
	from, to = max(from, 0), min(to, 64)
	if from >= to {
		return true
	}
	span := ^uint64(0) >> (64 - (to - from)) << from
	return row&span == 0
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
