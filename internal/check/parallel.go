package check

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// onAllCores returns fn of every item, in the items' order, computed on
// all cores: the checks read every built page and every Markdown file, each
// on its own. The items are handed out in order as cores come free. fn must
// not change what other calls read.
func onAllCores[T, R any](items []T, fn func(T) R) []R {
	out := make([]R, len(items))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(items)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(items); i = int(next.Add(1) - 1) {
				out[i] = fn(items[i])
			}
		})
	}
	wg.Wait()
	return out
}
