package portfolio_test

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/portfolio"
)

func BenchmarkRank1k(b *testing.B)  { benchmarkRank(b, 1000) }
func BenchmarkRank10k(b *testing.B) { benchmarkRank(b, 10000) }

// benchmarkRank measures and ranks every active client of a generated
// book whose health is already assessed, as the portfolio command does.
func benchmarkRank(b *testing.B, n int) {
	bookgentest.Short(b, n)
	bk, results := bookgentest.Assessed(b, n)
	b.ReportAllocs()
	for b.Loop() {
		p := portfolio.Rank(bk, results, bookgentest.Today)
		if len(p.Entries) == 0 {
			b.Fatal("no active client ranked")
		}
	}
}
