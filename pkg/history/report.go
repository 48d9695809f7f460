package history

import (
	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/portfolio"
)

// Side names one state in `diff -o json`: the argument as given (null for
// the working tree) and the day it was evaluated on.
type Side struct {
	Rev  *string   `json:"rev"`
	Date book.Date `json:"date"`
}

// Report is `diff -o json` (SPEC §10).
type Report struct {
	From          Side             `json:"from"`
	To            Side             `json:"to"`
	Clients       []ClientRow      `json:"clients"`
	Opportunities []OpportunityRow `json:"opportunities"`
	Findings      FindingsRow      `json:"findings"`
}

// ClientRow is one client's change: each value [from, to], null on the
// side where the client is absent (and action and revenue for a client
// that is not active).
type ClientRow struct {
	ID       string                    `json:"id"`
	Change   string                    `json:"change"`
	Score    [2]*int                   `json:"score"`
	Band     [2]*string                `json:"band"`
	Quadrant [2]*string                `json:"quadrant"`
	Action   [2]*string                `json:"action"`
	Revenue  [2]*portfolio.MoneyNumber `json:"revenue"`
}

// OpportunityRow is one opportunity's change: its decision [from, to].
type OpportunityRow struct {
	ID       string     `json:"id"`
	Change   string     `json:"change"`
	Decision [2]*string `json:"decision"`
}

// FindingsRow is the findings added and resolved, as `check -o json`
// writes each.
type FindingsRow struct {
	Added    []finding.JSON `json:"added"`
	Resolved []finding.JSON `json:"resolved"`
}

// ReportOf is the JSON of ch between the sides from and to.
func ReportOf(from, to Side, ch Changes) Report {
	r := Report{From: from, To: to, Clients: []ClientRow{}, Opportunities: []OpportunityRow{},
		Findings: FindingsRow{Added: []finding.JSON{}, Resolved: []finding.JSON{}}}
	for _, c := range ch.Clients {
		row := ClientRow{ID: c.ID, Change: c.Change}
		for i, side := range []*Client{c.From, c.To} {
			if side == nil {
				continue
			}
			band := side.Band
			row.Score[i], row.Band[i], row.Quadrant[i] = side.Score, &band, side.Quadrant
			row.Action[i], row.Revenue[i] = side.Action, portfolio.MoneyOf(side.Revenue)
		}
		r.Clients = append(r.Clients, row)
	}
	for _, o := range ch.Opportunities {
		row := OpportunityRow{ID: o.ID, Change: o.Change}
		for i, d := range []string{o.From, o.To} {
			if d != "" {
				row.Decision[i] = &d
			}
		}
		r.Opportunities = append(r.Opportunities, row)
	}
	for _, f := range ch.Added {
		r.Findings.Added = append(r.Findings.Added, finding.JSONOf(f))
	}
	for _, f := range ch.Resolved {
		r.Findings.Resolved = append(r.Findings.Resolved, finding.JSONOf(f))
	}
	return r
}
