package accept_test

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/accept"
	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
)

func BenchmarkEvaluate1k(b *testing.B)  { benchmarkEvaluate(b, 1000) }
func BenchmarkEvaluate10k(b *testing.B) { benchmarkEvaluate(b, 10000) }

// benchmarkEvaluate decides every opportunity of a generated book, as
// `accept --all` does.
func benchmarkEvaluate(b *testing.B, n int) {
	bookgentest.Short(b, n)
	bk := bookgentest.Book(b, n)
	if len(bk.Opportunities) == 0 {
		b.Fatal("the generated book has no opportunity")
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, o := range bk.Opportunities {
			accept.Evaluate(bk, o)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(bk.Opportunities)), "ns/opportunity")
}
