package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
)

// CB201: the newest health assessment is stale, or there is none. An
// assessment whose date is not a date (its own CB003) may be the newest:
// the rule then says nothing.
var CB201 = declare(finding.Rule{ID: "CB201", Default: finding.Warning, Summary: "health assessment stale or missing", Help: "Rate the relationship again under health:."}, healthStale)

func healthStale(c *Context) {
	if !c.clientActive() {
		return
	}
	cl, h := c.Client, c.Health
	if slices.ContainsFunc(cl.Health, func(a book.Assessment) bool { return a.Date.Invalid }) {
		return
	}
	switch {
	case h.Newest == nil:
		c.report(cl.Path, at(cl.Keys, "health", cl.Pos), "no health assessment: rate the relationship under health: (trust, respect, transparency, access, loyalty, value)")
	case h.Stale != nil && *h.Stale:
		pos := cl.Pos
		for _, a := range cl.Health {
			if a.Date.Set && a.Date.Value == *h.Newest {
				pos = a.Date.Pos
			}
		}
		c.report(cl.Path, pos, "the newest health assessment (%s) is %s old, over %s: assess the relationship again", h.Newest, days(int(c.Today-*h.Newest)), days(int(c.Settings.StaleAfter)))
	}
}

// CB202: no touchpoint within the client's cadence (its own, else the
// firm's). Exactly the cadence old is within it; reviews are not touchpoints.
// A touchpoint whose date is not a date, or a cadence that is not a
// duration (each its own CB003), leaves the answer unknown: nothing is said.
var CB202 = declare(finding.Rule{ID: "CB202", Default: finding.Warning, Summary: "no touchpoint within the client's cadence", Help: "Get in touch and record it: clientbook log CLIENT."}, touchpointGap)

func touchpointGap(c *Context) {
	if !c.clientActive() {
		return
	}
	cl := c.Client
	cadence := c.Settings.TouchpointCadence
	if cl.Cadence != nil && cl.Cadence.Touchpoint.Invalid ||
		slices.ContainsFunc(cl.Touchpoints, func(t book.Touchpoint) bool { return t.Date.Invalid }) {
		return
	}
	if cl.Cadence != nil && cl.Cadence.Touchpoint.Set {
		cadence = cl.Cadence.Touchpoint.Value
	}
	newest := -1
	for i, t := range cl.Touchpoints {
		if t.Date.Set && (newest < 0 || t.Date.Value >= cl.Touchpoints[newest].Date.Value) {
			newest = i
		}
	}
	if newest < 0 {
		c.report(cl.Path, at(cl.Keys, "touchpoints", cl.Pos), "no touchpoint recorded (cadence %s): get in touch and record it with `clientbook log %s`", days(int(cadence)), cl.ID.Value)
		return
	}
	t := cl.Touchpoints[newest]
	if age := int(c.Today - t.Date.Value); age > int(cadence) {
		c.report(cl.Path, t.Date.Pos, "last touchpoint %s was %s ago, over the %s cadence: get in touch and record it with `clientbook log %s`", t.Date.Value, days(age), days(int(cadence)), cl.ID.Value)
	}
}

// CB203: the annual review is overdue: the newest held review is more
// than cadence.review old, or, with none held, `since` is. A planned
// review has not taken place and does not count (SPEC §9); the message
// then names it, so the user knows to mark it held. A review whose date
// is not a date (its own CB003) may be the newest: nothing is said.
var CB203 = declare(finding.Rule{ID: "CB203", Default: finding.Warning, Summary: "annual review overdue", Help: "Hold the annual review: clientbook review CLIENT, then clientbook new review CLIENT; once held, set its status: held."}, reviewOverdue)

func reviewOverdue(c *Context) {
	if !c.clientActive() {
		return
	}
	cl, h := c.Client, c.Health
	if slices.ContainsFunc(cl.Reviews, func(r *book.Review) bool { return r.Date.Invalid }) {
		return
	}
	limit := int(c.Settings.ReviewCadence)
	if rv := h.Review; rv != nil {
		if age := int(c.Today - rv.Date.Value); age > limit {
			c.report(rv.Path, rv.Date.Pos, "the last annual review (%s) was %s ago, over %s: %s", rv.Date.Value, days(age), days(limit), holdReview(cl, "the review"))
		}
		return
	}
	if cl.Since.Set {
		if age := int(c.Today - cl.Since.Value); age > limit {
			c.report(cl.Path, cl.Since.Pos, "no annual review in the %s since %s: %s", days(age), cl.Since.Value, holdReview(cl, "the first review"))
		}
	}
}

// holdReview says what to do about an overdue review: hold it, or, when
// one is planned (the newest planned, on the same date the later file),
// mark that one held once it has taken place.
func holdReview(cl *book.Client, what string) string {
	var planned *book.Review
	for _, rv := range cl.Reviews {
		if rv.Held() || !rv.Date.Set {
			continue
		}
		if planned == nil || rv.Date.Value >= planned.Date.Value {
			planned = rv
		}
	}
	if planned == nil {
		return fmt.Sprintf("hold %s (clientbook review %s)", what, cl.ID.Value)
	}
	return fmt.Sprintf("the review planned for %s (%s) is not yet marked held: once it has taken place, set status: held there (agenda: clientbook review %s)", planned.Date.Value, planned.Path, cl.ID.Value)
}

// CB204: an at-risk client without an open recovery plan.
var CB204 = declare(finding.Rule{ID: "CB204", Default: finding.Warning, Summary: "at-risk client without an open recovery plan", Help: "Open a recovery: plan under recovery: in client.yaml."}, atRiskWithoutRecovery)

func atRiskWithoutRecovery(c *Context) {
	if !c.clientActive() || c.Health.Band != health.AtRisk {
		return
	}
	cl := c.Client
	// A closed: that is not a date (its own CB003) is taken for open.
	if r := cl.Recovery; r != nil && !r.Closed.Set {
		return
	}
	pos := at(cl.Keys, "health", cl.Pos)
	if r := cl.Recovery; r != nil {
		pos = r.Closed.Pos
	}
	c.report(cl.Path, pos, "health is at-risk (%d) and no recovery is open: open one under recovery: with a root cause and a dated plan", *c.Health.Score)
}

func hasFlag(h health.Result, id string) bool {
	return slices.ContainsFunc(h.Flags, func(f health.Flag) bool { return f.ID == id })
}

// CB205: no stakeholder with role sponsor. A role that is not one of the
// roles (its own CB003) may have meant sponsor: nothing is said.
var CB205 = declare(finding.Rule{ID: "CB205", Default: finding.Warning, Summary: "no executive sponsor among stakeholders", Help: "Find and record a stakeholder with role: sponsor."}, noSponsor)

func noSponsor(c *Context) {
	if !c.clientActive() || !hasFlag(c.Health, health.FlagNoSponsor) ||
		slices.ContainsFunc(c.Client.Stakeholders, func(s book.Stakeholder) bool { return s.Role.Invalid }) {
		return
	}
	cl := c.Client
	c.report(cl.Path, at(cl.Keys, "stakeholders", cl.Pos), "no executive sponsor among the stakeholders: find one and record them with role: sponsor")
}

// CB206: a key client with only one strong stakeholder. A strength that
// is not 1 to 5 (its own CB003) may be strong: nothing is said.
var CB206 = declare(finding.Rule{ID: "CB206", Default: finding.Info, Summary: "key client is single-threaded", Help: "Build relationships with more than one strong stakeholder."}, singleThreaded)

func singleThreaded(c *Context) {
	if !c.clientActive() || c.Client.Tier.Value != "key" || !hasFlag(c.Health, health.FlagSingleThreaded) ||
		slices.ContainsFunc(c.Client.Stakeholders, func(s book.Stakeholder) bool { return s.Strength.Invalid }) {
		return
	}
	cl := c.Client
	c.report(cl.Path, at(cl.Keys, "stakeholders", cl.Pos), "key client is single-threaded: only one stakeholder has strength 3 or more; build relationships with others")
}

// CB207: an open recovery of an active client that is missing any of the
// steps SPEC §2 asks for: salvageable decided, a root cause,
// responsibility accepted, a plan with at least one action. One finding
// per recovery, at its key, naming every missing step. A recovery judged
// not salvageable is not checked: its action is exit (SPEC §9).
//
// A value that is there but not valid (salvageable: maybe, a root_cause
// that is a list) has its own CB003 and counts as given, so a mistake
// costs one finding; so does a closed: that is not a date, which closes
// the recovery (health.Open). A root_cause of blanks is no root cause,
// and responsibility_accepted: false is responsibility not accepted. One
// limit: a plan: that is not a list (its CB003) leaves no action to read,
// as absent or null would, so it also counts as no plan action.
var CB207 = declare(finding.Rule{ID: "CB207", Default: finding.Warning, Summary: "open recovery is incomplete: salvageable not decided, no root cause, responsibility not accepted, or no plan action", Help: "Complete the recovery under recovery: in client.yaml: decide salvageable, write the root_cause, accept responsibility (responsibility_accepted: true) and agree a plan of dated actions."}, recoveryIncomplete)

func recoveryIncomplete(c *Context) {
	cl := c.Client
	if !c.clientActive() || !health.Open(cl) {
		return
	}
	r := cl.Recovery
	if r.Salvageable.Set && !r.Salvageable.Value {
		return
	}
	if msg := recoveryGaps(r); msg != "" {
		c.report(cl.Path, at(cl.Keys, "recovery", r.Pos), "%s", msg)
	}
}

// recoveryGaps is CB207's message for a recovery: every step it is
// missing, each with what to do; "" when none is.
func recoveryGaps(r *book.Recovery) string {
	var missing, todo []string
	if !r.Salvageable.Given() {
		missing = append(missing, "salvageable not decided")
		todo = append(todo, "decide whether it is salvageable (salvageable: true or false)")
	}
	if !r.RootCause.Invalid && strings.TrimSpace(r.RootCause.Value) == "" {
		missing = append(missing, "no root cause")
		todo = append(todo, "write down the root_cause")
	}
	switch ra := r.ResponsibilityAccepted; {
	case ra.Invalid || ra.Set && ra.Value:
	case ra.Set:
		missing = append(missing, "responsibility not accepted (responsibility_accepted: false)")
		todo = append(todo, "accept responsibility without assigning blame (responsibility_accepted: true)")
	default:
		missing = append(missing, "responsibility not accepted")
		todo = append(todo, "accept responsibility without assigning blame (responsibility_accepted: true)")
	}
	if len(r.Plan) == 0 {
		missing = append(missing, "no plan action")
		todo = append(todo, "agree a plan of actions, each with an owner and a due date")
	}
	if len(missing) == 0 {
		return ""
	}
	return "the open recovery is incomplete: " + andList(missing) + ": " + andList(todo)
}

// andList joins items as "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
