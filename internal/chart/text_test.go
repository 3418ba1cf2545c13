package chart

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The fast paths of text.go must agree exactly with the plain code they stand
// in for; these tests compare them on every input that matters, or on many.

func TestAppendNum(t *testing.T) {
	// What num was before appendNum took its place.
	want := func(x float64) string {
		s := strconv.FormatFloat(x, 'f', 2, 64)
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
		if s == "-0" {
			return "0"
		}
		return s
	}
	check := func(x float64) {
		t.Helper()
		if got := string(appendNum(nil, x)); got != want(x) {
			t.Fatalf("appendNum(%v) = %q, want %q", x, got, want(x))
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -1, 0.001, 0.0049, 0.005, 0.0051, -0.004, -0.005,
		0.125, 0.375, 2.675, 1.005, 99.995, 399.995, 1e13, 1e13 - 0.01, 9999999999999.99, 1e15, 1e300,
		5e-324, math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()} {
		check(x)
		check(math.Nextafter(x, math.Inf(1)))
		check(math.Nextafter(x, math.Inf(-1)))
	}
	// Exact halves of a hundredth are the odd eighths; their neighbours
	// are a hair off a half.
	for i := int64(-20000); i <= 20000; i++ {
		x := float64(2*i+1) / 8
		check(x)
		check(math.Nextafter(x, math.Inf(1)))
		check(math.Nextafter(x, math.Inf(-1)))
	}
	r := &corpusRand{state: 1}
	for range 100000 {
		check(float64(r.intn(40000000)) / float64(1+r.intn(100000))) // coordinates
		check(math.Float64frombits(r.next()))                        // any float64
		check(math.Ldexp(float64(r.next()>>11), r.intn(60)-65))      // 2⁻¹² to 2⁴⁷, every bit random
	}
}

func TestIsWide(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if isWide(r) != lookupWide(r) {
			t.Fatalf("isWide(%U) = %v, but its width is %v", r, isWide(r), lookupWide(r))
		}
	}
}

func TestIsCleanAndBlank(t *testing.T) {
	for r := rune(0x3001); r <= utf8.MaxRune; r++ {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			t.Fatalf("%U is white space or a control character; isClean takes none past U+3000 for one", r)
		}
	}
	r := &corpusRand{state: 7}
	for range 200000 {
		s := r.text(6)
		if isClean(s) && cleanText(s) != s {
			t.Fatalf("isClean(%q), yet cleanText changes it to %q", s, cleanText(s))
		}
		if isBlank(s) != (cleanText(s) == "") {
			t.Fatalf("isBlank(%q) = %v, yet cleanText gives %q", s, isBlank(s), cleanText(s))
		}
	}
	for _, s := range []string{"", "a", "社会团体", "a b", "RMB 1,622", "\uFFFD"} {
		if !isClean(s) {
			t.Errorf("isClean(%q) = false; it is clean", s)
		}
	}
}

func TestIsPlainPath(t *testing.T) {
	const alphabet = "aZ09/-._~:%?#@ \x00"
	r := &corpusRand{state: 11}
	for range 200000 {
		var b strings.Builder
		for range r.intn(8) {
			b.WriteByte(alphabet[r.intn(len(alphabet))])
		}
		if s := b.String(); isPlainPath(s) && !parsesSafe(s) {
			t.Fatalf("isPlainPath(%q), yet url.Parse refuses it", s)
		}
	}
	for _, s := range []string{"/zh/2019/figures.csv", "figures.csv", "../data/2019.csv", "/"} {
		if !isPlainPath(s) {
			t.Errorf("isPlainPath(%q) = false", s)
		}
	}
}
