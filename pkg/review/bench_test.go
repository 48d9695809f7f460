package review_test

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/review"
)

func BenchmarkAgendaFor1k(b *testing.B)  { benchmarkAgendaFor(b, 1000) }
func BenchmarkAgendaFor10k(b *testing.B) { benchmarkAgendaFor(b, 10000) }

// benchmarkAgendaFor builds the review agenda of every client of a
// generated book whose health is already assessed.
func benchmarkAgendaFor(b *testing.B, n int) {
	bookgentest.Short(b, n)
	bk, results := bookgentest.Assessed(b, n)
	b.ReportAllocs()
	for b.Loop() {
		for i, c := range bk.Clients {
			review.AgendaFor(c, bk.Settings, results[i])
		}
	}
}
