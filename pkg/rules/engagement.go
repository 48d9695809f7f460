package rules

import (
	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// deliveryEngagements are those CB301, CB302 and CB304 look at: the
// engagements of an active client that are not cancelled. One whose status
// is not valid (its own CB003) may be cancelled, and is left out.
func (c *Context) deliveryEngagements() []*book.Engagement {
	if !c.active() {
		return nil
	}
	var out []*book.Engagement
	for _, e := range c.Client.Engagements {
		if e.Status.Value != "cancelled" && !e.Status.Invalid {
			out = append(out, e)
		}
	}
	return out
}

// CB301: a milestone past its due date and not done.
var CB301 = declare(finding.Rule{ID: "CB301", Default: finding.Warning, Summary: "milestone overdue", Help: "Deliver the milestone and record done:, or agree a new date."}, milestoneOverdue)

func milestoneOverdue(c *Context) {
	for _, e := range c.deliveryEngagements() {
		for _, m := range e.Milestones {
			if overdue(m.Due, m.Done, c.Today) {
				c.report(e.Path, m.Due.Pos, "milestone %q was due %s (%s ago): deliver it and record done:, or agree a new date", m.Name.Value, m.Due.Value, days(int(c.Today-m.Due.Value)))
			}
		}
	}
}

// CB302: something the client owes, past its due date and not received.
var CB302 = declare(finding.Rule{ID: "CB302", Default: finding.Warning, Summary: "client dependency overdue", Help: "Chase the client for what they owe, and record received:."}, dependencyOverdue)

func dependencyOverdue(c *Context) {
	for _, e := range c.deliveryEngagements() {
		for _, d := range e.ClientDependencies {
			if overdue(d.Due, d.Received, c.Today) {
				c.report(e.Path, d.Due.Pos, "the client owes %q since %s (%s): chase it and record received:", d.What.Value, d.Due.Value, days(int(c.Today-d.Due.Value)))
			}
		}
	}
}

// CB303: a scope change not approved while the engagement is active (an
// absent approved is not approved; one that is not true or false has its
// own CB003 and is not known).
var CB303 = declare(finding.Rule{ID: "CB303", Default: finding.Warning, Summary: "scope change not approved while the engagement is active", Help: "Get the scope change approved (approved: true) or drop it."}, scopeUnapproved)

func scopeUnapproved(c *Context) {
	for _, e := range c.Client.Engagements {
		if e.Status.Value != "active" {
			continue
		}
		for _, s := range e.ScopeChanges {
			if !s.Approved.Value && !s.Approved.Invalid {
				c.report(e.Path, s.Pos, "scope change %q is not approved while the engagement is active: get it approved (approved: true) and priced, or drop it", s.Change.Value)
			}
		}
	}
}

// CB304: more hours spent than budgeted.
var CB304 = declare(finding.Rule{ID: "CB304", Default: finding.Warning, Summary: "hours over budget", Help: "Agree a new budget with the client or stop the overrun."}, hoursOverBudget)

func hoursOverBudget(c *Context) {
	for _, e := range c.deliveryEngagements() {
		h := e.Hours
		if h == nil || !h.Budget.Set || !h.Actual.Set {
			continue
		}
		if h.Actual.Value.Rat.Cmp(h.Budget.Value.Rat) > 0 {
			over := exact.Sub(h.Actual.Value.Rat, h.Budget.Value.Rat)
			c.report(e.Path, h.Actual.Pos, "%s hours spent against a budget of %s (%s over): agree a new budget with the client or stop the overrun", h.Actual.Value.Text, h.Budget.Value.Text, exact.Plain(over))
		}
	}
}
