package report

import (
	"slices"

	"github.com/clientbook/clientbook/pkg/accept"
	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/due"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/portfolio"
	"github.com/clientbook/clientbook/pkg/relmap"
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
	opps := make([]accept.Result, 0, len(b.Opportunities))
	for _, o := range b.Opportunities {
		opps = append(opps, accept.Evaluate(b, o))
	}
	s := b.Settings
	if s == nil {
		s = book.SettingsOf(b.Firm)
	}
	var maps []relmap.Map
	for _, c := range b.Clients {
		if c.Tier.Set && c.Tier.Value == "key" {
			maps = append(maps, relmap.Of(c, s))
		}
	}
	return Build(Input{
		Book:      b,
		Today:     today,
		Portfolio: portfolio.Rank(b, results, today),
		Health:    results,
		Due:       due.List(b, results, today, due.Options{Within: within}),
		DueWithin: within,
		Findings:  findings,

		Opportunities: opps,
		Maps:          maps,
	})
}
