package health

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// Bands and trends of SPEC §2.
const (
	Healthy = "healthy"
	Watch   = "watch"
	AtRisk  = "at-risk"
	Unrated = "unrated"

	Up   = "up"
	Down = "down"
	Flat = "flat"
	New  = "new"
)

// Result is a client's health and matrix position on a given day.
type Result struct {
	Client *book.Client
	Rounds []Round // newest first; empty for a client never assessed

	Score      *int
	Band       string
	Trend      *string
	Delta      *int
	Stale      *bool
	Incomplete *bool
	Newest     *book.Date // the newest assessment's date
	Stated     *string    // the newest assessment's position

	ClientView *int            // the newest review's overall as 0–100
	Review     *book.Review    // the review ClientView comes from
	Financial  *book.Financial // the newest financials row not after this year

	Matrix   Matrix
	Flags    []Flag
	Recovery *Recovery // the open recovery (SPEC §2); nil when none is open
}

// Current returns the current round, if any.
func (r Result) Current() *Round {
	if len(r.Rounds) == 0 {
		return nil
	}
	return &r.Rounds[0]
}

// Previous returns the previous round, if any.
func (r Result) Previous() *Round {
	if len(r.Rounds) < 2 {
		return nil
	}
	return &r.Rounds[1]
}

// Assess computes a client's health (§2) and matrix position (§3).
func Assess(c *book.Client, s *book.Settings, today book.Date) Result {
	r := Result{Client: c, Band: Unrated}
	r.Rounds = Rounds(c.Health, s)
	r.Financial = FinancialFor(c, today.Year())
	r.Review, r.ClientView = clientView(c)
	if cur := r.Current(); cur != nil {
		r.Newest = &cur.Newest
		stale := int(today-cur.Newest) > int(s.StaleAfter)
		r.Stale = &stale
		incomplete := cur.Incomplete()
		r.Incomplete = &incomplete
		r.Stated = stated(c.Health)
		if cur.Score != nil {
			r.Score = cur.Score
			r.Band = cur.Band
			r.Delta = cur.Delta
			trend := New
			if r.Delta != nil {
				trend = TrendOf(*r.Delta)
			}
			r.Trend = &trend
		}
	}
	r.Recovery = RecoveryOf(c, today)
	r.Matrix = MatrixOf(c, r.Current(), s, today)
	r.Flags = flags(r, s)
	return r
}

// AssessBook assesses every client of a loaded book, in the book's order:
// what the commands that need the whole book at once (matrix, report)
// start from.
func AssessBook(b *book.Book, today book.Date) []Result {
	out := make([]Result, len(b.Clients))
	for i, c := range b.Clients {
		out[i] = Assess(c, b.Settings, today)
	}
	return out
}

// BandOf places a score in the firm's bands.
func BandOf(score int, s *book.Settings) string {
	switch {
	case score >= s.BandHealthy:
		return Healthy
	case score >= s.BandWatch:
		return Watch
	default:
		return AtRisk
	}
}

// TrendOf names a score's movement: up at +5 or more, down at −5 or less.
func TrendOf(delta int) string {
	switch {
	case delta >= 5:
		return Up
	case delta <= -5:
		return Down
	default:
		return Flat
	}
}

// ratingScore turns a 1–5 value into 0–100: (v − 1)/4 × 100, exactly.
func ratingScore(v *big.Rat) *big.Rat {
	return exact.Mul(exact.RatingFraction(v), exact.Int(100))
}

// clientView is the newest review's overall rating as a 0–100 score.
func clientView(c *book.Client) (*book.Review, *int) {
	var newest *book.Review
	for _, rv := range c.Reviews {
		// A planned review has not happened: it says nothing yet (§9).
		if !rv.Date.Set || !rv.Held() {
			continue
		}
		// Reviews are in file-name order; on the same date the later wins.
		if newest == nil || rv.Date.Value >= newest.Date.Value {
			newest = rv
		}
	}
	if newest == nil || !newest.Overall.Set {
		return newest, nil
	}
	v := exact.RoundHalfUp(ratingScore(exact.Int(int64(newest.Overall.Value))))
	return newest, &v
}

// stated is the position of the newest assessment (on the same date, the
// later in the file); nil when it states none.
func stated(as []book.Assessment) *string {
	best := -1
	for i := range as {
		if !as[i].Date.Set {
			continue
		}
		if best < 0 || as[i].Date.Value >= as[best].Date.Value {
			best = i
		}
	}
	if best < 0 || !as[best].Position.Set {
		return nil
	}
	p := as[best].Position.Value
	return &p
}

// FinancialFor returns the client's newest financials row whose year is not
// after year (SPEC §6), or nil.
func FinancialFor(c *book.Client, year int) *book.Financial {
	var best *book.Financial
	for i := range c.Financials {
		f := &c.Financials[i]
		if !f.Year.Set || f.Year.Value > year {
			continue
		}
		if best == nil || f.Year.Value >= best.Year.Value {
			best = f
		}
	}
	return best
}

// Flag is a red flag shown with the score.
type Flag struct {
	ID      string // stable, machine-readable
	Message string // for people
}

// Flag ids.
const (
	FlagLowMargin      = "low-margin"
	FlagNoSponsor      = "no-sponsor"
	FlagSingleThreaded = "single-threaded"
	FlagHardOnPeople   = "hard-on-people"
	FlagStale          = "stale"
	FlagDisagreement   = "disagreement"
	FlagRatedHigher    = "rated-higher-than-client"
)

func flags(r Result, s *book.Settings) []Flag {
	var out []Flag
	c := r.Client
	if f := r.Financial; f != nil && f.Margin.Set && f.Margin.Value.Rat.Cmp(s.MarginFloor) < 0 {
		out = append(out, Flag{FlagLowMargin, fmt.Sprintf("margin %s is below the floor of %s", exact.Percent(f.Margin.Value.Rat), exact.Percent(s.MarginFloor))})
	}
	sponsor, strong := false, 0
	for _, sh := range c.Stakeholders {
		if sh.Role.Value == "sponsor" {
			sponsor = true
		}
		if sh.Strength.Value >= 3 {
			strong++
		}
	}
	if !sponsor {
		out = append(out, Flag{FlagNoSponsor, "no stakeholder with role sponsor"})
	}
	if strong == 1 {
		out = append(out, Flag{FlagSingleThreaded, "single-threaded: only one stakeholder with strength 3 or more"})
	}
	if cur := r.Current(); cur != nil {
		if v := cur.Factor("respect").Value; v != nil && v.Cmp(exact.Int(2)) <= 0 {
			out = append(out, Flag{FlagHardOnPeople, "respect is 2 or less: the client is hard on our people"})
		}
	}
	if r.Stale != nil && *r.Stale {
		out = append(out, Flag{FlagStale, fmt.Sprintf("newest assessment (%s) is older than %d days", r.Newest, int(s.StaleAfter))})
	}
	if cur := r.Current(); cur != nil {
		var split []string
		for _, f := range cur.Factors {
			if f.Disagreement() {
				split = append(split, f.Name)
			}
		}
		if len(split) > 0 {
			out = append(out, Flag{FlagDisagreement, "raters differ by 2 or more on " + strings.Join(split, ", ")})
		}
	}
	if r.Score != nil && r.ClientView != nil && *r.Score-*r.ClientView >= 20 {
		out = append(out, Flag{FlagRatedHigher, fmt.Sprintf("we rate it higher than the client does (%d against the client's %d)", *r.Score, *r.ClientView)})
	}
	return out
}

// Summary is the result without what only --history, --explain and the
// review agenda read (the rounds, the review, the financials row), and
// with the client reduced to its identity (book.Client.Identity): what a
// ranking keeps of each client while the book is read client by client.
// Its values are copies, so that nothing in it keeps the client's
// documents in memory (a pointer into a round would keep every round and
// the assessments they hold).
func (r Result) Summary() Result {
	r.Rounds, r.Review, r.Financial = nil, nil, nil
	if r.Client != nil {
		r.Client = r.Client.Identity()
	}
	r.Score, r.Trend, r.Delta = clone(r.Score), clone(r.Trend), clone(r.Delta)
	r.Stale, r.Incomplete, r.Newest = clone(r.Stale), clone(r.Incomplete), clone(r.Newest)
	r.Stated, r.ClientView = clone(r.Stated), clone(r.ClientView)
	r.Matrix.Advisor, r.Matrix.Quadrant = clone(r.Matrix.Advisor), clone(r.Matrix.Quadrant)
	r.Matrix.Services = slices.Clone(r.Matrix.Services)
	r.Flags = slices.Clone(r.Flags)
	return r
}

func clone[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
