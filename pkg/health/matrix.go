package health

import (
	"math/big"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// Quadrants of the Client Growth Matrix (SPEC §3).
const (
	ExpertForHire  = "expert-for-hire"
	TrustedAdvisor = "trusted-advisor"
	Vendor         = "vendor"
	TrustedPartner = "trusted-partner"
)

// advisorFactors are the factors of the advisor axis.
var advisorFactors = []string{"trust", "access", "transparency"}

// Matrix is a client's place in the Client Growth Matrix.
type Matrix struct {
	Advisor  *int // nil when none of trust, access, transparency is rated
	Breadth  int
	Quadrant *string // nil without an advisor score

	Services     []string // S: distinct services of current engagements
	Stakeholders int      // K: stakeholders with strength ≥ 3
	Owners       int      // T: distinct owners of those stakeholders
}

// MatrixOf places a client (SPEC §3, §9): advisor from the current round,
// breadth from the book on today.
func MatrixOf(c *book.Client, cur *Round, s *book.Settings, today book.Date) Matrix {
	var m Matrix
	if cur != nil {
		sum, n := new(big.Rat), 0
		for _, name := range advisorFactors {
			if v := cur.Factor(name).Value; v != nil {
				sum.Add(sum, ratingScore(v))
				n++
			}
		}
		if n > 0 {
			a := exact.RoundHalfUp(exact.Quo(sum, exact.Int(int64(n))))
			m.Advisor = &a
		}
	}
	m.Services = currentServices(c, today)
	owners := map[book.ID]bool{}
	for _, sh := range c.Stakeholders {
		if sh.Strength.Value >= 3 {
			m.Stakeholders++
			if sh.Owner.Set {
				owners[sh.Owner.Value] = true
			}
		}
	}
	m.Owners = len(owners)
	part := func(n, broad int) *big.Rat {
		return exact.Clamp(exact.Frac(int64(n), int64(max(broad, 1))), exact.Int(0), exact.Int(1))
	}
	sum := exact.Add(exact.Add(part(len(m.Services), s.BroadServices), part(m.Stakeholders, s.BroadStakeholders)), part(m.Owners, s.BroadTeam))
	m.Breadth = exact.RoundHalfUp(exact.Mul(exact.Int(100), exact.Quo(sum, exact.Int(3))))
	if m.Advisor != nil {
		q := QuadrantOf(*m.Advisor, m.Breadth)
		m.Quadrant = &q
	}
	return m
}

// QuadrantOf names the quadrant of an (advisor, breadth) pair.
func QuadrantOf(advisor, breadth int) string {
	switch {
	case advisor >= 50 && breadth >= 50:
		return TrustedPartner
	case advisor >= 50:
		return TrustedAdvisor
	case breadth >= 50:
		return Vendor
	default:
		return ExpertForHire
	}
}

// currentServices lists the distinct services (case-insensitively) of
// engagements that are active, or complete with an end within the last 365
// days (today included), in first-seen order.
func currentServices(c *book.Client, today book.Date) []string {
	var out []string
	seen := map[string]bool{}
	for _, e := range c.Engagements {
		if !e.Service.Set || e.Service.Value == "" {
			continue
		}
		current := e.Status.Value == "active" ||
			(e.Status.Value == "complete" && e.End.Set && e.End.Value <= today && e.End.Value >= today-365)
		if !current {
			continue
		}
		key := strings.ToLower(e.Service.Value)
		if !seen[key] {
			seen[key] = true
			out = append(out, e.Service.Value)
		}
	}
	return out
}
