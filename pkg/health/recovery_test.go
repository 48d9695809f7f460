package health

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
)

// TestRecoveryPromises works SPEC §2's promises kept and next deadline by
// hand on 2026-12-05: an action is a promise when it has a due date; it has
// fallen due when done or due before today; kept when done by its due date.
func TestRecoveryPromises(t *testing.T) {
	type act struct{ due, done string }
	tests := []struct {
		name  string
		acts  []act
		kept  *int
		next  string
		count [2]int // kept, fallen
	}{
		{"nothing yet", nil, nil, "", [2]int{0, 0}},
		{"done early", []act{{"2026-11-01", "2026-10-30"}}, ip(100), "", [2]int{1, 1}},
		{"done on the day", []act{{"2026-11-01", "2026-11-01"}}, ip(100), "", [2]int{1, 1}},
		{"done late", []act{{"2026-11-01", "2026-11-02"}}, ip(0), "", [2]int{0, 1}},
		{"undone past due", []act{{"2026-12-04", ""}}, ip(0), "2026-12-04", [2]int{0, 1}},
		{"due today is not yet fallen", []act{{"2026-12-05", ""}}, nil, "2026-12-05", [2]int{0, 0}},
		{"no due is no promise", []act{{"", "2026-11-01"}, {"", ""}}, nil, "", [2]int{0, 0}},
		{"done before a future due counts", []act{{"2027-01-10", "2026-12-01"}}, ip(100), "", [2]int{1, 1}},
		// early, late, pending: 1 of 2 fallen kept = 50.
		{"early, late, pending", []act{{"2026-10-20", "2026-10-18"}, {"2026-11-10", "2026-11-20"}, {"2027-01-15", ""}}, ip(50), "2027-01-15", [2]int{1, 2}},
		// 2 of 3 = 66.67 → 67; 1 of 3 = 33.33 → 33.
		{"two of three", []act{{"2026-10-01", "2026-10-01"}, {"2026-10-02", "2026-10-01"}, {"2026-10-03", ""}}, ip(67), "2026-10-03", [2]int{2, 3}},
		{"one of three", []act{{"2026-10-01", "2026-10-01"}, {"2026-10-02", "2026-10-09"}, {"2026-10-03", ""}}, ip(33), "2026-10-03", [2]int{1, 3}},
		// 1 of 8 = 12.5 → 13 (half up).
		{"half rounds up", []act{{"2026-10-01", "2026-10-01"}, {"2026-10-02", ""}, {"2026-10-03", ""}, {"2026-10-04", ""}, {"2026-10-05", ""}, {"2026-10-06", ""}, {"2026-10-07", ""}, {"2026-10-08", ""}}, ip(13), "2026-10-02", [2]int{1, 8}},
		// done: yes (its own CB003): done, when not known: neither a
		// deadline nor a promise counted either way.
		{"done not a date is left out", []act{{"2026-11-01", "invalid"}, {"2026-10-01", "2026-10-01"}, {"2027-01-01", ""}}, ip(100), "2027-01-01", [2]int{1, 1}},
		{"earliest undone is next, even past", []act{{"2027-02-01", ""}, {"2026-11-15", ""}, {"2026-10-01", "2026-09-30"}}, ip(50), "2026-11-15", [2]int{1, 2}},
	}
	today := date(t, "2026-12-05")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &book.Recovery{}
			r.Opened.Value, r.Opened.Set = date(t, "2026-09-01"), true
			for _, a := range tt.acts {
				var ba book.Action
				ba.Action.Value, ba.Action.Set = "step", true
				if a.due != "" {
					ba.Due.Value, ba.Due.Set = date(t, a.due), true
				}
				switch a.done {
				case "":
				case "invalid":
					ba.Done.Invalid = true
				default:
					ba.Done.Value, ba.Done.Set = date(t, a.done), true
				}
				r.Plan = append(r.Plan, ba)
			}
			got := RecoveryOf(&book.Client{Recovery: r}, today)
			if got == nil {
				t.Fatal("open recovery read as none")
			}
			if (got.PromisesKept == nil) != (tt.kept == nil) || (got.PromisesKept != nil && *got.PromisesKept != *tt.kept) {
				t.Errorf("promises kept = %v, want %v", deref(got.PromisesKept), deref(tt.kept))
			}
			next := ""
			if got.NextDeadline != nil {
				next = got.NextDeadline.String()
			}
			if next != tt.next {
				t.Errorf("next deadline = %q, want %q", next, tt.next)
			}
			if got.Kept != tt.count[0] || got.Fallen != tt.count[1] {
				t.Errorf("kept/fallen = %d/%d, want %d/%d", got.Kept, got.Fallen, tt.count[0], tt.count[1])
			}
		})
	}
}

func TestRecoveryClosedIsNone(t *testing.T) {
	r := &book.Recovery{}
	r.Closed.Value, r.Closed.Set = date(t, "2026-11-01"), true
	if got := RecoveryOf(&book.Client{Recovery: r}, date(t, "2026-12-05")); got != nil {
		t.Errorf("closed recovery read as open: %+v", got)
	}
	if got := RecoveryOf(&book.Client{}, date(t, "2026-12-05")); got != nil {
		t.Errorf("no recovery read as open")
	}
}

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
