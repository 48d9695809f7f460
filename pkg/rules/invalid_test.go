package rules_test

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/rules"
)

// invalid is a field whose value did not decode (the decoder's CB003).
func invalid[T any]() book.Field[T] { return book.Field[T]{Invalid: true} }

func withPlan(p *book.Plan) func(*book.Client) {
	return func(c *book.Client) {
		p.Path = "clients/acme/plan.yaml"
		c.Plan = p
	}
}

func withEngagement(e *book.Engagement) func(*book.Client) {
	return func(c *book.Client) {
		e.Path = "clients/acme/engagements/e.yaml"
		c.Engagements = append(c.Engagements, e)
	}
}

// A value that is itself an error (reported as CB003) makes no second
// finding in a rule that reads it: the rule skips what it cannot know.
// Each case has a twin in which the value is absent or known, and the
// rule fires, so that a rule that never fires cannot pass.
func TestInvalidValuesAreNotKnown(t *testing.T) {
	junior := book.SettingsOf(&book.Firm{Team: []book.Person{{ID: set(book.ID("ann")), Senior: invalid[bool]()}}})
	known := book.SettingsOf(&book.Firm{Team: []book.Person{{ID: set(book.ID("ann")), Senior: set(false)}}})
	defaults := book.SettingsOf(nil)
	owned := func(s book.Field[book.ID]) *book.Plan {
		return &book.Plan{Owner: s, Updates: set("monthly"), Meetings: []book.Meeting{{Held: set(true)}, {Held: set(true)}}}
	}
	meetings := func(held ...book.Field[bool]) *book.Plan {
		p := &book.Plan{Owner: set(book.ID("ann"))}
		for _, h := range held {
			p.Meetings = append(p.Meetings, book.Meeting{Date: ago(30), Held: h})
		}
		return p
	}
	action := func(owner book.Field[book.ID], due, done book.Field[book.Date]) *book.Plan {
		return &book.Plan{Actions: []book.Action{{Action: set("Call the CIO"), Owner: owner, Due: due, Done: done}}}
	}
	milestone := func(status book.Field[string], done book.Field[book.Date]) *book.Engagement {
		return &book.Engagement{Status: status, Milestones: []book.Milestone{{Name: set("Concepts"), Due: ago(10), Done: done}}}
	}
	scope := func(approved book.Field[bool]) *book.Engagement {
		return &book.Engagement{Status: set("active"), ScopeChanges: []book.ScopeChange{{Change: set("Add SEO"), Approved: approved}}}
	}
	ann := set(book.ID("ann"))
	none := book.Field[book.Date]{}
	stakeholders := func(s ...book.Stakeholder) func(*book.Client) {
		return func(c *book.Client) { c.Stakeholders = s }
	}
	tests := []struct {
		name     string
		rule     string
		settings *book.Settings
		client   *book.Client
		fires    bool
	}{
		{"owner's senior: yes", "CB102", junior, client(withPlan(owned(ann))), false},
		{"owner's senior: false", "CB102", known, client(withPlan(owned(ann))), true},
		{"owner not an id", "CB102", known, client(withPlan(owned(invalid[book.ID]()))), false},
		{"no owner", "CB102", known, client(withPlan(owned(book.Field[book.ID]{}))), true},

		{"held: yes, held: yes", "CB104", defaults, client(withPlan(meetings(invalid[bool](), invalid[bool]()))), false},
		{"held: true, held: yes", "CB104", defaults, client(withPlan(meetings(set(true), invalid[bool]()))), false},
		{"held: yes alone, two wanted", "CB104", defaults, client(withPlan(meetings(invalid[bool]()))), true},
		{"held: false, held: false", "CB104", defaults, client(withPlan(meetings(set(false), set(false)))), true},

		{"updates: montly", "CB105", defaults, client(withPlan(&book.Plan{Updates: invalid[string]()})), false},
		{"no updates", "CB105", defaults, client(withPlan(&book.Plan{})), true},

		{"client_input date not a date", "CB103", defaults, client(withPlan(&book.Plan{ClientInput: &book.ClientInput{Date: invalid[book.Date]()}})), false},
		{"client_input empty", "CB103", defaults, client(withPlan(&book.Plan{ClientInput: &book.ClientInput{}})), true},

		{"due not a date", "CB106", defaults, client(withPlan(action(ann, invalid[book.Date](), none))), false},
		{"owner not an id", "CB106", defaults, client(withPlan(action(invalid[book.ID](), ago(1), none))), false},
		{"no due date", "CB106", defaults, client(withPlan(action(ann, none, none))), true},

		{"done: yes", "CB107", defaults, client(withPlan(action(ann, ago(10), invalid[book.Date]()))), false},
		{"not done", "CB107", defaults, client(withPlan(action(ann, ago(10), none))), true},

		{"milestone done: yes", "CB301", defaults, client(withEngagement(milestone(set("active"), invalid[book.Date]()))), false},
		{"milestone not done", "CB301", defaults, client(withEngagement(milestone(set("active"), none))), true},
		{"engagement status: canceled", "CB301", defaults, client(withEngagement(milestone(invalid[string](), none))), false},

		{"approved: yes", "CB303", defaults, client(withEngagement(scope(invalid[bool]()))), false},
		{"approved absent", "CB303", defaults, client(withEngagement(scope(book.Field[bool]{}))), true},

		{"an assessment dated 2026/11/01", "CB201", defaults, client(assessed(book.Assessment{Date: invalid[book.Date]()})), false},
		{"a touchpoint dated 2026/11/01", "CB202", defaults, client(func(c *book.Client) { c.Touchpoints = []book.Touchpoint{{Date: invalid[book.Date]()}} }), false},
		{"own cadence not a duration", "CB202", defaults, client(touched(31), func(c *book.Client) { c.Cadence = &book.ClientCadence{Touchpoint: invalid[book.Duration]()} }), false},
		{"a review dated 2026/11/01", "CB203", defaults, client(since(900), func(c *book.Client) {
			c.Reviews = []*book.Review{{Path: "clients/acme/reviews/2026.yaml", Date: invalid[book.Date]()}}
		}), false},
		{"role: spnsor", "CB205", defaults, client(stakeholders(book.Stakeholder{Name: set("Jane"), Role: invalid[string]()})), false},
		{"role: user", "CB205", defaults, client(stakeholders(book.Stakeholder{Name: set("Jane"), Role: set("user")})), true},
		{"strength: high", "CB206", defaults, client(func(c *book.Client) { c.Tier = set("key") }, stakeholders(
			book.Stakeholder{Name: set("Jane"), Role: set("sponsor"), Strength: set(4)},
			book.Stakeholder{Name: set("Jim"), Strength: invalid[int]()})), false},
		{"strength: 2", "CB206", defaults, client(func(c *book.Client) { c.Tier = set("key") }, stakeholders(
			book.Stakeholder{Name: set("Jane"), Role: set("sponsor"), Strength: set(4)},
			book.Stakeholder{Name: set("Jim"), Strength: set(2)})), true},
	}
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.name, func(t *testing.T) {
			findings := rules.Check(tt.client, tt.settings, health.Assess(tt.client, tt.settings, today), today)
			fired := 0
			for _, f := range findings {
				if f.Rule == tt.rule {
					fired++
				}
			}
			if got := fired > 0; got != tt.fires {
				t.Errorf("%s fired %d times, want fired: %v (findings: %+v)", tt.rule, fired, tt.fires, findings)
			}
		})
	}
}
