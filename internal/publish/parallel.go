package publish

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// parallel calls fn(0) to fn(n-1) on all cores and returns when all are
// done. The calls are handed out in order, one at a time as cores come
// free.
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// parallelLargestFirst is parallel with the calls handed out by size,
// largest first, so that a few large files (the print editions) do not
// leave one core working alone at the end.
func parallelLargestFirst(n int, size func(i int) int, fn func(i int)) {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return size(b) - size(a) })
	parallel(n, func(k int) { fn(order[k]) })
}
