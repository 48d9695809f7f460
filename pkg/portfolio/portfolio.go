package portfolio

import (
	"cmp"
	"math/big"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/accept"
	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// The actions of SPEC §6, in the order their rules are tried.
const (
	Exit         = "exit"
	Recover      = "recover"
	Renegotiate  = "renegotiate"
	Deprioritize = "de-prioritize"
	Invest       = "invest"
	Maintain     = "maintain"
)

// Actions lists the actions in rule order; summaries count them in it.
var Actions = []string{Exit, Recover, Renegotiate, Deprioritize, Invest, Maintain}

// Bands lists the health bands in the order summaries count them.
var Bands = []string{health.Healthy, health.Watch, health.AtRisk, health.Unrated}

// NoQuadrant is the summary key of clients without a quadrant (never
// assessed, or trust, access and transparency unrated).
const NoQuadrant = "unrated"

// Quadrants lists the matrix quadrants, then NoQuadrant, in the order
// summaries count them.
var Quadrants = []string{health.TrustedPartner, health.TrustedAdvisor, health.Vendor, health.ExpertForHire, NoQuadrant}

// Thresholds of the action rules.
const (
	// InvestAt is the attractiveness from which rule 4 invests.
	InvestAt = 60
	// InvestPotential is the potential rating from which a trusted partner
	// still has room to grow.
	InvestPotential = 4
	// Unknown is the 0–100 value used for a component that is not known:
	// an unrated client's health, an unknown margin's score, a fit no
	// check applies to, an absent potential.
	Unknown = 50
)

// renegotiateShare is rule 2's revenue share, 10%; exactly 10% counts.
var renegotiateShare = big.NewRat(1, 10)

// Components are the four 0–100 values attractiveness weighs, each
// already rounded half up (SPEC §9).
type Components struct {
	Health    int // the health score; Unknown when unrated
	Margin    int // clamp(m / margin_target, 0, 1) × 100; Unknown when m is unknown
	Fit       int // (v − 1)/4 × 100 of the automatic fit v; Unknown when no check applies
	Potential int // (potential − 1)/4 × 100; Unknown when absent
}

// Entry is one active client's place in the portfolio: a flat value, with
// the ids, names and numbers it prints and nothing of the parsed book, so
// that a command can keep one per client of a large book.
type Entry struct {
	Rank int // from 1, in the spec's order

	// Of the client: its id and name, the owner and tier the filters read
	// (nil when not set), its own potential rating (1–5, nil when not
	// rated) and whether a recovery is open (SPEC §2, as health.Open
	// reads it).
	ID           string
	Name         string
	Owner        *string
	Tier         *string
	Potential    *int
	OpenRecovery bool

	// Of the open recovery, copied from health's reading of it (all nil
	// or 0 without one): since when (RecoveryOpened), whether it was
	// judged salvageable (nil when not stated), the next deadline of an
	// action not done, and the promises kept: Kept of Fallen (fallen due)
	// out of Promises (actions with a due date), and PromisesKept, the
	// rounded percentage (nil while none has fallen due).
	RecoveryOpened       *book.Date
	RecoverySalvageable  *bool
	RecoveryNextDeadline *book.Date
	RecoveryPromisesKept *int
	RecoveryPromises     int
	RecoveryKept         int
	RecoveryFallen       int

	// Of its health, as pkg/health gave it: score (nil when unrated),
	// band, trend and quadrant (nil without one).
	Score    *int
	Band     string
	Trend    *string
	Quadrant *string

	// Year is the financials row's year; nil when the client has no row
	// for this year or before.
	Year *int
	// Revenue R and management hours H: 0 when not known.
	Revenue *big.Rat
	Hours   *big.Rat
	// Margin m: nil when unknown (no financials row, or no margin in it).
	Margin *big.Rat

	Components Components
	// FitValue is the automatic fit v (1–5); nil when no check applies.
	FitValue  *int
	FitReason string

	// Attractiveness is Σ weight × component ÷ Σ weight, rounded half up.
	Attractiveness int

	Action string
	Reason string
}

// Portfolio is SPEC §6 for a book on a day.
type Portfolio struct {
	Today    book.Date
	Currency string
	Entries  []Entry // in the spec's order: Entries[i].Rank == i+1
	Summary  Summary

	hourly, total *big.Rat // the firm's hourly value; Σ R over the active clients
}

// Figures are the amounts of an entry that follow from its revenue, hours
// and margin, the firm's hourly value and the portfolio's total revenue.
// They are worked out when they are needed, not kept for every client: a
// large book's portfolio holds tens of thousands of entries.
type Figures struct {
	// OpportunityCost = H × hourly_value.
	OpportunityCost *big.Rat
	// NetContribution = R × m − opportunity cost; nil when m is unknown.
	NetContribution *big.Rat
	// Share = R ÷ Σ R over the active clients; 0 when Σ R = 0.
	Share *big.Rat
}

// Figures works out e's figures in p.
func (p Portfolio) Figures(e Entry) Figures {
	f := Figures{OpportunityCost: exact.Mul(e.Hours, p.hourly), Share: new(big.Rat)}
	if e.Margin != nil {
		f.NetContribution = exact.Sub(exact.Mul(e.Revenue, e.Margin), f.OpportunityCost)
	}
	if p.total.Sign() > 0 {
		f.Share = exact.Quo(e.Revenue, p.total)
	}
	return f
}

// Rank applies SPEC §6 to the active clients among results (one
// health.Result per client, as health.Assess gave it on today; clients of
// any other status are ignored). Entries are ordered by attractiveness
// (high first), then revenue (high first), then id, and ranked from 1.
func Rank(b *book.Book, results []health.Result, today book.Date) Portfolio {
	s := b.Settings
	if s == nil {
		s = book.SettingsOf(b.Firm)
	}
	var entries []Entry
	for _, r := range results {
		if r.Client == nil || r.Client.Status.Value != "active" {
			continue
		}
		entries = append(entries, Measure(r, s))
	}
	return RankMeasured(entries, s, today)
}

// RankMeasured is Rank for entries already measured, one per active
// client in the book's order: what a caller that reads the book client by
// client (load.Stream) keeps of each. It sorts entries in place.
func RankMeasured(entries []Entry, s *book.Settings, today book.Date) Portfolio {
	p := Portfolio{Today: today, Currency: s.Currency, Entries: entries, hourly: s.HourlyValue, total: new(big.Rat)}
	if p.Entries == nil {
		p.Entries = []Entry{}
	}
	for _, e := range p.Entries {
		p.total.Add(p.total, e.Revenue)
	}
	// An entry's action depends on the whole portfolio (its share of the
	// total revenue), not on its rank.
	for i := range p.Entries {
		e := &p.Entries[i]
		e.Action, e.Reason = decide(e, p.Figures(*e), s)
	}
	slices.SortStableFunc(p.Entries, Compare)
	sum := newSummer(p.total)
	for i := range p.Entries {
		p.Entries[i].Rank = i + 1
		sum.add(&p.Entries[i], p.Figures(p.Entries[i]))
	}
	p.Summary = sum.done()
	return p
}

// Compare is the spec's order: attractiveness high first, then revenue
// high first, then id.
func Compare(a, b Entry) int {
	return cmp.Or(
		cmp.Compare(b.Attractiveness, a.Attractiveness),
		b.Revenue.Cmp(a.Revenue),
		cmp.Compare(a.ID, b.ID),
	)
}

// decimal returns a set decimal's exact value, nil when unset.
func decimal(f book.Field[book.Decimal]) *big.Rat {
	if !f.Set || f.Value.Rat == nil {
		return nil
	}
	return f.Value.Rat
}

// orZero returns r, or 0 for nil.
func orZero(r *big.Rat) *big.Rat {
	if r == nil {
		return new(big.Rat)
	}
	return r
}

// Measure computes everything of one active client but its share, action
// and rank, which depend on the whole portfolio.
func Measure(r health.Result, s *book.Settings) Entry {
	c := r.Client
	e := Entry{
		ID: string(c.ID.Value), Name: c.Name.Value,
		Owner: fieldText(c.Owner), Tier: fieldText(c.Tier),
		OpenRecovery: r.Recovery != nil,
		Score:        r.Score, Band: r.Band, Trend: r.Trend, Quadrant: r.Matrix.Quadrant,
		Revenue: new(big.Rat), Hours: new(big.Rat),
	}
	if c.Potential.Set {
		v := c.Potential.Value
		e.Potential = &v
	}
	if rc := r.Recovery; rc != nil {
		// Copies: the entry keeps nothing of health's result.
		e.RecoveryOpened = clonePtr(rc.Opened)
		e.RecoverySalvageable = clonePtr(rc.Salvageable)
		e.RecoveryNextDeadline = clonePtr(rc.NextDeadline)
		e.RecoveryPromisesKept = clonePtr(rc.PromisesKept)
		e.RecoveryPromises, e.RecoveryKept, e.RecoveryFallen = len(rc.Promises), rc.Kept, rc.Fallen
	}
	if f := r.Financial; f != nil {
		if f.Year.Set {
			y := f.Year.Value
			e.Year = &y
		}
		e.Revenue = orZero(decimal(f.Revenue))
		e.Hours = orZero(decimal(f.ManagementHours))
		e.Margin = decimal(f.Margin)
	}

	e.Components.Health = Unknown
	if r.Score != nil {
		e.Components.Health = *r.Score
	}
	e.Components.Margin = MarginScore(e.Margin, s.MarginTarget)
	v, ok, why := accept.AutoFit(s.Strategy, ProfileOf(c))
	e.FitReason = why
	e.Components.Fit = Unknown
	if ok {
		e.FitValue = &v
		e.Components.Fit = RatingScore(v)
	}
	e.Components.Potential = Unknown
	if e.Potential != nil {
		e.Components.Potential = RatingScore(*e.Potential)
	}
	_, e.Attractiveness = Attractiveness(e.Components, s)
	return e
}

// MarginScore is clamp(m / target, 0, 1) × 100 rounded half up; Unknown
// for an unknown margin (nil). A target of 0 is met by any margin that is
// not negative (100), and missed by a negative one (0).
func MarginScore(m, target *big.Rat) int {
	if m == nil {
		return Unknown
	}
	if target.Sign() == 0 {
		if m.Sign() >= 0 {
			return 100
		}
		return 0
	}
	ratio := exact.Clamp(exact.Quo(m, target), exact.Int(0), exact.Int(1))
	return exact.RoundHalfUp(exact.Mul(ratio, exact.Int(100)))
}

// RatingScore turns a 1–5 rating into 0–100: (v − 1)/4 × 100, rounded half up.
func RatingScore(v int) int {
	return exact.RoundHalfUp(exact.Mul(exact.RatingFraction(exact.Int(int64(v))), exact.Int(100)))
}

// ProfileOf is the client's own profile for the automatic fit (SPEC §6):
// its industry, geography and size, and the distinct services of all its
// engagements, whatever their status.
func ProfileOf(c *book.Client) accept.Profile {
	p := accept.Profile{Name: c.Name.Value, Industry: c.Industry.Value, Geography: c.Geography.Value}
	if c.Size != nil && c.Size.Employees.Set {
		n := c.Size.Employees.Value
		p.Employees = &n
	}
	seen := map[string]bool{}
	for _, en := range c.Engagements {
		svc := strings.TrimSpace(en.Service.Value)
		if !en.Service.Set || svc == "" || seen[strings.ToLower(svc)] {
			continue
		}
		seen[strings.ToLower(svc)] = true
		p.Services = append(p.Services, svc)
	}
	return p
}

// Attractiveness is Σ weight × component ÷ Σ weight over the four rounded
// components, exact and rounded half up; 0 when every weight is 0.
func Attractiveness(c Components, s *book.Settings) (*big.Rat, int) {
	parts := []struct {
		w *big.Rat
		v int
	}{
		{s.PortfolioHealth, c.Health},
		{s.PortfolioMargin, c.Margin},
		{s.PortfolioFit, c.Fit},
		{s.PortfolioPotential, c.Potential},
	}
	num, den := new(big.Rat), new(big.Rat)
	for _, p := range parts {
		w := orZero(p.w)
		num.Add(num, exact.Mul(w, exact.Int(int64(p.v))))
		den.Add(den, w)
	}
	if den.Sign() == 0 {
		return new(big.Rat), 0
	}
	a := exact.Quo(num, den)
	return a, exact.RoundHalfUp(a)
}

// clonePtr is a copy of *p, or nil.
func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// Unsalvageable reports whether e's open recovery was judged not
// salvageable (salvageable: false): rule 1, exit. A salvageable that is
// not true or false (its own CB003) is not a judgement.
func (e Entry) Unsalvageable() bool {
	return e.OpenRecovery && e.RecoverySalvageable != nil && !*e.RecoverySalvageable
}

// decide applies the action rules in order; the first that matches wins.
func decide(e *Entry, f Figures, s *book.Settings) (action, reason string) {
	if e.Unsalvageable() {
		return Exit, exitReason(e)
	}
	atRisk := e.Band == health.AtRisk
	if atRisk || e.OpenRecovery {
		return Recover, recoverReason(e, atRisk)
	}
	if e.Margin != nil && f.Share.Cmp(renegotiateShare) >= 0 && e.Margin.Cmp(s.MarginFloor) < 0 {
		return Renegotiate, renegotiateReason(e, f, s)
	}
	if f.NetContribution != nil && f.NetContribution.Sign() <= 0 {
		return Deprioritize, deprioritizeReason(e, f, s)
	}
	partner := e.Quadrant != nil && *e.Quadrant == health.TrustedPartner
	growth := e.Potential != nil && *e.Potential >= InvestPotential
	if e.Attractiveness >= InvestAt && (!partner || growth) {
		return Invest, investReason(e, partner)
	}
	return Maintain, maintainReason(e, s, partner)
}
