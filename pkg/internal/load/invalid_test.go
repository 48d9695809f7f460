package load

import (
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
)

// A value that did not decode is marked Invalid, apart from an absent or
// null one, so that rules can tell "not known" from "not written".
func TestInvalidValuesAreMarked(t *testing.T) {
	v, fs := decodeText(t, kindPlan, `kind: AccountPlan
year: 2026
owner: Ann Example
meetings:
  - {date: 2026-02-01, held: yes}
  - {date: 2026-03-01, held: true}
  - {date: 2026-04-01, held: }
  - {date: 2026-05-01}
  - {date: 2026-06-01, held: [true]}
actions:
  - {action: Call, due: 2026-04-30, done: yes}
`)
	p := v.(*book.Plan)
	if len(fs) != 4 {
		t.Errorf("want 4 findings (owner, held, held, done), got %v", fs)
	}
	type state struct{ set, invalid bool }
	check := func(name string, got, want state) {
		t.Helper()
		if got != want {
			t.Errorf("%s: Set %v Invalid %v, want Set %v Invalid %v", name, got.set, got.invalid, want.set, want.invalid)
		}
	}
	check("owner: Ann Example", state{p.Owner.Set, p.Owner.Invalid}, state{false, true})
	check("held: yes", state{p.Meetings[0].Held.Set, p.Meetings[0].Held.Invalid}, state{false, true})
	check("held: true", state{p.Meetings[1].Held.Set, p.Meetings[1].Held.Invalid}, state{true, false})
	check("held: (null)", state{p.Meetings[2].Held.Set, p.Meetings[2].Held.Invalid}, state{false, false})
	check("held absent", state{p.Meetings[3].Held.Set, p.Meetings[3].Held.Invalid}, state{false, false})
	check("held: [true]", state{p.Meetings[4].Held.Set, p.Meetings[4].Held.Invalid}, state{false, true})
	check("done: yes", state{p.Actions[0].Done.Set, p.Actions[0].Done.Invalid}, state{false, true})
	if !p.Actions[0].Done.Given() || p.Meetings[3].Held.Given() {
		t.Errorf("Given: an invalid value is given, an absent one is not")
	}
}

// A firm value that is not valid has its own CB003; the default put in its
// place makes no second finding in a check that compares it with another.
func TestInvalidFirmValueMakesOneFinding(t *testing.T) {
	b := loadBook(t, map[string]string{"clientbook.yaml": validFirm + `health:
  bands: {healthy: high, watch: 80}
acceptance:
  accept_at: 60
  decline_below: lots
`})
	var got []string
	for _, f := range b.Findings {
		got = append(got, f.Rule+" "+f.Location())
	}
	want := []string{"CB003 clientbook.yaml:7:20", "CB003 clientbook.yaml:10:18"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// Weights that are all zero are one CB003 at the section's weights key;
// one weight left to its default, or not valid (its own CB003, its
// default in its place), is not all zero.
func TestZeroWeights(t *testing.T) {
	tests := []struct {
		name, firm string
		want       []string
	}{
		{"all six named zero", "health:\n  weights: {trust: 0, respect: 0, transparency: 0, access: 0, loyalty: 0, value: 0}\n",
			[]string{"CB003 clientbook.yaml:7:3 health.weights are all zero"}},
		{"one left to its default", "health:\n  weights: {trust: 0, respect: 0, transparency: 0, access: 0, loyalty: 0}\n", nil},
		{"one not valid", "health:\n  weights: {trust: 0, respect: 0, transparency: 0, access: 0, loyalty: 0, value: x}\n",
			[]string{"CB003 clientbook.yaml:7:82 \"value\" must be a number"}},
		{"an empty weights map", "portfolio:\n  weights: {}\n", nil},
		{"portfolio all zero", "portfolio:\n  weights: {health: 0, margin: 0.0, fit: 0, potential: 0}\n",
			[]string{"CB003 clientbook.yaml:7:3 portfolio.weights are all zero"}},
		{"acceptance all zero", "acceptance:\n  weights: {fit: 0, issue: 0, impact: 0, sponsor: 0, relational: 0, other: 0}\n",
			[]string{"CB003 clientbook.yaml:7:3 acceptance.weights are all zero"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := loadBook(t, map[string]string{"clientbook.yaml": validFirm + tt.firm})
			var got []string
			for _, f := range b.Findings {
				got = append(got, f.Rule+" "+f.Location()+" "+f.Message)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("findings %q, want %d starting %q", got, len(tt.want), tt.want)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("finding %q, want it to start %q", got[i], tt.want[i])
				}
			}
		})
	}
}
