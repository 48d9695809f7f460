package health

import (
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// Recovery is an open recovery as SPEC §2 reads it on a given day: what has
// been settled (salvageable, root cause, responsibility) and how the
// promises are being kept. Every field a file may leave out is nil then.
type Recovery struct {
	Opened                 *book.Date
	Salvageable            *bool
	RootCause              *string
	ResponsibilityAccepted *bool
	// PromisesKept is 100 × kept ÷ fallen due, rounded half up; nil while
	// no promise has fallen due.
	PromisesKept *int
	// NextDeadline is the earliest due date of the actions not done; it
	// may be past (an overdue promise is still the next one to keep).
	NextDeadline *book.Date
	Promises     []Promise // the plan's actions that have a due date, in file order
	Kept, Fallen int       // the counts PromisesKept is made of
}

// Promise is a recovery action with a due date.
type Promise struct {
	Action string
	Owner  book.ID
	Due    book.Date
	Done   *book.Date
	// FallenDue: done, or its due date is before today. Kept: done on or
	// before its due date.
	FallenDue, Kept bool
}

// Promise states, as `health --explain` names them.
const (
	PromiseKept    = "kept"    // done on or before its due date
	PromiseBroken  = "broken"  // done late, or not done and past due
	PromisePending = "pending" // not done, and due today or later
)

// State names the promise's state: kept, broken or pending.
func (p Promise) State() string {
	switch {
	case p.Kept:
		return PromiseKept
	case p.FallenDue:
		return PromiseBroken
	}
	return PromisePending
}

// Open reports whether the client has an open recovery: one with no closed
// date (SPEC §2). A closed: that is not a date (its own CB003) is taken as
// written down, so the recovery is not open.
func Open(c *book.Client) bool {
	return c.Recovery != nil && !c.Recovery.Closed.Given()
}

// RecoveryOf reads the client's open recovery on today; nil when there is
// none.
func RecoveryOf(c *book.Client, today book.Date) *Recovery {
	if !Open(c) {
		return nil
	}
	r := c.Recovery
	out := &Recovery{
		Opened:                 r.Opened.Ptr(),
		Salvageable:            r.Salvageable.Ptr(),
		RootCause:              textIf(r.RootCause),
		ResponsibilityAccepted: r.ResponsibilityAccepted.Ptr(),
	}
	for _, a := range r.Plan {
		// A done: that is not a date (its own CB003) says the action was
		// done, when is not known: it is no deadline, as for due and
		// CB107, and whether it was kept cannot be told, so it is left
		// out of the promises rather than counted either way.
		if a.Done.Invalid {
			continue
		}
		if !a.Done.Set && a.Due.Set && (out.NextDeadline == nil || a.Due.Value < *out.NextDeadline) {
			d := a.Due.Value
			out.NextDeadline = &d
		}
		if !a.Due.Set {
			continue // without a due date an action is not a promise
		}
		p := Promise{Action: a.Action.Value, Owner: a.Owner.Value, Due: a.Due.Value, Done: a.Done.Ptr()}
		p.FallenDue = a.Done.Set || a.Due.Value < today
		p.Kept = a.Done.Set && a.Done.Value <= a.Due.Value
		if p.FallenDue {
			out.Fallen++
		}
		if p.Kept {
			out.Kept++
		}
		out.Promises = append(out.Promises, p)
	}
	if out.Fallen > 0 {
		v := exact.RoundHalfUp(exact.Frac(int64(100*out.Kept), int64(out.Fallen)))
		out.PromisesKept = &v
	}
	return out
}

// textIf is the field's text, or nil when the file holds none or only
// blanks: a root cause of "" is not a root cause.
func textIf(f book.Field[string]) *string {
	if strings.TrimSpace(f.Value) == "" {
		return nil
	}
	return f.Ptr()
}
