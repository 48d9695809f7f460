package health_test

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/health"
)

func BenchmarkAssess1k(b *testing.B)  { benchmarkAssess(b, 1000) }
func BenchmarkAssess10k(b *testing.B) { benchmarkAssess(b, 10000) }

// benchmarkAssess scores every client of a generated book, as health,
// portfolio, check and due all do before anything else.
func benchmarkAssess(b *testing.B, n int) {
	bookgentest.Short(b, n)
	bk := bookgentest.Book(b, n)
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range bk.Clients {
			health.Assess(c, bk.Settings, bookgentest.Today)
		}
	}
}
