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
	for _, text := range texts {
		want, err := goqr.EncodeText(text, goqr.Medium)
		got, gotErr := encode(text)
		if (err == nil) != (gotErr == nil) {
			t.Fatalf("%q: go-qr error %v, encode error %v", text, err, gotErr)
		}
		if err != nil {
			continue
		}
		if got.Size() != want.Size() {
			t.Fatalf("%q: size %d, go-qr %d", text, got.Size(), want.Size())
		}
		for y := range want.Size() {
			for x := range want.Size() {
				if got.Module(x, y) != want.Module(x, y) {
					t.Fatalf("%q (size %d): module (%d,%d) differs from go-qr's", text, want.Size(), x, y)
				}
			}
		}
		if _, ok := got.(*symbol); ok {
			fast++
			sizes[want.Size()] = true
			word := readFormat(want, want.Size())
			for e := range 4 {
				for m := range 8 {
					if formatWord(e, m) == word {
						masks[m]++
					}
				}
			}
		}
	}
	if fast < len(texts)/2 {
		t.Errorf("only %d of %d texts took the fast path", fast, len(texts))
	}
	if len(sizes) != 11 {
		t.Errorf("fast path saw %d sizes, want all 11 of versions 1-11", len(sizes))
	}
	if len(masks) != 8 {
		t.Errorf("masks chosen: %v; want all eight exercised", masks)
	}
	t.Logf("%d texts, %d on the fast path, masks chosen %v", len(texts), fast, masks)
}

// TestPenaltyMatchesGoQR compares penalty with a plain transcription of
// go-qr's getPenaltyScore on random symbols, many with finder-like runs of
// every width planted in them, near the edges too.
func TestPenaltyMatchesGoQR(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 20000 {
		size := 21 + 4*r.IntN(11)
		if i%5 == 0 {
			size = 7 + r.IntN(58) // any width up to 64, to stress the edges
		}
		grid := make([][]bool, size)
		density := r.Float64()
		for y := range grid {
			grid[y] = make([]bool, size)
			for x := range grid[y] {
				grid[y][x] = r.Float64() < density
			}
		}
		for range r.IntN(6) {
			plantFinder(r, grid)
		}
		s, st := &symbol{size: size, rows: make([]uint64, size)}, &symbol{size: size, rows: make([]uint64, size)}
		for y := range size {
			for x := range size {
				if grid[y][x] {
					s.rows[y] |= 1 << uint(x)
					st.rows[x] |= 1 << uint(y)
				}
			}
		}
		if got, want := penalty(s, st), referencePenalty(grid); got != want {
			t.Fatalf("size %d: penalty %d, go-qr's rules give %d\n%s", size, got, want, show(grid))
		}
	}
}

// plantFinder draws light-dark-light-dark³-light-dark-light runs of width n
// (with light margins of random width) across a row or a column.
func plantFinder(r *rand.Rand, grid [][]bool) {
	size := len(grid)
	n := 1 + r.IntN(max(1, size/7))
	pattern := []int{r.IntN(4*n + 2), n, n, 3 * n, n, n, r.IntN(4*n + 2)}
	at, line, vertical := r.IntN(size), r.IntN(size)-r.IntN(4*n+1), r.IntN(2) == 0
	dark := false
	for _, w := range pattern {
		for range w {
			if 0 <= line && line < size {
				if vertical {
					grid[line][at] = dark
				} else {
					grid[at][line] = dark
				}
			}
			line++
		}
		dark = !dark
	}
}

func show(grid [][]bool) string {
	var b strings.Builder
	for _, row := range grid {
		for _, c := range row {
			if c {
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// referencePenalty transcribes go-qr v1.1.0's getPenaltyScore (MIT License,
// Copyright (c) 2023 piglig), itself a port of Project Nayuki's QR Code
// generator, without its early exit.
func referencePenalty(grid [][]bool) int {
	size := len(grid)
	res, dark := 0, 0
	addHistory := func(run int, h *[7]int) {
		if h[0] == 0 {
			run += size
		}
		copy(h[1:], h[:6])
		h[0] = run
	}
	countPatterns := func(h *[7]int) int {
		n := h[1]
		core := n > 0 && h[2] == n && h[3] == n*3 && h[4] == n && h[5] == n
		c := 0
		if core && h[0] >= n*4 && h[6] >= n {
			c++
		}
		if core && h[6] >= n*4 && h[0] >= n {
			c++
		}
		return c
	}
	terminate := func(color bool, run int, h *[7]int) int {
		if color {
			addHistory(run, h)
			run = 0
		}
		addHistory(run+size, h)
		return countPatterns(h)
	}
	line := func(cell func(i int) bool) {
		color, run := false, 0
		var h [7]int
		for i := range size {
			c := cell(i)
			if c == color {
				run++
				if run == 5 {
					res += penaltyN1
				} else if run > 5 {
					res++
				}
			} else {
				addHistory(run, &h)
				if !color {
					res += countPatterns(&h) * penaltyN3
				}
				color, run = c, 1
			}
		}
		res += terminate(color, run, &h) * penaltyN3
	}
	for y := range size {
		line(func(x int) bool { return grid[y][x] })
		for x := range size {
			if grid[y][x] {
				dark++
			}
			if y+1 < size && x+1 < size {
				c := grid[y][x]
				if c == grid[y][x+1] && c == grid[y+1][x] && c == grid[y+1][x+1] {
					res += penaltyN2
				}
			}
		}
	}
	for x := range size {
		line(func(y int) bool { return grid[y][x] })
	}
	total := size * size
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return res + k*penaltyN4
}

// TestLayoutDataModules checks each version's function patterns against the
// number of data modules the standard gives it (ISO/IEC 18004 table 1).
func TestLayoutDataModules(t *testing.T) {
	want := [12]int{1: 208, 2: 359, 3: 567, 4: 807, 5: 1079, 6: 1383, 7: 1568, 8: 1936, 9: 2336, 10: 2768, 11: 3232}
	for v := 1; v <= 11; v++ {
		data := 0
		for _, row := range functionModules(v) {
			for _, fn := range row {
				if !fn {
					data++
				}
			}
		}
		if data != want[v] {
			t.Errorf("version %d: %d data modules, want %d", v, data, want[v])
		}
	}
}
