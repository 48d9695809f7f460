package finding

import (
	"fmt"
	"testing"
)

func TestLimiter(t *testing.T) {
	// Rules of the test's own, not declared: a Limiter needs none to be.
	cb002 := &Rule{ID: "CB002", Default: Error}
	cb003 := &Rule{ID: "CB003", Default: Error}
	cb107 := &Rule{ID: "CB107", Default: Warning}
	type report struct {
		rule *Rule
		path string
		n    int
	}
	tests := []struct {
		name    string
		reports []report
		listed  int
		want    []string // summaries as "rule path count line"
	}{
		{name: "exactly the limit lists all", reports: []report{{cb002, "a", MaxPerRule}}, listed: MaxPerRule},
		{name: "one over counts one", reports: []report{{cb002, "a", MaxPerRule + 1}}, listed: MaxPerRule,
			want: []string{"CB002 a 1 at 101"}},
		{name: "rules count apart", reports: []report{{cb002, "a", MaxPerRule + 3}, {cb003, "a", MaxPerRule + 2}}, listed: 2 * MaxPerRule,
			want: []string{"CB002 a 3 at 101", "CB003 a 2 at 101"}},
		{name: "files count apart", reports: []report{{cb107, "a", 60}, {cb107, "b", 60}}, listed: 120},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l Limiter
			listed := 0
			for _, r := range tt.reports {
				for i := range r.n {
					if l.Admit(r.rule, r.path, i+1, 3) {
						listed++
					}
				}
			}
			for _, r := range tt.reports {
				if want := r.n < MaxPerRule; l.Listing(r.rule, r.path) != want {
					t.Errorf("Listing(%s, %s) after %d = %v, want %v", r.rule.ID, r.path, r.n, !want, want)
				}
			}
			if listed != tt.listed {
				t.Errorf("listed %d, want %d", listed, tt.listed)
			}
			var got []string
			for _, f := range l.Summaries() {
				var n int
				fmt.Sscanf(f.Message, "%d more", &n)
				got = append(got, fmt.Sprintf("%s %s %d at %d", f.Rule, f.Path, n, f.Line))
				if f.Column != 3 || f.Severity == Off {
					t.Errorf("summary %v: want column 3 and the rule's severity", f)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("summaries %v, want %v", got, tt.want)
			}
			if again := l.Summaries(); len(again) != 0 {
				t.Errorf("second Summaries gave %d, want none (they were taken)", len(again))
			}
		})
	}
}
