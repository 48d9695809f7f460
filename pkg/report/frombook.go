package report

import (
	"slices"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/due"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/portfolio"
	"github.com/clientbook/clientbook/pkg/rules"
)

// FromBook computes what the report shows from a loaded book, each result
// once and as the health, portfolio, due and check commands compute it,
// and arranges them (Build). It is the one wiring of the report, shared by
// `clientbook report` and the tests. within is how far ahead of today the
// due list looks.
func FromBook(b *book.Book, today book.Date, within book.Duration) Model {
	results := health.AssessBook(b, today)
	findings := append(slices.Clip(b.Findings), rules.Run(b, results, today)...)
	finding.Sort(findings)
	return Build(Input{
		Book:      b,
		Today:     today,
		Portfolio: portfolio.Rank(b, results, today),
		Health:    results,
		Due:       due.List(b, results, today, due.Options{Within: within}),
		DueWithin: within,
		Findings:  findings,
	})
}
