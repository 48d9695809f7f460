package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
)

// Context is what a rule looks at: one client, its health and the day.
type Context struct {
	Settings *book.Settings
	Client   *book.Client
	Health   health.Result
	Today    book.Date

	rule     *Rule // the rule being checked, which report reports
	limit    finding.Limiter
	findings []finding.Finding
}

// report adds a finding of the rule being checked at path and position.
func (c *Context) report(path string, pos book.Pos, format string, args ...any) {
	if c.limit.Admit(c.rule.Rule, path, pos.Line, pos.Column) {
		c.findings = append(c.findings, c.rule.At(path, pos.Line, pos.Column, format, args...))
	}
}

// Rule is one rule over a client: its metadata and its check, which
// Check runs with a Context set to the rule.
type Rule struct {
	*finding.Rule
	check func(c *Context)
}

// registry is every rule of this package, in id order.
var registry []*Rule

// declare declares a rule once, with its check: the registry, finding's
// list of rules (check --help, SARIF, the `rules` overrides) and the
// findings the check reports all take it from here.
func declare(meta finding.Rule, check func(c *Context)) *Rule {
	r := &Rule{Rule: finding.Declare(meta), check: check}
	i, _ := slices.BinarySearchFunc(registry, r.ID, func(r *Rule, id string) int { return strings.Compare(r.ID, id) })
	registry = slices.Insert(registry, i, r)
	return r
}

// All returns every relationship rule in id order.
func All() []*Rule { return slices.Clone(registry) }

// Run applies every rule to every client, and to the stand-ins of the
// clients whose client.yaml could not be read (b.Unread), whose other files
// are checked all the same. results holds each client's health, in
// b.Clients order. Severity overrides of the firm's `rules` are applied;
// the result is unsorted.
func Run(b *book.Book, results []health.Result, today book.Date) []finding.Finding {
	var out []finding.Finding
	for i, c := range b.Clients {
		out = append(out, Check(c, b.Settings, results[i], today)...)
	}
	for _, c := range b.Unread {
		out = append(out, Check(c, b.Settings, health.Assess(c, b.Settings, today), today)...)
	}
	return out
}

// Check applies every rule to one client, whose health is h. Severity
// overrides of the firm's `rules` are applied; the result is unsorted.
func Check(c *book.Client, s *book.Settings, h health.Result, today book.Date) []finding.Finding {
	ctx := &Context{Settings: s, Client: c, Health: h, Today: today}
	for _, r := range registry {
		if sev, ok := s.Severities[r.ID]; ok && sev == finding.Off {
			continue
		}
		ctx.rule = r
		r.check(ctx)
	}
	return finding.ApplySeverities(append(ctx.findings, ctx.limit.Summaries()...), s.Severities)
}

// active reports whether the rules on the client's other files — its plan
// (CB102–CB107) and engagements (CB301, CB302, CB304) — check it as an
// active client (SPEC §9 limits them to active clients). A client whose
// status is not known is checked as active: its client.yaml could not be
// read (the stand-in has no status), or its status is missing or not
// valid, each with a finding of its own. A broken client.yaml hides
// nothing in the client's other files; a warning that does not apply to
// the status the user meant goes away once the status is fixed.
func (c *Context) active() bool {
	s := c.Client.Status
	return s.Value == "active" || !s.Set
}

// clientActive reports whether the rules on what client.yaml itself holds
// (CB101, CB201–CB206, the recovery's actions in CB106 and CB107) check the
// client: its status must be known to be active. They have nothing to say
// about a client.yaml that could not be read, and about one whose status
// is not known they would say what applies only to an active client (no
// assessment, no touchpoint) while the one error to fix is the status.
func (c *Context) clientActive() bool { return c.Client.Status.Value == "active" }

// at returns the position of key in a document's key map, else fallback.
func at(keys map[string]book.Pos, key string, fallback book.Pos) book.Pos {
	if p, ok := keys[key]; ok {
		return p
	}
	return fallback
}

// overdue reports whether something due on due and not done is overdue
// today: due today is not, due yesterday is (SPEC §9). A done date that
// is not a date (its own CB003) says something was done, when is not
// known: it is not overdue.
func overdue(due, done book.Field[book.Date], today book.Date) bool {
	return due.Set && !done.Given() && due.Value < today
}

func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
