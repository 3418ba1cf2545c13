package qr

import (
	"math/bits"
	"strings"

	goqr "github.com/piglig/go-qr"
)

// Every page of a site carries a code, so encoding is on the build's hot
// path. go-qr builds a code on [][]bool grids, bit by bit, with an
// allocation per step; this file builds the codes a page URL needs
// (versions 1 to 11) on words, in reused memory, and leaves longer texts
// to go-qr. Each step follows go-qr's choices, so the code is module for
// module the one goqr.EncodeText(text, goqr.Medium) returns:
//
//  1. One segment, in the densest of go-qr's three modes the whole text
//     fits, in the smallest version that holds it at medium error
//     correction; then the highest level that still fits that version.
//  2. Terminator and pad codewords, Reed–Solomon blocks, interleaved.
//  3. The codewords placed around the function patterns, unmasked.
//  4. The mask with the lowest penalty (mask.go), and its format bits.

// encoder is the working memory of one encode, kept between calls (see
// encoders) so that drawing a code allocates nothing but its SVG.
type encoder struct {
	data      [maxCodewords]byte // the data codewords
	ecc       [maxCodewords]byte // each block's error correction, block after block
	codewords [maxCodewords]byte // data and error correction, interleaved
	base      bits64             // the symbol without a mask, by rows
	baseT     bits64             // and by columns
	masked    bits64             // the symbol with the chosen mask
	maskedT   bits64
	svg       []byte
}

// maxCodewords is totalCodewords[maxVersion], as a constant for array sizes.
const maxCodewords = 404

// encode returns text as a QR code at medium error correction (raised when
// that costs no size), module for module the code goqr.EncodeText(text,
// goqr.Medium) returns. A code of version 11 or less lives in e and is
// valid until e's next encode.
func (e *encoder) encode(text string) (bitmap, error) {
	seg := segmentOf(text)
	version, used := seg.fit()
	if version == 0 {
		return encodeGoQR(text)
	}
	lay := layoutOf(version)
	ecl := goqr.Medium
	for _, level := range []goqr.Ecc{goqr.Quartile, goqr.High} {
		if used <= dataCodewords(version, level)*8 {
			ecl = level
		}
	}
	data := e.writeData(seg, lay, ecl)
	e.place(lay, e.addECC(data, lay, ecl))
	m := e.chooseMask(lay, ecl)
	lay.apply(&e.masked, &e.base, m, ecl, false)
	return bitmap{size: lay.size, stride: 1, words: e.masked[:lay.size]}, nil
}

// encodeGoQR leaves a code wider than 64 modules, or an error, to go-qr.
func encodeGoQR(text string) (bitmap, error) {
	code, err := goqr.EncodeText(text, goqr.Medium)
	if err != nil {
		return bitmap{}, err
	}
	size := code.Size()
	m := bitmap{size: size, stride: (size + 63) / 64}
	m.words = make([]uint64, size*m.stride)
	for y := range size {
		for x := range size {
			if code.Module(x, y) {
				m.words[y*m.stride+x/64] |= 1 << (x % 64)
			}
		}
	}
	return m, nil
}

// A segment is the text and the mode go-qr's MakeSegments picks for it.
type segment struct {
	text string
	mode mode
}

// mode is a QR Code encoding mode: its 4-bit indicator and the width of
// the character count for versions 1–9 and 10–26 (ISO/IEC 18004 table 3).
type mode struct {
	indicator  int
	countWidth [2]int
}

var (
	numeric      = mode{0x1, [2]int{10, 12}}
	alphanumeric = mode{0x2, [2]int{9, 11}}
	byteMode     = mode{0x4, [2]int{8, 16}}
)

const alphanumericCharset = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

func segmentOf(text string) segment {
	isNumeric, isAlnum := text != "", true
	for i := range len(text) {
		c := text[i]
		isNumeric = isNumeric && '0' <= c && c <= '9'
		isAlnum = isAlnum && strings.IndexByte(alphanumericCharset, c) >= 0
	}
	switch {
	case isNumeric:
		return segment{text, numeric}
	case isAlnum:
		return segment{text, alphanumeric}
	}
	return segment{text, byteMode}
}

func (m mode) countBits(version int) int { return m.countWidth[(version+7)/17] }

// dataBits is the length of the encoded text, without mode and count.
func (s segment) dataBits() int {
	n := len(s.text)
	switch s.mode {
	case numeric:
		return n/3*10 + [3]int{0, 4, 7}[n%3]
	case alphanumeric:
		return n/2*11 + n%2*6
	}
	return n * 8
}

// fit returns the smallest version up to maxVersion that holds s at medium
// error correction and how many bits s takes there, or 0 if none does (or
// the text is empty, which go-qr encodes with no segment at all).
func (s segment) fit() (version, used int) {
	if s.text == "" {
		return 0, 0
	}
	for v := 1; v <= maxVersion; v++ {
		countBits := s.mode.countBits(v)
		if len(s.text) >= 1<<countBits {
			continue
		}
		used := 4 + countBits + s.dataBits()
		if used <= dataCodewords(v, goqr.Medium)*8 {
			return v, used
		}
	}
	return 0, 0
}

// writeData returns the data codewords: the segment, a terminator of up to
// four zero bits, zero bits up to a byte boundary, then pad codewords.
func (e *encoder) writeData(s segment, lay *layout, ecl goqr.Ecc) []byte {
	capacity := dataCodewords(lay.version, ecl)
	w := bitWriter{buf: e.data[:0]}
	w.write(s.mode.indicator, 4)
	w.write(len(s.text), s.mode.countBits(lay.version))
	s.writeText(&w)
	w.write(0, min(4, capacity*8-w.len()))
	w.write(0, (8-w.len()%8)%8)
	for pad := 0xEC; len(w.buf) < capacity; pad ^= 0xEC ^ 0x11 {
		w.write(pad, 8)
	}
	return w.buf
}

func (s segment) writeText(w *bitWriter) {
	t := s.text
	switch s.mode {
	case numeric: // three digits in 10 bits, two in 7, one in 4
		for len(t) > 0 {
			n := min(3, len(t))
			v := 0
			for _, c := range []byte(t[:n]) {
				v = v*10 + int(c-'0')
			}
			w.write(v, n*3+1)
			t = t[n:]
		}
	case alphanumeric: // two characters in 11 bits, one in 6
		for ; len(t) >= 2; t = t[2:] {
			w.write(alnumValue(t[0])*45+alnumValue(t[1]), 11)
		}
		if len(t) == 1 {
			w.write(alnumValue(t[0]), 6)
		}
	default:
		for i := range len(t) {
			w.write(int(t[i]), 8)
		}
	}
}

func alnumValue(c byte) int { return strings.IndexByte(alphanumericCharset, c) }

// bitWriter appends bits to buf, most significant first.
type bitWriter struct {
	buf     []byte
	pending uint64 // the low n bits are not yet in buf
	n       int
}

func (w *bitWriter) write(v, width int) {
	w.pending = w.pending<<width | uint64(v)
	w.n += width
	for w.n >= 8 {
		w.n -= 8
		w.buf = append(w.buf, byte(w.pending>>w.n))
	}
}

func (w *bitWriter) len() int { return len(w.buf)*8 + w.n }

// addECC splits data into blocks, computes each block's error correction
// and returns all the codewords interleaved (ISO/IEC 18004 7.6): the data
// of every block a codeword at a time, then their error correction.
func (e *encoder) addECC(data []byte, lay *layout, ecl goqr.Ecc) []byte {
	total := totalCodewords[lay.version]
	blocks, eccLen := eccBlocks[ecl][lay.version], eccPerBlock[ecl][lay.version]
	// The first blocks hold one data codeword fewer than the others.
	short, shortLen := blocks-total%blocks, total/blocks-eccLen
	block := func(j int) []byte {
		start, n := j*shortLen+max(0, j-short), shortLen
		if j >= short {
			n++
		}
		return data[start : start+n]
	}

	all := e.codewords[:0]
	for i := range shortLen + 1 {
		for j := range blocks {
			if b := block(j); i < len(b) {
				all = append(all, b[i])
			}
		}
	}
	for j := range blocks {
		rsRemainder(block(j), e.ecc[j*eccLen:(j+1)*eccLen])
	}
	for i := range eccLen {
		for j := range blocks {
			all = append(all, e.ecc[j*eccLen+i])
		}
	}
	return all
}

// place draws the function patterns and the codewords, unmasked, into
// e.base and e.baseT. Modules left over past the last codeword stay light.
func (e *encoder) place(lay *layout, codewords []byte) {
	e.base, e.baseT = lay.fixed, lay.fixedT
	for i, c := range codewords {
		for c != 0 {
			k := bits.LeadingZeros8(c)
			c &^= 0x80 >> k
			at := lay.order[i*8+k]
			e.base[at.y] |= 1 << at.x
			e.baseT[at.x] |= 1 << at.y
		}
	}
}

// dataCodewords is how many of a version's codewords hold data at an error
// correction level; the rest are error correction.
func dataCodewords(version int, ecl goqr.Ecc) int {
	return totalCodewords[version] - eccPerBlock[ecl][version]*eccBlocks[ecl][version]
}

// totalCodewords is how many codewords each version holds (ISO/IEC 18004
// table 1); a few modules may be left over.
var totalCodewords = [maxVersion + 1]int{0, 26, 44, 70, 100, 134, 172, 196, 242, 292, 346, 404}

// eccPerBlock and eccBlocks give, by error correction level (go-qr's Ecc
// value) and version, the error correction codewords per block and the
// number of blocks (ISO/IEC 18004 table 9).
var (
	eccPerBlock = [4][maxVersion + 1]int{
		goqr.Low:      {0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20},
		goqr.Medium:   {0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30},
		goqr.Quartile: {0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28},
		goqr.High:     {0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24},
	}
	eccBlocks = [4][maxVersion + 1]int{
		goqr.Low:      {0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4},
		goqr.Medium:   {0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5},
		goqr.Quartile: {0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8},
		goqr.High:     {0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11},
	}
)
