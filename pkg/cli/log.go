package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/edit"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

// touchpointKinds are the kinds of SPEC §1's touchpoints.
var touchpointKinds = []string{"call", "meeting", "email", "review", "social", "workshop"}

type logOptions struct {
	client string
	notes  string
	kind   string
	with   []string
	by     string
	date   string
	dryRun bool
}

func newLogCmd(e *env) *cobra.Command {
	opts := &logOptions{}
	cmd := &cobra.Command{
		Use:   "log CLIENT [NOTES...]",
		Short: "Record a touchpoint with a client",
		Long: `log records a touchpoint — a call, meeting, email, review, social contact or
workshop — at the end of the client's touchpoints in client.yaml:

  {date: 2026-11-23, kind: call, by: piers, with: [Jane Doe], notes: ...}

The rest of the file is left exactly as it was: comments, blank lines and
key order included. The words after CLIENT are the notes. --by defaults to
the client's relationship manager and --date to today. Concurrent writers
wait for each other, so no entry is lost.`,
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: completeFirstClient(e),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.client = args[0]
			opts.notes = strings.Join(args[1:], " ")
			return runLog(e, opts)
		},
	}
	f := cmd.Flags()
	enumVar(cmd, &opts.kind, "kind", "call", touchpointKinds, "what kind of touchpoint: "+strings.Join(touchpointKinds, ", "))
	f.StringArrayVar(&opts.with, "with", nil, "a stakeholder who took part; repeat for each")
	f.StringVar(&opts.by, "by", "", "who of our team (team id; default: the client's relationship manager)")
	f.StringVar(&opts.date, "date", "", "when, YYYY-MM-DD (default: today)")
	f.BoolVar(&opts.dryRun, "dry-run", false, "print the changed client.yaml instead of writing it")
	_ = cmd.RegisterFlagCompletionFunc("by", completeTeam(e))
	return cmd
}

func runLog(e *env, opts *logOptions) error {
	if err := checkID("client", opts.client); err != nil {
		return err
	}
	today, err := e.todayDate()
	if err != nil {
		return err
	}
	date := today
	if opts.date != "" {
		if date, err = book.ParseDate(opts.date); err != nil {
			return usagef("--date %q: %v", opts.date, err)
		}
	}
	b, err := e.load(true)
	if err != nil {
		return err
	}
	c, err := clientToEdit(b, opts.client)
	if err != nil {
		return err
	}
	by := opts.by
	if by == "" {
		if !c.Owner.Set {
			return usagef("%s has no relationship manager (owner): say who with --by", opts.client)
		}
		by = string(c.Owner.Value)
	}
	if _, ok := b.Settings.Team[book.ID(by)]; !ok {
		return notInTeam("--by", by, b)
	}
	if date > today {
		render.Fprintf(e.stderr, "clientbook: warning: %s is after today (%s): a touchpoint records a contact that happened\n", date, today)
	}
	for _, w := range opts.with {
		if !slices.ContainsFunc(c.Stakeholders, func(s book.Stakeholder) bool { return strings.EqualFold(s.Name.Value, w) }) {
			render.Fprintf(e.stderr, "clientbook: warning: %q is not among %s's stakeholders: add them under stakeholders in %s\n", w, opts.client, c.Path)
		}
	}

	pairs := []edit.Pair{
		{Key: "date", Value: edit.Plain(date.String())},
		{Key: "kind", Value: edit.Plain(opts.kind)},
		{Key: "by", Value: edit.Plain(by)},
	}
	if len(opts.with) > 0 {
		pairs = append(pairs, edit.Pair{Key: "with", Value: edit.Strs(opts.with...)})
	}
	if notes := strings.TrimSpace(opts.notes); notes != "" {
		pairs = append(pairs, edit.Pair{Key: "notes", Value: edit.Str(notes)})
	}
	item := edit.Map(pairs...)
	if err := edit.CheckInside(b.Root, filepath.Join(b.Root, filepath.FromSlash(c.Path))); err != nil {
		return usagef("%v", err)
	}

	if opts.dryRun {
		src, err := load.ReadFile(b.Root, c.Path)
		if err != nil {
			return usagef("cannot read %s: %v", c.Path, err)
		}
		out, err := edit.AppendToList(src, "touchpoints", item)
		if err != nil {
			return &failError{msg: fmt.Sprintf("%s: %v", c.Path, err)}
		}
		_, err = e.stdout.Write(out)
		return err
	}

	lock, err := edit.AcquireLock(b.Root, lockTimeout)
	if err != nil {
		return &failError{msg: err.Error()}
	}
	defer lock.Close()
	// Read under the lock: another writer may have appended since the book
	// was loaded, and its entry must be kept. It is read inside the book's
	// root as the loader read it, so a file swapped for a link out of the
	// book or a pipe since then is refused rather than followed.
	src, err := load.ReadFile(b.Root, c.Path)
	if err != nil {
		return usagef("cannot read %s: %v", c.Path, err)
	}
	out, err := edit.AppendToList(src, "touchpoints", item)
	if err != nil {
		return &failError{msg: fmt.Sprintf("%s: %v; nothing written", c.Path, err)}
	}
	written, err := edit.ReplaceBookFile(b.Root, c.Path, out)
	if err != nil {
		return writeFailed(err)
	}
	line, _ := edit.Flow(item)
	render.Fprintf(e.stdout, "recorded in %s%s: %s\n", c.Path, through(c.Path, written), line)
	return nil
}

// clientToEdit returns the client named id, explaining why when it cannot
// be edited: it does not exist, or its file could not be read.
func clientToEdit(b *book.Book, id string) (*book.Client, error) {
	if c := b.Client(book.ID(id)); c != nil {
		return c, nil
	}
	if fi, err := os.Stat(filepath.Join(b.Root, "clients", id)); err == nil && fi.IsDir() {
		return nil, usagef("clients/%s has no readable client.yaml: run `clientbook check` and fix it first", id)
	}
	return nil, knownClients(clientIDs(b), []string{id})
}

func teamList(b *book.Book) string {
	var ids []string
	if b.Firm != nil {
		for _, p := range b.Firm.Team {
			if p.ID.Set {
				ids = append(ids, string(p.ID.Value))
			}
		}
	}
	if len(ids) == 0 {
		return "(the team is empty: add people under team in clientbook.yaml)"
	}
	return strings.Join(ids, ", ")
}
