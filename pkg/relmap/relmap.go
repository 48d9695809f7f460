package relmap

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/clientbook/clientbook/pkg/book"
)

// Strong is the strength from which a tie is strong (SPEC §2's
// single-threaded flag and §3's K count ties of strength ≥ 3); a tie of
// strength ≤ 2 is weak (§12).
const Strong = 3

// Gap kinds, in the order a map lists them.
const (
	NoSponsor        = "no-sponsor"
	NoDecisionMaker  = "no-decision-maker"
	Unowned          = "unowned"
	WeakTie          = "weak-tie"
	SinglePoint      = "single-point-of-failure"
	roleSponsor      = "sponsor"
	roleDecisionMake = "decision-maker"
)

// Map is one client's relationship map.
type Map struct {
	ID           string        `json:"id"`
	Name         string        `json:"name"`
	Stakeholders []Stakeholder `json:"stakeholders"`
	Team         []Member      `json:"team"`
	Gaps         []Gap         `json:"gaps"`
}

// Stakeholder is one of the client's people and our tie to them.
type Stakeholder struct {
	Name     string  `json:"name"`
	Title    *string `json:"title"`
	Role     *string `json:"role"`
	Strength *int    `json:"strength"` // 1–5; nil when not recorded
	Owner    *string `json:"owner"`    // the team member's id; nil when nobody owns the tie
}

// Member is one of our people who owns at least one tie.
type Member struct {
	ID     string `json:"id"`
	Name   string `json:"name"`    // the team's name for them, else the id
	InTeam bool   `json:"in_team"` // false for an owner the firm file does not list
	Ties   int    `json:"ties"`
	Strong int    `json:"strong"` // ties of strength ≥ 3
}

// Gap is something missing from the map. Subject is the stakeholder's or
// team member's name it is about; empty for the client-wide gaps.
type Gap struct {
	Kind    string `json:"kind"`
	Subject string `json:"subject,omitempty"`
	Message string `json:"message"`
}

// Of builds the client's map. Stakeholders stay in file order; a
// stakeholder with no name (its own finding) is left out.
func Of(c *book.Client, s *book.Settings) Map {
	m := Map{ID: string(c.ID.Value), Name: c.Name.Or(string(c.ID.Value)), Stakeholders: []Stakeholder{}, Team: []Member{}, Gaps: []Gap{}}
	members := map[string]*Member{}
	var sponsor, decider bool
	strong := 0
	for _, sh := range c.Stakeholders {
		if !sh.Name.Set {
			continue
		}
		st := Stakeholder{Name: sh.Name.Value, Title: sh.Title.Ptr(), Role: sh.Role.Ptr(), Strength: sh.Strength.Ptr()}
		sponsor = sponsor || sh.Role.Value == roleSponsor && sh.Role.Set
		decider = decider || sh.Role.Value == roleDecisionMake && sh.Role.Set
		isStrong := sh.Strength.Set && sh.Strength.Value >= Strong
		if isStrong {
			strong++
		}
		if sh.Owner.Set {
			id := string(sh.Owner.Value)
			st.Owner = &id
			mem := members[id]
			if mem == nil {
				mem = &Member{ID: id, Name: id}
				if p, ok := s.Team[sh.Owner.Value]; ok {
					mem.InTeam = true
					if p.Name.Set {
						mem.Name = p.Name.Value
					}
				}
				members[id] = mem
			}
			mem.Ties++
			if isStrong {
				mem.Strong++
			}
		}
		m.Stakeholders = append(m.Stakeholders, st)
	}
	for _, mem := range members {
		m.Team = append(m.Team, *mem)
	}
	slices.SortFunc(m.Team, func(a, b Member) int { return cmp.Compare(a.ID, b.ID) })
	m.Gaps = gaps(m, sponsor, decider, strong)
	return m
}

// gaps names what the map lacks, client-wide gaps first, then each
// stakeholder's in file order, then the team's.
func gaps(m Map, sponsor, decider bool, strong int) []Gap {
	out := []Gap{}
	if !sponsor {
		out = append(out, Gap{Kind: NoSponsor, Message: "no stakeholder is the sponsor: find who owns the budget and the outcome, and build that tie"})
	}
	if !decider {
		out = append(out, Gap{Kind: NoDecisionMaker, Message: "no stakeholder is the decision-maker: find who signs off the work"})
	}
	for _, st := range m.Stakeholders {
		if st.Owner == nil {
			out = append(out, Gap{Kind: Unowned, Subject: st.Name, Message: fmt.Sprintf("%s has no owner on our team: give the tie to someone", st.Name)})
		}
		if st.Strength != nil && *st.Strength < Strong {
			out = append(out, Gap{Kind: WeakTie, Subject: st.Name, Message: fmt.Sprintf("the tie to %s is weak (strength %d): invest time to strengthen it", st.Name, *st.Strength)})
		}
	}
	for _, mem := range m.Team {
		// More than half: 2 × theirs > all strong ties, in integers.
		if mem.Strong > 0 && 2*mem.Strong > strong {
			out = append(out, Gap{Kind: SinglePoint, Subject: mem.Name, Message: fmt.Sprintf("%s holds %d of the %d strong ties: a single point of failure; bring a colleague into them", mem.Name, mem.Strong, strong)})
		}
	}
	return out
}
