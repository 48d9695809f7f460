package relmap

import (
	"reflect"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
)

type tie struct {
	name, role string
	strength   int // 0: not recorded
	owner      string
}

func client(ties ...tie) *book.Client {
	c := &book.Client{}
	c.ID = book.Field[book.ID]{Value: "acme", Set: true}
	for _, t := range ties {
		var s book.Stakeholder
		s.Name = book.Field[string]{Value: t.name, Set: true}
		if t.role != "" {
			s.Role = book.Field[string]{Value: t.role, Set: true}
		}
		if t.strength > 0 {
			s.Strength = book.Field[int]{Value: t.strength, Set: true}
		}
		if t.owner != "" {
			s.Owner = book.Field[book.ID]{Value: book.ID(t.owner), Set: true}
		}
		c.Stakeholders = append(c.Stakeholders, s)
	}
	return c
}

func settings() *book.Settings {
	s := &book.Settings{Team: map[book.ID]book.Person{}}
	s.Team["ann"] = book.Person{Name: book.Field[string]{Value: "Ann Lee", Set: true}}
	s.Team["bo"] = book.Person{}
	return s
}

// TestGaps works SPEC §12's gaps by hand. Strong ties are strength ≥ 3; a
// team member holding more than half of them (2 × theirs > all) is a
// single point of failure.
func TestGaps(t *testing.T) {
	tests := []struct {
		name string
		ties []tie
		want []string // kind:subject
	}{
		{"nobody", nil, []string{"no-sponsor:", "no-decision-maker:"}},
		{"sponsor and decision-maker, two owners share", []tie{{"A", "sponsor", 4, "ann"}, {"B", "decision-maker", 3, "bo"}}, nil},
		// ann holds 2 of 3 strong ties: 4 > 3.
		{"more than half", []tie{{"A", "sponsor", 4, "ann"}, {"B", "decision-maker", 3, "ann"}, {"C", "user", 5, "bo"}}, []string{"single-point-of-failure:Ann Lee"}},
		// ann holds 2 of 4: exactly half is not more than half.
		{"exactly half", []tie{{"A", "sponsor", 4, "ann"}, {"B", "decision-maker", 3, "ann"}, {"C", "user", 5, "bo"}, {"D", "user", 3, "bo"}}, nil},
		// One strong tie: its owner holds all of them.
		{"one strong tie", []tie{{"A", "sponsor", 3, "ann"}, {"B", "decision-maker", 2, "bo"}}, []string{"weak-tie:B", "single-point-of-failure:Ann Lee"}},
		// An unowned strong tie counts in the total: ann 1 of 2 is half.
		{"unowned strong tie counts", []tie{{"A", "sponsor", 3, "ann"}, {"B", "decision-maker", 4, ""}}, []string{"unowned:B"}},
		{"strength 2 is weak, 3 is not, none recorded is not", []tie{{"A", "sponsor", 2, "ann"}, {"B", "decision-maker", 0, "bo"}, {"C", "user", 3, "bo"}, {"D", "user", 3, "ann"}}, []string{"weak-tie:A"}},
		{"an owner outside the team keeps the id", []tie{{"A", "sponsor", 5, "zed"}, {"B", "decision-maker", 1, ""}}, []string{"unowned:B", "weak-tie:B", "single-point-of-failure:zed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Of(client(tt.ties...), settings())
			var got []string
			for _, g := range m.Gaps {
				got = append(got, g.Kind+":"+g.Subject)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("gaps = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTeamCounts(t *testing.T) {
	m := Of(client(tie{"A", "sponsor", 4, "bo"}, tie{"B", "user", 2, "bo"}, tie{"C", "user", 5, "ann"}, tie{"D", "", 0, ""}), settings())
	want := []Member{
		{ID: "ann", Name: "Ann Lee", InTeam: true, Ties: 1, Strong: 1},
		{ID: "bo", Name: "bo", InTeam: true, Ties: 2, Strong: 1},
	}
	if !reflect.DeepEqual(m.Team, want) {
		t.Errorf("team = %+v, want %+v", m.Team, want)
	}
	if len(m.Stakeholders) != 4 || m.Stakeholders[3].Owner != nil || m.Stakeholders[3].Strength != nil {
		t.Errorf("stakeholders = %+v", m.Stakeholders)
	}
	if m.Name != "acme" {
		t.Errorf("name = %q, want the id for a client with no name", m.Name)
	}
}
