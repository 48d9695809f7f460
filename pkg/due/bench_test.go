package due_test

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/due"
	"github.com/clientbook/clientbook/pkg/health"
)

func BenchmarkList1k(b *testing.B)  { benchmarkList(b, 1000) }
func BenchmarkList10k(b *testing.B) { benchmarkList(b, 10000) }

// benchmarkList builds the morning list of a generated book whose health is
// already assessed, with the command's default window of 14 days.
func benchmarkList(b *testing.B, n int) {
	bookgentest.Short(b, n)
	bk := bookgentest.Book(b, n)
	results := make([]health.Result, len(bk.Clients))
	for i, c := range bk.Clients {
		results[i] = health.Assess(c, bk.Settings, bookgentest.Today)
	}
	b.ReportAllocs()
	for b.Loop() {
		due.List(bk, results, bookgentest.Today, due.Options{Within: 14})
	}
}
