package health

import (
	"cmp"
	"math/big"
	"slices"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// rated is an assessment with its place in the file, which breaks ties
// between assessments of the same date.
type rated struct {
	*book.Assessment
	index int
}

// Round is one round of assessments: the newest per rater within
// round_window of the round's newest assessment.
type Round struct {
	Newest  book.Date
	Oldest  book.Date // the oldest assessment kept
	Kept    []*book.Assessment
	Factors []Factor // in book.Factors order
	Score   *int     // nil when no weighted factor is rated
	Exact   *big.Rat // the score before rounding
	Band    string   // the score's band; unrated without a score
	Delta   *int     // score − the next older round's score, when both exist
}

// Factor is one rated factor's value in a round.
type Factor struct {
	Name    string
	Value   *big.Rat // mean of the raters' ratings; nil when nobody rated it
	Ratings []int    // the raters' ratings, in rater order
	Weight  *big.Rat
	Part    *big.Rat // its term of the score, weight × (value − 1)/4; nil when nobody rated it
}

// Disagreement reports whether raters differ by 2 or more.
func (f Factor) Disagreement() bool {
	if len(f.Ratings) < 2 {
		return false
	}
	return slices.Max(f.Ratings)-slices.Min(f.Ratings) >= 2
}

// Rating returns the assessment's rating of factor, if it has one.
func Rating(a *book.Assessment, factor string) (int, bool) {
	var f book.Field[int]
	switch factor {
	case "trust":
		f = a.Trust
	case "respect":
		f = a.Respect
	case "transparency":
		f = a.Transparency
	case "access":
		f = a.Access
	case "loyalty":
		f = a.Loyalty
	case "value":
		f = a.Value
	}
	return f.Value, f.Set
}

// Rounds splits a client's assessments into rounds, newest first (SPEC §2,
// §9): the current round is every assessment dated within window of the
// newest one (exactly window old is in), keeping the newest per rater (on
// the same date, the later in the file); each earlier round is built the
// same way from the assessments dated before the oldest one kept.
func Rounds(assessments []book.Assessment, s *book.Settings) []Round {
	pool := make([]rated, 0, len(assessments))
	for i := range assessments {
		if assessments[i].Date.Set {
			pool = append(pool, rated{&assessments[i], i})
		}
	}
	// Newest first; on the same date the later in the file first.
	slices.SortFunc(pool, func(a, b rated) int {
		return cmp.Or(cmp.Compare(b.Date.Value, a.Date.Value), cmp.Compare(b.index, a.index))
	})
	var rounds []Round
	for len(pool) > 0 {
		newest := pool[0].Date.Value
		seen := map[book.ID]bool{}
		var kept []rated
		for _, a := range pool {
			if int(newest-a.Date.Value) > int(s.RoundWindow) {
				break
			}
			if seen[a.By.Value] {
				continue
			}
			seen[a.By.Value] = true
			kept = append(kept, a)
		}
		oldest := kept[len(kept)-1].Date.Value
		rounds = append(rounds, newRound(kept, s))
		rest := pool[:0:0]
		for _, a := range pool {
			if a.Date.Value < oldest {
				rest = append(rest, a)
			}
		}
		pool = rest
	}
	for i := range rounds {
		if i+1 < len(rounds) && rounds[i].Score != nil && rounds[i+1].Score != nil {
			d := *rounds[i].Score - *rounds[i+1].Score
			rounds[i].Delta = &d
		}
	}
	return rounds
}

func newRound(kept []rated, s *book.Settings) Round {
	// Raters in a stable order (by rater id, then date) so factor ratings
	// and output do not depend on the file's order.
	slices.SortFunc(kept, func(a, b rated) int {
		return cmp.Or(cmp.Compare(a.By.Value, b.By.Value), cmp.Compare(a.Date.Value, b.Date.Value), cmp.Compare(a.index, b.index))
	})
	r := Round{Newest: kept[0].Date.Value, Oldest: kept[0].Date.Value, Band: Unrated}
	for _, a := range kept {
		r.Kept = append(r.Kept, a.Assessment)
		r.Newest = max(r.Newest, a.Date.Value)
		r.Oldest = min(r.Oldest, a.Date.Value)
	}
	num, den := new(big.Rat), new(big.Rat)
	for _, name := range book.Factors {
		f := Factor{Name: name, Weight: s.HealthWeights[name]}
		sum := 0
		for _, a := range kept {
			if v, ok := Rating(a.Assessment, name); ok {
				f.Ratings = append(f.Ratings, v)
				sum += v
			}
		}
		if len(f.Ratings) > 0 {
			f.Value = exact.Frac(int64(sum), int64(len(f.Ratings)))
			f.Part = exact.Mul(f.Weight, exact.RatingFraction(f.Value))
			num.Add(num, f.Part)
			den.Add(den, f.Weight)
		}
		r.Factors = append(r.Factors, f)
	}
	if den.Sign() > 0 {
		r.Exact = exact.Mul(exact.Int(100), exact.Quo(num, den))
		score := exact.RoundHalfUp(r.Exact)
		r.Score = &score
		r.Band = BandOf(score, s)
	}
	return r
}

// Factor returns the round's factor by name.
func (r Round) Factor(name string) Factor {
	for _, f := range r.Factors {
		if f.Name == name {
			return f
		}
	}
	return Factor{Name: name}
}

// Incomplete reports whether some factor was rated by nobody.
func (r Round) Incomplete() bool {
	for _, f := range r.Factors {
		if f.Value == nil {
			return true
		}
	}
	return false
}

// Raters lists the round's raters in order.
func (r Round) Raters() []book.ID {
	var ids []book.ID
	for _, a := range r.Kept {
		ids = append(ids, a.By.Value)
	}
	return ids
}
