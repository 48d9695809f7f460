package cli

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/exact"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

// healthBands and healthSorts are the values of health's --band and --sort.
var (
	healthBands = []string{health.Healthy, health.Watch, health.AtRisk, health.Unrated}
	healthSorts = []string{"id", "score", "delta"}
)

type healthOptions struct {
	ids    []string
	filter clientFilter
	// statusAsked is --status given for other clients than the active:
	// the table then has a status column.
	statusAsked bool
	band        []string
	sort        string
	history     bool
	explain     bool
}

func newHealthCmd(e *env) *cobra.Command {
	opts := &healthOptions{}
	cmd := &cobra.Command{
		Use:   "health [CLIENT...]",
		Short: "Score each client relationship, its band, trend and red flags",
		Long: `health scores each active client relationship from the team's assessments.
The current round is the assessments within health.round_window (default
30 days) of the newest, the newest per rater. Each of the six factors (trust,
respect, transparency, access, loyalty, value) is the raters' mean, 1 to 5;
the score is their weighted mean on 0-100, rounded half up. The band is
healthy at health.bands.healthy or more (default 70), watch at
health.bands.watch or more (default 50), at-risk below, unrated without an assessment. The trend
compares the score with the round before: up at +5 or more, down at -5 or
less, flat between, new with no earlier score. A client is stale when its
newest assessment is older than health.stale_after (default 180 days). The red
flags say what needs action; the quadrant is the client's place in the
Client Growth Matrix (see clientbook matrix --help).

Active clients are listed unless --status says otherwise (--status all for
every one; a status column then shows which are not active). A client named
as an argument is shown whatever its status, and its open recovery under
the table: since when, whether it is salvageable, the root cause, whether we
accepted responsibility, the promises kept (a plan action with a due date is
a promise; kept when done by its due date) and the next deadline. -o json
has the same as each row's recovery (null with none open).

  --history   every round of the named clients, newest first
  --explain   the arithmetic behind each named client's score, and each
              promise of its open recovery, kept, broken or pending (also
              as -o markdown, json or yaml)`,
		ValidArgsFunction: completeClients(e),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ids = args
			// A client asked for by name is shown whatever its status.
			if len(args) > 0 && !cmd.Flags().Changed("status") {
				opts.filter.status = nil
			}
			opts.statusAsked = cmd.Flags().Changed("status") && !opts.filter.onlyActive()
			return runHealth(e, opts)
		},
	}
	opts.filter.register(e, cmd, []string{"active"})
	enumSliceVar(cmd, &opts.band, "band", nil, healthBands, "only clients in this band ("+strings.Join(healthBands, ", ")+"); repeat or comma-separate")
	enumVar(cmd, &opts.sort, "sort", "id", healthSorts, "order by id, score (high first) or delta (largest fall first)")
	cmd.Flags().BoolVar(&opts.history, "history", false, "show every round, not only the current one")
	cmd.Flags().BoolVar(&opts.explain, "explain", false, "show how each score is computed")
	e.addStrict(cmd)
	return cmd
}

func runHealth(e *env, opts *healthOptions) error {
	format, err := e.format()
	if err != nil {
		return err
	}
	today, err := e.todayDate()
	if err != nil {
		return err
	}
	// Only --history and --explain need the whole result (its rounds and
	// the client's documents); the table and -o json need a row.
	full := opts.history || opts.explain
	type scored struct {
		id     book.ID
		shown  bool
		row    health.Row
		result health.Result
	}
	b, all, err := stream(e, false, nil, func(c *book.Client, s *book.Settings) scored {
		out := scored{id: c.ID.Value}
		if len(opts.ids) > 0 && !slices.Contains(opts.ids, string(c.ID.Value)) || !opts.filter.keep(c) {
			return out
		}
		r := health.Assess(c, s, today)
		if len(opts.band) > 0 && !slices.Contains(opts.band, r.Band) {
			return out
		}
		out.shown = true
		if full {
			out.result = r
		} else {
			out.row = health.RowOf(r)
		}
		return out
	})
	if err != nil {
		return err
	}
	ids := make([]book.ID, len(all))
	var results []health.Result
	var rows []health.Row
	for i, sc := range all {
		ids[i] = sc.id
		if sc.shown && full {
			results = append(results, sc.result)
		} else if sc.shown {
			rows = append(rows, sc.row)
		}
	}
	if err := knownClients(withLeftOut(ids, b), opts.ids); err != nil {
		return err
	}
	if err := opts.filter.checkOwners(b.Settings); err != nil {
		return err
	}
	e.warnRead(b, clientsScope(opts.ids, !opts.filter.allStatus()))
	sortResults(results, opts.sort)
	switch {
	case opts.explain:
		return printExplain(e, format, results, b.Settings, today)
	case opts.history:
		if format == "csv" {
			return e.print(format, nil, historyCSV(results))
		}
		return e.print(format, historyRows(results), historyGrid(results))
	}
	sortRows(rows, opts.sort)
	if rows == nil {
		rows = []health.Row{}
	}
	if format == "csv" {
		// For tools: the JSON fields, one value per cell.
		return e.print(format, nil, render.Flat(slices.Values(rows)))
	}
	showStatus := opts.statusAsked || slices.ContainsFunc(rows, func(r health.Row) bool { return r.Status != "active" })
	if err := e.print(format, rows, healthGrid(rows, showStatus)); err != nil {
		return err
	}
	// The clients named on the command line: their open recovery, under
	// the table (the JSON has it in each row).
	if format == "table" && len(opts.ids) > 0 {
		printRecoveries(e.stdout, rows, today)
	}
	return nil
}

// printExplain prints the working behind each result's score: text on
// a table's terminal, a markdown section per client, or the same values
// as data for json and yaml. CSV has no shape for it.
func printExplain(e *env, format string, results []health.Result, s *book.Settings, today book.Date) error {
	switch format {
	case "csv":
		return usagef("--explain prints text, markdown, json or yaml: -o csv has no shape for it")
	case "json", "yaml":
		rows := make([]ExplainRow, 0, len(results))
		for _, r := range results {
			row := explainRow(health.Explain(r, s, today))
			row.Status = r.Client.Status.Value
			rows = append(rows, row)
		}
		return e.print(format, rows, nil)
	}
	for i, r := range results {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		x, status := health.Explain(r, s, today), r.Client.Status.Value
		if format == "markdown" {
			if err := explainMarkdown(e.stdout, x, status); err != nil {
				return err
			}
			continue
		}
		explain(e.stdout, x, status)
	}
	return nil
}

func sortResults(rs []health.Result, by string) {
	sortHealth(rs, by, func(r health.Result) (string, *int, *int) { return string(r.Client.ID.Value), r.Score, r.Delta })
}

func sortRows(rs []health.Row, by string) {
	sortHealth(rs, by, func(r health.Row) (string, *int, *int) { return r.ID, r.Score, r.Delta })
}

// sortHealth orders clients' health by id, score (high first, unrated
// last) or delta (largest fall first, none last), then id.
func sortHealth[T any](xs []T, by string, key func(T) (id string, score, delta *int)) {
	slices.SortStableFunc(xs, func(a, b T) int {
		idA, scoreA, deltaA := key(a)
		idB, scoreB, deltaB := key(b)
		id := cmp.Compare(idA, idB)
		switch by {
		case "score":
			return cmp.Or(cmp.Compare(orInt(scoreB, -1), orInt(scoreA, -1)), id)
		case "delta":
			return cmp.Or(cmp.Compare(orInt(deltaA, 1<<30), orInt(deltaB, 1<<30)), id)
		}
		return id
	})
}

func orInt(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

func intCell(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func strCell(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func numCell(n *exact.Number) string {
	if n == nil {
		return ""
	}
	return n.String()
}

// bandTone colours a band: healthy green, watch yellow, at-risk red,
// unrated faint.
func bandTone(band string) render.Tone {
	switch band {
	case health.Healthy:
		return render.ToneGood
	case health.Watch:
		return render.ToneWarn
	case health.AtRisk:
		return render.ToneBad
	}
	return render.ToneDim
}

// trendTone colours a trend: up green, down red.
func trendTone(trend *string) render.Tone {
	switch {
	case trend == nil:
		return render.ToneNone
	case *trend == health.Up:
		return render.ToneGood
	case *trend == health.Down:
		return render.ToneBad
	}
	return render.ToneNone
}

func signed(p *int) string {
	if p == nil {
		return ""
	}
	return fmt.Sprintf("%+d", *p)
}

// healthGrid is the table of health rows; with showStatus, a status
// column follows the client's id, so that a paused or former client never
// looks like a live one.
func healthGrid(rows []health.Row, showStatus bool) *render.Grid {
	// On a narrow terminal the client, score, band and trend stay, then
	// come the flags (shortened), delta and staleness, the quadrant, and
	// last the six factors.
	g := &render.Grid{Columns: []render.Column{
		{Name: "client"}, {Name: "score", Align: render.AlignRight}, {Name: "band"},
		{Name: "trend"}, {Name: "delta", Align: render.AlignRight, Priority: 2},
		{Name: "trust", Align: render.AlignRight, Priority: 4}, {Name: "respect", Align: render.AlignRight, Priority: 4},
		{Name: "transp.", Align: render.AlignRight, Priority: 4}, {Name: "access", Align: render.AlignRight, Priority: 4},
		{Name: "loyalty", Align: render.AlignRight, Priority: 4}, {Name: "value", Align: render.AlignRight, Priority: 4},
		{Name: "quadrant", Priority: 3}, {Name: "stale", Priority: 2}, {Name: "flags", Priority: 1, Shorten: true},
	}, Empty: "no client to show"}
	if slices.ContainsFunc(rows, func(r health.Row) bool { return r.Incomplete != nil && *r.Incomplete }) {
		g.Legend = "band*: a factor nobody rated is left out of the score"
	}
	if showStatus {
		g.Columns = slices.Insert(g.Columns, 1, render.Column{Name: "status", Priority: 1})
	}
	// The rows' cells are made as the table is printed, not held.
	g.Stream = func(yield func([]render.Cell) bool) {
		for _, r := range rows {
			cells := healthCells(r)
			if showStatus {
				cells = slices.Insert(cells, 1, statusCell(r.Status))
			}
			if !yield(cells) {
				return
			}
		}
	}
	return g
}

// statusCell shows a client's status: faint unless active.
func statusCell(status string) render.Cell {
	c := render.Cell{Text: status}
	if status != "active" {
		c.Tone = render.ToneDim
	}
	return c
}

func healthCells(r health.Row) []render.Cell {
	f := r.Factors
	if f == nil {
		f = &health.Factors{}
	}
	stale := ""
	if r.Stale != nil && *r.Stale {
		stale = "stale"
	} else if r.Stale != nil {
		stale = "no"
	}
	band, tone := r.Band, bandTone(r.Band)
	if r.Incomplete != nil && *r.Incomplete {
		// A score with a factor nobody rated is marked, and shown faint.
		band, tone = r.Band+"*", render.ToneDim
	}
	row := render.Texts(
		r.ID, intCell(r.Score), band, strCell(r.Trend), signed(r.Delta),
		numCell(f.Trust), numCell(f.Respect), numCell(f.Transparency), numCell(f.Access), numCell(f.Loyalty), numCell(f.Value),
		strCell(r.Quadrant), stale, strings.Join(r.Flags, ", "),
	)
	row[2].Tone, row[3].Tone = tone, trendTone(r.Trend)
	return row
}
