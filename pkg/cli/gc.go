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
// about once per gcHeadroom allocated.
//
// GOGC bounds the heap, not the memory the process holds: freed pages go
// back to the system only slowly, so the peak RSS ran some 60 MiB above
// the heap goal. So a soft memory limit is set too, scaled to the book:
// gcLimitFloor, or the live heap times gcLimitFactor once that is more.
// While the records are small the limit is far off and changes nothing;
// as they grow (the packed findings of 100,000 clients are some 100 MB)
// it makes the collector run a little sooner and return freed pages to
// the system, which keeps the peak near the limit. Scaling it with the
// live heap keeps it from ever starving a larger book: the heap may always
// grow by a third of what is live. The numbers are measured with
// `make bench-books` (see README, Performance).
const (
	gcHeadroom    = 64 << 20
	gcMinPercent  = 50
	gcMaxPercent  = 400
	gcLimitFloor  = 128 << 20
	gcLimitFactor = 1.35
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
	previousLimit := debug.SetMemoryLimit(gcLimitFloor)
	t.arm()
	e.restoreGC = func() {
		t.mu.Lock()
		t.stopped = true
		t.mu.Unlock()
		debug.SetGCPercent(previous)
		debug.SetMemoryLimit(previousLimit)
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
		live := liveHeap[0].Value.Uint64()
		debug.SetGCPercent(gcPercentFor(live))
		debug.SetMemoryLimit(gcLimitFor(live))
	}
	t.arm()
}

// gcLimitFor is the soft memory limit for a heap with live bytes live:
// gcLimitFloor, or live × gcLimitFactor when that is more.
func gcLimitFor(live uint64) int64 {
	return max(gcLimitFloor, int64(float64(live)*gcLimitFactor))
}

// gcPercentFor is the GOGC that lets a heap with live bytes live grow by
// gcHeadroom, within [gcMinPercent, gcMaxPercent].
func gcPercentFor(live uint64) int {
	if live == 0 {
		return gcMaxPercent
	}
	return int(min(max(uint64(gcHeadroom)*100/live, gcMinPercent), gcMaxPercent))
}
