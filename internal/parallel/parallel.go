// Package parallel runs independent pieces of work on all cores. A build
// does the same thing to many files at several stages (reading the
// Markdown, converting it, checking and writing the pages), and each stage
// hands its files out the same way.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn(0) to fn(n-1) on all cores and returns when all are done.
// The calls are handed out in order, one at a time as cores come free.
func Each(n int, fn func(i int)) {
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

// Map returns fn of every item, in the items' order, computed on all
// cores.
func Map[T, R any](items []T, fn func(T) R) []R {
	out := make([]R, len(items))
	Each(len(items), func(i int) { out[i] = fn(items[i]) })
	return out
}
