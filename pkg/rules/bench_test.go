package rules_test

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/rules"
)

func BenchmarkRun1k(b *testing.B)  { benchmarkRun(b, 1000) }
func BenchmarkRun10k(b *testing.B) { benchmarkRun(b, 10000) }

// benchmarkRun runs every rule of check over a generated book whose health
// is already assessed.
func benchmarkRun(b *testing.B, n int) {
	bookgentest.Short(b, n)
	bk, results := bookgentest.Assessed(b, n)
	b.ReportAllocs()
	for b.Loop() {
		rules.Run(bk, results, bookgentest.Today)
	}
}
