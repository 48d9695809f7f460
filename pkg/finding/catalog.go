package finding

import (
	"fmt"
	"slices"
	"strings"
)

// Rule is one rule of SPEC §7: its id, the severity of its findings unless
// the firm's `rules` say otherwise, what it finds and what to do about it.
// Each rule is declared once, with Declare, next to the code that reports
// it: CB001–CB008 in pkg/internal/load, where the loader is, CB101–CB304 in
// pkg/rules with their checks.
type Rule struct {
	ID      string
	Default Severity
	Summary string // what the rule finds, as in SPEC §7
	Help    string // what to do about it
}

// declared is every rule declared, in id order.
var declared []*Rule

// Declare adds r to the rules and returns it, for a package-level variable
// that the code reporting the rule uses:
//
//	var CB002 = finding.Declare(finding.Rule{ID: "CB002", Default: finding.Error, ...})
//
// A rule without an id, a severity, a summary or a help text, or one whose
// id is taken, is a bug: Declare panics, when the program starts.
func Declare(r Rule) *Rule {
	if r.ID == "" || r.Default <= Off || r.Default > Error || r.Summary == "" || r.Help == "" {
		panic(fmt.Sprintf("finding: rule %q needs an id, a default severity, a summary and a help text", r.ID))
	}
	i, taken := find(r.ID)
	if taken {
		panic(fmt.Sprintf("finding: rule %s is declared twice", r.ID))
	}
	declared = slices.Insert(declared, i, &r)
	return &r
}

// Rules returns every rule in id order: the one list that check --help,
// SARIF's rule metadata and the `rules` overrides of clientbook.yaml read.
// It holds the rules of the packages the program links; clientbook links
// them all.
func Rules() []*Rule { return slices.Clone(declared) }

// Lookup returns the rule a user names (a key of clientbook.yaml's
// `rules`), and whether there is one.
func Lookup(id string) (*Rule, bool) {
	i, ok := find(id)
	if !ok {
		return nil, false
	}
	return declared[i], true
}

// MustLookup returns the rule of id, which the program names (a finding's
// rule): an id that no rule declares is a bug, and MustLookup panics.
func MustLookup(id string) *Rule {
	r, ok := Lookup(id)
	if !ok {
		panic(fmt.Sprintf("finding: no rule %q is declared", id))
	}
	return r
}

func find(id string) (int, bool) {
	return slices.BinarySearchFunc(declared, id, func(r *Rule, id string) int { return strings.Compare(r.ID, id) })
}

// At returns a finding of r at path, line and column (0 when not known),
// with r's default severity and the message format and args give.
func (r *Rule) At(path string, line, column int, format string, args ...any) Finding {
	return Finding{Rule: r.ID, Severity: r.Default, Path: path, Line: line, Column: column, Message: fmt.Sprintf(format, args...)}
}
