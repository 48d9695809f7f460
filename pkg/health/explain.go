package health

import (
	"math/big"

	"github.com/clientbook/clientbook/pkg/book"
)

// Explanation is the working behind a client's health on a day, step by
// step, as `health --explain` shows it so that a partner can check it by
// hand: every number a step of SPEC §2 and §3 took or gave, copied from
// the Result and the settings it was scored with. A command formats it
// and computes nothing.
type Explanation struct {
	ID   book.ID
	Name string
	Path string // the client's file, where an assessment is added

	Round *Working // the current round; nil when the client was never assessed

	// Matrix is the client's place in the Client Growth Matrix; its
	// breadth compares the counts with the firm's broad_* settings.
	Matrix                                      Matrix
	BroadServices, BroadStakeholders, BroadTeam int
	// Stated is the position the team states, when there is a quadrant
	// and the statement differs from it; nil otherwise.
	Stated *string

	View  *View // the client's own view; nil without a review rating it
	Flags []Flag

	// Recovery is the open recovery with each promise, kept, broken or
	// pending on Today; nil when none is open.
	Recovery *Recovery
	Today    book.Date
}

// Working is the current round's part of an Explanation.
type Working struct {
	Oldest, Newest book.Date
	Window         int        // round_window: the days a round spans, back from its newest assessment
	Assessments    []Assessed // the assessments kept, newest per rater, in rater order
	Factors        []Factor   // in book.Factors order, each with its term of the score (Factor.Part)

	// The score is 100 × Σ Part ÷ Σ Weight over the rated factors, exactly
	// (Exact), then rounded half up once (Score), and its band against
	// the thresholds Healthy and Watch. Exact and Score are nil when no
	// weighted factor is rated.
	Exact          *big.Rat
	Score          *int
	Band           string
	Healthy, Watch int

	Previous *Previous // nil when there is no earlier round with a score to compare

	Age        int // days from the newest assessment to today
	StaleAfter int
	Stale      bool
}

// Assessed is one assessment a round kept: its date, its rater and its
// rating of each factor.
type Assessed struct {
	Date    book.Date
	By      book.ID
	Ratings []FactorRating // one per factor, in book.Factors order
}

// FactorRating is an assessment's rating of one factor; Rated is false when
// the assessment leaves the factor unrated.
type FactorRating struct {
	Factor string
	Value  int
	Rated  bool
}

// Previous is the round before the current one, when both have a score:
// the score it had, and the delta and trend of the current score against
// it.
type Previous struct {
	Oldest, Newest book.Date
	Score          int
	Delta          int
	Trend          string
}

// View is the client's own view of the relationship: the newest review's
// overall rating (1–5) and that rating as a 0–100 score.
type View struct {
	Date    book.Date
	Overall int
	Score   int
}

// Explain lays out the working behind r, the health of a client scored
// with settings s, on today.
func Explain(r Result, s *book.Settings, today book.Date) Explanation {
	c := r.Client
	x := Explanation{
		ID: c.ID.Value, Name: c.Name.Value, Path: c.Path,
		Matrix:        r.Matrix,
		BroadServices: s.BroadServices, BroadStakeholders: s.BroadStakeholders, BroadTeam: s.BroadTeam,
		Flags:    r.Flags,
		Recovery: r.Recovery, Today: today,
	}
	if q := r.Matrix.Quadrant; q != nil && r.Stated != nil && *r.Stated != *q {
		x.Stated = r.Stated
	}
	if r.ClientView != nil {
		x.View = &View{Date: r.Review.Date.Value, Overall: r.Review.Overall.Value, Score: *r.ClientView}
	}
	cur := r.Current()
	if cur == nil {
		return x
	}
	w := &Working{
		Oldest: cur.Oldest, Newest: cur.Newest, Window: int(s.RoundWindow),
		Factors: cur.Factors,
		Exact:   cur.Exact, Score: cur.Score, Band: cur.Band,
		Healthy: s.BandHealthy, Watch: s.BandWatch,
		Age: int(today - cur.Newest), StaleAfter: int(s.StaleAfter), Stale: r.Stale != nil && *r.Stale,
	}
	for _, a := range cur.Kept {
		as := Assessed{Date: a.Date.Value, By: a.By.Value}
		for _, name := range book.Factors {
			v, ok := Rating(a, name)
			as.Ratings = append(as.Ratings, FactorRating{Factor: name, Value: v, Rated: ok})
		}
		w.Assessments = append(w.Assessments, as)
	}
	if prev := r.Previous(); prev != nil && prev.Score != nil && r.Delta != nil {
		w.Previous = &Previous{Oldest: prev.Oldest, Newest: prev.Newest, Score: *prev.Score, Delta: *r.Delta, Trend: *r.Trend}
	}
	x.Round = w
	return x
}
