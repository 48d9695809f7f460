// Package stream owns the worker pool that reads a large book: a fixed
// number of workers take indices 0..n-1, and their results come back to
// the caller's goroutine in index order through a bounded reorder window,
// so that output never depends on which worker finished first and what is
// pending at once stays small whatever n is. A panic in a worker (a bug)
// is raised again in the caller's goroutine, naming what was being done.
// It knows nothing of books, files or findings.
package stream
