package stream

import (
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

// Results come back in index order whatever order the workers finish in,
// and no worker runs ahead of the window.
func TestInOrderOrderAndWindow(t *testing.T) {
	const workers, n = 4, 500
	var emitted, ahead atomic.Int64
	var next int
	InOrder(workers, n, func(i int) string { return "" }, func(i int, _ *[]byte) int {
		if d := int64(i) - emitted.Load(); d > ahead.Load() {
			ahead.Store(d)
		}
		time.Sleep(time.Duration(rand.IntN(50)) * time.Microsecond)
		return i
	}, func(i, r int) {
		if i != next || r != i {
			t.Fatalf("emitted %d (result %d), want %d", i, r, next)
		}
		next++
		emitted.Add(1)
	})
	if next != n {
		t.Fatalf("%d results emitted, want %d", next, n)
	}
	if max := int64(workers * WindowPerWorker); ahead.Load() > max {
		t.Fatalf("a worker started %d indices ahead of the last emitted, window is %d", ahead.Load(), max)
	}
}

// A worker's panic is raised in the caller, naming what it was doing.
func TestInOrderPanic(t *testing.T) {
	defer func() {
		if r, _ := recover().(string); r != "reading 7: boom" {
			t.Fatalf("recovered %q", r)
		}
	}()
	InOrder(3, 20, func(i int) string { return "7" }, func(i int, _ *[]byte) int {
		if i == 7 {
			panic("boom")
		}
		return i
	}, func(int, int) {})
	t.Fatal("no panic")
}
