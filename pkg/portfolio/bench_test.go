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

func BenchmarkRankPacked1k(b *testing.B)  { benchmarkRankPacked(b, 1000) }
func BenchmarkRankPacked10k(b *testing.B) { benchmarkRankPacked(b, 10000) }

// benchmarkRankPacked is what the portfolio command does after reading:
// rank the packed entries and unpack each ranked entry once, as printing
// the table does. Measuring and packing are set up outside the loop.
func benchmarkRankPacked(b *testing.B, n int) {
	bookgentest.Short(b, n)
	bk, results := bookgentest.Assessed(b, n)
	var records [][]byte
	for _, r := range results {
		if r.Client.Status.Value == "active" {
			records = append(records, portfolio.Pack(portfolio.Measure(r, bk.Settings)))
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		p := portfolio.RankPacked(append([][]byte(nil), records...), bk.Settings, bookgentest.Today)
		for i := range p.Len() {
			_ = p.Entry(i)
		}
	}
}
