package health

import (
	"math/big"
	"slices"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
)

func date(t *testing.T, s string) book.Date {
	t.Helper()
	d, err := book.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func set[T any](v T) book.Field[T] { return book.Field[T]{Value: v, Set: true} }

// a builds an assessment; ratings in factor order, 0 for "not rated".
func a(t *testing.T, day, by string, r ...int) book.Assessment {
	t.Helper()
	as := book.Assessment{Date: set(date(t, day)), By: set(book.ID(by))}
	fields := []*book.Field[int]{&as.Trust, &as.Respect, &as.Transparency, &as.Access, &as.Loyalty, &as.Value}
	for i, v := range r {
		if v != 0 {
			*fields[i] = set(v)
		}
	}
	return as
}

func defaults() *book.Settings { return book.SettingsOf(nil) }

func intp(p *int) string {
	if p == nil {
		return "nil"
	}
	return big.NewInt(int64(*p)).String()
}

func TestScore(t *testing.T) {
	tests := []struct {
		name    string
		ratings [][]int // one per rater, all on the same day
		weights map[string]string
		want    *int
		exact   string
	}{
		{"all fives", [][]int{{5, 5, 5, 5, 5, 5}}, nil, ip(100), "100"},
		{"all ones", [][]int{{1, 1, 1, 1, 1, 1}}, nil, ip(0), "0"},
		{"all threes", [][]int{{3, 3, 3, 3, 3, 3}}, nil, ip(50), "50"},
		// (3+3+2+1+2+3)/4 / 6 × 100 = 14/24 × 100 = 58.33
		{"spec example ratings", [][]int{{4, 4, 3, 2, 3, 4}}, nil, ip(58), "175/3"},
		// one rater 4 everywhere, one 3 on trust only: trust 3.5 → (2.5+3×5)/24×100 = 72.9166…
		{"mean of two raters", [][]int{{4, 4, 4, 4, 4, 4}, {3}}, nil, ip(73), "875/12"},
		// Σ(v−1)/4 = 4.5 (half up): five 4s (0.75 each = 3.75) and a 4 for… use 62.5 exactly:
		// trust 5, respect 4, transparency 3, access 3, loyalty 2, value 2 → (4+3+2+2+1+1)/4 = 3.25 → 3.25/6 = 54.1666
		{"rounding below half", [][]int{{5, 4, 3, 3, 2, 2}}, nil, ip(54), "325/6"},
		// 62.5 exactly: two factors rated, 4 and 3 → (0.75+0.5)/2 = 0.625
		{"rounding at .5 goes up", [][]int{{4, 3}}, nil, ip(63), "125/2"},
		// trust weight 3: (3×0.75 + 0.5)/4 = 0.6875 → 68.75 → 69
		{"custom weight", [][]int{{4, 3}}, map[string]string{"trust": "3"}, ip(69), "275/4"},
		// respect weight 0: only trust counts → 75
		{"weight zero leaves a factor out", [][]int{{4, 1}}, map[string]string{"respect": "0"}, ip(75), "75"},
		// every rated factor weighs 0: no score
		{"all weights zero", [][]int{{4, 4}}, map[string]string{"trust": "0", "respect": "0"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := defaults()
			for k, v := range tt.weights {
				s.HealthWeights[k], _ = new(big.Rat).SetString(v)
			}
			var as []book.Assessment
			for i, r := range tt.ratings {
				as = append(as, a(t, "2026-10-01", string(rune('a'+i)), r...))
			}
			rounds := Rounds(as, s)
			if len(rounds) != 1 {
				t.Fatalf("got %d rounds, want 1", len(rounds))
			}
			got := rounds[0]
			if intp(got.Score) != intp(tt.want) {
				t.Errorf("score = %s, want %s", intp(got.Score), intp(tt.want))
			}
			if tt.exact != "" && got.Exact.RatString() != tt.exact {
				t.Errorf("exact score = %s, want %s", got.Exact.RatString(), tt.exact)
			}
		})
	}
}

func ip(n int) *int { return &n }

func TestBandOf(t *testing.T) {
	s := defaults()
	tests := []struct {
		score int
		want  string
	}{
		{100, Healthy}, {70, Healthy}, {69, Watch}, {50, Watch}, {49, AtRisk}, {0, AtRisk},
	}
	for _, tt := range tests {
		if got := BandOf(tt.score, s); got != tt.want {
			t.Errorf("BandOf(%d) = %s, want %s", tt.score, got, tt.want)
		}
	}
}

func TestTrendOf(t *testing.T) {
	tests := []struct {
		delta int
		want  string
	}{
		{5, Up}, {4, Flat}, {0, Flat}, {-4, Flat}, {-5, Down}, {30, Up}, {-30, Down},
	}
	for _, tt := range tests {
		if got := TrendOf(tt.delta); got != tt.want {
			t.Errorf("TrendOf(%d) = %s, want %s", tt.delta, got, tt.want)
		}
	}
}

func TestRounds(t *testing.T) {
	tests := []struct {
		name        string
		assessments func(t *testing.T) []book.Assessment
		wantRounds  [][]string // per round, the kept "date/by", in rater order
	}{
		{
			name: "exactly round_window old is in the round",
			assessments: func(t *testing.T) []book.Assessment {
				return []book.Assessment{a(t, "2026-09-01", "x", 3), a(t, "2026-10-01", "y", 4)} // 30 days apart
			},
			wantRounds: [][]string{{"2026-09-01/x", "2026-10-01/y"}},
		},
		{
			name: "31 days old starts the previous round",
			assessments: func(t *testing.T) []book.Assessment {
				return []book.Assessment{a(t, "2026-08-31", "x", 3), a(t, "2026-10-01", "y", 4)}
			},
			wantRounds: [][]string{{"2026-10-01/y"}, {"2026-08-31/x"}},
		},
		{
			name: "a rater twice in the window: the newest counts and the older goes to the previous round",
			assessments: func(t *testing.T) []book.Assessment {
				return []book.Assessment{a(t, "2026-09-10", "x", 2), a(t, "2026-09-20", "y", 3), a(t, "2026-10-01", "x", 4)}
			},
			// kept: x@10-01, y@09-20; oldest kept 09-20; previous: x@09-10
			wantRounds: [][]string{{"2026-10-01/x", "2026-09-20/y"}, {"2026-09-10/x"}},
		},
		{
			name: "same rater, same date: the later in the file counts",
			assessments: func(t *testing.T) []book.Assessment {
				return []book.Assessment{a(t, "2026-10-01", "x", 2), a(t, "2026-10-01", "x", 5)}
			},
			wantRounds: [][]string{{"2026-10-01/x"}},
		},
		{
			name: "dropped duplicate not older than the oldest kept is not in any round",
			assessments: func(t *testing.T) []book.Assessment {
				return []book.Assessment{a(t, "2026-09-25", "x", 2), a(t, "2026-09-20", "y", 3), a(t, "2026-10-01", "x", 4)}
			},
			wantRounds: [][]string{{"2026-10-01/x", "2026-09-20/y"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rounds := Rounds(tt.assessments(t), defaults())
			var got [][]string
			for _, r := range rounds {
				var kept []string
				for _, k := range r.Kept {
					kept = append(kept, k.Date.Value.String()+"/"+string(k.By.Value))
				}
				got = append(got, kept)
			}
			if !slices.EqualFunc(got, tt.wantRounds, slices.Equal) {
				t.Errorf("rounds = %v, want %v", got, tt.wantRounds)
			}
		})
	}
	t.Run("same rater same date uses the later rating", func(t *testing.T) {
		rounds := Rounds([]book.Assessment{a(t, "2026-10-01", "x", 2), a(t, "2026-10-01", "x", 5)}, defaults())
		if v := rounds[0].Factor("trust").Value; v.Cmp(big.NewRat(5, 1)) != 0 {
			t.Errorf("trust = %s, want 5", v.RatString())
		}
	})
}

func client(t *testing.T, as ...book.Assessment) *book.Client {
	return &book.Client{ID: set(book.ID("acme")), Status: set("active"), Health: as}
}

func TestAssess(t *testing.T) {
	today := date(t, "2026-11-23")
	s := defaults()
	t.Run("never assessed", func(t *testing.T) {
		r := Assess(client(t), s, today)
		if r.Score != nil || r.Band != Unrated || r.Trend != nil || r.Delta != nil || r.Stale != nil || r.Incomplete != nil || r.Matrix.Advisor != nil || r.Matrix.Quadrant != nil {
			t.Errorf("unrated client: got %+v", r)
		}
	})
	t.Run("trend exactly +5 is up, and delta uses rounded scores", func(t *testing.T) {
		// previous: 3s everywhere → 50; current: trust 5, others 3 → (1+0.5×5)/6 = 58.33 → 58: delta 8
		// use trust 4 → (0.75+2.5)/6=54.17 → 54: delta 4 (flat); trust 4 & respect 4 → 58.33… pick
		// current: trust 4, respect 4, others 3 → (0.75+0.75+2)/6 = 58.33 → 58 (delta 8, up)
		r := Assess(client(t, a(t, "2026-06-01", "x", 3, 3, 3, 3, 3, 3), a(t, "2026-11-01", "x", 4, 4, 3, 3, 3, 3)), s, today)
		if *r.Score != 58 || *r.Delta != 8 || *r.Trend != Up {
			t.Errorf("score %s delta %s trend %v", intp(r.Score), intp(r.Delta), *r.Trend)
		}
		// exactly +5: previous 50, current 55 needs Σ = 3.3: not reachable with one rater; use two raters:
		// current raters x(4,3,3,3,3,3) y(3,3,3,3,3,3): trust 3.5 → (0.625+2.5)/6 = 52.08 → 52 (delta 2, flat)
		r = Assess(client(t, a(t, "2026-06-01", "x", 3, 3, 3, 3, 3, 3), a(t, "2026-11-01", "x", 4, 3, 3, 3, 3, 3), a(t, "2026-11-01", "y", 3, 3, 3, 3, 3, 3)), s, today)
		if *r.Score != 52 || *r.Delta != 2 || *r.Trend != Flat {
			t.Errorf("score %s delta %s trend %v", intp(r.Score), intp(r.Delta), *r.Trend)
		}
	})
	t.Run("first round is new", func(t *testing.T) {
		r := Assess(client(t, a(t, "2026-11-01", "x", 3, 3, 3, 3, 3, 3)), s, today)
		if *r.Trend != New || r.Delta != nil {
			t.Errorf("trend %v delta %s", *r.Trend, intp(r.Delta))
		}
	})
	t.Run("previous round that rates nothing is new", func(t *testing.T) {
		prev := a(t, "2026-06-01", "x")
		r := Assess(client(t, prev, a(t, "2026-11-01", "x", 3, 3, 3, 3, 3, 3)), s, today)
		if *r.Trend != New || r.Delta != nil {
			t.Errorf("trend %v delta %s", *r.Trend, intp(r.Delta))
		}
	})
	t.Run("stale only past stale_after", func(t *testing.T) {
		exactly := date(t, "2026-05-27") // 180 days before 2026-11-23
		r := Assess(client(t, book.Assessment{Date: set(exactly), By: set(book.ID("x")), Trust: set(3)}), s, today)
		if *r.Stale {
			t.Error("180 days old is not stale")
		}
		r = Assess(client(t, book.Assessment{Date: set(exactly - 1), By: set(book.ID("x")), Trust: set(3)}), s, today)
		if !*r.Stale {
			t.Error("181 days old is stale")
		}
	})
	t.Run("incomplete when a factor is unrated", func(t *testing.T) {
		r := Assess(client(t, a(t, "2026-11-01", "x", 3, 3, 3, 3, 3)), s, today)
		if !*r.Incomplete {
			t.Error("value unrated: want incomplete")
		}
	})
	t.Run("score exactly at healthy", func(t *testing.T) {
		// trust..access 4, loyalty 4, value 3 → (0.75×5+0.5)/6 = 70.83 → 71; want exactly 70: two raters
		// 69.5 → 70: Σ(v−1)/4 over 6 = 4.17 → use weights: trust 4 (0.75) and respect 3.78?
		// Simple: two factors rated, trust 5 (1.0), respect 2.5 (0.375, two raters 3 and 2) → 0.6875 → 68.75 → 69 (watch)
		r := Assess(client(t, a(t, "2026-11-01", "x", 5, 3), a(t, "2026-11-01", "y", 5, 2)), s, today)
		if *r.Score != 69 || r.Band != Watch {
			t.Errorf("score %s band %s, want 69 watch", intp(r.Score), r.Band)
		}
		// trust 4.5 (5,4) and respect 2.5 (3,2): (0.875 + 0.375)/2 = 0.625 → 62.5 → 63
		// trust 5, respect 3.5 (4,3): (1 + 0.625)/2 = 0.8125 → 81.25
		// trust 4, respect 3.5 → (0.75+0.625)/2 = 68.75; trust 4.5, respect 3 → (0.875+0.5)/2 = 68.75
		// trust 3.5, respect 4.5 → (0.625 + 0.875)/2 = 75; trust 4, respect 3.6…
		// exactly 70: four factors 5,5,3,2 → (1+1+0.5+0.25)/4 = 0.6875; five factors 5,5,4,2,1 → (1+1+.75+.25+0)/5 = 0.6 → 60
		// five factors 5,5,4,3,1 → (1+1+.75+.5+0)/5 = 0.65; 5,5,5,2,1 → 3.25/5 = 0.65; 5,5,5,3,1 → 3.5/5 = 0.70 → 70
		r = Assess(client(t, a(t, "2026-11-01", "x", 5, 5, 5, 3, 1)), s, today)
		if *r.Score != 70 || r.Band != Healthy {
			t.Errorf("score %s band %s, want 70 healthy", intp(r.Score), r.Band)
		}
		// exactly 50: all 3s
		r = Assess(client(t, a(t, "2026-11-01", "x", 3, 3, 3, 3, 3, 3)), s, today)
		if *r.Score != 50 || r.Band != Watch {
			t.Errorf("score %s band %s, want 50 watch", intp(r.Score), r.Band)
		}
	})
}

func TestFlags(t *testing.T) {
	today := date(t, "2026-11-23")
	s := defaults()
	margin := func(txt string) book.Field[book.Decimal] { return set(book.MustDecimal(txt)) }
	c := &book.Client{
		ID: set(book.ID("acme")), Status: set("active"),
		Stakeholders: []book.Stakeholder{{Name: set("Jane"), Role: set("user"), Strength: set(4)}, {Name: set("Bob"), Strength: set(2)}},
		Financials: []book.Financial{
			{Year: set(2027), Margin: margin("0.50")}, // the future does not count
			{Year: set(2026), Margin: margin("0.149")},
			{Year: set(2025), Margin: margin("0.40")},
		},
		Health: []book.Assessment{a(t, "2026-11-01", "x", 4, 2, 4, 4, 4, 4), a(t, "2026-11-02", "y", 5, 2, 2, 4, 4, 4)},
		Reviews: []*book.Review{
			{Date: set(date(t, "2026-01-10")), Overall: set(5)},
			{Date: set(date(t, "2026-03-10")), Overall: set(2)}, // newest: 25
		},
	}
	r := Assess(c, s, today)
	var ids []string
	for _, f := range r.Flags {
		ids = append(ids, f.ID)
	}
	want := []string{FlagLowMargin, FlagNoSponsor, FlagSingleThreaded, FlagHardOnPeople, FlagDisagreement, FlagRatedHigher}
	if !slices.Equal(ids, want) {
		t.Errorf("flags = %v, want %v", ids, want)
	}
	if r.ClientView == nil || *r.ClientView != 25 {
		t.Errorf("client view = %s, want 25 (the newest review)", intp(r.ClientView))
	}
	t.Run("gap of 19 is not flagged", func(t *testing.T) {
		// our score 69 vs client's 50 (overall 3)
		c := &book.Client{ID: set(book.ID("b")), Status: set("active"),
			Health:  []book.Assessment{a(t, "2026-11-01", "x", 5, 3), a(t, "2026-11-01", "y", 5, 2)},
			Reviews: []*book.Review{{Date: set(date(t, "2026-03-10")), Overall: set(3)}}}
		r := Assess(c, s, today)
		for _, f := range r.Flags {
			if f.ID == FlagRatedHigher {
				t.Errorf("69 vs 50 flagged")
			}
		}
		// 70 vs 50 is flagged
		c.Health = []book.Assessment{a(t, "2026-11-01", "x", 5, 5, 5, 3, 1)}
		r = Assess(c, s, today)
		if !slices.ContainsFunc(r.Flags, func(f Flag) bool { return f.ID == FlagRatedHigher }) {
			t.Errorf("70 vs 50 not flagged: %v", r.Flags)
		}
	})
}

func TestMatrix(t *testing.T) {
	today := date(t, "2026-11-23")
	s := defaults()
	eng := func(service, status, end string) *book.Engagement {
		e := &book.Engagement{Service: set(service), Status: set(status)}
		if end != "" {
			e.End = set(date(t, end))
		}
		return e
	}
	sh := func(strength int, owner string) book.Stakeholder {
		x := book.Stakeholder{Name: set("n"), Strength: set(strength)}
		if owner != "" {
			x.Owner = set(book.ID(owner))
		}
		return x
	}
	tests := []struct {
		name        string
		engagements []*book.Engagement
		holders     []book.Stakeholder
		ratings     []int
		advisor     *int
		breadth     int
		quadrant    string
	}{
		{
			name:    "advisor from trust, access, transparency",
			ratings: []int{4, 1, 3, 5}, // trust 75, transparency 50, access 100 → 75
			advisor: ip(75), breadth: 0, quadrant: TrustedAdvisor,
		},
		{
			name:    "advisor rounds half up",
			ratings: []int{4, 1, 3, 0}, // (75 + 50)/2 = 62.5 → 63
			advisor: ip(63), breadth: 0, quadrant: TrustedAdvisor,
		},
		{
			name:    "advisor from one factor",
			ratings: []int{0, 5, 0, 3}, // access 50 → 50: the threshold
			advisor: ip(50), breadth: 0, quadrant: TrustedAdvisor,
		},
		{
			name:    "no advisor factor rated: no quadrant",
			ratings: []int{0, 5},
			advisor: nil, breadth: 0,
		},
		{
			name: "breadth: services counted by status and end date",
			engagements: []*book.Engagement{
				eng("brand", "active", ""), eng("Brand", "active", ""), // the same service
				eng("seo", "complete", "2025-11-23"),     // exactly 365 days ago: counts
				eng("digital", "complete", "2025-11-22"), // 366 days: does not
				eng("pr", "cancelled", ""), eng("events", "proposed", ""),
				eng("video", "complete", "2026-12-01"), // ends in the future: not yet ended
			},
			// S=2 → 2/3; K=4 (strength ≥ 3) → 4/5; T=2 (a, b; no owner does not count) → 2/3:
			// (2/3+4/5+2/3)/3 = 32/45 → 71.11 → 71
			holders: []book.Stakeholder{sh(3, "a"), sh(5, "b"), sh(4, "a"), sh(2, "c"), sh(5, "")},
			ratings: []int{2, 2, 2, 2}, // advisor 25
			advisor: ip(25), breadth: 71, quadrant: Vendor,
		},
		{
			name:        "breadth capped at 1 per part",
			engagements: []*book.Engagement{eng("a", "active", ""), eng("b", "active", ""), eng("c", "active", ""), eng("d", "active", "")},
			holders:     []book.Stakeholder{sh(3, "a"), sh(3, "b"), sh(3, "c"), sh(3, "d"), sh(3, "e"), sh(3, "f")},
			ratings:     []int{5, 5, 5, 5},
			advisor:     ip(100), breadth: 100, quadrant: TrustedPartner,
		},
		{
			name:    "strong stakeholders and owners at their broad counts",
			holders: []book.Stakeholder{sh(3, "a"), sh(3, "b"), sh(3, "c"), sh(3, "a"), sh(3, "b")}, // K 5 → 1, T 3 → 1, S 0 → 2/3 = 66.67
			// S=0, K=5/5, T=3/3 → 2/3 → 67
			ratings: []int{1, 1, 1, 1},
			advisor: ip(0), breadth: 67, quadrant: Vendor,
		},
		{
			name:    "narrow: one owner, two strong stakeholders",
			holders: []book.Stakeholder{sh(3, "a"), sh(4, "a")}, // K 2/5, T 1/3; S 0 → (0.4 + 0.333)/3 = 24.4
			ratings: []int{1, 1, 1, 1},
			advisor: ip(0), breadth: 24, quadrant: ExpertForHire,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &book.Client{ID: set(book.ID("acme")), Status: set("active"), Engagements: tt.engagements, Stakeholders: tt.holders,
				Health: []book.Assessment{a(t, "2026-11-01", "x", tt.ratings...)}}
			r := Assess(c, s, today)
			m := r.Matrix
			if intp(m.Advisor) != intp(tt.advisor) || m.Breadth != tt.breadth || orEmpty(m.Quadrant) != tt.quadrant {
				t.Errorf("advisor %s breadth %d quadrant %q; want %s %d %q", intp(m.Advisor), m.Breadth, orEmpty(m.Quadrant), intp(tt.advisor), tt.breadth, tt.quadrant)
			}
		})
	}
}

func orEmpty(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func TestQuadrantOf(t *testing.T) {
	tests := []struct {
		advisor, breadth int
		want             string
	}{
		{50, 50, TrustedPartner}, {50, 49, TrustedAdvisor}, {49, 50, Vendor}, {49, 49, ExpertForHire}, {100, 0, TrustedAdvisor},
	}
	for _, tt := range tests {
		if got := QuadrantOf(tt.advisor, tt.breadth); got != tt.want {
			t.Errorf("QuadrantOf(%d, %d) = %s, want %s", tt.advisor, tt.breadth, got, tt.want)
		}
	}
}

func TestStated(t *testing.T) {
	x := a(t, "2026-11-01", "x", 3)
	x.Position = set("vendor")
	y := a(t, "2026-11-01", "y", 3)
	y.Position = set("trusted-partner")
	old := a(t, "2026-10-01", "z", 3)
	old.Position = set("expert-for-hire")
	r := Assess(client(t, x, y, old), defaults(), date(t, "2026-11-23"))
	if orEmpty(r.Stated) != "trusted-partner" {
		t.Errorf("stated = %q, want the later in the file on a tie", orEmpty(r.Stated))
	}
	none := a(t, "2026-11-02", "w", 3)
	r = Assess(client(t, x, none), defaults(), date(t, "2026-11-23"))
	if r.Stated != nil {
		t.Errorf("newest states no position: stated = %q, want null", *r.Stated)
	}
}
