package qr

import "sync"

// Reed–Solomon error correction over GF(2⁸) with the QR Code field
// polynomial x⁸+x⁴+x³+x²+1 (0x11D) and generator α = 2 (ISO/IEC 18004 7.5.2).

// gfExp[i] is αⁱ, twice over so that adding two logarithms needs no
// reduction mod 255; gfLog inverts it (gfLog[0] is unused).
var gfExp, gfLog = fieldTables()

func fieldTables() (exp [510]byte, log [256]byte) {
	x := 1
	for i := range 255 {
		exp[i], exp[i+255] = byte(x), byte(x)
		log[x] = byte(i)
		x <<= 1
		if x > 0xFF {
			x ^= 0x11D
		}
	}
	return exp, log
}

func gfMul(a, b byte) byte {
	if a == 0 || b == 0 {
		return 0
	}
	return gfExp[int(gfLog[a])+int(gfLog[b])]
}

// maxECCLen is the most error correction codewords a block has, in any
// version; a remainder of that many bytes fits in four words.
const maxECCLen = 30

// generator returns the generator polynomial of a degree, ∏(x − αⁱ) for
// i < degree, without its leading 1: the coefficients from the highest
// degree down, computed as go-qr computes them.
func generator(degree int) []byte {
	poly := make([]byte, degree)
	poly[degree-1] = 1
	root := byte(1)
	for range degree {
		for j := range poly {
			poly[j] = gfMul(poly[j], root)
			if j+1 < len(poly) {
				poly[j] ^= poly[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	return poly
}

// remainder is a Reed–Solomon remainder of up to 32 bytes, big-endian in
// four words: byte i is bits 63-8(i%8) down of word i/8.
type remainder [4]uint64

// rsTable[f] is f times a generator, as a remainder. It turns the division
// into a shift and an XOR of four words per data byte.
type rsTable [256]remainder

// rsTables are built once per degree, on first use, and only read after.
var rsTables [maxECCLen + 1]func() *rsTable

func init() {
	for d := 1; d <= maxECCLen; d++ {
		rsTables[d] = sync.OnceValue(func() *rsTable { return newRSTable(d) })
	}
}

func newRSTable(degree int) *rsTable {
	gen := generator(degree)
	t := new(rsTable)
	for f := range 256 {
		for i, g := range gen {
			t[f][i/8] |= uint64(gfMul(g, byte(f))) << (56 - 8*(i%8))
		}
	}
	return t
}

// rsRemainder sets ecc to the error correction codewords of data: the
// remainder of data·x^len(ecc) divided by the generator of that degree.
func rsRemainder(data, ecc []byte) {
	table := rsTables[len(ecc)]()
	var r remainder
	for _, b := range data {
		// Shift the remainder a byte, out goes its first, and subtract
		// (XOR) the generator times that byte plus the data byte.
		f := b ^ byte(r[0]>>56)
		t := &table[f]
		r = remainder{
			(r[0]<<8 | r[1]>>56) ^ t[0],
			(r[1]<<8 | r[2]>>56) ^ t[1],
			(r[2]<<8 | r[3]>>56) ^ t[2],
			r[3]<<8 ^ t[3],
		}
	}
	for i := range ecc {
		ecc[i] = byte(r[i/8] >> (56 - 8*(i%8)))
	}
}
