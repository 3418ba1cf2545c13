package qr

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

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
		rows, cols := make([]uint64, size), make([]uint64, size)
		for y := range size {
			for x := range size {
				if grid[y][x] {
					rows[y] |= 1 << x
					cols[x] |= 1 << y
				}
			}
		}
		want := referencePenalty(grid)
		if got := penalty(rows, cols, math.MaxInt); got != want {
			t.Fatalf("size %d: penalty %d, go-qr's rules give %d\n%s", size, got, want, show(grid))
		}
		// With a bound, penalty may stop early, but only once it is sure
		// to reach the bound.
		bound := want - 50 + r.IntN(100)
		if got := penalty(rows, cols, bound); got != want && (got < bound || want < bound) {
			t.Fatalf("size %d: penalty with bound %d gives %d, want %d or a score ≥ the bound", size, bound, got, want)
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
