package due_test

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/due"
)

func BenchmarkList1k(b *testing.B)  { benchmarkList(b, 1000) }
func BenchmarkList10k(b *testing.B) { benchmarkList(b, 10000) }

// benchmarkList builds the morning list of a generated book whose health is
// already assessed, with the command's default window of 14 days.
func benchmarkList(b *testing.B, n int) {
	bookgentest.Short(b, n)
	bk, results := bookgentest.Assessed(b, n)
	b.ReportAllocs()
	for b.Loop() {
		due.List(bk, results, bookgentest.Today, due.Options{Within: 14})
	}
}
