// Package bookgentest gives tests and benchmarks of any package a generated
// book (see package bookgen) in a temporary folder, loaded or not, so that
// every scoring package can be benchmarked on the same 1k and 10k books.
package bookgentest

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/bookgen"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

// Seed is the seed of every book this package generates.
const Seed = 1

// Today is the date generated books are written as of; pass it as today to
// whatever scores them.
var Today = func() book.Date {
	d, err := book.ParseDate(bookgen.DefaultToday)
	if err != nil {
		panic(err)
	}
	return d
}()

// Dir generates a book of n clients into a new temporary folder of tb and
// returns the folder. It is removed when tb ends. In a benchmark, call it
// before b.Loop so that generating is not timed.
func Dir(tb testing.TB, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := bookgen.Generate(dir, n, Seed, Today); err != nil {
		tb.Fatalf("generate a book of %d clients: %v", n, err)
	}
	return dir
}

// Book generates a book of n clients and loads it, failing tb if the book
// cannot be loaded or has a finding of severity error.
func Book(tb testing.TB, n int) *book.Book {
	tb.Helper()
	b, err := load.Load(Dir(tb, n))
	if err != nil {
		tb.Fatalf("load the generated book: %v", err)
	}
	for _, f := range b.Findings {
		if f.Severity == finding.Error {
			tb.Fatalf("generated book has an error: %s:%d:%d: %s %s", f.Path, f.Line, f.Column, f.Rule, f.Message)
		}
	}
	return b
}

// Assessed generates and loads a book of n clients, as Book does, and
// assesses every client's health on Today: what the scoring packages start
// from. results[i] is the health of b.Clients[i].
func Assessed(tb testing.TB, n int) (b *book.Book, results []health.Result) {
	tb.Helper()
	b = Book(tb, n)
	results = make([]health.Result, len(b.Clients))
	for i, c := range b.Clients {
		results[i] = health.Assess(c, b.Settings, Today)
	}
	return b, results
}

// Short skips tb when n is large and the tests run with -short, so that
// `go test -short -bench .` stays quick.
func Short(tb testing.TB, n int) {
	tb.Helper()
	if n > 1000 && testing.Short() {
		tb.Skipf("a book of %d clients is skipped under -short", n)
	}
}
