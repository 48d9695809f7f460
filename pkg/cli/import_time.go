package cli

import (
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/edit"
	"github.com/clientbook/clientbook/pkg/internal/exact"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/render"
	"github.com/clientbook/clientbook/pkg/internal/timeimport"
)

type importTimeOptions struct {
	files      []string
	tasks      []string
	dateFormat string
	dryRun     bool
}

func newImportTimeCmd(e *env) *cobra.Command {
	opts := &importTimeOptions{}
	cmd := &cobra.Command{
		Use:   "time FILE...",
		Short: "Set management hours from Harvest, Toggl Track or Clockify exports",
		Long: `import time reads detailed time reports exported as CSV and sets each client's
management hours per year (financials[year].management_hours) from them.

Formats, told apart by the header row (columns by name, in any order; other
columns are ignored; a UTF-8 byte order mark is skipped):

  Harvest      Date, Client, Hours, First Name, Last Name (Project, Task)
  Toggl Track  User, Email, Client, Start date, Duration as H:MM:SS (Project, Task, Tags)
  Clockify     User, Email, Start Date, Duration (decimal) (Client, Project, Task or Activity, Tags)

An entry is management time when its person is a team member with
senior: true, matched by email when the export has one and a team member has
it, else by name (first and last name in Harvest), ignoring case; and, with
--task, when its task, project or a tag contains one of the texts, ignoring
case. Its client is the client whose name, id or one of its aliases is the
entry's client, ignoring case.

For each client and year with management time in the files, management_hours
becomes the sum of its hours, added exactly and rounded half up to two
decimals, written as the shortest number (12.5, 12, 0.75). A year without a
row gets one with only year and management_hours; a client or year without
management time in the files is left as it is. Importing the same files
again changes nothing. Hours may use a decimal comma (7,5).

Dates: YYYY-MM-DD always; a date with the year last is read by its
separator, as the trackers write them by default: 3/4/2026 month first
(Harvest's M/D/YYYY, Clockify's MM/DD/YYYY, Toggl's MM/DD/YYYY), 03.04.2026
and 03-04-2026 day first. --date-format dmy or mdy says which comes first
for every date with the year last, whatever its separator.

FILE - reads the standard input. Entries whose client or person matches nothing are counted and listed with
the nearest names and the alias to add; they are never guessed. A row that
cannot be read (wrong number of columns, a date or hours that do not parse)
is exit 2 with its file and line, and nothing is written. Every changed
client.yaml is edited in place, comments and key order kept; all of them are
edited and checked before the first is written, and none is written when
any cannot be.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			return runImportTime(e, opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.tasks, "task", nil, "count only entries whose task, project or tags contain this text (ignoring case); repeat for each")
	enumVar(cmd, &opts.dateFormat, "date-format", "auto", []string{"auto", "dmy", "mdy"}, "how to read a date with the year last: auto (by its separator: / month first, . and - day first), dmy or mdy")
	f.BoolVar(&opts.dryRun, "dry-run", false, "show what would change and write nothing")
	return cmd
}

// hoursChange is one (client, year) whose management hours change.
type hoursChange struct {
	ID     book.ID       `json:"id"`
	Year   int           `json:"year"`
	Before *exact.Number `json:"before"`
	After  *exact.Number `json:"after"`
	Path   string        `json:"path"`
	client *book.Client  // for the write
	after  *big.Rat      // rounded
}

// importTimeResult is import time's -o json and yaml.
type importTimeResult struct {
	Changes    []hoursChange `json:"changes"`
	Entries    int           `json:"entries"`
	Management int           `json:"management_entries"`
	Unmatched  int           `json:"unmatched_entries"`
	Clients    []unmatched   `json:"unmatched_clients"`
	People     []unmatched   `json:"unmatched_people"`
	Written    []string      `json:"written"`
	DryRun     bool          `json:"dry_run"`
}

type unmatched struct {
	timeimport.Unknown
	Hours *exact.Number `json:"hours"`
	// Add is the line to add to a client.yaml (aliases) or to the team.
	Add string `json:"add,omitempty"`
	// Unreadable is the client.yaml the name may be meant for, which
	// could not be read: its folder has the name.
	Unreadable string `json:"unreadable,omitempty"`
}

func runImportTime(e *env, opts *importTimeOptions) error {
	format, err := e.format()
	if err != nil {
		return err
	}
	order := timeimport.DateOrders[opts.dateFormat]
	b, err := e.load(true)
	if err != nil {
		return err
	}
	im := timeimport.New(b, opts.tasks)
	for _, name := range opts.files {
		if err := readExport(e, im, name, order); err != nil {
			return err
		}
	}
	res := im.Result()
	out := importTimeResult{Entries: res.Entries, Management: res.Management, Unmatched: res.Unmatched, DryRun: opts.dryRun, Changes: []hoursChange{}, Written: []string{}}
	changes, problems := timeimport.Changes(res.Totals)
	for _, ch := range changes {
		out.Changes = append(out.Changes, hoursChange{ID: ch.Client.ID.Value, Year: ch.Year, Before: exact.NumberOf(ch.Before), After: exact.NumberOf(ch.After), Path: ch.Client.Path, client: ch.Client, after: ch.After})
	}
	out.Clients = unmatchedClients(b, res.Clients)
	out.People = unmatchedPeople(res.People)

	if len(problems) == 0 && !opts.dryRun && len(out.Changes) > 0 {
		written, errs := writeHours(b, out.Changes)
		problems = append(problems, errs...)
		out.Written = written
	}
	if err := printImportTime(e, format, &out); err != nil {
		return err
	}
	if len(problems) > 0 {
		for _, p := range problems {
			render.Fprintf(e.stderr, "clientbook: %s\n", p)
		}
		if len(out.Written) > 0 {
			return &failError{msg: "the import stopped after writing " + strings.Join(out.Written, ", ")}
		}
		return &failError{msg: "nothing written"}
	}
	return nil
}

// readExport reads one export into im; "-" is the standard input. A file that cannot be opened or
// read, or a header or row that is not right, is a usage error: nothing
// has been written yet, and nothing will be.
func readExport(e *env, im *timeimport.Import, name string, order timeimport.DateOrder) error {
	if name == "-" {
		if _, err := im.Read(e.stdin, "standard input", order); err != nil {
			return usagef("%v; nothing written", err)
		}
		return nil
	}
	f, err := os.Open(name)
	if err != nil {
		return usagef("cannot read %s: %v; nothing written", name, errors.Unwrap(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return usagef("%s is a folder: give the CSV files of the export; nothing written", name)
	}
	if _, err := im.Read(f, name, order); err != nil {
		return usagef("%v; nothing written", err)
	}
	return nil
}

// writeHours edits every changed client.yaml under the book's lock, and
// writes them only when every edit succeeded.
func writeHours(b *book.Book, changes []hoursChange) (written, problems []string) {
	lock, err := edit.AcquireLock(b.Root, lockTimeout)
	if err != nil {
		return nil, []string{err.Error()}
	}
	defer lock.Close()
	type file struct {
		path string
		data []byte
	}
	var files []file
	for i := 0; i < len(changes); {
		c := changes[i].client
		// Read under the lock: another writer may have changed the file
		// since the book was loaded, and its change must be kept.
		src, err := load.ReadFile(b.Root, c.Path)
		if err != nil {
			problems = append(problems, fmt.Sprintf("cannot read %s: %v", c.Path, err))
		}
		for ; i < len(changes) && changes[i].client == c; i++ {
			if src == nil {
				continue
			}
			ch := changes[i]
			src, err = edit.SetInList(src, "financials", "year", strconv.Itoa(ch.Year), "management_hours", edit.Plain(exact.Plain(ch.after)))
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", c.Path, err))
				src = nil
			}
		}
		if src != nil {
			if err := edit.CheckInside(b.Root, filepath.Join(b.Root, filepath.FromSlash(c.Path))); err != nil {
				problems = append(problems, err.Error())
				continue
			}
			if len(src) > load.MaxFileSize {
				problems = append(problems, fmt.Sprintf("%s would be more than the 1 MiB clientbook reads", c.Path))
				continue
			}
			if err := load.CheckFile(src); err != nil {
				problems = append(problems, fmt.Sprintf("%s would not be readable as written (%v)", c.Path, err))
				continue
			}
			files = append(files, file{path: c.Path, data: src})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	for _, f := range files {
		w, err := edit.ReplaceBookFile(b.Root, f.path, f.data)
		if err != nil {
			return written, []string{err.Error()}
		}
		written = append(written, f.path+through(f.path, w))
	}
	return written, nil
}

// unmatchedClients says, for each client name that matched nothing, what
// to add to which client.yaml when it is the nearest client.
func unmatchedClients(b *book.Book, us []timeimport.Unknown) []unmatched {
	out := []unmatched{}
	for _, u := range us {
		m := unmatched{Unknown: u, Hours: exact.NumberOf(u.Hours)}
		if u.Client != "" && u.Name != "" {
			if c := b.Client(u.Client); c != nil {
				var names []string
				for _, a := range c.Aliases {
					names = append(names, a.Value)
				}
				line, err := edit.Flow(edit.Strs(append(names, u.Name)...))
				if err == nil {
					m.Add = fmt.Sprintf("%s: aliases: %s", c.Path, line)
				}
			}
		}
		if u.Name != "" {
			for _, c := range b.Unread {
				if string(c.ID.Value) == strings.ToLower(u.Name) {
					m.Unreadable = fmt.Sprintf("clients/%s/client.yaml", c.ID.Value)
				}
			}
		}
		out = append(out, m)
	}
	return out
}

func unmatchedPeople(us []timeimport.Unknown) []unmatched {
	out := []unmatched{}
	for _, u := range us {
		m := unmatched{Unknown: u, Hours: exact.NumberOf(u.Hours)}
		if u.Email != "" {
			m.Add = fmt.Sprintf("clientbook.yaml: email: %s on their entry under team", u.Email)
		}
		out = append(out, m)
	}
	return out
}

func printImportTime(e *env, format string, out *importTimeResult) error {
	var data any
	if format == "json" || format == "yaml" {
		data = out
	}
	g := &render.Grid{Columns: []render.Column{
		{Name: "client"}, {Name: "year", Align: render.AlignRight},
		{Name: "hours before", Align: render.AlignRight}, {Name: "hours after", Align: render.AlignRight},
	}, Empty: "no management hours to change"}
	for _, ch := range out.Changes {
		before := ""
		if ch.Before != nil {
			before = exact.Plain(ch.Before.Rat)
		}
		g.Rows = append(g.Rows, render.Texts(string(ch.ID), strconv.Itoa(ch.Year), before, exact.Plain(ch.after)))
	}
	if err := e.print(format, data, g); err != nil {
		return err
	}
	w := e.stderr
	render.Fprintf(w, "%d %s read: %d of management time, %d matching no client or person\n", out.Entries, plural(out.Entries, "entry", "entries"), out.Management, out.Unmatched)
	for _, u := range out.Clients {
		name := fmt.Sprintf("%q", u.Name)
		if u.Name == "" {
			name = "no client"
		}
		msg := fmt.Sprintf("%d %s (%s h in %s) with %s: ", u.Entries, plural(u.Entries, "entry", "entries"), exact.Plain(u.Hours.Rat), years(u.Years), name)
		switch {
		case len(u.Matches) > 0:
			msg += "the name is shared by " + strings.Join(u.Matches, ", ") + ": keep it in the aliases of one only"
		case len(u.Nearest) > 0:
			msg += "no client has that name, id or alias; nearest " + strings.Join(u.Nearest, ", ")
		default:
			msg += "no client has that name, id or alias, nor one like it"
		}
		switch {
		case u.Unreadable != "":
			msg += "; " + u.Unreadable + " cannot be read: fix it (clientbook check) and import again"
		case u.Add != "":
			msg += "; if it is " + string(u.Client) + ", add to " + u.Add
		}
		render.Fprintf(w, "  %s\n", msg)
	}
	for _, u := range out.People {
		who := fmt.Sprintf("%q", u.Name)
		if u.Email != "" {
			who += " <" + u.Email + ">"
		}
		msg := fmt.Sprintf("%d %s (%s h in %s) by %s: not on the team", u.Entries, plural(u.Entries, "entry", "entries"), exact.Plain(u.Hours.Rat), years(u.Years), who)
		if len(u.Nearest) > 0 {
			msg += "; nearest " + strings.Join(u.Nearest, ", ")
		}
		if u.Email != "" {
			msg += "; if they are, add email: " + u.Email + " to their entry under team in clientbook.yaml"
		} else {
			msg += "; if they are, write their name under team in clientbook.yaml as the export does"
		}
		render.Fprintf(w, "  %s\n", msg)
	}
	switch {
	case out.DryRun:
		render.Fprintf(w, "nothing written (--dry-run)\n")
	default:
		for _, p := range out.Written {
			render.Fprintf(w, "wrote %s\n", p)
		}
	}
	return nil
}

// years lists the years of entries, which come sorted.
func years(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}
