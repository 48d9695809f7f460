package rules

import (
	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
)

// CB101: an active key client has no plan for this year.
var CB101 = declare(finding.Rule{ID: "CB101", Default: finding.Warning, Summary: "active key client has no plan for this year", Help: "Write this year's account plan: clientbook new plan CLIENT."}, planMissing)

func planMissing(c *Context) {
	cl := c.Client
	if !c.clientActive() || cl.Tier.Value != "key" {
		return
	}
	year := c.Today.Year()
	switch p := cl.Plan; {
	case p == nil:
		c.report(cl.Path, at(cl.Keys, "tier", cl.Pos), "key client %s has no account plan for %d: write one with `clientbook new plan %s`", cl.ID.Value, year, cl.ID.Value)
	case p.Year.Set && p.Year.Value != year:
		c.report(p.Path, p.Year.Pos, "the account plan is for %d, not %d: write this year's plan", p.Year.Value, year)
	}
}

// activePlan is the plan CB102–CB107 look at: whatever plan.yaml holds, of
// an active client.
func (c *Context) activePlan() *book.Plan {
	if !c.active() {
		return nil
	}
	return c.Client.Plan
}

// CB102: the plan's owner is not a senior team member.
var CB102 = declare(finding.Rule{ID: "CB102", Default: finding.Warning, Summary: "plan owner is not a senior team member", Help: "Make a senior team member the plan's owner."}, planOwnerJunior)

func planOwnerJunior(c *Context) {
	p := c.activePlan()
	if p == nil {
		return
	}
	if !p.Owner.Given() {
		c.report(p.Path, p.Pos, "the plan has no owner: make a senior team member its owner")
		return
	}
	// An owner that is not an id, or a team member whose senior: is not
	// true or false, has its own CB003: whether the owner is senior is
	// not known.
	if senior, known := c.Settings.Seniority(p.Owner.Value); p.Owner.Set && known && !senior {
		c.report(p.Path, p.Owner.Pos, "plan owner %s is not a senior team member: hand the plan to a senior person (senior: true in clientbook.yaml)", p.Owner.Value)
	}
}

// CB103: no client input recorded for the plan.
var CB103 = declare(finding.Rule{ID: "CB103", Default: finding.Warning, Summary: "no client input recorded for the plan", Help: "Ask the client for their goals and record it under client_input."}, planNoClientInput)

func planNoClientInput(c *Context) {
	p := c.activePlan()
	if p == nil {
		return
	}
	in := p.ClientInput
	if in == nil || (!in.Date.Given() && len(in.With) == 0 && !in.Notes.Given()) {
		c.report(p.Path, at(p.Keys, "client_input", p.Pos), "no client input recorded for the plan: ask the client for their goals and record it under client_input (date, with, notes)")
	}
}

// CB104: fewer planning meetings held than cadence.planning_meetings.
var CB104 = declare(finding.Rule{ID: "CB104", Default: finding.Warning, Summary: "fewer planning meetings than cadence.planning_meetings", Help: "Hold and record the team planning meetings."}, planFewMeetings)

func planFewMeetings(c *Context) {
	p := c.activePlan()
	if p == nil {
		return
	}
	// A held: that is not true or false (its own CB003) may be either:
	// too few are reported only when they would be too few even if every
	// such meeting was held.
	held, unknown := 0, 0
	for _, m := range p.Meetings {
		switch {
		case m.Held.Invalid:
			unknown++
		case m.Held.Value:
			held++
		}
	}
	if want := c.Settings.PlanningMeetings; held+unknown < want {
		c.report(p.Path, at(p.Keys, "meetings", p.Pos), "%d of %d team planning meetings held: hold the rest and record them with held: true", held, want)
	}
}

// CB105: the plan has no update cadence.
var CB105 = declare(finding.Rule{ID: "CB105", Default: finding.Warning, Summary: "plan has no update cadence", Help: "Set updates: weekly, fortnightly or monthly."}, planNoUpdates)

func planNoUpdates(c *Context) {
	p := c.activePlan()
	if p == nil || p.Updates.Given() {
		return
	}
	c.report(p.Path, p.Pos, "the plan has no update cadence: add updates: weekly, fortnightly or monthly")
}

// planActions lists the actions CB106 and CB107 cover: the plan's and those
// of a recovery that is not closed, each with the file it is in.
func (c *Context) planActions() (actions []book.Action, paths []string) {
	if !c.active() {
		return nil, nil
	}
	cl := c.Client
	if p := cl.Plan; p != nil {
		for _, a := range p.Actions {
			actions = append(actions, a)
			paths = append(paths, p.Path)
		}
	}
	// A recovery whose closed: is not a date (its own CB003) may be
	// closed: its actions are not checked. The recovery is in client.yaml:
	// it needs the client's status known to be active.
	if r := cl.Recovery; r != nil && !r.Closed.Given() && c.clientActive() {
		for _, a := range r.Plan {
			actions = append(actions, a)
			paths = append(paths, cl.Path)
		}
	}
	return actions, paths
}

// CB106: an action without owner or due date; one finding per action.
var CB106 = declare(finding.Rule{ID: "CB106", Default: finding.Warning, Summary: "plan or recovery action without owner or due date", Help: "Give every action an owner and a due date."}, actionIncomplete)

func actionIncomplete(c *Context) {
	actions, paths := c.planActions()
	for i, a := range actions {
		var missing string
		switch {
		case !a.Owner.Given() && !a.Due.Given():
			missing = "owner and no due date"
		case !a.Owner.Given():
			missing = "owner"
		case !a.Due.Given():
			missing = "due date"
		default:
			continue
		}
		c.report(paths[i], a.Pos, "action %q has no %s: give every action an owner: and a due: date", a.Action.Value, missing)
	}
}

// CB107: an action past its due date and not done.
var CB107 = declare(finding.Rule{ID: "CB107", Default: finding.Warning, Summary: "action overdue", Help: "Do the action and record done:, or move its due date."}, actionOverdue)

func actionOverdue(c *Context) {
	actions, paths := c.planActions()
	for i, a := range actions {
		if overdue(a.Due, a.Done, c.Today) {
			c.report(paths[i], a.Due.Pos, "action %q was due %s (%s ago): do it and record done:, or move its due date", a.Action.Value, a.Due.Value, days(int(c.Today-a.Due.Value)))
		}
	}
}

// CB108: more than 7 goals. Unlike CB101–CB107 it is not limited to active
// clients (SPEC §9 leaves it out of that list): a long plan is worth
// trimming whatever the client's status.
var CB108 = declare(finding.Rule{ID: "CB108", Default: finding.Info, Summary: "plan has more than 7 goals", Help: "Keep the plan brief: seven goals at most."}, planTooManyGoals)

func planTooManyGoals(c *Context) {
	p := c.Client.Plan
	if p == nil || len(p.Goals) <= 7 {
		return
	}
	c.report(p.Path, at(p.Keys, "goals", p.Pos), "the plan has %d goals: keep it brief, seven at most", len(p.Goals))
}
