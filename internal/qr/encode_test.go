package qr

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	goqr "github.com/piglig/go-qr"
)

// TestEncodeMatchesGoQR checks that encode returns, module for module, the
// code go-qr's own mask selection gives, on thousands of texts of every
// length the fast path takes (and a few it leaves to go-qr), and that every
// one of the eight masks gets chosen along the way.
func TestEncodeMatchesGoQR(t *testing.T) {
	var texts []string
	for _, base := range []string{"https://mzj.xm.gov.cn/report/", "http://localhost:8000/", "https://example.org/a/b/c/"} {
		for _, lang := range []string{"zh", "en", "zh-hant"} {
			for year := 2015; year <= 2030; year++ {
				texts = append(texts, fmt.Sprintf("%s%s/%d/", base, lang, year))
				for i := range 40 {
					texts = append(texts, fmt.Sprintf("%s%s/%d/%04d-section-%d/", base, lang, year, i+1, i))
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabets := []string{
		"0123456789", // numeric mode
		"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:", // alphanumeric mode
		"abcdefghijklmnopqrstuvwxyz0123456789-_/.:?#=&%",
		"厦门市民政局年度报告社会组织abc",
	}
	for range 3000 {
		a := []rune(alphabets[r.IntN(len(alphabets))])
		n := 1 + r.IntN(300)
		var b strings.Builder
		for range n {
			b.WriteRune(a[r.IntN(len(a))])
		}
		texts = append(texts, b.String())
	}

	masks := map[int]int{} // mask → how often chosen
	fast, sizes := 0, map[int]bool{}
	var e encoder
	for _, text := range texts {
		want, err := goqr.EncodeText(text, goqr.Medium)
		got, gotErr := e.encode(text)
		if (err == nil) != (gotErr == nil) {
			t.Fatalf("%q: go-qr error %v, encode error %v", text, err, gotErr)
		}
		if err != nil {
			continue
		}
		if got.size != want.Size() {
			t.Fatalf("%q: size %d, go-qr %d", text, got.size, want.Size())
		}
		for y := range want.Size() {
			for x := range want.Size() {
				if got.dark(x, y) != want.Module(x, y) {
					t.Fatalf("%q (size %d): module (%d,%d) differs from go-qr's", text, want.Size(), x, y)
				}
			}
		}
		if want.Size() <= 4*maxVersion+17 {
			fast++
			sizes[want.Size()] = true
			word := readFormat(want)
			for ecl := range 4 {
				for m := range 8 {
					if formatWord(goqr.Ecc(ecl), m) == word {
						masks[m]++
					}
				}
			}
		}
	}
	if fast < len(texts)/2 {
		t.Errorf("only %d of %d texts took the fast path", fast, len(texts))
	}
	if len(sizes) != maxVersion {
		t.Errorf("fast path saw %d sizes, want all %d of versions 1-%d", len(sizes), maxVersion, maxVersion)
	}
	if len(masks) != 8 {
		t.Errorf("masks chosen: %v; want all eight exercised", masks)
	}
	t.Logf("%d texts, %d on the fast path, masks chosen %v", len(texts), fast, masks)
}

func (m bitmap) dark(x, y int) bool { return m.row(y)[x/64]>>(x%64)&1 != 0 }

// readFormat reads the format word from a code, from both its copies,
// which agree.
func readFormat(code *goqr.QrCode) int {
	word := 0
	formatCells(code.Size(), func(i, x, y int) {
		if code.Module(x, y) {
			word |= 1 << i
		}
	})
	return word
}

// TestCodewordTables checks the codeword tables against ISO/IEC 18004:
// each layout places totalCodewords (table 1), and the error correction
// tables leave the data codewords of table 7.
func TestCodewordTables(t *testing.T) {
	want := [4][maxVersion + 1]int{
		goqr.Low:      {0, 19, 34, 55, 80, 108, 136, 156, 194, 232, 274, 324},
		goqr.Medium:   {0, 16, 28, 44, 64, 86, 108, 124, 154, 182, 216, 254},
		goqr.Quartile: {0, 13, 22, 34, 48, 62, 76, 88, 110, 132, 154, 180},
		goqr.High:     {0, 9, 16, 26, 36, 46, 60, 66, 86, 100, 122, 140},
	}
	for v := 1; v <= maxVersion; v++ {
		if got := len(layoutOf(v).order) / 8; got != totalCodewords[v] {
			t.Errorf("version %d: layout places %d codewords, table says %d", v, got, totalCodewords[v])
		}
		for ecl := range goqr.Ecc(4) {
			if got := dataCodewords(v, ecl); got != want[ecl][v] {
				t.Errorf("version %d, level %d: %d data codewords, want %d", v, ecl, got, want[ecl][v])
			}
		}
	}
}

// TestLayoutDataModules checks each version's function patterns against the
// number of data modules the standard gives it (ISO/IEC 18004 table 1).
func TestLayoutDataModules(t *testing.T) {
	want := [12]int{1: 208, 2: 359, 3: 567, 4: 807, 5: 1079, 6: 1383, 7: 1568, 8: 1936, 9: 2336, 10: 2768, 11: 3232}
	for v := 1; v <= maxVersion; v++ {
		if data := len(layoutOf(v).order); data != want[v] {
			t.Errorf("version %d: %d data modules, want %d", v, data, want[v])
		}
	}
}
