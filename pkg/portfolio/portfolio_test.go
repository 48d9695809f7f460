package portfolio

import (
	"encoding/json"
	"fmt"
	"math/big"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

func set[T any](v T) book.Field[T] { return book.Field[T]{Value: v, Set: true} }

func rat(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, err := exact.ParseDecimal(s)
	if err != nil {
		t.Fatalf("rat %q: %v", s, err)
	}
	return r
}

func dec(t *testing.T, s string) book.Field[book.Decimal] {
	t.Helper()
	return set(book.Decimal{Rat: rat(t, s), Text: s})
}

func day(t *testing.T, s string) book.Date {
	t.Helper()
	d, err := book.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func ip(n int) *int { return &n }

// fin is a financials row; "" leaves a figure out.
type fin struct {
	year                   int
	revenue, margin, hours string
}

// act is a recovery action: its due and done dates, "" for absent.
type act struct{ due, done string }

// cl describes one client of a test book and the health pkg/health would
// have given it.
type cl struct {
	id        string
	status    string // default active
	fin       []fin
	score     *int   // nil: unrated
	quadrant  string // "": none
	potential int    // 0: absent
	recovery  string // "": none, "open", "closed", "invalid-closed" (closed: not a date)
	// salvageable of the recovery: "" absent, "true", "false", "invalid"
	// (not a boolean, its own CB003).
	salvageable string
	plan        []act // the recovery's actions
	industry    string
	geography   string
	services    []string // one engagement per service
	statuses    []string // engagement statuses, parallel to services (default active)
}

func build(t *testing.T, s *book.Settings, clients ...cl) (*book.Book, []health.Result) {
	t.Helper()
	b := &book.Book{Settings: s}
	var rs []health.Result
	for _, x := range clients {
		c := &book.Client{ID: set(book.ID(x.id)), Name: set("Client " + x.id), Status: set("active")}
		if x.status != "" {
			c.Status = set(x.status)
		}
		for _, f := range x.fin {
			row := book.Financial{Year: set(f.year)}
			if f.revenue != "" {
				row.Revenue = dec(t, f.revenue)
			}
			if f.margin != "" {
				row.Margin = dec(t, f.margin)
			}
			if f.hours != "" {
				row.ManagementHours = dec(t, f.hours)
			}
			c.Financials = append(c.Financials, row)
		}
		if x.potential != 0 {
			c.Potential = set(x.potential)
		}
		switch x.recovery {
		case "open":
			c.Recovery = &book.Recovery{Opened: set(day(t, "2026-10-15"))}
		case "closed":
			c.Recovery = &book.Recovery{Opened: set(day(t, "2026-06-01")), Closed: set(day(t, "2026-09-01"))}
		case "invalid-closed":
			c.Recovery = &book.Recovery{Opened: set(day(t, "2026-06-01")), Closed: book.Field[book.Date]{Invalid: true}}
		}
		if r := c.Recovery; r != nil {
			switch x.salvageable {
			case "true", "false":
				r.Salvageable = set(x.salvageable == "true")
			case "invalid":
				r.Salvageable = book.Field[bool]{Invalid: true}
			}
			for i, a := range x.plan {
				ac := book.Action{Action: set(fmt.Sprintf("step %d", i+1))}
				if a.due != "" {
					ac.Due = set(day(t, a.due))
				}
				if a.done != "" {
					ac.Done = set(day(t, a.done))
				}
				r.Plan = append(r.Plan, ac)
			}
		}
		if x.industry != "" {
			c.Industry = set(x.industry)
		}
		if x.geography != "" {
			c.Geography = set(x.geography)
		}
		for i, svc := range x.services {
			status := "active"
			if i < len(x.statuses) {
				status = x.statuses[i]
			}
			c.Engagements = append(c.Engagements, &book.Engagement{Service: set(svc), Status: set(status)})
		}
		b.Clients = append(b.Clients, c)

		// The result as health.Assess shapes it, with the score and
		// quadrant pinned so the portfolio arithmetic can be worked by hand.
		r := health.Result{Client: c, Band: health.Unrated, Financial: health.FinancialFor(c, 2026), Recovery: health.RecoveryOf(c, day(t, "2026-11-23"))}
		if x.score != nil {
			r.Score = x.score
			r.Band = health.BandOf(*x.score, s)
			trend := health.Flat
			r.Trend = &trend
		}
		if x.quadrant != "" {
			q := x.quadrant
			r.Matrix.Quadrant = &q
		}
		rs = append(rs, r)
	}
	return b, rs
}

func rank(t *testing.T, s *book.Settings, clients ...cl) Portfolio {
	t.Helper()
	b, rs := build(t, s, clients...)
	return Rank(b, rs, day(t, "2026-11-23"))
}

func entry(t *testing.T, p Portfolio, id string) Entry {
	t.Helper()
	for _, e := range p.Entries {
		if e.ID == id {
			return e
		}
	}
	t.Fatalf("no entry %q", id)
	return Entry{}
}

func ratText(r *big.Rat) string {
	if r == nil {
		return "nil"
	}
	return r.RatString()
}

func TestMarginScore(t *testing.T) {
	tests := []struct {
		name   string
		margin string // "" unknown
		target string
		want   int
	}{
		{"unknown margin scores 50", "", "0.30", 50},
		{"negative margin clamps at 0", "-0.05", "0.30", 0},
		{"zero margin scores 0", "0", "0.30", 0},
		{"two thirds of target rounds 66.67 up to 67", "0.2", "0.30", 67},
		{"a third of target rounds 33.33 down to 33", "0.1", "0.30", 33},
		{"0.5 exactly rounds half up to 1", "0.0015", "0.30", 1},
		{"exactly at target scores 100", "0.30", "0.30", 100},
		{"above target clamps at 1", "0.45", "0.30", 100},
		{"target 0 is met by margin 0", "0", "0", 100},
		{"target 0 is met by a positive margin", "0.1", "0", 100},
		{"target 0 is missed by a negative margin", "-0.1", "0", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m *big.Rat
			if tt.margin != "" {
				m = rat(t, tt.margin)
			}
			if got := MarginScore(m, rat(t, tt.target)); got != tt.want {
				t.Errorf("MarginScore(%s, %s) = %d, want %d", tt.margin, tt.target, got, tt.want)
			}
		})
	}
}

func TestRatingScore(t *testing.T) {
	for v, want := range map[int]int{1: 0, 2: 25, 3: 50, 4: 75, 5: 100} {
		if got := RatingScore(v); got != want {
			t.Errorf("RatingScore(%d) = %d, want %d", v, got, want)
		}
	}
}

func TestComponents(t *testing.T) {
	strategy := &book.Strategy{
		Industries:  []book.Field[string]{set("retail")},
		Geographies: []book.Field[string]{set("UK")},
		Services:    []book.Field[string]{set("brand")},
	}
	tests := []struct {
		name     string
		strategy *book.Strategy
		client   cl
		want     Components
		fitValue *int
	}{
		{
			name:   "no strategy: fit 50; potential absent: 50",
			client: cl{id: "a", score: ip(80)},
			want:   Components{Health: 80, Margin: 50, Fit: 50, Potential: 50},
		},
		{
			name:   "unrated health counts as 50",
			client: cl{id: "a", potential: 5, fin: []fin{{2026, "100", "0.15", "0"}}},
			want:   Components{Health: 50, Margin: 50, Fit: 50, Potential: 100},
		},
		{
			name:     "no check applies: fit 50",
			strategy: strategy,
			client:   cl{id: "a", score: ip(40), potential: 1},
			want:     Components{Health: 40, Margin: 50, Fit: 50, Potential: 0},
		},
		{
			// industry matches, geography does not, the service check passes
			// through a cancelled engagement: v = 1 + 4 × 2/3 = 3.67 → 4 → 75.
			name:     "fit counts engagements of any status",
			strategy: strategy,
			client: cl{id: "a", score: ip(40), potential: 3, industry: "Retail", geography: "FR",
				services: []string{"seo", "brand"}, statuses: []string{"active", "cancelled"}},
			want:     Components{Health: 40, Margin: 50, Fit: 75, Potential: 50},
			fitValue: ip(4),
		},
		{
			// 1 of 1 check misses: v = 1 → 0.
			name:     "fit 1 scores 0",
			strategy: strategy,
			client:   cl{id: "a", score: ip(40), geography: "FR"},
			want:     Components{Health: 40, Margin: 50, Fit: 0, Potential: 50},
			fitValue: ip(1),
		},
		{
			name:   "margin score from the newest row not after this year",
			client: cl{id: "a", score: ip(40), fin: []fin{{2025, "100", "0.30", "0"}, {2026, "100", "0.1", "0"}, {2027, "100", "0.9", "0"}}},
			want:   Components{Health: 40, Margin: 33, Fit: 50, Potential: 50},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := book.SettingsOf(nil)
			s.Strategy = tt.strategy
			e := entry(t, rank(t, s, tt.client), tt.client.id)
			if e.Components != tt.want {
				t.Errorf("components = %+v, want %+v (fit: %s)", e.Components, tt.want, e.FitReason)
			}
			if (e.FitValue == nil) != (tt.fitValue == nil) || (e.FitValue != nil && *e.FitValue != *tt.fitValue) {
				t.Errorf("fit value = %v, want %v", e.FitValue, tt.fitValue)
			}
		})
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		name                            string
		revenue, margin, hours          string
		wantCost, wantNet, wantNetJSON  string
		wantRevenueJSON, wantMarginJSON string
		wantHoursJSON                   string
	}{
		{
			// 1250000.50 × 0.215 = 268750.10750; 310.5 × 150 = 46575;
			// 268750.1075 − 46575 = 222175.1075, shown 222175.11.
			name: "net contribution exact with decimals", revenue: "1250000.50", margin: "0.215", hours: "310.5",
			wantCost: "46575", wantNet: "2221751075/10000", wantNetJSON: "222175.11",
			wantRevenueJSON: "1250000.50", wantMarginJSON: "0.215", wantHoursJSON: "310.5",
		},
		{
			// 0.1 + 0.2 style decimals stay exact: 100.10 × 0.3 − 0.2 × 150 = 0.03.
			name: "no binary rounding", revenue: "100.10", margin: "0.3", hours: "0.2",
			wantCost: "30", wantNet: "3/100", wantNetJSON: "0.03",
			wantRevenueJSON: "100.10", wantMarginJSON: "0.3", wantHoursJSON: "0.2",
		},
		{
			name: "whole revenue shown with two decimals", revenue: "105600", margin: "0.25", hours: "10",
			wantCost: "1500", wantNet: "24900", wantNetJSON: "24900.00",
			wantRevenueJSON: "105600.00", wantMarginJSON: "0.25", wantHoursJSON: "10",
		},
		{
			name: "revenue and hours absent count 0", margin: "0.25",
			wantCost: "0", wantNet: "0", wantNetJSON: "0.00",
			wantRevenueJSON: "0.00", wantMarginJSON: "0.25", wantHoursJSON: "0",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := rank(t, book.SettingsOf(nil), cl{id: "a", fin: []fin{{2026, tt.revenue, tt.margin, tt.hours}}})
			e := entry(t, p, "a")
			f := p.Figures(e)
			wantNet, _ := new(big.Rat).SetString(tt.wantNet)
			if f.OpportunityCost.Cmp(rat(t, tt.wantCost)) != 0 {
				t.Errorf("opportunity cost = %s, want %s", ratText(f.OpportunityCost), tt.wantCost)
			}
			if f.NetContribution == nil || f.NetContribution.Cmp(wantNet) != 0 {
				t.Errorf("net contribution = %s, want %s", ratText(f.NetContribution), wantNet.RatString())
			}
			row := RowOf(e, f)
			for _, c := range []struct {
				name string
				v    any
				want string
			}{
				{"revenue", row.Revenue, tt.wantRevenueJSON},
				{"margin", row.Margin, tt.wantMarginJSON},
				{"management_hours", row.ManagementHours, tt.wantHoursJSON},
				{"net_contribution", row.NetContribution, tt.wantNetJSON},
			} {
				got, err := json.Marshal(c.v)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != c.want {
					t.Errorf("%s JSON = %s, want %s", c.name, got, c.want)
				}
			}
		})
	}
}

func TestAttractiveness(t *testing.T) {
	weights := func(h, m, f, p string) func(*book.Settings) {
		return func(s *book.Settings) {
			s.PortfolioHealth, s.PortfolioMargin, s.PortfolioFit, s.PortfolioPotential = big.NewRat(0, 1), big.NewRat(0, 1), big.NewRat(0, 1), big.NewRat(0, 1)
			for _, w := range []struct {
				dst **big.Rat
				v   string
			}{{&s.PortfolioHealth, h}, {&s.PortfolioMargin, m}, {&s.PortfolioFit, f}, {&s.PortfolioPotential, p}} {
				*w.dst, _ = new(big.Rat).SetString(w.v)
			}
		}
	}
	tests := []struct {
		name     string
		settings func(*book.Settings)
		client   cl
		want     int
		exact    string
	}{
		{
			// 0.35×60 + 0.25×56 + 0.20×50 + 0.20×75 = 21 + 14 + 10 + 15 = 60.
			name:   "default weights worked by hand",
			client: cl{id: "a", score: ip(60), potential: 4, fin: []fin{{2026, "100", "0.168", "0"}}},
			want:   60, exact: "60",
		},
		{
			// margin 0.2/0.3 = 66.67 → 67 first; (0 + 67)/2 = 33.5 → 34.
			// Weighting the unrounded 66.67 would give 33.33 → 33.
			name:     "components are rounded before weighting",
			settings: weights("1", "1", "0", "0"),
			client:   cl{id: "a", score: ip(0), fin: []fin{{2026, "100", "0.2", "0"}}},
			want:     34, exact: "67/2",
		},
		{
			name:     "weights need not sum to 1",
			settings: weights("2", "0", "0", "1"),
			client:   cl{id: "a", score: ip(70), potential: 2}, // (2×70 + 25)/3 = 55
			want:     55, exact: "55",
		},
		{
			name:     "every weight 0 gives 0",
			settings: weights("0", "0", "0", "0"),
			client:   cl{id: "a", score: ip(90), potential: 5},
			want:     0, exact: "0",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := book.SettingsOf(nil)
			if tt.settings != nil {
				tt.settings(s)
			}
			e := entry(t, rank(t, s, tt.client), "a")
			wantExact, _ := new(big.Rat).SetString(tt.exact)
			if exact, _ := Attractiveness(e.Components, s); e.Attractiveness != tt.want || exact.Cmp(wantExact) != 0 {
				t.Errorf("attractiveness = %d (%s), want %d (%s)", e.Attractiveness, ratText(exact), tt.want, tt.exact)
			}
		})
	}
}

func TestActions(t *testing.T) {
	// filler takes the rest of the revenue so the client under test has
	// the share the case needs; it never matters to the assertion.
	filler := func(revenue string) cl {
		return cl{id: "zz-filler", score: ip(90), potential: 3, fin: []fin{{2026, revenue, "0.3", "0"}}}
	}
	tests := []struct {
		name   string
		client cl
		others []cl
		action string
		reason string
	}{
		{
			name:   "at-risk health recovers",
			client: cl{id: "a", score: ip(29), potential: 5, fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Recover, reason: "at-risk health (29)",
		},
		{
			name:   "score 50 is watch, not at-risk",
			client: cl{id: "a", score: ip(50), potential: 5, quadrant: health.Vendor, fin: []fin{{2026, "100", "0.3", "0"}}},
			// 17.5 + 25 + 10 + 20 = 72.5 → 73
			action: Invest, reason: "attractive (73) with room to grow from vendor",
		},
		{
			name:   "an open recovery recovers a healthy client",
			client: cl{id: "a", score: ip(80), recovery: "open", fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Recover, reason: "an open recovery since 2026-10-15: no action with a deadline yet, no promise fallen due yet",
		},
		{
			name:   "at-risk and open recovery both named",
			client: cl{id: "a", score: ip(29), recovery: "open", fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Recover, reason: "at-risk health (29) and an open recovery since 2026-10-15: no action with a deadline yet, no promise fallen due yet",
		},
		// Rule 1, exit, comes before every other rule; today is 2026-11-23.
		{
			name:   "an open recovery judged not salvageable exits",
			client: cl{id: "a", score: ip(80), potential: 5, recovery: "open", salvageable: "false", fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Exit, reason: "an open recovery since 2026-10-15 judged not salvageable: end the relationship cleanly",
		},
		{
			name:   "exit beats recover for an at-risk client",
			client: cl{id: "a", score: ip(29), recovery: "open", salvageable: "false", fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Exit, reason: "an open recovery since 2026-10-15 judged not salvageable: end the relationship cleanly",
		},
		{
			name:   "exit beats renegotiate",
			client: cl{id: "a", score: ip(80), recovery: "open", salvageable: "false", fin: []fin{{2026, "100", "0.05", "0"}}},
			others: []cl{filler("900")},
			action: Exit, reason: "an open recovery since 2026-10-15 judged not salvageable: end the relationship cleanly",
		},
		{
			name:   "exit beats de-prioritize",
			client: cl{id: "a", score: ip(80), recovery: "open", salvageable: "false", fin: []fin{{2026, "1000", "0.15", "2"}}},
			action: Exit, reason: "an open recovery since 2026-10-15 judged not salvageable: end the relationship cleanly",
		},
		{
			name:   "a closed recovery judged not salvageable does not exit",
			client: cl{id: "a", score: ip(29), recovery: "closed", salvageable: "false", fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Recover, reason: "at-risk health (29)",
		},
		{
			// A closed: that is not a date (its own CB003) was written
			// down: the recovery is closed (health.Open).
			name:   "a recovery with an invalid closed date is not open",
			client: cl{id: "a", score: ip(29), recovery: "invalid-closed", salvageable: "false", fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Recover, reason: "at-risk health (29)",
		},
		{
			name:   "salvageable true recovers",
			client: cl{id: "a", score: ip(80), recovery: "open", salvageable: "true", fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Recover, reason: "an open recovery since 2026-10-15: no action with a deadline yet, no promise fallen due yet",
		},
		{
			name:   "salvageable not stated recovers",
			client: cl{id: "a", score: ip(29), recovery: "open", fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Recover, reason: "at-risk health (29) and an open recovery since 2026-10-15: no action with a deadline yet, no promise fallen due yet",
		},
		{
			// salvageable: maybe is its own CB003, not a judgement.
			name:   "salvageable not a boolean recovers",
			client: cl{id: "a", score: ip(80), recovery: "open", salvageable: "invalid", fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Recover, reason: "an open recovery since 2026-10-15: no action with a deadline yet, no promise fallen due yet",
		},
		{
			// early (kept), on the day (kept), late (broken), undone past
			// due (broken), due today (not fallen due), no due (no
			// promise): 2 of 4 kept = 50%; next deadline the undone past
			// due one, 2026-11-20.
			name: "the recover reason names the next deadline and promises kept",
			client: cl{id: "a", score: ip(80), recovery: "open", salvageable: "true", fin: []fin{{2026, "100", "0.3", "0"}}, plan: []act{
				{"2026-11-01", "2026-10-30"}, {"2026-11-05", "2026-11-05"}, {"2026-11-10", "2026-11-12"},
				{"2026-11-20", ""}, {"2026-11-23", ""}, {"", ""},
			}},
			action: Recover, reason: "an open recovery since 2026-10-15: next deadline 2026-11-20, promises kept 50%",
		},
		{
			// 2 of 3: 66.67 → 67.
			name: "promises kept rounds half up",
			client: cl{id: "a", score: ip(80), recovery: "open", fin: []fin{{2026, "100", "0.3", "0"}}, plan: []act{
				{"2026-11-01", "2026-10-30"}, {"2026-11-05", "2026-11-05"}, {"2026-11-10", "2026-11-12"}, {"2026-12-15", ""},
			}},
			action: Recover, reason: "an open recovery since 2026-10-15: next deadline 2026-12-15, promises kept 67%",
		},
		{
			name: "nothing fallen due yet",
			client: cl{id: "a", score: ip(80), recovery: "open", fin: []fin{{2026, "100", "0.3", "0"}}, plan: []act{
				{"2026-12-15", ""}, {"2026-11-23", ""},
			}},
			action: Recover, reason: "an open recovery since 2026-10-15: next deadline 2026-11-23, no promise fallen due yet",
		},
		{
			name: "every promise done",
			client: cl{id: "a", score: ip(80), recovery: "open", fin: []fin{{2026, "100", "0.3", "0"}}, plan: []act{
				{"2026-12-15", "2026-11-20"}, {"", ""},
			}},
			action: Recover, reason: "an open recovery since 2026-10-15: every promise done, promises kept 100%",
		},
		{
			name:   "recover beats renegotiate",
			client: cl{id: "a", score: ip(30), fin: []fin{{2026, "100", "0.05", "0"}}},
			others: []cl{filler("900")},
			action: Recover, reason: "at-risk health (30)",
		},
		{
			name:   "a closed recovery does not recover",
			client: cl{id: "a", score: ip(80), recovery: "closed", fin: []fin{{2026, "100", "0.05", "0"}}},
			others: []cl{filler("900")},
			action: Renegotiate, reason: "10% of revenue at margin 5%, below the 15% floor",
		},
		{
			name:   "revenue share exactly 10% renegotiates",
			client: cl{id: "a", score: ip(80), quadrant: health.TrustedPartner, fin: []fin{{2026, "100", "0.10", "0"}}},
			others: []cl{filler("900")},
			action: Renegotiate, reason: "10% of revenue at margin 10%, below the 15% floor",
		},
		{
			// 999 / 10000 = 9.99%: no. Net 99.9 > 0. 28 + 8.25 + 10 + 10 = 56.25 → 56.
			name:   "revenue share 9.99% does not renegotiate",
			client: cl{id: "a", score: ip(80), quadrant: health.TrustedPartner, fin: []fin{{2026, "999", "0.10", "0"}}},
			others: []cl{filler("9001")},
			action: Maintain, reason: "attractiveness 56, below 60 to invest; weakest: margin 10% against a 30% target",
		},
		{
			// margin 0.15 is not below the 0.15 floor. 28 + 12.5 + 10 + 10 = 60.5 → 61,
			// but a trusted partner without potential ≥ 4 is maintained.
			name:   "margin exactly at the floor does not renegotiate",
			client: cl{id: "a", score: ip(80), quadrant: health.TrustedPartner, fin: []fin{{2026, "100", "0.15", "0"}}},
			others: []cl{filler("900")},
			action: Maintain, reason: "attractive (61) trusted partner with little more to win (potential not rated)",
		},
		{
			// 1000 × 0.15 − 1 × 150 = 0.
			name:   "net contribution exactly 0 de-prioritizes",
			client: cl{id: "a", score: ip(80), fin: []fin{{2026, "1000", "0.15", "1"}}},
			action: Deprioritize, reason: "management time costs exactly what the client contributes (150.00)",
		},
		{
			// 1000 × 0.15 − 1.01 × 150 = −1.5.
			name:   "net contribution below 0 de-prioritizes",
			client: cl{id: "a", score: ip(80), fin: []fin{{2026, "1000", "0.15", "1.01"}}},
			action: Deprioritize, reason: "management time costs 1.50 more than the client contributes",
		},
		{
			// 1000 × 0.15 − 0.99 × 150 = 1.5 > 0; 28 + 12.5 + 10 + 10 = 60.5 → 61, no quadrant.
			name:   "net contribution just above 0 does not de-prioritize",
			client: cl{id: "a", score: ip(80), fin: []fin{{2026, "1000", "0.15", "0.99"}}},
			action: Invest, reason: "attractive (61) with room to grow (no quadrant yet)",
		},
		{
			// share 1/10 000 of revenue, margin −0.1: contribution −0.1, no hours.
			name:   "negative margin with no hours de-prioritizes",
			client: cl{id: "a", score: ip(80), fin: []fin{{2026, "1", "-0.1", "0"}}},
			others: []cl{filler("9999")},
			action: Deprioritize, reason: "margin -10% loses 0.10 on revenue of 1.00",
		},
		{
			// 0.35×60 + 0.25×56 + 0.20×50 + 0.20×75 = 60 exactly.
			name:   "attractiveness exactly 60 invests",
			client: cl{id: "a", score: ip(60), potential: 4, quadrant: health.ExpertForHire, fin: []fin{{2026, "100", "0.168", "0"}}},
			others: []cl{filler("900")},
			action: Invest, reason: "attractive (60) with room to grow from expert-for-hire",
		},
		{
			// margin 0.162 → 54: 21 + 13.5 + 10 + 15 = 59.5 → 60.
			name:   "attractiveness 59.5 rounds up to 60 and invests",
			client: cl{id: "a", score: ip(60), potential: 4, quadrant: health.ExpertForHire, fin: []fin{{2026, "100", "0.162", "0"}}},
			others: []cl{filler("900")},
			action: Invest, reason: "attractive (60) with room to grow from expert-for-hire",
		},
		{
			// 0.35×57 = 19.95: 19.95 + 14 + 10 + 15 = 58.95 → 59.
			name:   "attractiveness 59 maintains",
			client: cl{id: "a", score: ip(57), potential: 4, quadrant: health.ExpertForHire, fin: []fin{{2026, "100", "0.168", "0"}}},
			others: []cl{filler("900")},
			action: Maintain, reason: "attractiveness 59, below 60 to invest; weakest: fit unknown (50 used)",
		},
		{
			// 28 + 25 + 10 + 15 = 78.
			name:   "trusted partner with potential 4 invests",
			client: cl{id: "a", score: ip(80), potential: 4, quadrant: health.TrustedPartner, fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Invest, reason: "attractive (78): a trusted partner with potential 4 of 5",
		},
		{
			// 28 + 25 + 10 + 10 = 73.
			name:   "trusted partner with potential 3 maintains",
			client: cl{id: "a", score: ip(80), potential: 3, quadrant: health.TrustedPartner, fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Maintain, reason: "attractive (73) trusted partner with little more to win (potential 3 of 5)",
		},
		{
			// h 50 used: 17.5 + 25 + 10 + 20 = 72.5 → 73; no quadrant is not trusted-partner.
			name:   "an unrated client has no quadrant and may invest",
			client: cl{id: "a", potential: 5, fin: []fin{{2026, "100", "0.3", "0"}}},
			action: Invest, reason: "attractive (73) with room to grow (no quadrant yet)",
		},
		{
			// no row: R 0, H 0, margin unknown (score 50). Were the margin
			// taken as 0, net 0 would de-prioritize. 28 + 12.5 + 10 + 20 = 70.5 → 71.
			name:   "no financials skips rules 2 and 3",
			client: cl{id: "a", score: ip(80), potential: 5, quadrant: health.Vendor},
			others: []cl{filler("900")},
			action: Invest, reason: "attractive (71) with room to grow from vendor",
		},
		{
			// 50% of revenue, margin absent: were it 0 the client would be
			// renegotiated; net would be −1500. 28 + 12.5 + 10 + 10 = 60.5 → 61.
			name:   "a row without a margin skips rules 2 and 3",
			client: cl{id: "a", score: ip(80), quadrant: health.Vendor, fin: []fin{{2026, "500", "", "10"}}},
			others: []cl{filler("500")},
			action: Invest, reason: "attractive (61) with room to grow from vendor",
		},
		{
			// a row dated next year is not used: no financials this year.
			name:   "only a future row counts as no financials",
			client: cl{id: "a", score: ip(80), potential: 5, quadrant: health.Vendor, fin: []fin{{2027, "100", "0.01", "10"}}},
			others: []cl{filler("900")},
			action: Invest, reason: "attractive (71) with room to grow from vendor",
		},
		{
			// Σ R = 0: every share is 0, so no renegotiate; net 0 × 0.05 − 0 = 0.
			name:   "no revenue anywhere: share 0, no renegotiate",
			client: cl{id: "a", score: ip(80), fin: []fin{{2026, "0", "0.05", "0"}}},
			others: []cl{{id: "b", score: ip(80)}},
			action: Deprioritize, reason: "contributes nothing: revenue 0.00 at margin 5%",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := rank(t, book.SettingsOf(nil), append([]cl{tt.client}, tt.others...)...)
			e := entry(t, p, "a")
			if f := p.Figures(e); e.Action != tt.action || e.Reason != tt.reason {
				t.Errorf("action %s (%s), want %s (%s)\ncomponents %+v, attractiveness %d, share %s, net %s",
					e.Action, e.Reason, tt.action, tt.reason, e.Components, e.Attractiveness, ratText(f.Share), ratText(f.NetContribution))
			}
		})
	}
}

func TestOrder(t *testing.T) {
	s := book.SettingsOf(nil)
	// Weigh health only, so attractiveness is the health score.
	s.PortfolioHealth, s.PortfolioMargin, s.PortfolioFit, s.PortfolioPotential = big.NewRat(1, 1), new(big.Rat), new(big.Rat), new(big.Rat)
	p := rank(t, s,
		cl{id: "b", score: ip(70), fin: []fin{{2026, "100", "0.3", "0"}}},
		cl{id: "a", score: ip(70), fin: []fin{{2026, "100.00", "0.3", "0"}}},
		cl{id: "c", score: ip(70), fin: []fin{{2026, "100.01", "0.3", "0"}}},
		cl{id: "d", score: ip(80)},
		cl{id: "e", score: ip(69), fin: []fin{{2026, "99999", "0.3", "0"}}},
		cl{id: "f", status: "former", score: ip(100), fin: []fin{{2026, "5000", "0.3", "0"}}},
	)
	var got []string
	for i, e := range p.Entries {
		got = append(got, e.ID)
		if e.Rank != i+1 {
			t.Errorf("%s has rank %d at position %d", e.ID, e.Rank, i+1)
		}
	}
	// d: highest attractiveness; c: tie on 70 with the most revenue;
	// a before b: same attractiveness and revenue, by id; e: 69 despite
	// its revenue; f: not active, left out.
	want := []string{"d", "c", "a", "b", "e"}
	if len(got) != len(want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
}

func TestSummary(t *testing.T) {
	p := rank(t, book.SettingsOf(nil),
		cl{id: "kestrel", score: ip(90), potential: 5, quadrant: health.TrustedPartner, fin: []fin{{2026, "600", "0.3", "1"}}},
		cl{id: "harbour", score: ip(29), quadrant: health.ExpertForHire, fin: []fin{{2026, "300", "0.1", "2.5"}}},
		cl{id: "acorn", score: ip(60), fin: []fin{{2026, "600", "0.2", "0"}}},
		cl{id: "newco", potential: 5},
		cl{id: "gone", status: "former", score: ip(80), fin: []fin{{2026, "10000", "0.5", "0"}}},
	)
	s := p.Summary
	if s.Clients != 4 {
		t.Errorf("clients = %d, want 4 (the former client is left out)", s.Clients)
	}
	// revenue 600 + 300 + 600 + 0 = 1500; hours 3.5, cost 525;
	// net (180 − 150) + (30 − 375) + (120 − 0) = −195 over 3 known margins.
	for _, c := range []struct {
		name string
		got  *big.Rat
		want string
	}{
		{"revenue", s.Revenue, "1500"},
		{"hours", s.Hours, "3.5"},
		{"opportunity cost", s.OpportunityCost, "525"},
		{"net contribution", s.NetContribution, "-195"},
		{"largest share", s.LargestShare, "0.4"},
	} {
		if c.got == nil || c.got.Cmp(rat(t, c.want)) != 0 {
			t.Errorf("%s = %s, want %s", c.name, ratText(c.got), c.want)
		}
	}
	if s.KnownMargin != 3 {
		t.Errorf("known margins = %d, want 3", s.KnownMargin)
	}
	// acorn and kestrel both have 600: the lower id is the largest.
	if s.Largest == nil || s.Largest.ID != "acorn" {
		t.Errorf("largest = %v, want acorn", s.Largest)
	}
	want := map[string]Counts{
		// kestrel 31.5 + 25 + 10 + 20 = 86.5 → 87, a trusted partner with
		// potential 5: invest; harbour at-risk: recover; acorn 21 + 16.75 (67)
		// + 10 + 10 = 57.75 → 58: maintain; newco 17.5 + 12.5 + 10 + 20 = 60: invest.
		"actions":   {{Exit, 0}, {Recover, 1}, {Renegotiate, 0}, {Deprioritize, 0}, {Invest, 2}, {Maintain, 1}},
		"bands":     {{health.Healthy, 1}, {health.Watch, 1}, {health.AtRisk, 1}, {health.Unrated, 1}},
		"quadrants": {{health.TrustedPartner, 1}, {health.TrustedAdvisor, 0}, {health.Vendor, 0}, {health.ExpertForHire, 1}, {NoQuadrant, 2}},
	}
	got := map[string]Counts{"actions": s.Actions, "bands": s.Bands, "quadrants": s.Quadrants}
	for k, w := range want {
		if len(got[k]) != len(w) {
			t.Errorf("%s = %v, want %v", k, got[k], w)
			continue
		}
		for i := range w {
			if got[k][i] != w[i] {
				t.Errorf("%s = %v, want %v", k, got[k], w)
				break
			}
		}
	}
}

func TestSummaryWithoutRevenueOrMargins(t *testing.T) {
	p := rank(t, book.SettingsOf(nil), cl{id: "a", score: ip(80)}, cl{id: "b"})
	s := p.Summary
	if s.Largest != nil || s.LargestShare != nil {
		t.Errorf("largest = %v (%s), want none when Σ R = 0", s.Largest, ratText(s.LargestShare))
	}
	if s.NetContribution != nil || s.KnownMargin != 0 {
		t.Errorf("net contribution = %s over %d, want nil over 0", ratText(s.NetContribution), s.KnownMargin)
	}
	for _, e := range p.Entries {
		if share := p.Figures(e).Share; share.Sign() != 0 {
			t.Errorf("%s share = %s, want 0", e.ID, ratText(share))
		}
	}
}

func TestEmptyBook(t *testing.T) {
	p := rank(t, book.SettingsOf(nil))
	got, err := json.Marshal(ReportOf(p, p.Entries))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"clients":[],"summary":{"date":"2026-11-23","currency":"","clients":0,"revenue":0.00,"net_contribution":null,"net_contribution_clients":0,"management_hours":0,"opportunity_cost":0.00,"largest_client":null,"largest_share":null,` +
		`"actions":{"exit":0,"recover":0,"renegotiate":0,"de-prioritize":0,"invest":0,"maintain":0},` +
		`"bands":{"healthy":0,"watch":0,"at-risk":0,"unrated":0},` +
		`"quadrants":{"trusted-partner":0,"trusted-advisor":0,"vendor":0,"expert-for-hire":0,"unrated":0}}}`
	if string(got) != want {
		t.Errorf("JSON\n%s\nwant\n%s", got, want)
	}
}

func TestRowJSON(t *testing.T) {
	s := book.SettingsOf(nil)
	s.Currency = "GBP"
	p := rank(t, s,
		// 105600 × 0.215 − 12.5 × 150 = 22704 − 1875 = 20829; share 105600/132000 = 0.8.
		cl{id: "acme", score: ip(72), quadrant: health.TrustedAdvisor, potential: 4, fin: []fin{{2025, "105600", "0.215", "12.5"}}},
		cl{id: "newco", fin: []fin{{2026, "26400", "", ""}}},
	)
	got, err := json.Marshal(RowOf(entry(t, p, "newco"), p.Figures(entry(t, p, "newco"))))
	if err != nil {
		t.Fatal(err)
	}
	// unrated: health null though 50 is weighed; margin unknown: margin and
	// net null, margin score 50. 17.5 + 12.5 + 10 + 10 = 50.
	want := `{"rank":2,"id":"newco","name":"Client newco","revenue":26400.00,"margin":null,"management_hours":0,"net_contribution":null,` +
		`"health":null,"band":"unrated","trend":null,"quadrant":null,"attractiveness":50,"action":"maintain",` +
		`"reason":"attractiveness 50, below 60 to invest; weakest: health unrated (50 used)",` +
		`"owner":null,"tier":null,"year":2026,"revenue_share":0.2,"opportunity_cost":0.00,"health_score":50,"margin_score":50,` +
		`"fit":50,"fit_rating":null,"fit_reason":"no strategy in clientbook.yaml to check fit against","potential":50,"potential_rating":null}`
	if string(got) != want {
		t.Errorf("JSON\n%s\nwant\n%s", got, want)
	}
	got, err = json.Marshal(RowOf(entry(t, p, "acme"), p.Figures(entry(t, p, "acme"))))
	if err != nil {
		t.Fatal(err)
	}
	// 0.35×72 + 0.25×72 (0.215/0.3 = 71.67 → 72) + 10 + 15 = 25.2 + 18 + 25 = 68.2 → 68.
	want = `{"rank":1,"id":"acme","name":"Client acme","revenue":105600.00,"margin":0.215,"management_hours":12.5,"net_contribution":20829.00,` +
		`"health":72,"band":"healthy","trend":"flat","quadrant":"trusted-advisor","attractiveness":68,"action":"invest",` +
		`"reason":"attractive (68) with room to grow from trusted-advisor",` +
		`"owner":null,"tier":null,"year":2025,"revenue_share":0.8,"opportunity_cost":1875.00,"health_score":72,"margin_score":72,` +
		`"fit":50,"fit_rating":null,"fit_reason":"no strategy in clientbook.yaml to check fit against","potential":75,"potential_rating":4}`
	if string(got) != want {
		t.Errorf("JSON\n%s\nwant\n%s", got, want)
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"money with a sign and separators", Money("GBP", big.NewRat(12400, 1)), "£12,400.00"},
		{"money negative, no currency", Money("", big.NewRat(-24691350, 20)), "-1,234,567.50"},
		{"money with an unknown currency's code", Money("CHF", big.NewRat(5, 1)), "CHF 5.00"},
		{"money under a thousand", Money("EUR", big.NewRat(999, 1)), "€999.00"},
		{"percent exactly 10", Percent(big.NewRat(1, 10)), "10%"},
		{"percent with a decimal", Percent(big.NewRat(408, 1000)), "40.8%"},
		{"percent 0.05 rounds half up", Percent(big.NewRat(1005, 10000)), "10.1%"},
		{"share a third", ShareOf(big.NewRat(1, 3)).String(), "0.3333"},
		{"share two thirds rounds up", ShareOf(big.NewRat(2, 3)).String(), "0.6667"},
		{"share a tenth has no trailing zeros", ShareOf(big.NewRat(1, 10)).String(), "0.1"},
		{"share 0", ShareOf(new(big.Rat)).String(), "0"},
		{"share 1", ShareOf(big.NewRat(1, 1)).String(), "1"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
