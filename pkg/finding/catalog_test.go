package finding_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/finding"
	// The rules are declared by the packages that report them: with
	// both, these tests see every rule, as clientbook does.
	_ "github.com/clientbook/clientbook/pkg/internal/load"
	_ "github.com/clientbook/clientbook/pkg/rules"
)

// TestREADMERuleTable keeps the README's rule table in step with the
// rules, the one list of them.
func TestREADMERuleTable(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range finding.Rules() {
		row := "| " + r.ID + " | " + r.Default.String() + " | " + r.Summary + " |"
		if !strings.Contains(string(data), row+"\n") {
			t.Errorf("README.md has no row %q", row)
		}
	}
}

// panics reports whether f panics.
func panics(f func()) (panicked bool) {
	defer func() { panicked = recover() != nil }()
	f()
	return false
}

// An id the program names that no rule declares is a bug, not a rule that
// is off: it panics. An id a user names is looked up with its ok.
func TestUnknownRule(t *testing.T) {
	if !panics(func() { finding.MustLookup("CB999") }) {
		t.Error("MustLookup(CB999) did not panic")
	}
	if r, ok := finding.Lookup("CB999"); ok || r != nil {
		t.Errorf("Lookup(CB999) = %v, %v; want nil, false", r, ok)
	}
	if r := finding.MustLookup("CB107"); r.ID != "CB107" || r.Default != finding.Warning {
		t.Errorf("MustLookup(CB107) = %+v", r)
	}
	var text strings.Builder
	report := finding.Report{Findings: []finding.Finding{{Rule: "CB999", Severity: finding.Error, Path: "a.yaml", Message: "m"}}}
	if !panics(func() { finding.WriteTextWithSource(&text, report, nil) }) {
		t.Error("a finding of an undeclared rule printed with its help did not panic")
	}
	if !panics(func() { finding.WriteSARIF(&text, report, "", "1", nil) }) {
		t.Error("a finding of an undeclared rule written as SARIF did not panic")
	}
}

// A rule declared twice, or without a severity, summary or help, stops the
// program as it starts; the rules are left as they were.
func TestDeclareRefuses(t *testing.T) {
	before := len(finding.Rules())
	for name, r := range map[string]finding.Rule{
		"taken id":    {ID: "CB001", Default: finding.Error, Summary: "s", Help: "h"},
		"no id":       {Default: finding.Error, Summary: "s", Help: "h"},
		"no severity": {ID: "CB990", Summary: "s", Help: "h"},
		"off":         {ID: "CB990", Default: finding.Off, Summary: "s", Help: "h"},
		"no summary":  {ID: "CB990", Default: finding.Error, Help: "h"},
		"no help":     {ID: "CB990", Default: finding.Error, Summary: "s"},
	} {
		if !panics(func() { finding.Declare(r) }) {
			t.Errorf("%s: Declare(%+v) did not panic", name, r)
		}
	}
	if after := len(finding.Rules()); after != before {
		t.Errorf("%d rules after the refusals, want %d", after, before)
	}
}
