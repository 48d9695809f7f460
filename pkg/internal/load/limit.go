package load

import "sync"

// parseBudget bounds the bytes of YAML being parsed and decoded at once,
// across every reader of the process. A node tree costs up to ~170 times
// its file's size (a 1 MiB file of short keys: 175,000 nodes and the maps
// that check them), so eight readers each on a 1 MiB file peaked at 1.3
// GiB. With the budget, files of a usual book (a few KiB each) never wait,
// and at most one file of the largest size is in the parser at a time:
// the heap's peak depends on the limit of a file's size, not on the number
// of readers or what the files hold. It is one for the process, not one
// per Stream, because memory is.
var parseBudget = newBudget(MaxFileSize + 1)

// budget is a counting semaphore over bytes.
type budget struct {
	mu    sync.Mutex
	freed *sync.Cond
	size  int
	used  int
}

func newBudget(size int) *budget {
	b := &budget{size: size}
	b.freed = sync.NewCond(&b.mu)
	return b
}

// acquire waits until n bytes (at most the whole budget) are free, takes
// them and returns how many it took, for release.
func (b *budget) acquire(n int) int {
	n = min(max(n, 1), b.size)
	b.mu.Lock()
	for b.used+n > b.size {
		b.freed.Wait()
	}
	b.used += n
	b.mu.Unlock()
	return n
}

// release gives back what acquire took.
func (b *budget) release(n int) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	b.freed.Broadcast()
}
