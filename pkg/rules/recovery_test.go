package rules_test

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/rules"
)

// TestCB207 works CB207's message by hand for each missing step of an
// open recovery, for them all together, and for the recoveries it does
// not check.
func TestCB207(t *testing.T) {
	part := func(v string) func(*book.Recovery) {
		return func(r *book.Recovery) {
			switch v {
			case "salvageable":
				r.Salvageable = book.Field[bool]{Value: true, Set: true}
			case "not salvageable":
				r.Salvageable = book.Field[bool]{Value: false, Set: true}
			case "salvageable invalid":
				r.Salvageable = book.Field[bool]{Invalid: true}
			case "root cause":
				r.RootCause = book.Field[string]{Value: "Missed the launch", Set: true}
			case "blank root cause":
				r.RootCause = book.Field[string]{Value: "  ", Set: true}
			case "root cause invalid":
				r.RootCause = book.Field[string]{Invalid: true}
			case "accepted":
				r.ResponsibilityAccepted = book.Field[bool]{Value: true, Set: true}
			case "not accepted":
				r.ResponsibilityAccepted = book.Field[bool]{Value: false, Set: true}
			case "accepted invalid":
				r.ResponsibilityAccepted = book.Field[bool]{Invalid: true}
			case "action":
				r.Plan = []book.Action{{Action: book.Field[string]{Value: "Re-brief", Set: true}}}
			case "closed":
				r.Closed = book.Field[book.Date]{Value: 20000, Set: true}
			case "closed invalid":
				r.Closed = book.Field[book.Date]{Invalid: true}
			default:
				t.Fatalf("unknown part %q", v)
			}
		}
	}
	const (
		salv   = "decide whether it is salvageable (salvageable: true or false)"
		cause  = "write down the root_cause"
		accept = "accept responsibility without assigning blame (responsibility_accepted: true)"
		plan   = "agree a plan of actions, each with an owner and a due date"
	)
	tests := []struct {
		name  string
		parts []string
		want  string // "": no finding
	}{
		{"complete", []string{"salvageable", "root cause", "accepted", "action"}, ""},
		{"salvageable not decided", []string{"root cause", "accepted", "action"},
			"the open recovery is incomplete: salvageable not decided: " + salv},
		{"no root cause", []string{"salvageable", "accepted", "action"},
			"the open recovery is incomplete: no root cause: " + cause},
		{"a blank root cause is none", []string{"salvageable", "blank root cause", "accepted", "action"},
			"the open recovery is incomplete: no root cause: " + cause},
		{"responsibility not stated", []string{"salvageable", "root cause", "action"},
			"the open recovery is incomplete: responsibility not accepted: " + accept},
		{"responsibility_accepted: false", []string{"salvageable", "root cause", "not accepted", "action"},
			"the open recovery is incomplete: responsibility not accepted (responsibility_accepted: false): " + accept},
		{"no plan action", []string{"salvageable", "root cause", "accepted"},
			"the open recovery is incomplete: no plan action: " + plan},
		{"two missing", []string{"salvageable", "accepted"},
			"the open recovery is incomplete: no root cause and no plan action: " + cause + " and " + plan},
		{"all missing", nil,
			"the open recovery is incomplete: salvageable not decided, no root cause, responsibility not accepted and no plan action: " +
				salv + ", " + cause + ", " + accept + " and " + plan},
		// Not checked: exit, closed, or closed with a date that is not one
		// (its own CB003: written down, so closed).
		{"not salvageable is exit", []string{"not salvageable"}, ""},
		{"closed", []string{"closed"}, ""},
		{"closed not a date", []string{"closed invalid"}, ""},
		// A value that is not valid has its own CB003 and counts as given.
		{"salvageable invalid counts as decided", []string{"salvageable invalid", "root cause", "accepted", "action"}, ""},
		{"root cause invalid counts as given", []string{"salvageable", "root cause invalid", "accepted", "action"}, ""},
		{"responsibility invalid counts as given", []string{"salvageable", "root cause", "accepted invalid", "action"}, ""},
	}
	s := book.SettingsOf(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := client(func(c *book.Client) {
				c.Keys = map[string]book.Pos{"recovery": {Line: 12, Column: 1}}
				c.Recovery = &book.Recovery{Opened: ago(20)}
				for _, p := range tt.parts {
					part(p)(c.Recovery)
				}
			})
			var got []string
			for _, f := range rules.Check(c, s, health.Assess(c, s, today), today) {
				if f.Rule != "CB207" {
					continue
				}
				got = append(got, f.Message)
				if f.Line != 12 || f.Column != 1 || f.Path != c.Path {
					t.Errorf("finding at %s:%d:%d, want the recovery key %s:12:1", f.Path, f.Line, f.Column, c.Path)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("CB207 fired: %q", got)
			case tt.want != "" && (len(got) != 1 || got[0] != tt.want):
				t.Errorf("CB207 = %q\nwant one: %q", got, tt.want)
			}
		})
	}
}

// CB207 looks at active clients only.
func TestCB207ActiveOnly(t *testing.T) {
	s := book.SettingsOf(nil)
	for _, status := range []string{"paused", "former", "prospect"} {
		c := client(func(c *book.Client) {
			c.Status = book.Field[string]{Value: status, Set: true}
			c.Recovery = &book.Recovery{Opened: ago(20)}
		})
		for _, f := range rules.Check(c, s, health.Assess(c, s, today), today) {
			if f.Rule == "CB207" {
				t.Errorf("%s client: CB207 fired: %s", status, f.Message)
			}
		}
	}
}
