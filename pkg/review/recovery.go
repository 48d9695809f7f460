package review

import (
	"fmt"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
)

// Recovery is the client's open recovery as the agenda opens with it (SPEC
// §4): the root cause in the client's words, what we accepted, each plan
// action with its owner, deadline and state, and the promises kept so far.
// Its figures are health's reading (SPEC §2), never worked out again here.
type Recovery struct {
	Opened                 *book.Date `json:"opened"`
	Salvageable            *bool      `json:"salvageable"`
	RootCause              *string    `json:"root_cause"`
	ResponsibilityAccepted *bool      `json:"responsibility_accepted"`
	// PromisesKept is 0–100, null while no promise has fallen due; Kept
	// and FallenDue are the counts it is made of.
	PromisesKept *int       `json:"promises_kept"`
	Kept         int        `json:"kept"`
	FallenDue    int        `json:"fallen_due"`
	NextDeadline *book.Date `json:"next_deadline"`
	Actions      []Action   `json:"actions"` // the plan, in file order
}

// Action is one action of the recovery plan.
type Action struct {
	Action string     `json:"action"`
	Owner  *string    `json:"owner"` // a team id
	Due    *book.Date `json:"due"`
	Done   *book.Date `json:"done"`
	State  string     `json:"state"` // one of the State constants
}

// The state of a recovery action on the day. A promise (an action with a
// due date) is kept when done on or before its due date, late when done
// after it, overdue when not done and its due date is past, and pending
// when not done and not yet due (due today is not overdue). An action
// without a due date is no promise: done, or undated.
const (
	StateKept    = "kept"
	StateLate    = "late"
	StateOverdue = "overdue"
	StatePending = "pending"
	StateDone    = "done"
	StateUndated = "undated"
)

// recoveryOf pairs the file's plan with health's reading of its promises.
// health lists the actions that have a due date, in file order, so the
// k-th dated action of the plan is the k-th promise.
func recoveryOf(c *book.Client, r *health.Recovery) *Recovery {
	if r == nil || c.Recovery == nil {
		return nil
	}
	out := &Recovery{
		Opened: r.Opened, Salvageable: r.Salvageable, RootCause: r.RootCause,
		ResponsibilityAccepted: r.ResponsibilityAccepted,
		PromisesKept:           r.PromisesKept, Kept: r.Kept, FallenDue: r.Fallen,
		NextDeadline: r.NextDeadline, Actions: []Action{},
	}
	k := 0
	for _, a := range c.Recovery.Plan {
		act := Action{Action: a.Action.Value}
		if a.Owner.Set {
			owner := string(a.Owner.Value)
			act.Owner = &owner
		}
		if a.Done.Set {
			done := a.Done.Value
			act.Done = &done
		}
		switch {
		case a.Due.Set && k < len(r.Promises):
			p := r.Promises[k]
			k++
			due := p.Due
			act.Due = &due
			switch {
			case p.Kept:
				act.State = StateKept
			case p.Done != nil:
				act.State = StateLate
			case p.FallenDue:
				act.State = StateOverdue
			default:
				act.State = StatePending
			}
		case a.Done.Set:
			act.State = StateDone
		default:
			act.State = StateUndated
		}
		out.Actions = append(out.Actions, act)
	}
	return out
}

// Lines are what to open the review with, one sentence a line, in order:
// the root cause, what we accepted, whether it is salvageable, the plan
// (one line an action, its state first), the promises kept so far and the
// next deadline. The agenda's text and markdown views and the review
// template all print these lines, so they cannot drift apart. Owners are
// named as the firm's team names them.
func (r *Recovery) Lines(s *book.Settings) []string {
	var out []string
	if r.RootCause != nil && strings.TrimSpace(*r.RootCause) != "" {
		out = append(out, fmt.Sprintf("Root cause, in the client's words: “%s”", oneLine(*r.RootCause)))
	} else {
		out = append(out, "No root cause recorded: ask for it, and write it down in the client's words.")
	}
	switch {
	case r.ResponsibilityAccepted == nil:
		out = append(out, "Responsibility not stated: settle what we accept before the meeting, without assigning blame.")
	case *r.ResponsibilityAccepted:
		out = append(out, "We accepted responsibility, without assigning blame.")
	default:
		out = append(out, "We have not accepted responsibility: settle what we accept before the meeting, without assigning blame.")
	}
	switch {
	case r.Salvageable == nil:
		out = append(out, "Not yet decided whether the relationship is salvageable.")
	case *r.Salvageable:
		out = append(out, "Judged salvageable.")
	default:
		out = append(out, "Judged not salvageable: the client does not want to work things out; end the relationship cleanly.")
	}
	if len(r.Actions) == 0 {
		out = append(out, "No plan yet: agree actions with owners and hard deadlines.")
	} else {
		out = append(out, "The plan:")
	}
	for _, a := range r.Actions {
		out = append(out, "  "+a.line(s))
	}
	kept := "No promise has fallen due yet"
	if r.PromisesKept != nil {
		kept = fmt.Sprintf("Promises kept so far: %d%% (%d of the %d fallen due)", *r.PromisesKept, r.Kept, r.FallenDue)
	}
	switch next := r.nextAction(); {
	case r.NextDeadline == nil:
		out = append(out, kept+"; no deadline ahead.")
	case next != nil && next.State == StateOverdue:
		out = append(out, fmt.Sprintf("%s; next deadline %s, overdue: %s.", kept, r.NextDeadline, oneLine(next.Action)))
	case next != nil:
		out = append(out, fmt.Sprintf("%s; next deadline %s: %s.", kept, r.NextDeadline, oneLine(next.Action)))
	default:
		out = append(out, fmt.Sprintf("%s; next deadline %s.", kept, r.NextDeadline))
	}
	return out
}

// nextAction is the first action not done whose due date is the next
// deadline.
func (r *Recovery) nextAction() *Action {
	for i, a := range r.Actions {
		if r.NextDeadline != nil && a.Done == nil && a.Due != nil && *a.Due == *r.NextDeadline {
			return &r.Actions[i]
		}
	}
	return nil
}

// stateWidth lines up the actions' states: the longest is "overdue" and
// "pending" (7) and "undated" (7).
const stateWidth = 7

// line is one action: state, deadline, what, who, and when it was done.
func (a Action) line(s *book.Settings) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-*s  ", stateWidth, a.State)
	if a.Due != nil {
		fmt.Fprintf(&b, "due %s  ", a.Due)
	} else {
		b.WriteString("no deadline     ")
	}
	b.WriteString(oneLine(a.Action))
	var who []string
	if a.Owner != nil {
		who = append(who, personName(s, book.ID(*a.Owner)))
	} else {
		who = append(who, "no owner")
	}
	if a.Done != nil {
		who = append(who, "done "+a.Done.String())
	}
	fmt.Fprintf(&b, " (%s)", strings.Join(who, "; "))
	return b.String()
}
