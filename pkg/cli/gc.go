package cli

import (
	"runtime/debug"
)

// The garbage collector's settings for reading a book client by client.
//
// Reading allocates about a hundred times what it keeps: every file's YAML
// tree and decoded documents die as soon as their client is reduced, and
// what lives on is the firm, the structural findings and each client's
// small record. With Go's default (GOGC=100, a collection each time the
// heap doubles) that small live heap means a collection every few
// megabytes, and about a quarter of the CPU goes to collecting. Letting the
// heap grow to gcPercent/100+1 times what is live cuts the collections by
// that factor; the memory limit, scaled to the book's number of clients
// (whose records are what grows with the book), keeps the heap within a
// fixed budget for the files in flight plus a small allowance per client,
// collecting more often only when a book's records come near it. The
// numbers are measured with `make bench-books` (see README, Performance).
const (
	gcPercent        = 300
	gcLimitBase      = 96 << 20 // files in flight, the firm, output buffers
	gcLimitPerClient = 1 << 10  // a client's reduced record and findings
)

// tuneGC sets the collector for reading a book of clients client folders
// and returns what puts the previous settings back. A user who set GOGC or
// GOMEMLIMIT keeps their own settings.
func (e *env) tuneGC(clients int) (restore func()) {
	if e.getenv("GOGC") != "" || e.getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	percent := debug.SetGCPercent(gcPercent)
	limit := debug.SetMemoryLimit(gcLimitBase + int64(clients)*gcLimitPerClient)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
