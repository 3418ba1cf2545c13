package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryIndexOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	for _, n := range []int{0, 1, 3, 1000} {
		calls := make([]atomic.Int32, n)
		Each(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if got := calls[i].Load(); got != 1 {
				t.Fatalf("n=%d: fn(%d) was called %d times", n, i, got)
			}
		}
	}
}

func TestMapKeepsTheItemsOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	items := make([]int, 500)
	for i := range items {
		items[i] = i
	}
	got := Map(items, func(v int) int { return v * v })
	for i, v := range got {
		if v != i*i {
			t.Fatalf("Map(...)[%d] = %d, want %d", i, v, i*i)
		}
	}
}
