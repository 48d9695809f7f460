package report

import (
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/history"
)

// Since is the "since" section (`report --since 30d`): what changed from
// an earlier state of the book to this one, as `clientbook diff` shows it.
type Since struct {
	From, To      string // "30d (2026-10-24)", "today (2026-11-23)"
	Clients       []SinceClient
	Opportunities []SinceOpportunity
	Added         []FindingRow
	Resolved      []FindingRow
}

// SinceClient is one client that changed; Alarming marks a band that
// dropped or a new exit or recover, listed first.
type SinceClient struct {
	ID       string
	Change   string
	Alarming bool
	history.Shown
}

// SinceOpportunity is one opportunity added, removed or whose decision
// changed.
type SinceOpportunity struct {
	ID, Change, Decision string
}

// SinceOf arranges the changes ch from the state named from to the one
// named to.
func SinceOf(from, to string, ch history.Changes) *Since {
	s := &Since{From: from, To: to}
	for _, c := range history.ByImportance(ch.Clients) {
		s.Clients = append(s.Clients, SinceClient{ID: c.ID, Change: c.Change, Alarming: history.Alarming(c), Shown: history.ShownOf(c)})
	}
	for _, o := range ch.Opportunities {
		s.Opportunities = append(s.Opportunities, SinceOpportunity{o.ID, o.Change, history.DecisionShown(o)})
	}
	s.Added = findingRows(ch.Added)
	s.Resolved = findingRows(ch.Resolved)
	return s
}

// Empty reports whether nothing changed.
func (s *Since) Empty() bool {
	return len(s.Clients) == 0 && len(s.Opportunities) == 0 && len(s.Added) == 0 && len(s.Resolved) == 0
}

func findingRows(fs []finding.Finding) []FindingRow {
	var out []FindingRow
	for _, f := range fs {
		out = append(out, FindingRow{Severity: f.Severity.String(), Rule: f.Rule, Summary: finding.MustLookup(f.Rule).Summary,
			Location: f.Location(), Message: f.Message})
	}
	return out
}
