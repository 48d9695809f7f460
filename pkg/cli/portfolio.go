package cli

import (
	"cmp"
	"fmt"
	"io"
	"iter"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/exact"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/portfolio"
	"github.com/clientbook/clientbook/pkg/render"
)

type portfolioOptions struct {
	filter clientFilter // owner and tier; the status is always active
	action []string
	top    int
	sort   string
}

// portfolioSorts are the --sort keys; the first is the spec's order.
var portfolioSorts = []string{"attractiveness", "action", "revenue", "net", "margin", "health", "id"}

// urgency orders the actions for --sort action: what needs a partner this
// week (exit, recover, renegotiate) first, then the rest.
var urgency = []string{"exit", portfolio.Recover, portfolio.Renegotiate, portfolio.Deprioritize, portfolio.Invest, portfolio.Maintain}

func newPortfolioCmd(e *env) *cobra.Command {
	opts := &portfolioOptions{}
	cmd := &cobra.Command{
		Use:   "portfolio",
		Short: "Where to spend senior time: invest, maintain, renegotiate, recover or de-prioritize",
		Long: `portfolio ranks every active client by attractiveness, a weighted
mean of its health score, margin score (margin against the firm's target),
fit with the firm's strategy and potential, and gives each one action with
its main reason:

  recover        at-risk health, or a recovery that is not closed
  renegotiate    10% or more of revenue at a margin below the floor
  de-prioritize  management time costs at least what the client contributes
  invest         attractiveness 60 or more, with room to grow
  maintain       otherwise

Figures come from each client's newest financials row not after this year.
Ranks, revenue shares and the summary are over all active clients; --action,
--owner, --tier and --top only choose which rows are shown.`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return runPortfolio(e, opts) },
	}
	f := cmd.Flags()
	enumSliceVar(cmd, &opts.action, "action", nil, portfolio.Actions, "only clients with this action ("+strings.Join(portfolio.Actions, ", ")+"); repeat or comma-separate")
	opts.filter.registerOwnerTier(e, cmd)
	f.IntVar(&opts.top, "top", 0, "show only the first N clients (0: all)")
	enumVar(cmd, &opts.sort, "sort", portfolioSorts[0], portfolioSorts, "order by "+strings.Join(portfolioSorts, ", ")+" (action: exit, recover and renegotiate first; others high first, id A-Z); ranks keep the spec's order")
	e.addStrict(cmd)
	return cmd
}

func runPortfolio(e *env, opts *portfolioOptions) error {
	format, err := e.format()
	if err != nil {
		return err
	}
	if opts.top < 0 {
		return usagef("--top %d: give a positive number, or 0 for all", opts.top)
	}
	today, err := e.todayDate()
	if err != nil {
		return err
	}
	// Each active client is kept packed (portfolio.Pack): on a large book
	// the entries are most of what a run keeps, and packed they are a few
	// hundred bytes each that the collector never scans.
	b, records, err := stream(e, false, []string{"portfolio", today.String()}, func(c *book.Client, s *book.Settings) []byte {
		if c.Status.Value != "active" {
			return nil
		}
		return portfolio.Pack(portfolio.Measure(health.Assess(c, s, today), s))
	})
	if err != nil {
		return err
	}
	if err := opts.filter.checkOwners(b.Settings); err != nil {
		return err
	}
	// Ranks, shares and the summary are over every active client: any
	// client left out, whatever the filters, changes them.
	e.warnRead(b, clientsScope(nil, true))
	records = slices.DeleteFunc(records, func(r []byte) bool { return r == nil })
	p := portfolio.RankPacked(records, b.Settings, today)
	shown := selectEntries(p, opts)

	// The rows are unpacked one at a time as they are printed.
	rows := func(row func(portfolio.Entry) []render.Cell) iter.Seq[[]render.Cell] {
		return func(yield func([]render.Cell) bool) {
			for _, pk := range shown {
				if !yield(row(p.Entry(pk.rank - 1))) {
					return
				}
			}
		}
	}
	var data any
	g := &render.Grid{Columns: portfolioColumns(p.Currency), Stream: rows(portfolioRow)}
	switch format {
	case "csv":
		g = &render.Grid{Columns: portfolioCSVColumns(p.Currency), Stream: rows(portfolioCSVRow)}
	case "json", "yaml":
		entries := make([]portfolio.Entry, len(shown))
		for i, pk := range shown {
			entries[i] = p.Entry(pk.rank - 1)
		}
		data = portfolio.ReportOf(portfolio.Portfolio{Today: p.Today, Currency: p.Currency, Summary: p.Summary}, entries)
	}
	if err := e.print(format, data, g); err != nil {
		return err
	}
	if format == "table" {
		printPortfolioSummary(e.stdout, p.Summary, p.Currency, len(shown))
	}
	return nil
}

// pick is one shown entry: its rank and the value --sort orders by.
type pick struct {
	rank  int
	value *big.Rat // revenue, net contribution or margin; nil when unknown
	score int      // health score, -1 when unrated; for --sort action, the action's urgency
	id    string
}

// selectEntries filters the ranked entries for display and orders them by
// --sort, then cuts them to --top; ranks stay those of the spec's order.
func selectEntries(p *portfolio.Packed, opts *portfolioOptions) []pick {
	out := []pick{}
	f := opts.filter
	if len(f.owner)+len(f.tier)+len(f.status)+len(opts.action) == 0 && opts.sort == portfolioSorts[0] {
		// Every entry in rank order: nothing to unpack to choose them.
		n := p.Len()
		if opts.top > 0 {
			n = min(n, opts.top)
		}
		for i := range n {
			out = append(out, pick{rank: i + 1})
		}
		return out
	}
	for i := range p.Len() {
		en := p.Entry(i)
		if !opts.filter.keep(en.Client) || len(opts.action) > 0 && !slices.Contains(opts.action, en.Action) {
			continue
		}
		pk := pick{rank: en.Rank}
		switch opts.sort {
		case "revenue":
			pk.value = en.Revenue
		case "net":
			pk.value = en.NetContribution
		case "margin":
			pk.value = en.Margin
		case "health":
			pk.score = -1
			if en.Health.Score != nil {
				pk.score = *en.Health.Score
			}
		case "id":
			pk.id = en.ID()
		case "action":
			pk.score = slices.Index(urgency, en.Action)
			if pk.score < 0 {
				pk.score = len(urgency)
			}
		}
		out = append(out, pk)
	}
	slices.SortStableFunc(out, func(a, b pick) int {
		return cmp.Or(compareBy(opts.sort, a, b), cmp.Compare(a.rank, b.rank))
	})
	if opts.top > 0 && len(out) > opts.top {
		out = out[:opts.top]
	}
	return out
}

// compareBy orders two entries by a --sort key: high first, unknown values
// last; id A-Z. Ties are left to the caller.
func compareBy(key string, a, b pick) int {
	switch key {
	case "revenue", "net", "margin":
		return descNil(a.value, b.value)
	case "health":
		return cmp.Compare(b.score, a.score)
	case "id":
		return cmp.Compare(a.id, b.id)
	case "action":
		return cmp.Compare(a.score, b.score) // the action's place in urgency
	}
	return 0 // attractiveness: the spec's order, which is the rank
}

// descNil compares high first, with nil after every value.
func descNil(a, b *big.Rat) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return b.Cmp(a)
}

var trendArrows = map[string]string{health.Up: "↑", health.Down: "↓", health.Flat: "→", health.New: "new"}

// healthCell shows score, band and trend in one cell: "29 at-risk ↓",
// "- unrated".
func healthCell(r health.Result) string {
	score := "-"
	if r.Score != nil {
		score = strconv.Itoa(*r.Score)
	}
	cell := score + " " + r.Band
	if r.Trend != nil {
		cell += " " + trendArrows[*r.Trend]
	}
	return cell
}

// actionTone colours an action: invest green, renegotiate and
// de-prioritize yellow, recover red.
func actionTone(action string) render.Tone {
	switch action {
	case portfolio.Invest:
		return render.ToneGood
	case portfolio.Renegotiate, portfolio.Deprioritize:
		return render.ToneWarn
	case portfolio.Recover:
		return render.ToneBad
	}
	return render.ToneNone
}

// moneyHeader names a money column with the firm's currency.
func moneyHeader(name, currency string) string {
	if currency == "" {
		return name
	}
	return name + " (" + currency + ")"
}

func ratCell(r *big.Rat, format func(*big.Rat) string) string {
	if r == nil {
		return ""
	}
	return format(r)
}

func fixed2(r *big.Rat) string { return exact.Fixed(r, 2) }

// portfolioColumns are the table and markdown view: the columns of SPEC §6.
func portfolioColumns(currency string) []render.Column {
	return []render.Column{
		{Name: "rank", Align: render.AlignRight},
		{Name: "client"},
		{Name: "quadrant"},
		{Name: "health"},
		{Name: moneyHeader("revenue", currency), Align: render.AlignRight, Money: true},
		{Name: "margin", Align: render.AlignRight},
		{Name: "hours", Align: render.AlignRight},
		{Name: moneyHeader("net contribution", currency), Align: render.AlignRight, Money: true},
		{Name: "attractiveness", Align: render.AlignRight},
		{Name: "action"},
		{Name: "reason"},
	}
}

func portfolioRow(en portfolio.Entry) []render.Cell {
	row := render.Texts(
		strconv.Itoa(en.Rank), en.ID(), strCell(en.Quadrant()), healthCell(en.Health),
		fixed2(en.Revenue), ratCell(en.Margin, exact.Plain), exact.Plain(en.Hours),
		ratCell(en.NetContribution, fixed2), strconv.Itoa(en.Attractiveness), en.Action, en.Reason,
	)
	row[3].Tone, row[9].Tone = bandTone(en.Health.Band), actionTone(en.Action)
	return row
}

// portfolioCSVColumns are the spreadsheet view: one value per cell, with
// the components and the revenue share that the table leaves out.
func portfolioCSVColumns(currency string) []render.Column {
	names := []string{
		"rank", "client", "name", "quadrant", "health", "band", "trend",
		moneyHeader("revenue", currency), "revenue share", "margin", "hours",
		moneyHeader("opportunity cost", currency), moneyHeader("net contribution", currency),
		"health score", "margin score", "fit", "potential", "attractiveness", "action", "reason",
	}
	cols := make([]render.Column, len(names))
	for i, n := range names {
		cols[i] = render.Column{Name: n}
	}
	return cols
}

func portfolioCSVRow(en portfolio.Entry) []render.Cell {
	c := en.Components
	return render.Texts(
		strconv.Itoa(en.Rank), en.ID(), en.Client.Name.Value, strCell(en.Quadrant()),
		intCell(en.Health.Score), en.Health.Band, strCell(en.Health.Trend),
		fixed2(en.Revenue), portfolio.ShareOf(en.Share).String(), ratCell(en.Margin, exact.Plain), exact.Plain(en.Hours),
		fixed2(en.OpportunityCost), ratCell(en.NetContribution, fixed2),
		strconv.Itoa(c.Health), strconv.Itoa(c.Margin), strconv.Itoa(c.Fit), strconv.Itoa(c.Potential),
		strconv.Itoa(en.Attractiveness), en.Action, en.Reason,
	)
}

// printPortfolioSummary writes the summary block under the table: the
// totals of every active client, whatever rows the filters showed.
func printPortfolioSummary(w io.Writer, s portfolio.Summary, currency string, shown int) {
	counts := func(cs portfolio.Counts) string {
		parts := make([]string, len(cs))
		for i, c := range cs {
			parts[i] = fmt.Sprintf("%s %d", c.Key, c.N)
		}
		return strings.Join(parts, ", ")
	}
	title := fmt.Sprintf("Summary of %d active %s", s.Clients, plural(s.Clients, "client", "clients"))
	if currency != "" {
		title += ", amounts in " + currency
	}
	if shown != s.Clients {
		title += fmt.Sprintf(" (%d shown)", shown)
	}
	// The four amounts are right-aligned under each other.
	amounts := []string{
		render.FormatMoney(exact.Fixed(s.Revenue, 2)),
		"-",
		render.FormatMoney(exact.Plain(s.Hours)),
		render.FormatMoney(exact.Fixed(s.OpportunityCost, 2)),
	}
	if s.NetContribution != nil {
		amounts[1] = render.FormatMoney(exact.Fixed(s.NetContribution, 2))
	}
	width := 0
	for _, a := range amounts {
		width = max(width, len(a))
	}
	largest := "- (no revenue recorded)"
	if s.Largest != nil {
		largest = fmt.Sprintf("%s, %s of revenue", s.Largest.ID(), portfolio.Percent(s.LargestShare))
	}
	rows := [][2]string{
		{"revenue", fmt.Sprintf("%*s", width, amounts[0])},
		{"net contribution", fmt.Sprintf("%*s  (%d of %d %s with a known margin)", width, amounts[1], s.KnownMargin, s.Clients, plural(s.Clients, "client", "clients"))},
		{"management hours", fmt.Sprintf("%*s", width, amounts[2])},
		{"opportunity cost", fmt.Sprintf("%*s", width, amounts[3])},
		{"largest client", largest},
		{"actions", counts(s.Actions)},
		{"bands", counts(s.Bands)},
		{"quadrants", counts(s.Quadrants)},
	}
	// The title names the firm's currency and the rows a client: book
	// text, escaped.
	fmt.Fprintln(w)
	render.Fprintln(w, title)
	for _, r := range rows {
		render.Fprintf(w, "  %-17s %s\n", r[0], r[1])
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
