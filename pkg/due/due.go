package due

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
)

// Kinds of dated items.
const (
	KindAction     = "action"
	KindRecovery   = "recovery-action"
	KindMilestone  = "milestone"
	KindDependency = "dependency"
	KindTouchpoint = "touchpoint"
	KindReview     = "review"
	KindMeeting    = "planning-meeting"
)

// Item is one dated thing on the list.
type Item struct {
	Date    book.Date `json:"date"`
	Client  string    `json:"client"`
	What    string    `json:"what"`
	Kind    string    `json:"kind"`
	Overdue bool      `json:"overdue"`
	Days    int       `json:"days"` // days until due; negative when overdue
	Owner   *string   `json:"owner"`
	Path    string    `json:"path"`
	Line    *int      `json:"line"`
}

// Options narrows the list.
type Options struct {
	Within  book.Duration // items due up to today + Within are listed
	Owners  []string      // only items owned by these team members
	Clients []string      // only these clients
}

// List collects the dated items of the book's active clients that are
// overdue or due within opts.Within of today, and not after 9999-12-31
// (book.MaxDate), ordered by date (so overdue first), then client, kind
// and what. results holds each client's health in
// b.Clients order; the review dates come from it.
func List(b *book.Book, results []health.Result, today book.Date, opts Options) []Item {
	var items []Item
	for i, c := range b.Clients {
		items = append(items, ItemsOf(c, b.Settings, results[i], today, opts)...)
	}
	Sort(items)
	if items == nil {
		items = []Item{}
	}
	return items
}

// ItemsOf is List for one client, whose health is h, unsorted: nothing when
// the client is not active or not among opts.Clients.
func ItemsOf(c *book.Client, s *book.Settings, h health.Result, today book.Date, opts Options) []Item {
	if c.Status.Value != "active" {
		return nil
	}
	if len(opts.Clients) > 0 && !slices.Contains(opts.Clients, string(c.ID.Value)) {
		return nil
	}
	l := &lister{client: c, settings: s, today: today}
	l.collect(h)
	var items []Item
	for _, it := range l.items {
		// A date past 9999-12-31 (since: 9999-12-31 plus a cadence) is
		// beyond any horizon a date can be written for: however far
		// --within reaches, the list ends on 9999-12-31.
		if int(it.Date-today) > int(opts.Within) || it.Date > book.MaxDate {
			continue
		}
		if len(opts.Owners) > 0 && (it.Owner == nil || !slices.Contains(opts.Owners, *it.Owner)) {
			continue
		}
		items = append(items, it)
	}
	return items
}

// Sort orders items by date (so overdue first), then client, kind and what.
func Sort(items []Item) {
	slices.SortStableFunc(items, func(a, b Item) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Client, b.Client), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.What, b.What))
	})
}

type lister struct {
	client   *book.Client
	settings *book.Settings
	today    book.Date
	items    []Item
}

func (l *lister) add(date book.Date, kind, what string, owner book.Field[book.ID], path string, pos book.Pos) {
	it := Item{
		Date: date, Client: string(l.client.ID.Value), What: what, Kind: kind,
		Overdue: date < l.today, Days: int(date - l.today), Path: path,
	}
	if !owner.Set {
		owner = l.client.Owner
	}
	if owner.Set {
		o := string(owner.Value)
		it.Owner = &o
	}
	if pos.Line > 0 {
		line := pos.Line
		it.Line = &line
	}
	l.items = append(l.items, it)
}

func (l *lister) collect(h health.Result) {
	c := l.client
	if p := c.Plan; p != nil {
		for _, a := range p.Actions {
			if a.Due.Set && !a.Done.Given() {
				l.add(a.Due.Value, KindAction, a.Action.Value, a.Owner, p.Path, a.Due.Pos)
			}
		}
		for _, m := range p.Meetings {
			if m.Date.Set && !m.Held.Value && !m.Held.Invalid {
				l.add(m.Date.Value, KindMeeting, fmt.Sprintf("team planning meeting for the %d plan", p.Year.Value), p.Owner, p.Path, m.Date.Pos)
			}
		}
	}
	// An open recovery as health reads it: a closed: that is not a date
	// (its own CB003) was written down, so the recovery is closed, as
	// CB106 and CB107 read it.
	if r := c.Recovery; health.Open(c) {
		for _, a := range r.Plan {
			if a.Due.Set && !a.Done.Given() {
				l.add(a.Due.Value, KindRecovery, a.Action.Value, a.Owner, c.Path, a.Due.Pos)
			}
		}
	}
	for _, e := range c.Engagements {
		// An engagement whose status is not valid may be cancelled: like
		// CB301 and CB302, the list skips what it cannot know.
		if e.Status.Value == "cancelled" || e.Status.Invalid {
			continue
		}
		title := e.Title.Or(string(e.ID.Value))
		for _, m := range e.Milestones {
			if m.Due.Set && !m.Done.Given() {
				l.add(m.Due.Value, KindMilestone, fmt.Sprintf("%s: %s", title, m.Name.Value), e.Owner, e.Path, m.Due.Pos)
			}
		}
		for _, d := range e.ClientDependencies {
			if d.Due.Set && !d.Received.Given() {
				l.add(d.Due.Value, KindDependency, fmt.Sprintf("%s: client owes %s", title, d.What.Value), e.Owner, e.Path, d.Due.Pos)
			}
		}
	}
	l.touchpoint()
	l.review(h)
}

// touchpoint: the next check-in falls one cadence after the newest
// touchpoint (or after `since` when there is none).
func (l *lister) touchpoint() {
	c := l.client
	cadence := l.settings.TouchpointCadence
	if c.Cadence != nil && c.Cadence.Touchpoint.Set {
		cadence = c.Cadence.Touchpoint.Value
	}
	var last *book.Touchpoint
	for i := range c.Touchpoints {
		t := &c.Touchpoints[i]
		if t.Date.Set && (last == nil || t.Date.Value >= last.Date.Value) {
			last = t
		}
	}
	switch {
	case last != nil:
		l.add(last.Date.Value+book.Date(cadence), KindTouchpoint, fmt.Sprintf("check in (last touchpoint %s, cadence %s)", last.Date.Value, cadence), book.Field[book.ID]{}, c.Path, last.Date.Pos)
	case c.Since.Set:
		l.add(c.Since.Value+book.Date(cadence), KindTouchpoint, fmt.Sprintf("check in (no touchpoint recorded, cadence %s)", cadence), book.Field[book.ID]{}, c.Path, c.Since.Pos)
	default:
		l.add(l.today, KindTouchpoint, "check in (no touchpoint recorded)", book.Field[book.ID]{}, c.Path, c.Pos)
	}
}

// review: the annual review falls one review cadence after the newest held
// review (or after `since` when there is none); a planned review is listed
// on its own date too (SPEC §9), owned by whoever holds it (by), else the
// client's owner.
func (l *lister) review(h health.Result) {
	c := l.client
	for _, rv := range c.Reviews {
		if !rv.Held() && rv.Date.Set {
			l.add(rv.Date.Value, KindReview, "annual review (planned; once held, set status: held)", rv.By, rv.Path, rv.Date.Pos)
		}
	}
	cadence := book.Date(l.settings.ReviewCadence)
	switch rv := h.Review; {
	case rv != nil:
		l.add(rv.Date.Value+cadence, KindReview, fmt.Sprintf("annual review (last %s)", rv.Date.Value), book.Field[book.ID]{}, rv.Path, rv.Date.Pos)
	case c.Since.Set:
		l.add(c.Since.Value+cadence, KindReview, "first annual review", book.Field[book.ID]{}, c.Path, c.Since.Pos)
	}
}

// When says how far the item's date is from today: "today", "tomorrow",
// "in 3 days", "1 day overdue", "10 days overdue".
func (it Item) When() string {
	switch days := it.Days; {
	case days == 0:
		return "today"
	case days == 1:
		return "tomorrow"
	case days > 1:
		return fmt.Sprintf("in %d days", days)
	case days == -1:
		return "1 day overdue"
	default:
		return fmt.Sprintf("%d days overdue", -days)
	}
}
