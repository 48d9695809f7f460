package stream

import (
	"fmt"
	"sync"
)

// WindowPerWorker is how many indices the reorder window holds per
// worker: enough that a worker rarely waits for a slow folder ahead of it
// to be handed on, few enough that what is pending stays small.
const WindowPerWorker = 4

// InOrder calls do for 0..n-1 on a pool of workers, each with its own
// scratch buffer, and emit with each result in index order, from the
// caller's goroutine. Workers finish in any order; a result waits in a
// window of WindowPerWorker slots per worker until those before it are
// emitted, and no worker starts an index beyond the window. A panic in a
// worker (a bug) is carried back and raised again here, in the caller's
// goroutine, where the program's recover turns it into exit code 3
// instead of a crash with a stack trace of every goroutine; name(i) says
// what was being read.
func InOrder[R any](workers, n int, name func(i int) string, do func(i int, buf *[]byte) R, emit func(i int, r R)) {
	if n == 0 {
		return
	}
	workers = max(1, min(workers, n))
	size := workers * WindowPerWorker
	type slot struct {
		r        R
		panicked any
	}
	window := make([]slot, size)
	ready := make([]chan struct{}, size)
	for i := range ready {
		ready[i] = make(chan struct{}, 1)
	}
	free := make(chan struct{}, size)
	for range size {
		free <- struct{}{}
	}
	next := make(chan int)
	go func() {
		for i := range n {
			<-free
			next <- i
		}
		close(next)
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var buf []byte
			for i := range next {
				s := &window[i%size]
				func() {
					defer func() {
						if r := recover(); r != nil {
							s.panicked = fmt.Sprintf("reading %s: %v", name(i), r)
						}
					}()
					s.r = do(i, &buf)
				}()
				ready[i%size] <- struct{}{}
			}
		})
	}
	var panicked any
	for i := range n {
		<-ready[i%size]
		s := window[i%size]
		window[i%size] = slot{}
		free <- struct{}{}
		if panicked == nil && s.panicked != nil {
			panicked = s.panicked
		}
		if panicked == nil {
			emit(i, s.r)
		}
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}

// Run calls do for 0..n-1 on a pool of workers, in any order; a panic is
// raised again as InOrder raises it.
func Run(workers, n int, name func(i int) string, do func(i int, buf *[]byte)) {
	InOrder(workers, n, name, func(i int, buf *[]byte) struct{} { do(i, buf); return struct{}{} }, func(int, struct{}) {})
}
