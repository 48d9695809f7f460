package cli

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/history"
	"github.com/clientbook/clientbook/pkg/internal/gitrev"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

type diffOptions struct {
	from, to string
	hasTo    bool
	exitCode bool
}

func newDiffCmd(e *env) *cobra.Command {
	opts := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff FROM [TO]",
		Short: "What changed between two states of the book (clients, opportunities, findings)",
		Long: `diff compares two states of the book kept in git: clients added, removed
and changed (health score, band, quadrant, portfolio action, revenue),
opportunities added, removed or whose decision changed, and check findings
added and resolved.

FROM and TO are each a git revision (anything git rev-parse accepts), a
date YYYY-MM-DD (the last commit on or before that day, UTC) or a duration
back from today (30d, 2w, 1m = 30 days, 1y = 365 days: the book as of that
date). TO defaults to the working tree. Each side is evaluated on its own
day: a date is that day, a revision its commit's committer date (UTC), the
working tree today.

Findings are matched by rule, path and subject (the quoted action,
milestone, dependency or field they name; else their message without
numbers and dates), so a finding that only moved lines or grew older is
neither added nor resolved.

The exit code is 0 whether or not anything changed; with --exit-code a
change exits 1, as git diff does.`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.from = args[0]
			if len(args) == 2 {
				opts.to, opts.hasTo = args[1], true
				e.diffBothFromGit = true
			}
			return runDiff(e, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.exitCode, "exit-code", false, "exit 1 when anything changed")
	return cmd
}

// diffState is one side of a diff, evaluated.
type diffState struct {
	side  history.Side
	label string // for people: "HEAD~3 (2026-03-01)", "the working tree (2026-06-01)"
	state history.State
}

func runDiff(e *env, opts *diffOptions) error {
	format, err := e.format()
	if err != nil {
		return err
	}
	today, err := e.todayDate()
	if err != nil {
		return err
	}
	tree, err := e.root()
	if err != nil {
		return err
	}
	defer diffMemory(e.getenv)()
	from, to, err := e.diffSides(tree, opts, today)
	if err != nil {
		return err
	}
	ch := history.Compare(from.state, to.state)
	switch format {
	case "json", "yaml":
		err = e.print(format, history.ReportOf(from.side, to.side, ch), nil)
	default:
		err = e.printDiff(format, from, to, ch)
	}
	if err != nil {
		return err
	}
	if opts.exitCode && !ch.Empty() {
		return &failError{}
	}
	return nil
}

// diffSides reads and evaluates both sides, each client by client: only
// the small States are kept. Two revisions with the same firm's file are
// read together (evaluatePair), each folder they share once.
func (e *env) diffSides(tree string, opts *diffOptions, today book.Date) (from, to diffState, err error) {
	fromRev, err := e.diffRevision(tree, opts.from, today, "diff "+opts.from)
	if err != nil {
		return from, to, err
	}
	if !opts.hasTo {
		if from, err = e.evaluateSide(tree, fromRev); err != nil {
			return from, to, err
		}
		st, err := history.EvaluateDir(tree, today, load.Options{})
		if err != nil {
			return from, to, &usageError{msg: err.Error()}
		}
		return from, diffState{side: history.Side{Date: today}, label: fmt.Sprintf("the working tree (%s)", today), state: st}, nil
	}
	toRev, err := e.diffRevision(tree, opts.to, today, "diff "+opts.to)
	if err != nil {
		return from, to, err
	}
	return e.evaluatePair(tree, fromRev, toRev)
}

// sideRevision is one side of a diff that is a revision: the book there,
// the day it is evaluated on, and its name for people.
type sideRevision struct {
	rb    *revBook
	rev   string
	day   book.Date
	state *history.State // from the cache of states, when it had it
	key   []byte         // the state's key in that cache; nil without one
}

// diffRevision resolves the side spec, a date, a duration back from today
// or a revision; what names it in messages ("diff 30d").
func (e *env) diffRevision(tree, spec string, today book.Date, what string) (*sideRevision, error) {
	rev := spec
	var day book.Date
	dated := true // a date or a duration: evaluated on that day
	switch {
	case gitrev.IsDate(spec):
		d, err := book.ParseDate(spec)
		if err != nil {
			return nil, usagef("%s: %v", what, err)
		}
		day = d
	case isDuration(spec):
		n, _ := book.ParseDuration(spec)
		day = today - book.Date(n)
		what = fmt.Sprintf("%s (%s)", what, day)
		spec = day.String()
	default:
		dated = false
	}
	rb, err := e.revision(tree, spec, what)
	if err != nil {
		return nil, err
	}
	if !dated {
		day = book.DateOf(rb.commit.Time) // the commit's committer date, UTC
	}
	side := &sideRevision{rb: rb, rev: rev, day: day}
	side.state, side.key = e.cachedState(tree, rb, day)
	return side, nil
}

// diffStateOf is the side as diff shows it.
func (side *sideRevision) diffStateOf(st history.State) diffState {
	rev := side.rev
	label := rev
	if rev != side.day.String() {
		label = fmt.Sprintf("%s (%s)", rev, side.day)
	}
	return diffState{side: history.Side{Rev: &rev, Date: side.day}, label: label, state: st}
}

// evaluateSide is the state of one revision's side.
func (e *env) evaluateSide(tree string, side *sideRevision) (diffState, error) {
	if side.state != nil {
		return side.diffStateOf(*side.state), nil
	}
	st, err := e.evaluateRevision(tree, side.rb, side.day)
	if err != nil {
		return diffState{}, err
	}
	e.removeSoon(side.rb.dir)
	e.keepState(side.key, st)
	return side.diffStateOf(st), nil
}

// diffSideAs reads and evaluates the side spec; what names it in messages
// ("report --since 30d").
func (e *env) diffSideAs(tree, spec string, today book.Date, what string) (diffState, error) {
	side, err := e.diffRevision(tree, spec, today, what)
	if err != nil {
		return diffState{}, err
	}
	return e.evaluateSide(tree, side)
}

// diffMemoryLimit is the soft memory limit of a diff. The other commands
// hold a few clients at a time, and main's limit keeps a very large
// book's run small; diff holds both sides' states and trees whole, about
// 75 MiB live at 10,000 clients, which near main's limit made the
// collector run so often that a cold diff took a fifth longer (README,
// History). GOMEMLIMIT in the environment wins.
const diffMemoryLimit = 256 << 20

// diffMemory raises the soft memory limit for a diff, unless the
// environment sets one or it is already higher, and returns what puts it
// back.
func diffMemory(getenv func(string) string) func() {
	if getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(-1)
	if old >= diffMemoryLimit {
		return func() {}
	}
	debug.SetMemoryLimit(diffMemoryLimit)
	return func() { debug.SetMemoryLimit(old) }
}

// isDuration reports whether spec is a duration (30d, 2w, 1m, 1y): such a
// spec is always read as one, never as a branch of that name.
func isDuration(spec string) bool {
	_, err := book.ParseDuration(spec)
	return err == nil
}

// printDiff writes the changes for people: a table per kind, the clients
// most important first (band drops, new exit and recover), or the same in
// markdown.
func (e *env) printDiff(format string, from, to diffState, ch history.Changes) error {
	w := e.stdout
	md := format == "markdown"
	opts := e.tableOptions()
	heading := func(s string) {
		if md {
			fmt.Fprintf(w, "\n### %s\n\n", s)
		} else {
			fmt.Fprintf(w, "\n%s\n", s)
		}
	}
	title := fmt.Sprintf("Changes from %s to %s", from.label, to.label)
	if md {
		fmt.Fprintf(w, "## %s\n", render.Sprintf("%s", title))
	} else {
		render.Fprintf(w, "%s\n", title)
	}
	if ch.Empty() {
		fmt.Fprintf(w, "\nnothing changed\n")
		return nil
	}
	if len(ch.Clients) > 0 {
		heading(fmt.Sprintf("Clients (%d)", len(ch.Clients)))
		g := &render.Grid{Columns: []render.Column{
			{Name: "client"}, {Name: "change"}, {Name: "band"}, {Name: "score", Align: render.AlignRight},
			{Name: "action"}, {Name: "quadrant"}, {Name: "revenue", Align: render.AlignRight},
		}}
		for _, c := range history.ByImportance(ch.Clients) {
			v := history.ShownOf(c)
			row := render.Texts(c.ID, c.Change, v.Band, v.Score, v.Action, v.Quadrant, v.Revenue)
			if history.Alarming(c) {
				row[2].Tone, row[4].Tone = render.ToneBad, render.ToneBad
			}
			g.Rows = append(g.Rows, row)
		}
		if err := render.Write(w, render.Format(format), nil, g, opts); err != nil {
			return err
		}
	}
	if len(ch.Opportunities) > 0 {
		heading(fmt.Sprintf("Opportunities (%d)", len(ch.Opportunities)))
		g := &render.Grid{Columns: []render.Column{{Name: "opportunity"}, {Name: "change"}, {Name: "decision"}}}
		for _, o := range ch.Opportunities {
			g.Rows = append(g.Rows, render.Texts(o.ID, o.Change, history.DecisionShown(o)))
		}
		if err := render.Write(w, render.Format(format), nil, g, opts); err != nil {
			return err
		}
	}
	for _, part := range []struct {
		name string
		fs   []finding.Finding
	}{{"Findings added", ch.Added}, {"Findings resolved", ch.Resolved}} {
		if len(part.fs) == 0 {
			continue
		}
		heading(fmt.Sprintf("%s (%d)", part.name, len(part.fs)))
		if err := writeFindingGrid(w, format, part.fs, opts); err != nil {
			return err
		}
	}
	return nil
}

func writeFindingGrid(w io.Writer, format string, fs []finding.Finding, opts render.Options) error {
	g := &render.Grid{Columns: []render.Column{{Name: "where"}, {Name: "severity"}, {Name: "rule"}, {Name: "message"}}}
	for _, f := range fs {
		g.Rows = append(g.Rows, render.Texts(f.Location(), f.Severity.String(), f.Rule, f.Message))
	}
	return render.Write(w, render.Format(format), nil, g, opts)
}
