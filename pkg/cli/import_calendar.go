package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/calendar"
	"github.com/clientbook/clientbook/pkg/internal/edit"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

type importCalendarOptions struct {
	files  []string
	dryRun bool
}

func newImportCalendarCmd(e *env) *cobra.Command {
	opts := &importCalendarOptions{}
	cmd := &cobra.Command{
		Use:   "calendar FILE.ics...",
		Short: "Record meetings from calendar exports (.ics) as touchpoints",
		Long: `import calendar reads iCalendar exports (RFC 5545: Outlook, Google Calendar,
Apple Calendar) and records each meeting with a client's stakeholder as a
touchpoint of that client.

Repeating events are expanded: EXDATEs, moved occurrences (RECURRENCE-ID)
and cancelled ones (STATUS:CANCELLED) are honoured. Every occurrence on or
before today with an organiser or attendee whose mailto: address is a
stakeholder's email (any case) becomes

  {date: …, kind: meeting, by: …, with: [...], notes: SUMMARY, ref: UID@YYYY-MM-DD}

date is the occurrence's date where it happens (its start in its own time
zone: IANA and Windows zone names and the file's VTIMEZONEs are read; a
start in UTC is dated in the calendar's X-WR-TIMEZONE when it has one).
by is the organiser when they are on the team (matched by team email), else
the first attendee who is, else the client's owner. ref is the event's UID,
an @ and the date: a touchpoint whose ref is already in the client's file is
not added again, so importing the same export twice changes nothing.

Each client file is written once, with its new touchpoints at the end of
touchpoints and every other byte kept. A file that does not parse is exit 2
with its line, and nothing is written. Imports never create clients. Give -
to read standard input.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			return runImportCalendar(e, opts)
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"ics", "ical", "ifb"}, cobra.ShellCompDirectiveFilterFileExt
		},
	}
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "print the touchpoints that would be added and write nothing")
	return withFormats(cmd, tableFormats...)
}

// importedTouchpoint is one touchpoint to add: the JSON of import calendar.
type importedTouchpoint struct {
	Client string    `json:"client"`
	Date   book.Date `json:"date"`
	Kind   string    `json:"kind"`
	By     *string   `json:"by"`
	With   []string  `json:"with"`
	Notes  string    `json:"notes"`
	Ref    string    `json:"ref"`
	Path   string    `json:"path"`

	client *book.Client
}

func runImportCalendar(e *env, opts *importCalendarOptions) error {
	format, err := e.format()
	if err != nil {
		return err
	}
	today, err := e.todayDate()
	if err != nil {
		return err
	}
	var occ []calendar.Occurrence
	for _, name := range opts.files {
		o, err := readCalendar(e, name, today)
		if err != nil {
			return err
		}
		occ = append(occ, o...)
	}
	b, err := e.load(true)
	if err != nil {
		return err
	}
	// A client file that could not be read is not written: its meetings
	// wait until it is fixed (importing again then adds them).
	for _, l := range b.LeftOut {
		if l.Kind == book.LeftOutClient && !l.StatusUnknown {
			render.Fprintf(e.stderr, "clientbook: warning: %s: %s: no touchpoints imported for %s; fix it and import again\n", l.Path, l.Reason, l.Name)
		}
	}
	adds, unmatched := matchOccurrences(b, occ)

	if !opts.dryRun && len(adds) > 0 {
		if err := writeTouchpoints(b, adds); err != nil {
			return err
		}
	}
	if err := printImported(e, format, adds); err != nil {
		return err
	}
	clients := map[string]bool{}
	for _, a := range adds {
		clients[a.Client] = true
	}
	verb := "added"
	if opts.dryRun {
		verb = "would add"
	}
	msg := fmt.Sprintf("%s %d %s to %d %s", verb, len(adds), plural(len(adds), "touchpoint", "touchpoints"), len(clients), plural(len(clients), "client", "clients"))
	if unmatched > 0 {
		msg += fmt.Sprintf("; %d %s on or before %s had no stakeholder's email among organiser and attendees", unmatched, plural(unmatched, "occurrence", "occurrences"), today)
	}
	if opts.dryRun {
		msg += "; nothing written (--dry-run)"
	}
	render.Fprintf(e.stderr, "clientbook: %s\n", msg)
	return nil
}

// readCalendar reads one export, "-" being standard input.
func readCalendar(e *env, name string, today book.Date) ([]calendar.Occurrence, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, usagef("cannot read %s: %v; nothing written", name, errors.Unwrap(err))
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, usagef("%s is a folder: give the .ics files in it; nothing written", name)
		}
		r = f
	}
	occ, err := calendar.Read(r, today)
	var ce *calendar.Error
	if errors.As(err, &ce) {
		return nil, usagef("%s:%d: %s; nothing written", name, ce.Line, ce.Msg)
	}
	if err != nil {
		return nil, usagef("cannot read %s: %v; nothing written", name, err)
	}
	return occ, nil
}

// matchOccurrences turns the occurrences into the touchpoints to add, in
// client id order, then date and ref, and counts the occurrences that
// matched no stakeholder.
func matchOccurrences(b *book.Book, occ []calendar.Occurrence) (adds []importedTouchpoint, unmatched int) {
	team := map[string]string{}
	if b.Firm != nil {
		for _, p := range b.Firm.Team {
			if m := normEmail(p.Email.Value); p.ID.Set && p.Email.Set && m != "" {
				if _, dup := team[m]; !dup {
					team[m] = string(p.ID.Value)
				}
			}
		}
	}
	clients := slices.Clone(b.Clients)
	slices.SortFunc(clients, func(a, b *book.Client) int { return strings.Compare(string(a.ID.Value), string(b.ID.Value)) })
	byEmail := map[string][]*book.Client{}
	refs := map[*book.Client]map[string]bool{}
	for _, c := range clients {
		refs[c] = map[string]bool{}
		for _, t := range c.Touchpoints {
			if t.Ref.Set {
				refs[c][t.Ref.Value] = true
			}
		}
		for _, s := range c.Stakeholders {
			if m := normEmail(s.Email.Value); s.Email.Set && m != "" && !slices.Contains(byEmail[m], c) {
				byEmail[m] = append(byEmail[m], c)
			}
		}
	}
	for _, o := range occ {
		people := []string{}
		if o.Organizer != "" {
			people = append(people, o.Organizer)
		}
		for _, a := range o.Attendees {
			if !slices.Contains(people, a) {
				people = append(people, a)
			}
		}
		var matched []*book.Client
		for _, c := range clients {
			if slices.ContainsFunc(people, func(p string) bool { return slices.Contains(byEmail[p], c) }) {
				matched = append(matched, c)
			}
		}
		if len(matched) == 0 {
			unmatched++
			continue
		}
		// by: the organiser when on the team, else the first attendee who is.
		var by *string
		if id, ok := team[o.Organizer]; ok && o.Organizer != "" {
			by = &id
		} else {
			for _, a := range o.Attendees {
				if id, ok := team[a]; ok {
					by = &id
					break
				}
			}
		}
		ref := o.UID + "@" + o.Date.String()
		for _, c := range matched {
			if refs[c][ref] {
				continue
			}
			refs[c][ref] = true
			t := importedTouchpoint{Client: string(c.ID.Value), Date: o.Date, Kind: "meeting", By: by, Notes: o.Summary, Ref: ref, Path: c.Path, With: []string{}, client: c}
			if by == nil && c.Owner.Set {
				owner := string(c.Owner.Value)
				t.By = &owner
			}
			for _, s := range c.Stakeholders {
				if m := normEmail(s.Email.Value); s.Email.Set && slices.Contains(people, m) && s.Name.Value != "" && !slices.Contains(t.With, s.Name.Value) {
					t.With = append(t.With, s.Name.Value)
				}
			}
			adds = append(adds, t)
		}
	}
	slices.SortStableFunc(adds, func(a, b importedTouchpoint) int {
		if a.Client != b.Client {
			return strings.Compare(a.Client, b.Client)
		}
		if a.Date != b.Date {
			return int(a.Date - b.Date)
		}
		return strings.Compare(a.Ref, b.Ref)
	})
	return adds, unmatched
}

func normEmail(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(s), "mailto:"), "MAILTO:")))
}

// touchpointItem is the line a touchpoint is written as.
func touchpointPairs(t importedTouchpoint) []edit.Pair {
	pairs := []edit.Pair{
		{Key: "date", Value: edit.Plain(t.Date.String())},
		{Key: "kind", Value: edit.Plain(t.Kind)},
	}
	if t.By != nil {
		pairs = append(pairs, edit.Pair{Key: "by", Value: edit.Plain(*t.By)})
	}
	if len(t.With) > 0 {
		pairs = append(pairs, edit.Pair{Key: "with", Value: edit.Strs(t.With...)})
	}
	if t.Notes != "" {
		pairs = append(pairs, edit.Pair{Key: "notes", Value: edit.Str(t.Notes)})
	}
	return append(pairs, edit.Pair{Key: "ref", Value: edit.Str(t.Ref)})
}

// writeTouchpoints adds the touchpoints, each client's file written once.
// Every file's new text is made before the first is written: a file that
// cannot be edited safely stops the import with nothing written.
func writeTouchpoints(b *book.Book, adds []importedTouchpoint) error {
	lock, err := edit.AcquireLock(b.Root, lockTimeout)
	if err != nil {
		return &failError{msg: err.Error()}
	}
	defer lock.Close()
	type file struct {
		path string
		data []byte
	}
	var files []file
	for i := 0; i < len(adds); {
		c := adds[i].client
		if err := edit.CheckInside(b.Root, filepath.Join(b.Root, filepath.FromSlash(c.Path))); err != nil {
			return usagef("%v; nothing written", err)
		}
		// Read under the lock: another writer may have added since the
		// book was loaded.
		src, err := load.ReadFile(b.Root, c.Path)
		if err != nil {
			return usagef("cannot read %s: %v; nothing written", c.Path, err)
		}
		for ; i < len(adds) && adds[i].client == c; i++ {
			if src, err = edit.AppendToList(src, "touchpoints", edit.Map(touchpointPairs(adds[i])...)); err != nil {
				return &failError{msg: fmt.Sprintf("%s: %v; nothing written", c.Path, err)}
			}
		}
		files = append(files, file{c.Path, src})
	}
	for n, f := range files {
		if _, err := edit.ReplaceBookFile(b.Root, f.path, f.data); err != nil {
			if n > 0 {
				var done []string
				for _, d := range files[:n] {
					done = append(done, d.path)
				}
				return &failError{msg: fmt.Sprintf("%v (already written: %s)", err, strings.Join(done, ", "))}
			}
			return writeFailed(err)
		}
	}
	return nil
}

func printImported(e *env, format string, adds []importedTouchpoint) error {
	if adds == nil {
		adds = []importedTouchpoint{}
	}
	var data any
	if format == "json" || format == "yaml" {
		data = adds
	}
	g := &render.Grid{Columns: []render.Column{
		{Name: "client"}, {Name: "date"}, {Name: "by", Priority: 1}, {Name: "with", Shorten: true},
		{Name: "notes", Shorten: true}, {Name: "ref", Priority: 2},
	}, Empty: "no touchpoints to add"}
	for _, a := range adds {
		g.Rows = append(g.Rows, render.Texts(a.Client, a.Date.String(), strCell(a.By), strings.Join(a.With, ", "), a.Notes, a.Ref))
	}
	if format == "csv" {
		g.Columns = append(g.Columns, render.Column{Name: "path"})
		for i, a := range adds {
			g.Rows[i] = append(g.Rows[i], render.Cell{Text: a.Path})
		}
	}
	return e.print(format, data, g)
}
