package book

import (
	"math/big"
	"strings"

	"github.com/clientbook/clientbook/pkg/finding"
)

// Factors are the six rated health factors of SPEC §2, in the spec's order.
var Factors = []string{"trust", "respect", "transparency", "access", "loyalty", "value"}

// Criteria are the six acceptance criteria of SPEC §5, in the spec's order.
var Criteria = []string{"fit", "issue", "impact", "sponsor", "relational", "other"}

// Settings is the firm file with every default of SPEC §1 filled in, key
// by key, so that the domain packages never look at Set flags.
type Settings struct {
	Name     string
	Currency string
	Team     map[ID]Person
	Strategy *Strategy // nil: no strategy, the checks that need it do not apply

	HourlyValue  *big.Rat
	MarginFloor  *big.Rat
	MarginTarget *big.Rat

	HealthWeights map[string]*big.Rat // by factor name
	BandHealthy   int
	BandWatch     int
	RoundWindow   Duration
	StaleAfter    Duration

	BroadServices     int
	BroadStakeholders int
	BroadTeam         int

	TouchpointCadence Duration
	ReviewCadence     Duration
	PlanningMeetings  int

	CriterionWeights map[string]*big.Rat // by criterion name
	AcceptAt         int
	DeclineBelow     int
	Required         []string

	PortfolioHealth    *big.Rat
	PortfolioMargin    *big.Rat
	PortfolioFit       *big.Rat
	PortfolioPotential *big.Rat

	// Severities holds the firm's per-rule overrides (SPEC §7).
	Severities map[string]finding.Severity
}

func ratOr(f Field[Decimal], def string) *big.Rat {
	if f.Set {
		return f.Value.Rat
	}
	r, _ := new(big.Rat).SetString(def)
	return r
}

// SettingsOf resolves a firm file (nil for none) to settings with defaults.
func SettingsOf(f *Firm) *Settings {
	if f == nil {
		f = &Firm{}
	}
	s := &Settings{
		Name:     f.Name.Value,
		Currency: strings.ToUpper(f.Currency.Value),
		Team:     map[ID]Person{},
		Strategy: f.Strategy,

		HourlyValue:  ratOr(f.Economics.HourlyValue, "150"),
		MarginFloor:  ratOr(f.Economics.MarginFloor, "0.15"),
		MarginTarget: ratOr(f.Economics.MarginTarget, "0.30"),

		HealthWeights: map[string]*big.Rat{
			"trust":        ratOr(f.Health.Weights.Trust, "1"),
			"respect":      ratOr(f.Health.Weights.Respect, "1"),
			"transparency": ratOr(f.Health.Weights.Transparency, "1"),
			"access":       ratOr(f.Health.Weights.Access, "1"),
			"loyalty":      ratOr(f.Health.Weights.Loyalty, "1"),
			"value":        ratOr(f.Health.Weights.Value, "1"),
		},
		BandHealthy: f.Health.Bands.Healthy.Or(70),
		BandWatch:   f.Health.Bands.Watch.Or(50),
		RoundWindow: f.Health.RoundWindow.Or(30),
		StaleAfter:  f.Health.StaleAfter.Or(180),

		BroadServices:     f.Matrix.Broad.Services.Or(3),
		BroadStakeholders: f.Matrix.Broad.Stakeholders.Or(5),
		BroadTeam:         f.Matrix.Broad.Team.Or(3),

		TouchpointCadence: f.Cadence.Touchpoint.Or(30),
		ReviewCadence:     f.Cadence.Review.Or(365),
		PlanningMeetings:  f.Cadence.PlanningMeetings.Or(2),

		CriterionWeights: map[string]*big.Rat{
			"fit":        ratOr(f.Acceptance.Weights.Fit, "1"),
			"issue":      ratOr(f.Acceptance.Weights.Issue, "1"),
			"impact":     ratOr(f.Acceptance.Weights.Impact, "1"),
			"sponsor":    ratOr(f.Acceptance.Weights.Sponsor, "1"),
			"relational": ratOr(f.Acceptance.Weights.Relational, "1"),
			"other":      ratOr(f.Acceptance.Weights.Other, "1"),
		},
		AcceptAt:     f.Acceptance.AcceptAt.Or(70),
		DeclineBelow: f.Acceptance.DeclineBelow.Or(50),
		Required:     []string{"sponsor"},

		PortfolioHealth:    ratOr(f.Portfolio.Weights.Health, "0.35"),
		PortfolioMargin:    ratOr(f.Portfolio.Weights.Margin, "0.25"),
		PortfolioFit:       ratOr(f.Portfolio.Weights.Fit, "0.20"),
		PortfolioPotential: ratOr(f.Portfolio.Weights.Potential, "0.20"),

		Severities: map[string]finding.Severity{},
	}
	if f.Acceptance.Required != nil {
		s.Required = nil
		for _, r := range f.Acceptance.Required {
			if r.Set {
				s.Required = append(s.Required, r.Value)
			}
		}
	}
	for _, p := range f.Team {
		if p.ID.Set {
			s.Team[p.ID.Value] = p
		}
	}
	for _, e := range f.Rules {
		if sev, ok := finding.ParseSeverity(e.Value.Value); ok && e.Value.Set {
			s.Severities[e.Key] = sev
		}
	}
	return s
}

// IsSenior reports whether id names a senior team member.
func (s *Settings) IsSenior(id ID) bool {
	p, ok := s.Team[id]
	return ok && p.Senior.Value
}

// Seniority reports whether id names a senior team member, and whether
// that is known: it is not for a team member whose senior: holds a value
// that is not true or false (reported as CB003). Someone who is not in the
// team is known not to be a senior team member.
func (s *Settings) Seniority(id ID) (senior, known bool) {
	p, ok := s.Team[id]
	if !ok {
		return false, true
	}
	return p.Senior.Value, !p.Senior.Invalid
}
