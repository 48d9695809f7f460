package rules_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
	_ "github.com/clientbook/clientbook/pkg/internal/load" // declares CB001–CB008
	"github.com/clientbook/clientbook/pkg/rules"
)

// declarations reads the rules declared in the non-test files of the
// packages in dirs: for each `var NAME = finding.Declare(finding.Rule{ID:
// "…", …})` or `var NAME = declare(finding.Rule{ID: "…", …}, check)`, the
// variable's name and the id it declares.
func declarations(t *testing.T, dirs ...string) map[string]string {
	t.Helper()
	out := map[string]string{} // variable → id
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				spec, ok := n.(*ast.ValueSpec)
				if !ok || len(spec.Names) != 1 || len(spec.Values) != 1 {
					return true
				}
				call, ok := spec.Values[0].(*ast.CallExpr)
				if !ok || len(call.Args) == 0 || !isDeclare(call.Fun) {
					return true
				}
				lit, _ := call.Args[0].(*ast.CompositeLit)
				if lit == nil {
					t.Errorf("%s: %s is not declared with a finding.Rule literal", name, spec.Names[0].Name)
					return true
				}
				for _, e := range lit.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok && isIdent(kv.Key, "ID") {
						if s, ok := kv.Value.(*ast.BasicLit); ok {
							id, _ := strconv.Unquote(s.Value)
							out[spec.Names[0].Name] = id
						}
					}
				}
				return true
			})
		}
	}
	return out
}

func isDeclare(fun ast.Expr) bool {
	if sel, ok := fun.(*ast.SelectorExpr); ok {
		return isIdent(sel.X, "finding") && sel.Sel.Name == "Declare"
	}
	return isIdent(fun, "declare")
}

func isIdent(e ast.Expr, name string) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == name
}

// Every rule is declared once, in pkg/internal/load (CB001–CB008, where the loader
// is) or here (CB101–CB304, with its check), as a variable named after its
// id; finding.Rules lists each exactly once, in id order, with what check
// --help and SARIF show; All lists this package's rules in the same order
// (that each has a check that reports is TestEachCheckReportsItsOwnRule's).
func TestRegistry(t *testing.T) {
	declared := declarations(t, ".", filepath.Join("..", "internal", "load"))
	for name, id := range declared {
		if name != id {
			t.Errorf("variable %s declares rule %s: name it after its id", name, id)
		}
	}
	all := finding.Rules()
	if len(all) != len(declared) {
		t.Errorf("finding.Rules has %d rules, the sources declare %d", len(all), len(declared))
	}
	for i, r := range all {
		if _, ok := declared[r.ID]; !ok {
			t.Errorf("rule %s is not declared in pkg/internal/load or pkg/rules", r.ID)
		}
		if i > 0 && all[i-1].ID >= r.ID {
			t.Errorf("rule %s follows %s: want strictly increasing ids", r.ID, all[i-1].ID)
		}
		if r.Default == finding.Off || r.Summary == "" || r.Help == "" {
			t.Errorf("rule %s: default %v, summary %q, help %q; want all three", r.ID, r.Default, r.Summary, r.Help)
		}
		if got, ok := finding.Lookup(r.ID); !ok || got != r {
			t.Errorf("Lookup(%s) = %v, %v; want the rule listed", r.ID, got, ok)
		}
	}
	var want []string
	for _, r := range all {
		if r.ID >= "CB100" {
			want = append(want, r.ID)
		}
	}
	var got []string
	for _, r := range rules.All() {
		got = append(got, r.ID)
		if listed, _ := finding.Lookup(r.ID); listed != r.Rule {
			t.Errorf("rule %s of rules.All is not the one finding.Rules lists", r.ID)
		}
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("rules.All = %v, want %v", got, want)
	}
}

// brokenEverywhere are clients that, between them, make every rule of the
// package report.
func brokenEverywhere(t *testing.T) []*book.Client {
	hours := func(s string) book.Field[book.Decimal] {
		d, err := book.ParseDecimalText(s)
		if err != nil {
			t.Fatal(err)
		}
		return set(d)
	}
	return []*book.Client{
		client(since(400), func(c *book.Client) {
			c.Tier = set("key")
			c.Stakeholders = []book.Stakeholder{{Name: set("Ann"), Role: set("user"), Strength: set(4)}}
			c.Plan = &book.Plan{Path: "clients/acme/plan.yaml", Year: set(2025), Goals: make([]book.Field[string], 8),
				Actions: []book.Action{{Action: set("Call"), Due: ago(5)}}}
			c.Engagements = []*book.Engagement{{Path: "clients/acme/engagements/e.yaml", Status: set("active"),
				Milestones:         []book.Milestone{{Name: set("Concepts"), Due: ago(3)}},
				ClientDependencies: []book.Dependency{{What: set("Logo"), Due: ago(3)}},
				ScopeChanges:       []book.ScopeChange{{Change: set("More pages")}},
				Hours:              &book.Hours{Budget: hours("10"), Actual: hours("12")}}}
		}),
		client(assessed(rated(10, 1))),
		client(recovery(false)),
	}
}

// A check reports under its own rule, whatever it finds: each rule, run
// alone on clients that break every rule, reports something, and only
// findings of its own id at its default severity.
func TestEachCheckReportsItsOwnRule(t *testing.T) {
	clients := brokenEverywhere(t)
	for _, r := range rules.All() {
		s := book.SettingsOf(nil)
		for _, other := range rules.All() {
			if other != r {
				s.Severities[other.ID] = finding.Off
			}
		}
		n := 0
		for _, c := range clients {
			for _, f := range rules.Check(c, s, health.Assess(c, s, today), today) {
				n++
				if f.Rule != r.ID || f.Severity != r.Default {
					t.Errorf("checking %s alone gave a finding of %s at %v: %s", r.ID, f.Rule, f.Severity, f.Message)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s reported nothing on clients that break every rule", r.ID)
		}
	}
}
