package health

import (
	"math/big"
	"slices"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
)

func ratString(r *big.Rat) string {
	if r == nil {
		return "nil"
	}
	return r.RatString()
}

// The terms of the score, worked out by hand: each factor's value v (the
// raters' mean), weight w and w·(v − 1)/4, and 100 × Σ terms ÷ Σ w.
func TestExplainTerms(t *testing.T) {
	tests := []struct {
		name    string
		ratings [][]int // one per rater, all on the same day; 0: not rated
		weights map[string]string
		parts   []string // per factor, in book.Factors order
		exact   string
		score   string
		band    string
	}{
		{
			name: "all fives", ratings: [][]int{{5, 5, 5, 5, 5, 5}},
			parts: []string{"1", "1", "1", "1", "1", "1"}, exact: "100", score: "100", band: Healthy,
		},
		{
			name: "all ones", ratings: [][]int{{1, 1, 1, 1, 1, 1}},
			parts: []string{"0", "0", "0", "0", "0", "0"}, exact: "0", score: "0", band: AtRisk,
		},
		{
			// trust (4+5)/2 = 9/2 → 3 × 7/8 = 21/8; respect 3 → 1/2; the
			// rest unrated and left out: 100 × (21/8 + 1/2) ÷ 4 = 625/8 = 78.125
			name: "two raters, trust weighs 3, four factors unrated", ratings: [][]int{{4, 3}, {5}},
			weights: map[string]string{"trust": "3"},
			parts:   []string{"21/8", "1/2", "nil", "nil", "nil", "nil"}, exact: "625/8", score: "78", band: Healthy,
		},
		{
			// 2, 3, 4 → 1/4, 1/2, 3/4: 100 × 3/2 ÷ 3 = 50, exactly at watch
			name: "exactly at watch", ratings: [][]int{{2, 3, 4}},
			parts: []string{"1/4", "1/2", "3/4", "nil", "nil", "nil"}, exact: "50", score: "50", band: Watch,
		},
		{
			// the only rated factor weighs 0: a term of 0 and no score
			name: "no weighted factor rated", ratings: [][]int{{4}},
			weights: map[string]string{"trust": "0"},
			parts:   []string{"0", "nil", "nil", "nil", "nil", "nil"}, exact: "nil", score: "nil", band: Unrated,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := defaults()
			for k, v := range tt.weights {
				s.HealthWeights[k], _ = new(big.Rat).SetString(v)
			}
			c := &book.Client{ID: set(book.ID("acme")), Name: set("Acme")}
			for i, r := range tt.ratings {
				c.Health = append(c.Health, a(t, "2026-10-01", string(rune('a'+i)), r...))
			}
			today := date(t, "2026-10-02")
			x := Explain(Assess(c, s, today), s, today)
			if x.Round == nil {
				t.Fatal("no current round")
			}
			var parts []string
			for i, f := range x.Round.Factors {
				if f.Name != book.Factors[i] {
					t.Errorf("factor %d is %s, want %s", i, f.Name, book.Factors[i])
				}
				parts = append(parts, ratString(f.Part))
			}
			if !slices.Equal(parts, tt.parts) {
				t.Errorf("terms = %v, want %v", parts, tt.parts)
			}
			if got := ratString(x.Round.Exact); got != tt.exact {
				t.Errorf("exact score = %s, want %s", got, tt.exact)
			}
			if got := intp(x.Round.Score); got != tt.score {
				t.Errorf("score = %s, want %s", got, tt.score)
			}
			if x.Round.Band != tt.band {
				t.Errorf("band = %s, want %s", x.Round.Band, tt.band)
			}
		})
	}
}

// A client assessed in two rounds, with a stated position and a review:
// every step of the working, worked out by hand.
func TestExplainRounds(t *testing.T) {
	s := defaults()
	s.StaleAfter = 40
	c := &book.Client{ID: set(book.ID("acme")), Name: set("Acme"), Path: "clients/acme/client.yaml"}
	c.Health = []book.Assessment{
		a(t, "2026-01-10", "lena", 3, 3, 3, 3, 3, 3),  // previous round: 50
		a(t, "2026-09-20", "piers", 4, 4, 4, 4, 4, 4), // current round, with lena's below: 75
		a(t, "2026-10-01", "lena", 4, 0, 4, 4, 4, 4),
	}
	c.Health[2].Position = set(TrustedPartner)
	c.Reviews = []*book.Review{{Date: set(date(t, "2026-06-01")), Overall: set(4)}}
	today := date(t, "2026-11-15")
	x := Explain(Assess(c, s, today), s, today)

	if x.ID != "acme" || x.Name != "Acme" || x.Path != "clients/acme/client.yaml" {
		t.Errorf("client = %s, %s, %s", x.ID, x.Name, x.Path)
	}
	w := x.Round
	if w == nil {
		t.Fatal("no current round")
	}
	if w.Oldest != date(t, "2026-09-20") || w.Newest != date(t, "2026-10-01") || w.Window != 30 {
		t.Errorf("round %s to %s within %d days, want 2026-09-20 to 2026-10-01 within 30", w.Oldest, w.Newest, w.Window)
	}
	// In rater order: lena, then piers. lena left respect unrated.
	if len(w.Assessments) != 2 || w.Assessments[0].By != "lena" || w.Assessments[1].By != "piers" {
		t.Fatalf("assessments = %+v, want lena's then piers'", w.Assessments)
	}
	respect := w.Assessments[0].Ratings[1]
	if respect.Factor != "respect" || respect.Rated {
		t.Errorf("lena's respect = %+v, want unrated", respect)
	}
	trust := w.Assessments[1].Ratings[0]
	if trust != (FactorRating{Factor: "trust", Value: 4, Rated: true}) {
		t.Errorf("piers' trust = %+v, want 4", trust)
	}
	// Every factor's mean is 4 (respect from piers alone): 3/4 each.
	if ratString(w.Exact) != "75" || intp(w.Score) != "75" || w.Band != Healthy || w.Healthy != 70 || w.Watch != 50 {
		t.Errorf("score %s → %s, band %s (healthy ≥ %d, watch ≥ %d), want 75 → 75, healthy (70, 50)",
			ratString(w.Exact), intp(w.Score), w.Band, w.Healthy, w.Watch)
	}
	want := Previous{Oldest: date(t, "2026-01-10"), Newest: date(t, "2026-01-10"), Score: 50, Delta: 25, Trend: Up}
	if w.Previous == nil || *w.Previous != want {
		t.Errorf("previous = %+v, want %+v", w.Previous, want)
	}
	// 2026-10-01 to 2026-11-15 is 45 days, over 40.
	if w.Age != 45 || w.StaleAfter != 40 || !w.Stale {
		t.Errorf("age %d, stale after %d: %v; want 45, 40: true", w.Age, w.StaleAfter, w.Stale)
	}
	// Advisor 75 and no breadth: trusted-advisor, which is not what the
	// team states.
	if intp(x.Matrix.Advisor) != "75" || x.Matrix.Breadth != 0 || x.Matrix.Quadrant == nil || *x.Matrix.Quadrant != TrustedAdvisor {
		t.Errorf("matrix = %+v, want advisor 75, breadth 0, trusted-advisor", x.Matrix)
	}
	if x.BroadServices != 3 || x.BroadStakeholders != 5 || x.BroadTeam != 3 {
		t.Errorf("broad = %d, %d, %d, want the defaults 3, 5, 3", x.BroadServices, x.BroadStakeholders, x.BroadTeam)
	}
	if x.Stated == nil || *x.Stated != TrustedPartner {
		t.Errorf("stated = %v, want trusted-partner", x.Stated)
	}
	if x.View == nil || *x.View != (View{Date: date(t, "2026-06-01"), Overall: 4, Score: 75}) {
		t.Errorf("view = %+v, want 2026-06-01 rated 4 → 75", x.View)
	}
	if !slices.ContainsFunc(x.Flags, func(f Flag) bool { return f.ID == FlagStale }) {
		t.Errorf("flags = %+v, want stale among them", x.Flags)
	}
}

func TestExplainEdges(t *testing.T) {
	s := defaults()
	today := date(t, "2026-11-15")

	// Never assessed: no round, no advisor, no quadrant.
	c := &book.Client{ID: set(book.ID("new")), Path: "clients/new/client.yaml"}
	x := Explain(Assess(c, s, today), s, today)
	if x.Round != nil || x.Matrix.Advisor != nil || x.Stated != nil || x.View != nil || x.Path != "clients/new/client.yaml" {
		t.Errorf("unassessed client: %+v", x)
	}

	// The team states the quadrant the data shows: nothing to point out.
	c = &book.Client{ID: set(book.ID("same"))}
	c.Health = []book.Assessment{a(t, "2026-11-01", "lena", 2, 2, 2, 2, 2, 2)}
	c.Health[0].Position = set(ExpertForHire)
	x = Explain(Assess(c, s, today), s, today)
	if x.Matrix.Quadrant == nil || *x.Matrix.Quadrant != ExpertForHire || x.Stated != nil {
		t.Errorf("stated = %v, quadrant %v: want expert-for-hire and nothing stated apart", x.Stated, x.Matrix.Quadrant)
	}

	// The previous round rates nothing, so it has no score: there is no
	// previous score to compare.
	c = &book.Client{ID: set(book.ID("first"))}
	c.Health = []book.Assessment{a(t, "2026-01-01", "lena"), a(t, "2026-11-01", "lena", 3)}
	x = Explain(Assess(c, s, today), s, today)
	if x.Round == nil || x.Round.Previous != nil || intp(x.Round.Score) != "50" {
		t.Errorf("round = %+v, want a score of 50 and no previous", x.Round)
	}
}
