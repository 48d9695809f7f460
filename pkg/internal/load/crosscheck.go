package load

import (
	"math/big"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
)

// checker runs the structural rules that need more than one file:
// references to people and clients (CB007), dates out of order (CB008),
// duplicate team ids (CB005) and the firm's own consistency (CB003).
type checker struct {
	settings *book.Settings
	firmDoc  *book.Firm
	// hasClient says whether the book has a client of the id; needed
	// only for opportunities.
	hasClient func(book.ID) bool
	findings  []finding.Finding
	limit     finding.Limiter
}

func (c *checker) add(rule *finding.Rule, p string, pos book.Pos, format string, args ...any) {
	if c.limit.Admit(rule, p, pos.Line, pos.Column) {
		c.findings = append(c.findings, rule.At(p, pos.Line, pos.Column, format, args...))
	}
}

// countUnlisted adds the findings that count what went over the limit of
// a rule in a file, once the file's checks are done.
func (c *checker) countUnlisted() {
	c.findings = append(c.findings, c.limit.Summaries()...)
}

// person checks that id, when set, names a team member.
func (c *checker) person(p string, id book.Field[book.ID], what string) {
	if !id.Set {
		return
	}
	if _, ok := c.settings.Team[id.Value]; !ok {
		c.add(CB007, p, id.Pos, "%s %q is not in the firm's team: add them to team in clientbook.yaml or use one of: %s", what, id.Value, c.teamList())
	}
}

func (c *checker) teamList() string {
	team := c.firmDoc
	if team == nil || len(team.Team) == 0 {
		return "(the team is empty)"
	}
	var ids []string
	for _, p := range team.Team {
		if p.ID.Set {
			ids = append(ids, string(p.ID.Value))
		}
	}
	return strings.Join(ids, ", ")
}

// order reports a CB008 when later is set and before earlier.
func (c *checker) order(p string, earlier, later book.Field[book.Date], earlierName, laterName string) {
	if earlier.Set && later.Set && later.Value < earlier.Value {
		c.add(CB008, p, later.Pos, "%s %s is before %s %s: correct one of the dates", laterName, later.Value, earlierName, earlier.Value)
	}
}

func (c *checker) firm() {
	defer c.countUnlisted()
	f := c.firmDoc
	if f == nil {
		return // clientbook.yaml could not be read: already reported
	}
	seen := map[book.ID]bool{}
	for _, p := range f.Team {
		if !p.ID.Set {
			continue
		}
		if seen[p.ID.Value] {
			c.add(CB005, f.Path, p.ID.Pos, "team id %q is used twice: give each person their own id", p.ID.Value)
		}
		seen[p.ID.Value] = true
	}
	// Each pair is compared only when both are known: a value that is
	// not valid has its own CB003, and its default must not make a
	// second finding.
	s := c.settings
	h := f.Health.Bands
	if (h.Healthy.Set || h.Watch.Set) && !h.Healthy.Invalid && !h.Watch.Invalid {
		if s.BandWatch > s.BandHealthy {
			c.add(CB003, f.Path, h.Watch.Pos, "bands.watch (%d) is above bands.healthy (%d): the watch band starts below the healthy one", s.BandWatch, s.BandHealthy)
		}
	}
	a := f.Acceptance
	if (a.AcceptAt.Set || a.DeclineBelow.Set) && !a.AcceptAt.Invalid && !a.DeclineBelow.Invalid {
		if s.DeclineBelow > s.AcceptAt {
			c.add(CB003, f.Path, a.DeclineBelow.Pos, "decline_below (%d) is above accept_at (%d): set decline_below at or below accept_at", s.DeclineBelow, s.AcceptAt)
		}
	}
	c.weights(f.Path, "health", f.Health.Keys, "no client would have a health score: give at least one factor", s.HealthWeights)
	c.weights(f.Path, "acceptance", f.Acceptance.Keys, "no opportunity would have a score: give at least one criterion", s.CriterionWeights)
	c.weights(f.Path, "portfolio", f.Portfolio.Keys, "every client's attractiveness would be 0: give at least one component", map[string]*big.Rat{
		"health": s.PortfolioHealth, "margin": s.PortfolioMargin, "fit": s.PortfolioFit, "potential": s.PortfolioPotential,
	})
	if st := f.Strategy; st != nil && st.Size != nil {
		lo, hi := st.Size.MinEmployees, st.Size.MaxEmployees
		if lo.Set && hi.Set && lo.Value > hi.Value {
			c.add(CB003, f.Path, hi.Pos, "max_employees (%d) is below min_employees (%d)", hi.Value, lo.Value)
		}
	}
	for _, e := range f.Rules {
		if _, ok := finding.Lookup(e.Key); !ok {
			all := finding.Rules()
			c.add(CB002, f.Path, e.KeyPos, "unknown rule %q in rules: rule ids run %s to %s (see clientbook check --help)", e.Key, all[0].ID, all[len(all)-1].ID)
			continue
		}
		if _, ok := finding.ParseSeverity(e.Value.Value); !ok || !e.Value.Set {
			c.add(CB003, f.Path, e.Value.Pos, "rule %s is set to %q: use error, warning, info or off", e.Key, e.Value.Value)
		}
	}
}

// weights reports a section's weights that are all zero (CB003, at the
// weights key): each is at least 0, and with none above it every score
// the section weighs would be 0 ÷ 0, so every client or opportunity would
// silently go without one. The weights are the resolved ones, defaults
// included: a weight that is not valid has its own CB003 and its default
// in its place, and is not reported again here.
func (c *checker) weights(p, section string, keys map[string]book.Pos, consequence string, weights map[string]*big.Rat) {
	at, ok := keys["weights"]
	if !ok {
		return // the defaults, none of them 0
	}
	for _, w := range weights {
		if w != nil && w.Sign() != 0 {
			return
		}
	}
	c.add(CB003, p, at, "%s.weights are all zero, so %s a positive weight", section, consequence)
}

func (c *checker) client(cl *book.Client) {
	defer c.countUnlisted()
	p := cl.Path
	c.person(p, cl.Owner, "owner")
	for _, s := range cl.Stakeholders {
		c.person(p, s.Owner, "stakeholder owner")
	}
	for _, a := range cl.Health {
		c.person(p, a.By, "assessor")
	}
	for _, t := range cl.Touchpoints {
		c.person(p, t.By, "touchpoint by")
	}
	if r := cl.Recovery; r != nil {
		c.order(p, r.Opened, r.Closed, "opened", "closed")
		for _, a := range r.Plan {
			c.person(p, a.Owner, "action owner")
		}
	}
	if pl := cl.Plan; pl != nil {
		c.person(pl.Path, pl.Owner, "plan owner")
		for _, a := range pl.Actions {
			c.person(pl.Path, a.Owner, "action owner")
		}
	}
	for _, e := range cl.Engagements {
		c.person(e.Path, e.Owner, "engagement owner")
		c.order(e.Path, e.Start, e.End, "start", "end")
	}
	for _, r := range cl.Reviews {
		c.person(r.Path, r.By, "review by")
	}
}

func (c *checker) opportunity(o *book.Opportunity) {
	defer c.countUnlisted()
	switch {
	case o.Client.Set && o.Prospect != nil:
		c.add(CB003, o.Path, o.Prospect.Pos, "an opportunity names either client or prospect, not both: remove one")
	case !o.Client.Set && o.Prospect == nil && !hasKey(o.Keys, "client"):
		c.add(CB004, o.Path, o.Pos, "an opportunity needs client (an existing client id) or prospect (a description of the would-be client): add one")
	}
	if o.Client.Set && !c.hasClient(o.Client.Value) {
		c.add(CB007, o.Path, o.Client.Pos, "client %q is not in the book: use an existing client id or describe a new one under prospect", o.Client.Value)
	}
}
