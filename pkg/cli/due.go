package cli

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/due"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

type dueOptions struct {
	within  string
	owners  []string
	clients []string
}

func newDueCmd(e *env) *cobra.Command {
	opts := &dueOptions{}
	cmd := &cobra.Command{
		Use:   "due [CLIENT...]",
		Short: "The morning list: everything overdue or due soon across the book",
		Long: `due lists everything dated across the active clients that is overdue or due
within --within (default 14d): plan and recovery actions, milestones, what
clients owe, check-ins due by each client's touchpoint cadence, annual reviews
(one review cadence after the last held one, and each planned review on its
own date until it is marked status: held) and planning meetings. Ordered by date, so overdue items come first. Due today
is not overdue; due yesterday is. However far --within reaches, the list
ends on 9999-12-31, the last date YYYY-MM-DD can write.

-o ics writes the list as an iCalendar file to subscribe to: one
all-day event per item on its date (overdue items on today), with a reminder
at 09:00 that day; each event's UID stays the same while the item does, so a
calendar that reloads the file updates its events instead of adding more.`,
		ValidArgsFunction: completeClients(e),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.clients = args
			return runDue(e, opts)
		},
	}
	cmd.Flags().StringVar(&opts.within, "within", "14d", "how far ahead to look: Nd, Nw, Nm (30 days) or Ny")
	cmd.Flags().StringSliceVar(&opts.owners, "owner", nil, "only items owned by this team member (a team id); repeat or comma-separate")
	e.addStrict(cmd)
	_ = cmd.RegisterFlagCompletionFunc("owner", completeTeam(e))
	_ = cmd.RegisterFlagCompletionFunc("within", completeWithin)
	return cmd
}

func runDue(e *env, opts *dueOptions) error {
	format, err := e.format()
	if err != nil {
		return err
	}
	within, err := book.ParseDuration(opts.within)
	if err != nil {
		return usagef("--within %q: %v", opts.within, err)
	}
	today, err := e.todayDate()
	if err != nil {
		return err
	}
	dueOpts := due.Options{Within: within, Owners: opts.owners, Clients: opts.clients}
	// Each client's items are flat values, appended as the book is read.
	salt := []string{"due", today.String(), strconv.Itoa(int(within)), fmt.Sprintf("%q", opts.owners), fmt.Sprintf("%q", opts.clients)}
	root, readOpts, err := e.streamOptions(false, salt)
	if err != nil {
		return err
	}
	var ids []book.ID
	items := []due.Item{}
	b, err := load.Each(root, readOpts, func(c *book.Client, s *book.Settings) []due.Item {
		return due.ItemsOf(c, s, health.Assess(c, s, today), today, dueOpts)
	}, func(f load.Folder[[]due.Item]) {
		if f.Reduced {
			ids = append(ids, f.ID)
			items = append(items, f.Value...)
		}
	})
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	if err := knownClients(withLeftOut(ids, b), opts.clients); err != nil {
		return err
	}
	if err := checkValues("--owner", opts.owners, teamIDs(b.Settings)); err != nil {
		return err
	}
	// due lists the active clients' items: a client whose status is not
	// known is left out too.
	e.warnRead(b, clientsScope(opts.clients, true))
	due.Sort(items)
	if format == "ics" {
		return writeDueICS(e.stdout, items, today, b.Firm)
	}
	var data any
	if format == "json" || format == "yaml" {
		data = items
	}
	g := &render.Grid{Columns: []render.Column{
		{Name: "date"}, {Name: "when"}, {Name: "client"}, {Name: "kind", Priority: 2},
		{Name: "what", Shorten: true}, {Name: "owner", Priority: 1},
	}, Empty: fmt.Sprintf("nothing overdue or due within %d %s", within, plural(int(within), "day", "days"))}
	g.Stream = func(yield func([]render.Cell) bool) {
		for _, it := range items {
			row := render.Texts(it.Date.String(), it.When(), it.Client, it.Kind, it.What, strCell(it.Owner))
			if it.Overdue {
				row[1].Tone = render.ToneBad
			}
			if !yield(row) {
				return
			}
		}
	}
	if format == "csv" {
		// For tools: the JSON fields, one value per cell (days a number,
		// overdue true or false).
		g = render.Flat(slices.Values(items))
	}
	return e.print(format, data, g)
}
