package history

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/finding"
)

func TestSubject(t *testing.T) {
	cases := []struct {
		name, a, b string
		same       bool
	}{
		{"an overdue action that aged",
			`action "Send the brief" was due 2026-04-15 (25 days ago): do it and record done:, or move its due date`,
			`action "Send the brief" was due 2026-04-15 (1 day ago): do it and record done:, or move its due date`, true},
		{"another action",
			`action "Send the brief" was due 2026-04-15 (25 days ago): do it`,
			`action "Call the CFO" was due 2026-04-15 (25 days ago): do it`, false},
		{"a quoted name with digits is kept whole",
			`milestone "Phase 2" was due 2026-01-01 (3 days ago)`,
			`milestone "Phase 3" was due 2026-01-01 (3 days ago)`, false},
		{"an escaped quote inside the name",
			`action "Say \"hi\"" was due 2026-01-01 (3 days ago)`,
			`action "Say \"hi\"" was due 2026-01-02 (2 days ago)`, true},
		{"a stale assessment a week later",
			`the newest health assessment (2026-05-01) is 200 days old, over 180 days: assess the relationship again`,
			`the newest health assessment (2026-05-01) is 207 days old, over 180 days: assess the relationship again`, true},
		{"a touchpoint one day over, then more",
			`last touchpoint 2026-05-01 was 1 day ago, over the 30 days cadence: get in touch`,
			`last touchpoint 2026-05-01 was 31 days ago, over the 30 days cadence: get in touch`, true},
		{"hours over budget that grew",
			`455 hours spent against a budget of 420 (35 over): agree a new budget`,
			`460.5 hours spent against a budget of 420 (40.5 over): agree a new budget`, true},
		{"another kind of problem",
			`no health assessment: rate the relationship`,
			`the newest health assessment (2026-05-01) is 200 days old, over 180 days: assess the relationship again`, false},
		{"a week and weeks",
			`due in 1 week`, `due in 3 weeks`, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, b := Subject(c.a), Subject(c.b)
			if (a == b) != c.same {
				t.Errorf("Subject(%q) = %q\nSubject(%q) = %q\nsame = %v, want %v", c.a, a, c.b, b, a == b, c.same)
			}
		})
	}
}

func TestCompareFindings(t *testing.T) {
	overdue := func(line int, name, ago string) finding.Finding {
		return finding.Finding{Rule: "CB107", Severity: finding.Warning, Path: "clients/a/plan.yaml", Line: line, Column: 5,
			Message: `action "` + name + `" was due 2026-01-01 (` + ago + `): do it`}
	}
	from := State{Findings: []finding.Finding{overdue(7, "Call", "3 days ago"), overdue(8, "Send", "3 days ago")}}
	to := State{Findings: []finding.Finding{overdue(9, "Call", "40 days ago"), overdue(10, "Visit", "1 day ago")}}
	ch := Compare(from, to)
	if len(ch.Added) != 1 || ch.Added[0].Line != 10 {
		t.Errorf("added = %v, want the Visit action only", ch.Added)
	}
	if len(ch.Resolved) != 1 || ch.Resolved[0].Line != 8 {
		t.Errorf("resolved = %v, want the Send action only", ch.Resolved)
	}
	// The same path and subject under another rule is another finding.
	other := overdue(7, "Call", "3 days ago")
	other.Rule = "CB106"
	ch = Compare(State{Findings: []finding.Finding{other}}, from)
	if len(ch.Added) != 2 || len(ch.Resolved) != 1 {
		t.Errorf("added %d, resolved %d; want 2 and 1", len(ch.Added), len(ch.Resolved))
	}
}

// Subject's shortcuts give what the regular expressions give, whatever
// the message.
func FuzzSubject(f *testing.F) {
	for _, m := range []string{
		`action "Send the brief" was due 2026-04-15 (25 days ago): do it`,
		`action "Say \"hi\"" was due 2026-01-01 (3 days ago)`,
		`a "b`, `"a\"`, `no quote, no number`, `over   the ( ) cadence`,
		"two\nlines\tand days", `"unclosed \ and "closed"`, `"a"b"c"`,
	} {
		f.Add(m)
	}
	f.Fuzz(func(t *testing.T, m string) {
		if got, want := Subject(m), subjectByRegexp(m); got != want {
			t.Fatalf("Subject(%q) = %q, the regular expressions give %q", m, got, want)
		}
	})
}
