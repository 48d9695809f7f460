package cli

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// The garbage collector's settings for reading a book client by client.
//
// Reading allocates about a hundred times what it keeps: every file's YAML
// tree and decoded documents die as soon as their client is reduced; what
// lives on is the firm, the structural findings and each client's small
// record (its portfolio entry, its findings, its due items). With Go's
// default, GOGC=100, the heap may grow to twice what is live before the
// next collection: on a small live heap that is a collection every few
// megabytes and a quarter of the CPU spent collecting; on a large one
// (the records of 100,000 clients) twice the memory that is needed.
//
// So the program sets GOGC after each collection from the live heap it
// left: the heap may grow by gcHeadroom beyond what is live, a fixed
// allowance for the files in flight, whatever the size of the book — a
// percentage proportional to headroom ÷ live, kept within
// [gcMinPercent, gcMaxPercent] so that a tiny live heap does not make the
// heap balloon and a large one does not make the collector run without
// pause. Memory is then the records plus a constant, and collections run
// about once per gcHeadroom allocated. The numbers are measured with
// `make bench-books` (see README, Performance).
const (
	gcHeadroom   = 64 << 20
	gcMinPercent = 50
	gcMaxPercent = 400
)

// tuneGC starts tuning the collector for the rest of the command; Main
// puts the previous setting back. A user who set GOGC or GOMEMLIMIT keeps
// their own settings.
func (e *env) tuneGC() {
	if e.getenv("GOGC") != "" || e.getenv("GOMEMLIMIT") != "" || e.restoreGC != nil {
		return
	}
	t := &gcTuner{}
	previous := debug.SetGCPercent(gcMaxPercent)
	t.arm()
	e.restoreGC = func() {
		t.mu.Lock()
		t.stopped = true
		t.mu.Unlock()
		debug.SetGCPercent(previous)
	}
}

// gcTuner re-sets GOGC after every collection. It learns that a
// collection ran from a sentinel's finalizer, which the runtime runs
// after the collection that found the sentinel unreachable; each run arms
// a new sentinel for the next collection.
type gcTuner struct {
	mu      sync.Mutex
	stopped bool
}

func (t *gcTuner) arm() {
	sentinel := new([16]byte)
	runtime.SetFinalizer(sentinel, func(*[16]byte) { t.adjust() })
}

var liveHeap = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

func (t *gcTuner) adjust() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.stopped {
		return
	}
	metrics.Read(liveHeap)
	if liveHeap[0].Value.Kind() == metrics.KindUint64 {
		debug.SetGCPercent(gcPercentFor(liveHeap[0].Value.Uint64()))
	}
	t.arm()
}

// gcPercentFor is the GOGC that lets a heap with live bytes live grow by
// gcHeadroom, within [gcMinPercent, gcMaxPercent].
func gcPercentFor(live uint64) int {
	if live == 0 {
		return gcMaxPercent
	}
	return int(min(max(uint64(gcHeadroom)*100/live, gcMinPercent), gcMaxPercent))
}
