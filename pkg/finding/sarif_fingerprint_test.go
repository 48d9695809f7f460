package finding

import (
	"testing"
)

func TestSemanticVersion(t *testing.T) {
	for in, want := range map[string]string{
		"":            "0.0.0-dev",
		"dev":         "0.0.0-dev",
		"(devel)":     "0.0.0-dev",
		"v1.4.0":      "1.4.0",
		"1.4.0":       "1.4.0",
		"v0.3.0-rc.1": "0.3.0-rc.1",
	} {
		if got := SemanticVersion(in); got != want {
			t.Errorf("SemanticVersion(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFingerprints: an alert keeps its fingerprint when its line moves or
// the days it counts change, and two findings that name different things
// get different ones; alike findings are numbered in order.
func TestFingerprints(t *testing.T) {
	base := Finding{Rule: "CB301", Path: "clients/a/engagements/e.yaml", Line: 10, Column: 5, Message: `milestone "Launch" was due 2026-11-20 (3 days ago)`}
	fp := func(seen fingerprints, f Finding) string { return seen.next(f)[fingerprintKey] }
	a := fp(fingerprints{}, base)
	moved := base
	moved.Line, moved.Column = 42, 1
	later := base
	later.Message = `milestone "Launch" was due 2026-11-20 (9 days ago)`
	other := base
	other.Message = `milestone "Concepts" was due 2026-11-20 (3 days ago)`
	otherFile := base
	otherFile.Path = "clients/b/engagements/e.yaml"
	otherRule := base
	otherRule.Rule = "CB302"
	if got := fp(fingerprints{}, moved); got != a {
		t.Errorf("a moved line changed the fingerprint: %s, was %s", got, a)
	}
	if got := fp(fingerprints{}, later); got != a {
		t.Errorf("a later day changed the fingerprint: %s, was %s", got, a)
	}
	for name, f := range map[string]Finding{"subject": other, "file": otherFile, "rule": otherRule} {
		if got := fp(fingerprints{}, f); got == a {
			t.Errorf("another %s has the same fingerprint %s", name, got)
		}
	}
	seen := fingerprints{}
	first, second := fp(seen, base), fp(seen, moved)
	if first[len(first)-2:] != ":1" || second[len(second)-2:] != ":2" || first[:len(first)-2] != second[:len(second)-2] {
		t.Errorf("alike findings numbered %s, %s; want the same hash with :1 and :2", first, second)
	}
}

func TestRegion(t *testing.T) {
	tests := []struct {
		f    Finding
		want *sarifRegion
	}{
		{Finding{Path: "clients/a/client.yaml", Line: 3, Column: 7}, &sarifRegion{StartLine: 3, StartColumn: 7}},
		{Finding{Path: "clients/a/client.yaml"}, &sarifRegion{StartLine: 1}},
		{Finding{Path: "clients/a/plan.yml"}, &sarifRegion{StartLine: 1}},
		{Finding{Path: "clients/ghost"}, nil},
	}
	for _, tt := range tests {
		got := region(tt.f)
		if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
			t.Errorf("region(%s) = %+v, want %+v", tt.f.Path, got, tt.want)
		}
	}
}

// TestRuleName: SARIF rule names are PascalCase identifiers in which no two
// capitals meet (the SARIF multitool's SARIF2012 note).
func TestRuleName(t *testing.T) {
	for summary, want := range map[string]string{
		"hours over budget":                          "HoursOverBudget",
		"plan owner is not a senior team member":     "PlanOwnerIsNotSeniorTeamMember",
		"id or kind does not match the file's place": "IdOrKindDoesNotMatchTheFilesPlace",
		"plan has more than 7 goals":                 "PlanHasMoreThan7Goals",
	} {
		if got := ruleName(summary); got != want {
			t.Errorf("ruleName(%q) = %q, want %q", summary, got, want)
		}
	}
}
