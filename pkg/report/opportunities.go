package report

import (
	"slices"
	"strconv"

	"github.com/clientbook/clientbook/pkg/accept"
	"github.com/clientbook/clientbook/pkg/book"
)

// Opportunities is the new-work section (SPEC §5): every opportunity of
// the book with its decision and what stands in its way. The header's
// opportunity count links to it.
type Opportunities struct {
	Accept, Review, Decline int
	Items                   []OpportunityRow
}

// OpportunityRow is one opportunity as `accept` decides it.
type OpportunityRow struct {
	ID       string
	Path     string
	Summary  string // "" when the file has none
	For      string // the client's name, or the prospect's; "" when neither is named
	Service  string
	Score    string // "–" with no answered criterion
	Decision string
	Mark     string // the decision's shape: ✓ accept, ? review, ✕ decline
	Conflict bool
	Criteria []CriterionCell
	// Conditions (review) or reasons (decline), one sentence each; empty
	// for accept.
	Conditions []string
}

// CriterionCell is one criterion's value as accept shows it: "3 (team 4,
// auto 3)", or "–" when unanswered. Low marks a value of 3 or below, which
// keeps the work from accept.
type CriterionCell struct {
	Name  string
	Value string
	Low   bool
}

var decisionMarks = map[accept.Decision]string{accept.Accept: "✓", accept.Review: "?", accept.Decline: "✕"}

// opportunitiesOf arranges accept's results as the accept command orders
// them: accept, review, decline; then score, high first (none last); then
// id and path.
func opportunitiesOf(b *book.Book, results []accept.Result) Opportunities {
	rs := slices.Clone(results)
	slices.SortStableFunc(rs, accept.Compare)
	out := Opportunities{Items: []OpportunityRow{}}
	for _, r := range rs {
		row := OpportunityRow{
			ID: r.ID, Path: r.Path, Score: "–", Decision: string(r.Decision),
			Mark: decisionMarks[r.Decision], Conflict: r.HardConflict,
			Summary: deref(r.Summary), Service: deref(r.Service),
		}
		switch {
		case r.Client != nil:
			row.For = *r.Client
			if c := b.Client(book.ID(*r.Client)); c != nil {
				row.For = clientName(c)
			}
		case r.Prospect != nil:
			row.For = *r.Prospect + " (prospect)"
		}
		if r.Score != nil {
			row.Score = strconv.Itoa(*r.Score)
		}
		for _, name := range book.Criteria {
			c := r.Criteria.Get(name)
			cell := CriterionCell{Name: name, Value: "–", Low: true}
			if c.Answered() {
				cell.Value, cell.Low = c.String(), *c.Value <= 3
			}
			row.Criteria = append(row.Criteria, cell)
		}
		switch r.Decision {
		case accept.Accept:
			out.Accept++
		case accept.Review:
			out.Review++
			row.Conditions = r.Conditions
		default:
			out.Decline++
			row.Conditions = r.Reasons
		}
		out.Items = append(out.Items, row)
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
