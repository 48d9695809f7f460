package cli

import (
	"cmp"
	"iter"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/exact"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/render"
	"github.com/clientbook/clientbook/pkg/portfolio"
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
var urgency = []string{portfolio.Exit, portfolio.Recover, portfolio.Renegotiate, portfolio.Deprioritize, portfolio.Invest, portfolio.Maintain}

func newPortfolioCmd(e *env) *cobra.Command {
	opts := &portfolioOptions{}
	cmd := &cobra.Command{
		Use:   "portfolio",
		Short: "Where to spend senior time: invest, maintain, renegotiate, recover, de-prioritize or exit",
		Long: `portfolio ranks every active client by attractiveness, a weighted
mean of its health score, margin score (margin against the firm's target),
fit with the firm's strategy and potential, and gives each one action with
its main reason:

  exit           an open recovery judged not salvageable (salvageable: false):
                 end the relationship cleanly
  recover        at-risk health, or a recovery that is not closed; the reason
                 names the next deadline and the promises kept so far
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
	// Each active client is kept as its flat entry, which holds nothing
	// of the parsed client, appended as the book is read.
	root, readOpts, err := e.streamOptions(false, []string{"portfolio", today.String()})
	if err != nil {
		return err
	}
	type measured struct {
		Active bool
		Entry  portfolio.Entry
	}
	var entries []portfolio.Entry
	var shared sharedValues
	b, err := load.Each(root, readOpts, func(c *book.Client, s *book.Settings) measured {
		if c.Status.Value != "active" {
			return measured{}
		}
		return measured{true, portfolio.Measure(health.Assess(c, s, today), s)}
	}, func(f load.Folder[measured]) {
		if f.Reduced && f.Value.Active {
			entries = append(entries, shared.entry(f.Value.Entry))
		}
	})
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	if err := opts.filter.checkOwners(b.Settings); err != nil {
		return err
	}
	// Ranks, shares and the summary are over every active client: any
	// client left out, whatever the filters, changes them.
	e.warnRead(b, clientsScope(nil, true))
	p := portfolio.RankMeasured(entries, b.Settings, today)
	shown := selectEntries(p, opts)

	var data any
	g := &render.Grid{
		Columns: portfolioColumns(p.Currency), Stream: rows(p, shown, portfolioRow),
		Legend: trendLegend, Empty: "no active client to show",
	}
	switch format {
	case "csv":
		// For tools: the JSON fields, one value per cell.
		g = render.Flat(func(yield func(portfolio.Row) bool) {
			for _, en := range shown {
				if !yield(portfolio.RowOf(en, p.Figures(en))) {
					return
				}
			}
		})
	case "json", "yaml":
		data = portfolio.ReportOf(p, shown)
	}
	if err := e.print(format, data, g); err != nil {
		return err
	}
	if format == "table" {
		printPortfolioSummary(e.stdout, p.Summary, p.Currency, len(shown), e.tableOptions().Width)
	}
	return nil
}

// sharedValues lets the entries of a large book share one copy of each
// value many of them hold (an owner, a tier, a band's trend, a score, a
// fit reason) instead of one small object each: the collector marks every
// object of every kept entry on each cycle.
type sharedValues struct {
	strs map[string]*string
	ints map[int]*int
	text map[string]string
}

func (v *sharedValues) entry(en portfolio.Entry) portfolio.Entry {
	if v.strs == nil {
		v.strs, v.ints, v.text = map[string]*string{}, map[int]*int{}, map[string]string{}
	}
	for _, p := range []**string{&en.Owner, &en.Tier, &en.Trend, &en.Quadrant} {
		if *p != nil {
			if s, ok := v.strs[**p]; ok {
				*p = s
			} else {
				v.strs[**p] = *p
			}
		}
	}
	for _, p := range []**int{&en.Score, &en.Potential, &en.Year, &en.FitValue} {
		if *p != nil {
			if n, ok := v.ints[**p]; ok {
				*p = n
			} else {
				v.ints[**p] = *p
			}
		}
	}
	if t, ok := v.text[en.FitReason]; ok {
		en.FitReason = t
	} else {
		v.text[en.FitReason] = en.FitReason
	}
	return en
}

// rows are the entries as the cells row gives, their figures worked out
// one row at a time.
func rows(p portfolio.Portfolio, entries []portfolio.Entry, row func(portfolio.Entry, portfolio.Figures) []render.Cell) iter.Seq[[]render.Cell] {
	return func(yield func([]render.Cell) bool) {
		for _, en := range entries {
			if !yield(row(en, p.Figures(en))) {
				return
			}
		}
	}
}

// selectEntries filters the ranked entries for display and orders them by
// --sort, then cuts them to --top; ranks stay those of the spec's order.
func selectEntries(p portfolio.Portfolio, opts *portfolioOptions) []portfolio.Entry {
	out := []portfolio.Entry{}
	for _, en := range p.Entries {
		if opts.filter.keepValues("active", deref(en.Owner), deref(en.Tier)) &&
			(len(opts.action) == 0 || slices.Contains(opts.action, en.Action)) {
			out = append(out, en)
		}
	}
	// Net contribution is a figure, worked out once per entry to sort by.
	var net map[int]*big.Rat
	if opts.sort == "net" {
		net = make(map[int]*big.Rat, len(out))
		for _, en := range out {
			net[en.Rank] = p.Figures(en).NetContribution
		}
	}
	slices.SortStableFunc(out, func(a, b portfolio.Entry) int {
		if net != nil {
			return cmp.Or(descNil(net[a.Rank], net[b.Rank]), cmp.Compare(a.Rank, b.Rank))
		}
		return cmp.Or(compareBy(opts.sort, a, b), cmp.Compare(a.Rank, b.Rank))
	})
	if opts.top > 0 && len(out) > opts.top {
		out = out[:opts.top]
	}
	return out
}

// deref is *p, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// urgencyOf is an action's place in urgency; an unknown action comes last.
func urgencyOf(action string) int {
	if i := slices.Index(urgency, action); i >= 0 {
		return i
	}
	return len(urgency)
}

// compareBy orders two entries by a --sort key but net: high first,
// unknown values last; id A-Z. Ties are left to the caller.
func compareBy(key string, a, b portfolio.Entry) int {
	switch key {
	case "revenue":
		return descNil(a.Revenue, b.Revenue)
	case "margin":
		return descNil(a.Margin, b.Margin)
	case "health":
		return cmp.Compare(scoreOr(b.Score, -1), scoreOr(a.Score, -1))
	case "id":
		return cmp.Compare(a.ID, b.ID)
	case "action":
		return cmp.Compare(urgencyOf(a.Action), urgencyOf(b.Action))
	}
	return 0 // attractiveness: the spec's order, which is the rank
}

// scoreOr is *p, or unknown for nil.
func scoreOr(p *int, unknown int) int {
	if p == nil {
		return unknown
	}
	return *p
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
func healthCell(en portfolio.Entry) string {
	score := "-"
	if en.Score != nil {
		score = strconv.Itoa(*en.Score)
	}
	cell := score + " " + en.Band
	if en.Trend != nil {
		cell += " " + trendArrows[*en.Trend]
	}
	return cell
}

// actionTone colours an action: invest green, renegotiate and
// de-prioritize yellow, recover and exit red.
func actionTone(action string) render.Tone {
	switch action {
	case portfolio.Invest:
		return render.ToneGood
	case portfolio.Renegotiate, portfolio.Deprioritize:
		return render.ToneWarn
	case portfolio.Recover, portfolio.Exit:
		return render.ToneBad
	}
	return render.ToneNone
}

// moneyHeader names a money column with the firm's currency, its sign
// where it has one: "revenue (£)". The cells then show the amount alone.
func moneyHeader(name, currency string) string {
	if currency == "" {
		return name
	}
	return name + " (" + portfolio.Sign(currency) + ")"
}

func ratCell(r *big.Rat, format func(*big.Rat) string) string {
	if r == nil {
		return ""
	}
	return format(r)
}

func fixed2(r *big.Rat) string { return exact.Fixed(r, 2) }

// portfolioColumns are the table and markdown view: the columns of SPEC §6.
// On a narrow terminal rank, client, health, action and the reason stay
// (the reason shortened), then come revenue, margin and net contribution,
// attractiveness, the quadrant and the hours.
func portfolioColumns(currency string) []render.Column {
	return []render.Column{
		{Name: "rank", Align: render.AlignRight},
		{Name: "client"},
		{Name: "quadrant", Priority: 3},
		{Name: "health"},
		{Name: moneyHeader("revenue", currency), Align: render.AlignRight, Money: true, Priority: 1},
		{Name: "margin", Align: render.AlignRight, Percent: true, Priority: 1},
		{Name: "hours", Align: render.AlignRight, Decimals: true, Priority: 4},
		{Name: moneyHeader("net contribution", currency), Short: moneyHeader("net", currency), Align: render.AlignRight, Money: true, Priority: 1},
		{Name: "attractiveness", Align: render.AlignRight, Priority: 2},
		{Name: "action"},
		{Name: "reason", Shorten: true},
	}
}

// trendLegend says what the trend symbols of a health cell mean.
const trendLegend = "trend: ↑ up ≥ +5, → flat, ↓ down ≤ −5, new: no earlier round"

func portfolioRow(en portfolio.Entry, f portfolio.Figures) []render.Cell {
	row := render.Texts(
		strconv.Itoa(en.Rank), en.ID, strCell(en.Quadrant), healthCell(en),
		fixed2(en.Revenue), ratCell(en.Margin, exact.Plain), exact.Plain(en.Hours),
		ratCell(f.NetContribution, fixed2), strconv.Itoa(en.Attractiveness), en.Action, en.Reason,
	)
	row[3].Tone, row[9].Tone = bandTone(en.Band), actionTone(en.Action)
	return row
}
