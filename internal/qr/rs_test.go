package qr

import (
	"math/rand/v2"
	"testing"
)

// TestRSRemainder checks the defining property of the error correction:
// data followed by its remainder is a multiple of the generator, so it
// vanishes at the generator's roots α⁰ … α^(d-1).
func TestRSRemainder(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for degree := 1; degree <= maxECCLen; degree++ {
		for range 50 {
			data := make([]byte, r.IntN(160))
			for i := range data {
				data[i] = byte(r.UintN(256))
			}
			ecc := make([]byte, degree)
			rsRemainder(data, ecc)
			codeword := append(append([]byte(nil), data...), ecc...)
			for i := range degree {
				if v := evalPoly(codeword, gfExp[i]); v != 0 {
					t.Fatalf("degree %d, %d data bytes: codeword at α^%d is %d, want 0", degree, len(data), i, v)
				}
			}
		}
	}
}

// evalPoly evaluates a polynomial, highest degree first, at x.
func evalPoly(poly []byte, x byte) byte {
	var v byte
	for _, c := range poly {
		v = gfMul(v, x) ^ c
	}
	return v
}
