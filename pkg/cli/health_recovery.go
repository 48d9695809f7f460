package cli

import (
	"fmt"
	"io"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

// The open recovery of SPEC §2 in health's views: under the table of the
// clients named on the command line, in --explain (each promise kept,
// broken or pending) and in --explain -o json|yaml.

// printRecoveries writes, under the table, the open recovery of each row
// that has one: since when, what has been settled (salvageable, root
// cause, responsibility) and how the promises are being kept.
func printRecoveries(w io.Writer, rows []health.Row, today book.Date) {
	for _, r := range rows {
		rc := r.Recovery
		if rc == nil {
			continue
		}
		fmt.Fprintln(w)
		render.Fprintf(w, "%s: recovery open%s\n", r.ID, openedSince(rc.Opened, today))
		for _, line := range [][2]string{
			{"salvageable", salvageableText(rc.Salvageable)},
			{"root cause", orText(rc.RootCause, "not found yet")},
			{"responsibility", responsibilityText(rc.ResponsibilityAccepted)},
			{"promises kept", promisesKeptText(rc.PromisesKept, rc.Kept, rc.Fallen, rc.Promises)},
			{"next deadline", nextDeadlineText(rc.NextDeadline, rc.Promises, today)},
		} {
			render.Fprintf(w, "  %-15s %s\n", line[0], line[1])
		}
	}
}

// openedSince is " since 2026-10-15 (39 days)", or "" when the recovery
// states no date.
func openedSince(opened *book.Date, today book.Date) string {
	if opened == nil {
		return " (no opened date)"
	}
	s := " since " + opened.String()
	if n := int(today - *opened); n >= 0 {
		s += " (" + days(n) + ")"
	}
	return s
}

func salvageableText(p *bool) string {
	switch {
	case p == nil:
		return "not decided"
	case *p:
		return "yes"
	}
	return "no: end the relationship cleanly (portfolio action exit)"
}

func responsibilityText(p *bool) string {
	switch {
	case p == nil:
		return "not stated"
	case *p:
		return "accepted"
	}
	return "not accepted"
}

// promisesKeptText is "50% (1 of 2 fallen due)", or says why there is no
// percentage yet.
func promisesKeptText(kept *int, k, fallen, promises int) string {
	switch {
	case kept != nil:
		return fmt.Sprintf("%d%% (%d of %d fallen due)", *kept, k, fallen)
	case promises == 0:
		return "none yet: no action has a due date"
	}
	return fmt.Sprintf("none fallen due yet (%d %s)", promises, plural(promises, "promise", "promises"))
}

// nextDeadlineText is "2026-12-15 (in 22 days)", "2026-11-20 (3 days
// overdue)", or says why there is none.
func nextDeadlineText(next *book.Date, promises int, today book.Date) string {
	switch {
	case next != nil:
		return next.String() + " (" + relative(int(*next-today)) + ")"
	case promises == 0:
		return "none: no action has a due date"
	}
	return "none: every promise is done"
}

// relative says how far a day is from today: "today", "in 3 days",
// "2 days overdue".
func relative(n int) string {
	switch {
	case n == 0:
		return "today"
	case n > 0:
		return "in " + days(n)
	}
	return days(-n) + " overdue"
}

func days(n int) string { return fmt.Sprintf("%d %s", n, plural(n, "day", "days")) }

// explainRecovery writes the open recovery's working: what was settled,
// then each promise with its state and why, then promises kept.
func explainRecovery(w io.Writer, x health.Explanation) {
	rc := x.Recovery
	if rc == nil {
		return
	}
	render.Fprintf(w, "  recovery open%s: salvageable %s; root cause %s; responsibility %s\n",
		openedSince(rc.Opened, x.Today), salvageableText(rc.Salvageable), orText(rc.RootCause, "not found yet"), responsibilityText(rc.ResponsibilityAccepted))
	for _, p := range rc.Promises {
		render.Fprintf(w, "    promise %q (%s) due %s: %s\n", p.Action, ownerText(p.Owner), p.Due, promiseWhy(p, x.Today))
	}
	if rc.PromisesKept != nil {
		render.Fprintf(w, "  promises kept = 100 × kept ÷ fallen due = 100 × %d ÷ %d → %d%% (rounded half up)\n", rc.Kept, rc.Fallen, *rc.PromisesKept)
	} else {
		render.Fprintf(w, "  promises kept: %s\n", promisesKeptText(nil, 0, 0, len(rc.Promises)))
	}
	render.Fprintf(w, "  next deadline: %s\n", nextDeadlineText(rc.NextDeadline, len(rc.Promises), x.Today))
}

func ownerText(id book.ID) string {
	if id == "" {
		return "no owner"
	}
	return "owner " + string(id)
}

// promiseWhy is the promise's state and the dates that make it: "kept
// (done 2026-10-30, 2 days early)", "broken (done 2026-11-20, 10 days
// late)", "broken (not done, 3 days overdue)", "pending (due in 22 days)".
func promiseWhy(p health.Promise, today book.Date) string {
	state := p.State()
	switch {
	case p.Done != nil:
		n := int(p.Due - *p.Done)
		when := "on the day"
		switch {
		case n > 0:
			when = days(n) + " early"
		case n < 0:
			when = days(-n) + " late"
		}
		return fmt.Sprintf("%s (done %s, %s)", state, *p.Done, when)
	case state == health.PromiseBroken:
		return fmt.Sprintf("%s (not done, %s)", state, relative(int(p.Due-today)))
	}
	return fmt.Sprintf("%s (not done, due %s)", state, relative(int(p.Due-today)))
}

// explainRecoveryMarkdown is explainRecovery as markdown: a line of what
// was settled, a table of the promises, and promises kept.
func explainRecoveryMarkdown(w io.Writer, x health.Explanation) error {
	rc := x.Recovery
	if rc == nil {
		return nil
	}
	render.Fprintf(w, "\nRecovery open%s: salvageable %s; root cause %s; responsibility %s.\n\n",
		openedSince(rc.Opened, x.Today), salvageableText(rc.Salvageable), orText(rc.RootCause, "not found yet"), responsibilityText(rc.ResponsibilityAccepted))
	if len(rc.Promises) > 0 {
		g := &render.Grid{Columns: []render.Column{{Name: "promise"}, {Name: "owner"}, {Name: "due"}, {Name: "done"}, {Name: "state"}}}
		for _, p := range rc.Promises {
			done := ""
			if p.Done != nil {
				done = p.Done.String()
			}
			g.Rows = append(g.Rows, render.Texts(p.Action, string(p.Owner), p.Due.String(), done, promiseWhy(p, x.Today)))
		}
		if err := render.Write(w, render.Markdown, nil, g, render.Options{}); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}
	if rc.PromisesKept != nil {
		render.Fprintf(w, "- Promises kept = 100 × kept ÷ fallen due = 100 × %d ÷ %d → **%d%%** (rounded half up).\n", rc.Kept, rc.Fallen, *rc.PromisesKept)
	} else {
		render.Fprintf(w, "- Promises kept: %s.\n", promisesKeptText(nil, 0, 0, len(rc.Promises)))
	}
	render.Fprintf(w, "- Next deadline: %s.\n", nextDeadlineText(rc.NextDeadline, len(rc.Promises), x.Today))
	return nil
}

// ExplainRecovery is the open recovery in `health --explain -o
// json|yaml`: health -o json's six keys, the counts promises kept is made
// of, and each promise with its state.
type ExplainRecovery struct {
	health.RecoveryRow
	Kept     int              `json:"kept"`
	Fallen   int              `json:"fallen_due"`
	Promises []ExplainPromise `json:"promises"`
}

// ExplainPromise is a recovery action with a due date, and its state on
// the day: kept, broken or pending.
type ExplainPromise struct {
	Action    string     `json:"action"`
	Owner     *string    `json:"owner"`
	Due       book.Date  `json:"due"`
	Done      *book.Date `json:"done"`
	FallenDue bool       `json:"fallen_due"`
	State     string     `json:"state"`
}

// explainRecoveryRow copies an open recovery into its JSON shape; nil
// gives nil.
func explainRecoveryRow(rc *health.Recovery) *ExplainRecovery {
	if rc == nil {
		return nil
	}
	out := &ExplainRecovery{RecoveryRow: *health.RecoveryRowOf(rc), Kept: rc.Kept, Fallen: rc.Fallen, Promises: []ExplainPromise{}}
	for _, p := range rc.Promises {
		ep := ExplainPromise{Action: p.Action, Due: p.Due, Done: p.Done, FallenDue: p.FallenDue, State: p.State()}
		if p.Owner != "" {
			o := string(p.Owner)
			ep.Owner = &o
		}
		out.Promises = append(out.Promises, ep)
	}
	return out
}
