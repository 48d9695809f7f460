package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/calendar"
	"github.com/clientbook/clientbook/pkg/due"
)

// writeDueICS writes the due list as an iCalendar file (SPEC §11).
//
// Each item is an all-day event on its date, an overdue one on today. Its
// UID is a hash of what identifies the item, not of its date, so that an
// item whose date moves keeps its event: the client, the kind, the file
// and the text of what is due; for the check-in and the annual review a
// client's cadence makes (one of each per client, whose text names the
// last touchpoint or review), the client and the kind alone. Two items
// that are the same by that reading are numbered in date order. DTSTAMP
// is today at 00:00 UTC: the same book on the same --today writes the
// same bytes.
func writeDueICS(w io.Writer, items []due.Item, today book.Date, firm *book.Firm) error {
	cal := calendar.Calendar{ProdID: "-//clientbook//due//EN", Name: "clientbook due", Stamp: today}
	if firm != nil && firm.Name.Set && firm.Name.Value != "" {
		cal.Name = firm.Name.Value + ": due"
	}
	seen := map[string]int{}
	for _, it := range items {
		key := []string{it.Client, it.Kind, it.Path, it.What}
		if it.Kind == due.KindTouchpoint || (it.Kind == due.KindReview && !strings.Contains(it.What, "(planned")) {
			key = []string{it.Client, it.Kind, "cadence"}
		}
		id := strings.Join(key, "\x00")
		seen[id]++
		if n := seen[id]; n > 1 {
			key = append(key, fmt.Sprint(n))
		}
		date := max(it.Date, today)
		summary := fmt.Sprintf("%s: %s", it.Client, it.What)
		owner := "(no owner)"
		if it.Owner != nil {
			owner = *it.Owner
		}
		where := it.Path
		if it.Line != nil {
			where = fmt.Sprintf("%s:%d", it.Path, *it.Line)
		}
		desc := fmt.Sprintf("Owner: %s\nFile: %s\nKind: %s\nDue: %s", owner, where, it.Kind, it.Date)
		if it.Overdue {
			desc += " (overdue)"
		}
		cal.Events = append(cal.Events, calendar.Event{
			UID:         calendar.UIDOf("clientbook", key...),
			Date:        date,
			Summary:     summary,
			Description: desc,
			Alarm:       summary,
		})
	}
	return calendar.Write(w, cal)
}
