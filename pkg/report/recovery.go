package report

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/due"
	"github.com/clientbook/clientbook/pkg/health"
)

// Recoveries is the recoveries panel: every open recovery (SPEC §2) of an
// active client, as health.RecoveryOf read it. The recoveries judged not
// salvageable are kept apart in Exit, because SPEC §6 makes their action
// `exit` (rule 1, before `recover`): the relationship is to be ended
// cleanly, not turned around. Each group is ordered by next deadline
// (earliest first, none last), then by how long the recovery has been
// open (longest first), then by id.
type Recoveries struct {
	Exit    []RecoveryRow // open, salvageable: false
	Recover []RecoveryRow // open, salvageable true or not decided yet
}

// Open is the number of open recoveries the panel shows.
func (r Recoveries) Open() int { return len(r.Exit) + len(r.Recover) }

// RecoveryRow is one open recovery, every value as the page shows it.
type RecoveryRow struct {
	ID, Name string

	Opened   string // YYYY-MM-DD; "" when the file gives no valid date
	DaysOpen *int   // today − opened, in days; nil without an opening date
	OpenFor  string // "45 days (6 weeks)"

	RootCause      string // "" when not recorded
	Responsibility string // "accepted", "not accepted" or "not stated"
	Salvageable    string // "yes", "no" or "not decided"
	Exit           bool   // salvageable: false, the portfolio's `exit`

	// The next deadline: the earliest due date among the actions not done
	// (it may be past), the first such action in file order, and how far
	// it is from today in due's words ("in 4 days", "10 days overdue").
	NextDeadline string // "" when no action is waiting
	NextWhen     string
	NextOverdue  bool
	NextAction   string
	NextOwner    string

	// Promises kept: Kept of Fallen promises that have fallen due, as
	// the 0–100 figure of SPEC §2 (nil while none has fallen due);
	// Pending promises have not fallen due yet.
	PromisesKept *int
	KeptWidth    int // the bar's length out of 100: PromisesKept, 0 when nil
	Kept         int
	Fallen       int
	Pending      int
	KeptText     string // "50% (1 of 2 kept)", or "none fallen due yet"
	PendingText  string // "1 pending", "" with none
}

// recoveriesOf builds the panel from the health results of the active
// clients (one per id, as healthOf holds them).
func recoveriesOf(healthOf map[string]*health.Result, today book.Date) Recoveries {
	out := Recoveries{Exit: []RecoveryRow{}, Recover: []RecoveryRow{}}
	for id, h := range healthOf {
		if h.Recovery == nil {
			continue
		}
		row := recoveryRowOf(id, clientName(h.Client), h.Recovery, today)
		if row.Exit {
			out.Exit = append(out.Exit, row)
		} else {
			out.Recover = append(out.Recover, row)
		}
	}
	slices.SortFunc(out.Exit, compareRecoveries)
	slices.SortFunc(out.Recover, compareRecoveries)
	return out
}

// exit reports whether an open recovery was judged not salvageable: the
// reading of SPEC §6 rule 1 (`exit`), which the portfolio applies too.
func exit(r *health.Recovery) bool {
	return r != nil && r.Salvageable != nil && !*r.Salvageable
}

func recoveryRowOf(id, name string, r *health.Recovery, today book.Date) RecoveryRow {
	row := RecoveryRow{
		ID:             id,
		Name:           name,
		OpenFor:        "opening date not recorded",
		Responsibility: yesNo(r.ResponsibilityAccepted, "accepted", "not accepted", "not stated"),
		Salvageable:    yesNo(r.Salvageable, "yes", "no", "not decided"),
		Exit:           exit(r),
		PromisesKept:   r.PromisesKept,
		Kept:           r.Kept,
		Fallen:         r.Fallen,
		Pending:        len(r.Promises) - r.Fallen,
	}
	if r.Opened != nil {
		row.Opened = r.Opened.String()
		days := int(today - *r.Opened)
		row.DaysOpen = &days
		row.OpenFor = openFor(days)
	}
	if r.RootCause != nil {
		row.RootCause = *r.RootCause
	}
	if r.NextDeadline != nil {
		d := *r.NextDeadline
		row.NextDeadline = d.String()
		row.NextWhen = due.Item{Days: int(d - today)}.When()
		row.NextOverdue = d < today
		for _, p := range r.Promises {
			if p.Done == nil && p.Due == d {
				row.NextAction, row.NextOwner = p.Action, string(p.Owner)
				break
			}
		}
	}
	row.KeptText = "none fallen due yet"
	if r.PromisesKept != nil {
		row.KeptWidth = *r.PromisesKept
		row.KeptText = fmt.Sprintf("%d%% (%d of %d kept)", *r.PromisesKept, r.Kept, r.Fallen)
	}
	if row.Pending > 0 {
		row.PendingText = fmt.Sprintf("%d pending", row.Pending)
	}
	return row
}

// openFor says how long a recovery has been open: days, and whole weeks
// from two weeks on.
func openFor(days int) string {
	switch {
	case days < 0:
		return fmt.Sprintf("opens in %d %s", -days, plural(-days, "day", "days"))
	case days == 0:
		return "opened today"
	case days < 14:
		return fmt.Sprintf("%d %s", days, plural(days, "day", "days"))
	default:
		return fmt.Sprintf("%d days (%d weeks)", days, days/7)
	}
}

// yesNo words a stated boolean, or its absence.
func yesNo(v *bool, yes, no, unstated string) string {
	switch {
	case v == nil:
		return unstated
	case *v:
		return yes
	default:
		return no
	}
}

func compareRecoveries(a, b RecoveryRow) int {
	// "" (no deadline) sorts last; YYYY-MM-DD sorts as dates do.
	if (a.NextDeadline == "") != (b.NextDeadline == "") {
		if a.NextDeadline == "" {
			return 1
		}
		return -1
	}
	if c := cmp.Compare(a.NextDeadline, b.NextDeadline); c != 0 {
		return c
	}
	if c := cmp.Compare(daysOr(b.DaysOpen), daysOr(a.DaysOpen)); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// daysOr is *d, or the least int so that an unknown opening sorts last.
func daysOr(d *int) int {
	if d == nil {
		return -1 << 31
	}
	return *d
}
