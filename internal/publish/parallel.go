package publish

import (
	"slices"

	"github.com/xmca/almanac/internal/parallel"
)

// parallelLargestFirst is parallel.Each with the calls handed out by size,
// largest first, so that a few large files (the print editions) do not
// leave one core working alone at the end.
func parallelLargestFirst(n int, size func(i int) int, fn func(i int)) {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return size(b) - size(a) })
	parallel.Each(n, func(k int) { fn(order[k]) })
}
