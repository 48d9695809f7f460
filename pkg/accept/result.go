package accept

import "cmp"

// Decision is the outcome of SPEC §5 for one opportunity.
type Decision string

// The three decisions, in the order tables list them.
const (
	Accept  Decision = "accept"
	Review  Decision = "review"
	Decline Decision = "decline"
)

// Rank orders decisions as tables list them: accept, review, decline.
func (d Decision) Rank() int {
	switch d {
	case Accept:
		return 0
	case Review:
		return 1
	default:
		return 2
	}
}

// Compare is the one order of results, which `accept` and the report
// list them in: by decision (accept, review, decline), then score high
// first with no score last, then id, then path.
func Compare(a, b Result) int {
	if c := cmp.Compare(a.Decision.Rank(), b.Decision.Rank()); c != 0 {
		return c
	}
	switch {
	case a.Score == nil && b.Score != nil:
		return 1
	case a.Score != nil && b.Score == nil:
		return -1
	case a.Score != nil && b.Score != nil && *a.Score != *b.Score:
		return cmp.Compare(*b.Score, *a.Score)
	}
	return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Path, b.Path))
}

// Criterion is one of the six criteria for one opportunity: the team's
// rating, the automatic value, and the value that counts (the lower of the
// two when both exist). A nil Value means the criterion is unanswered and
// left out of the score.
type Criterion struct {
	Rating *int   `json:"rating"`
	Auto   *int   `json:"auto"`
	Value  *int   `json:"value"`
	Reason string `json:"reason"`
	// Note is the team's note on the criterion from the opportunity's
	// notes, when there is one.
	Note *string `json:"note"`
}

// Answered reports whether the criterion has a value.
func (c *Criterion) Answered() bool { return c.Value != nil }

// Criteria holds the six criteria. It is a struct, not a map, so that JSON
// and YAML list them in the spec's order.
type Criteria struct {
	Fit        Criterion `json:"fit"`
	Issue      Criterion `json:"issue"`
	Impact     Criterion `json:"impact"`
	Sponsor    Criterion `json:"sponsor"`
	Relational Criterion `json:"relational"`
	Other      Criterion `json:"other"`
}

// Get returns the criterion of the given name (one of book.Criteria), nil
// for an unknown name.
func (c *Criteria) Get(name string) *Criterion {
	switch name {
	case "fit":
		return &c.Fit
	case "issue":
		return &c.Issue
	case "impact":
		return &c.Impact
	case "sponsor":
		return &c.Sponsor
	case "relational":
		return &c.Relational
	case "other":
		return &c.Other
	}
	return nil
}

// Conflict is one reason the work would stop us serving someone else.
type Conflict struct {
	// Client is the conflicting client's id when it is in the book, else
	// the name as the file wrote it.
	Client string `json:"client"`
	// Source is "conflicts" (listed in the opportunity's conflicts) or
	// "exclusive" (an active exclusive client names the prospect among its
	// competitors).
	Source string `json:"source"`
	Reason string `json:"reason"`
}

// Result is SPEC §5 for one opportunity; its JSON is one element of
// `accept -o json`.
type Result struct {
	ID string `json:"id"`
	// Path is the opportunity's file, relative to the book root.
	Path string `json:"path"`
	// Client is the existing client the work is for, as the file names it;
	// Prospect is the prospect's name. One of them is usually null.
	Client   *string `json:"client"`
	Prospect *string `json:"prospect"`
	Service  *string `json:"service"`
	Summary  *string `json:"summary"`

	Score        *int     `json:"score"`
	Decision     Decision `json:"decision"`
	HardConflict bool     `json:"hard_conflict"`
	Criteria     Criteria `json:"criteria"`
	// Conditions are what to resolve before the work can be accepted, one
	// sentence each; set only for a review.
	Conditions []string `json:"conditions"`
	// Open names what the conditions are about, in the same order: a
	// criterion's name, or "score" when the only thing short of accept is
	// the score itself.
	Open []string `json:"open"`
	// Reasons say why the work is declined; set only for a decline.
	Reasons   []string   `json:"reasons"`
	Conflicts []Conflict `json:"conflicts"`
}
