package rules_test

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/rules"
)

func set[T any](v T) book.Field[T] { return book.Field[T]{Value: v, Set: true} }

var today = func() book.Date {
	d, err := book.ParseDate("2026-11-23")
	if err != nil {
		panic(err)
	}
	return d
}()

// ago is the date n days before today.
func ago(n int) book.Field[book.Date] { return set(today - book.Date(n)) }

// rated is an assessment n days old with every rating v.
func rated(n, v int) book.Assessment {
	return book.Assessment{Date: ago(n), Trust: set(v), Respect: set(v), Transparency: set(v), Access: set(v), Loyalty: set(v), Value: set(v)}
}

// client is an active client, changed by each option.
func client(opts ...func(*book.Client)) *book.Client {
	c := &book.Client{Path: "clients/acme/client.yaml", ID: set(book.ID("acme")), Name: set("Acme"), Status: set("active")}
	for _, o := range opts {
		o(c)
	}
	return c
}

func paused(c *book.Client) { c.Status = set("paused") }
func assessed(a ...book.Assessment) func(*book.Client) {
	return func(c *book.Client) { c.Health = a }
}
func touched(days ...int) func(*book.Client) {
	return func(c *book.Client) {
		for _, n := range days {
			c.Touchpoints = append(c.Touchpoints, book.Touchpoint{Date: ago(n)})
		}
	}
}
func ownCadence(days int) func(*book.Client) {
	return func(c *book.Client) { c.Cadence = &book.ClientCadence{Touchpoint: set(book.Duration(days))} }
}
func reviewed(days int) func(*book.Client) {
	return func(c *book.Client) {
		c.Reviews = append(c.Reviews, &book.Review{Path: "clients/acme/reviews/r.yaml", Date: ago(days)})
	}
}
func since(days int) func(*book.Client) { return func(c *book.Client) { c.Since = ago(days) } }
func recovery(closed bool) func(*book.Client) {
	return func(c *book.Client) {
		c.Recovery = &book.Recovery{Opened: ago(20)}
		if closed {
			c.Recovery.Closed = ago(5)
		}
	}
}

// The relationship rules with a limit in days (SPEC §7) fire one day past
// it and not on it, with the firm's defaults: health stale after 180
// days, touchpoints every 30 days, a review every 365 days.
func TestLimits(t *testing.T) {
	tests := []struct {
		name   string
		rule   string
		client *book.Client
		fires  bool
	}{
		{"no assessment", "CB201", client(), true},
		{"assessed 180 days ago", "CB201", client(assessed(rated(180, 4))), false},
		{"assessed 181 days ago", "CB201", client(assessed(rated(181, 4))), true},
		{"the newest of two counts", "CB201", client(assessed(rated(400, 4), rated(10, 4))), false},
		{"paused and never assessed", "CB201", client(paused), false},

		{"no touchpoint", "CB202", client(), true},
		{"touched 30 days ago", "CB202", client(touched(30)), false},
		{"touched 31 days ago", "CB202", client(touched(31)), true},
		{"the newest touchpoint counts wherever it is listed", "CB202", client(touched(31, 2, 40)), false},
		{"own cadence 14, touched 14 days ago", "CB202", client(ownCadence(14), touched(14)), false},
		{"own cadence 14, touched 15 days ago", "CB202", client(ownCadence(14), touched(15)), true},
		{"paused, touched long ago", "CB202", client(paused, touched(400)), false},

		{"reviewed 365 days ago", "CB203", client(reviewed(365)), false},
		{"reviewed 366 days ago", "CB203", client(reviewed(366)), true},
		{"client since 365 days, no review", "CB203", client(since(365)), false},
		{"client since 366 days, no review", "CB203", client(since(366)), true},
		{"neither review nor since", "CB203", client(), false},
		{"a recent review outweighs an old since", "CB203", client(since(900), reviewed(30)), false},

		{"at risk without recovery", "CB204", client(assessed(rated(10, 1))), true},
		{"at risk with an open recovery", "CB204", client(assessed(rated(10, 1)), recovery(false)), false},
		{"at risk with a closed recovery", "CB204", client(assessed(rated(10, 1)), recovery(true)), true},
		{"healthy without recovery", "CB204", client(assessed(rated(10, 5))), false},
	}
	s := book.SettingsOf(nil)
	for _, tt := range tests {
		t.Run(tt.rule+"/"+tt.name, func(t *testing.T) {
			findings := rules.Check(tt.client, s, health.Assess(tt.client, s, today), today)
			fired := 0
			for _, f := range findings {
				if f.Rule == tt.rule {
					fired++
					if f.Path == "" || f.Message == "" {
						t.Errorf("finding without a path or message: %+v", f)
					}
				}
			}
			if fired > 1 {
				t.Errorf("%s fired %d times, want at most once", tt.rule, fired)
			}
			if got := fired == 1; got != tt.fires {
				t.Errorf("%s fired: %v, want %v (findings: %+v)", tt.rule, got, tt.fires, findings)
			}
		})
	}
}

// A rule the firm turns off never fires; one it changes keeps its finding
// at the new severity.
func TestSeverityOverrides(t *testing.T) {
	c := client()
	check := func(severities map[string]finding.Severity) map[string]finding.Severity {
		s := book.SettingsOf(nil)
		for id, sev := range severities {
			s.Severities[id] = sev
		}
		got := map[string]finding.Severity{}
		for _, f := range rules.Check(c, s, health.Assess(c, s, today), today) {
			got[f.Rule] = f.Severity
		}
		return got
	}
	base := check(nil)
	if _, ok := base["CB202"]; !ok {
		t.Fatalf("a client never touched has no CB202 to override: %v", base)
	}
	if got, ok := check(map[string]finding.Severity{"CB202": finding.Off})["CB202"]; ok {
		t.Errorf("CB202 turned off still fired at %v", got)
	}
	if got := check(map[string]finding.Severity{"CB202": finding.Error})["CB202"]; got != finding.Error {
		t.Errorf("CB202 set to error fired at %v", got)
	}
}

// TestFindingsLimitedPerFileAndRule: a plan of 150 overdue actions lists
// the first finding.MaxPerRule CB107 and one that counts the other 50.
func TestFindingsLimitedPerFileAndRule(t *testing.T) {
	c := client(func(c *book.Client) {
		c.Plan = &book.Plan{Path: "clients/acme/plan.yaml", Year: set(2026)}
		for i := range 150 {
			due := ago(3)
			due.Pos = book.Pos{Line: 10 + i, Column: 5}
			c.Plan.Actions = append(c.Plan.Actions, book.Action{Action: set("call"), Owner: set(book.ID("ann")), Due: due})
		}
	})
	listed, summaries := 0, 0
	for _, f := range rules.Check(c, book.SettingsOf(nil), health.Result{}, today) {
		if f.Rule != "CB107" {
			continue
		}
		if f.Message == "50 more CB107 findings in this file are not listed (at most 100 are): fix those above and run check again" {
			summaries++
			if f.Line != 10+finding.MaxPerRule {
				t.Errorf("summary at line %d, want the first unlisted action's line %d", f.Line, 10+finding.MaxPerRule)
			}
			continue
		}
		listed++
	}
	if listed != finding.MaxPerRule || summaries != 1 {
		t.Errorf("CB107: %d listed and %d summaries, want %d and 1", listed, summaries, finding.MaxPerRule)
	}
}
