package report

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/clientbook/clientbook/pkg/accept"
	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/due"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/exact"
	"github.com/clientbook/clientbook/pkg/internal/render"
	"github.com/clientbook/clientbook/pkg/portfolio"
	"github.com/clientbook/clientbook/pkg/relmap"
)

// Input is what the report shows, as the domain packages computed it.
type Input struct {
	Book      *book.Book          // the firm's name and settings, the counts of files and clients
	Today     book.Date           // the report's date, the only one printed as "today"
	Portfolio portfolio.Portfolio // portfolio.Rank of every client's health.Result
	Health    []health.Result     // those health.Results: the rounds and matrix places the charts draw
	Due       []due.Item          // due.List over the book, in its order
	DueWithin book.Duration       // the horizon Due was listed with
	Findings  []finding.Finding   // the check's findings, severities applied, sorted
	// Opportunities are accept.Evaluate's results, one per opportunity
	// of the book, in any order.
	Opportunities []accept.Result
	// Maps are relmap.Of of every key client, in any order.
	Maps []relmap.Map
}

// Model is the page: every value as it is displayed, and every chart's
// coordinates. Write renders it without computing anything.
type Model struct {
	Firm      string
	Today     string // YYYY-MM-DD
	TodayLong string // 23 November 2026
	Currency  string
	// Sign names the currency once, in the headers of the money columns
	// ("£"), whose cells show the amount alone.
	Sign string

	Book    BookFacts
	Figures []Figure     // the headline figures of the portfolio summary
	Counts  []CountGroup // actions, bands, quadrants

	Recoveries Recoveries // the open recoveries, those to exit apart
	Portfolio  []Row      // every active client, in rank order
	Matrix     Matrix
	Trends     Trends
	Due        Due
	Check      Check

	Opportunities Opportunities
	Maps          []RelMap // the relationship map of every key client

	// Since is what changed since an earlier state of the book (report
	// --since); nil without one.
	Since *Since
}

// BookFacts sizes the book.
type BookFacts struct {
	Clients       int
	Active        int
	Opportunities int
	Files         int
}

// Figure is one headline figure: "Revenue £1,181,500.00, 5 active clients".
type Figure struct {
	Label    string
	Value    string
	Note     string
	Negative bool
	Name     bool // Value is a name, not a number
}

// CountGroup is one of the summary's counts (actions, bands, quadrants),
// every key present in the summary's order.
type CountGroup struct {
	Name   string
	Counts []Count
}

// Count is one key of a CountGroup. Class names its colour; Mark is a
// band's shape (health's counts only).
type Count struct {
	Key   string
	Class string
	Mark  string
	N     int
}

// Row is one client of the portfolio table (SPEC §6).
type Row struct {
	Rank     int
	ID       string
	Name     string
	Quadrant string // "" without one
	Stated   string // the team's stated position when it differs from Quadrant

	Score      string // "93", or "–" when unrated
	Band       string
	Trend      string // ↑ ↓ → or "new"; "" when unrated
	TrendTitle string // the trend in words, with its delta

	Revenue     string
	Share       string
	Margin      string // "" when unknown
	Hours       string
	Net         string // "" when unknown
	NetNegative bool

	Attractiveness int
	Action         string
	Reason         string
}

// Due is the due list.
type Due struct {
	Within  string // "14 days"
	Overdue int
	Items   []DueRow
}

// DueRow is one dated item.
type DueRow struct {
	Date     string
	When     string
	ClientID string
	Client   string // the client's name
	Kind     string
	What     string
	Owner    string
	Overdue  bool
}

// Check is the check summary (SPEC §7).
type Check struct {
	Errors   int
	Warnings int
	Infos    int
	Files    int
	Findings []FindingRow
}

// FindingRow is one finding.
type FindingRow struct {
	Severity string
	Rule     string
	Summary  string // the rule's catalog summary
	Location string
	Message  string
}

// trendArrows shows a trend as the CLI does.
var trendArrows = map[string]string{health.Up: "↑", health.Down: "↓", health.Flat: "→", health.New: "new"}

// Build arranges the computed results into the page's model.
func Build(in Input) Model {
	b := in.Book
	s := b.Settings
	if s == nil {
		s = book.SettingsOf(b.Firm)
	}
	p := in.Portfolio
	m := Model{
		Firm:      s.Name,
		Today:     in.Today.String(),
		TodayLong: in.Today.Time().Format("2 January 2006"),
		Currency:  p.Currency,
		Sign:      portfolio.Sign(p.Currency),
		Book: BookFacts{
			Clients:       len(b.Clients),
			Active:        len(p.Entries),
			Opportunities: len(b.Opportunities),
			Files:         b.Files,
		},
	}
	if m.Firm == "" {
		m.Firm = "Book of business"
	}
	m.Figures = figures(p, in.Due)
	m.Counts = []CountGroup{
		countGroup("Actions", "action-", p.Summary.Actions),
		countGroup("Health", "band-", p.Summary.Bands),
		countGroup("Quadrants", "quadrant-", p.Summary.Quadrants),
	}
	// An entry holds no pointer into the book: its health's rounds and
	// matrix place are looked up by its id, among the active clients.
	healthOf := map[string]*health.Result{}
	for i := range in.Health {
		r := &in.Health[i]
		if id := string(r.Client.ID.Value); r.Client.Status.Value == "active" && healthOf[id] == nil {
			healthOf[id] = r
		}
	}
	hours := make([]string, len(p.Entries))
	for i := range p.Entries {
		m.Portfolio = append(m.Portfolio, rowOf(&p.Entries[i], p.Figures(p.Entries[i]), healthOf[p.Entries[i].ID]))
		hours[i] = exact.Plain(p.Entries[i].Hours)
	}
	// Hours with the same number of decimals down the column.
	render.SameDecimals(hours)
	for i := range m.Portfolio {
		m.Portfolio[i].Hours = render.FormatMoney(hours[i])
	}
	m.Recoveries = recoveriesOf(healthOf, in.Today)
	m.Matrix = matrixOf(p, healthOf)
	m.Trends = trendsOf(p.Entries, healthOf, s, in.Today)
	m.Due = dueOf(b, in.Due, in.DueWithin)
	m.Check = checkOf(in.Findings, b.Files)
	m.Opportunities = opportunitiesOf(b, in.Opportunities)
	m.Maps = mapsOf(in.Maps)
	return m
}

// clientName is the client's name, or its id when it has none.
func clientName(c *book.Client) string { return nameOr(c.Name.Value, string(c.ID.Value)) }

// nameOr is name, or id when name is empty.
func nameOr(name, id string) string {
	if name != "" {
		return name
	}
	return id
}

func figures(p portfolio.Portfolio, items []due.Item) []Figure {
	s := p.Summary
	money := func(r *big.Rat) string { return portfolio.Money(p.Currency, r) }
	out := []Figure{{
		Label: "Revenue",
		Value: money(s.Revenue),
		Note:  fmt.Sprintf("%d active %s", s.Clients, plural(s.Clients, "client", "clients")),
	}}
	net := Figure{Label: "Net contribution", Value: "–", Note: "no client has a known margin"}
	if s.NetContribution != nil {
		net.Value = money(s.NetContribution)
		net.Negative = s.NetContribution.Sign() < 0
		net.Note = fmt.Sprintf("%d of %d %s with a known margin", s.KnownMargin, s.Clients, plural(s.Clients, "client", "clients"))
	}
	out = append(out, net, Figure{
		Label: "Management hours",
		Value: render.FormatMoney(exact.Plain(s.Hours)),
		Note:  "opportunity cost " + money(s.OpportunityCost),
	})
	largest := Figure{Label: "Largest client", Value: "–", Note: "no revenue recorded"}
	if s.Largest != nil {
		largest.Value = nameOr(s.Largest.Name, s.Largest.ID)
		largest.Name = true
		largest.Note = portfolio.Percent(s.LargestShare) + " of revenue"
	}
	overdue := 0
	for _, it := range items {
		if it.Overdue {
			overdue++
		}
	}
	return append(out, largest, Figure{
		Label:    "Overdue",
		Value:    strconv.Itoa(overdue),
		Note:     fmt.Sprintf("of %d dated %s on the due list", len(items), plural(len(items), "item", "items")),
		Negative: overdue > 0,
	})
}

func countGroup(name, class string, cs portfolio.Counts) CountGroup {
	g := CountGroup{Name: name}
	for _, c := range cs {
		cnt := Count{Key: c.Key, Class: class + c.Key, N: c.N}
		if class == "band-" {
			cnt.Mark = Mark(c.Key)
		}
		g.Counts = append(g.Counts, cnt)
	}
	return g
}

func rowOf(e *portfolio.Entry, f portfolio.Figures, h *health.Result) Row {
	r := Row{
		Rank:           e.Rank,
		ID:             e.ID,
		Name:           nameOr(e.Name, e.ID),
		Score:          "–",
		Band:           e.Band,
		Revenue:        render.FormatMoney(exact.Fixed(e.Revenue, 2)),
		Share:          portfolio.Percent(f.Share),
		Attractiveness: e.Attractiveness,
		Action:         e.Action,
		Reason:         e.Reason,
	}
	if q := e.Quadrant; q != nil {
		r.Quadrant = *q
		if h.Stated != nil && *h.Stated != *q {
			r.Stated = *h.Stated
		}
	}
	if e.Score != nil {
		r.Score = strconv.Itoa(*e.Score)
	}
	if e.Trend != nil {
		r.Trend = trendArrows[*e.Trend]
		r.TrendTitle = "trend " + *e.Trend
		if h.Delta != nil {
			r.TrendTitle += fmt.Sprintf(" (%+d since the previous round)", *h.Delta)
		}
	}
	if e.Margin != nil {
		// One decimal down the column, as the terminal's table shows it.
		r.Margin = exact.Fixed(exact.Mul(e.Margin, exact.Int(100)), 1) + "%"
	}
	if f.NetContribution != nil {
		r.Net = render.FormatMoney(exact.Fixed(f.NetContribution, 2))
		r.NetNegative = f.NetContribution.Sign() < 0
	}
	return r
}

func dueOf(b *book.Book, items []due.Item, within book.Duration) Due {
	d := Due{Within: fmt.Sprintf("%d %s", int(within), plural(int(within), "day", "days")), Items: []DueRow{}}
	for _, it := range items {
		name := it.Client
		if c := b.Client(book.ID(it.Client)); c != nil {
			name = clientName(c)
		}
		row := DueRow{
			Date: it.Date.String(), When: it.When(), ClientID: it.Client, Client: name,
			Kind: it.Kind, What: it.What, Overdue: it.Overdue,
		}
		if it.Owner != nil {
			row.Owner = *it.Owner
		}
		if it.Overdue {
			d.Overdue++
		}
		d.Items = append(d.Items, row)
	}
	return d
}

// when says how far a due date is from today, as `due` does.

func checkOf(fs []finding.Finding, files int) Check {
	c := finding.Count(fs)
	out := Check{Errors: c.Errors, Warnings: c.Warnings, Infos: c.Infos, Files: files, Findings: []FindingRow{}}
	for _, f := range fs {
		out.Findings = append(out.Findings, FindingRow{Severity: f.Severity.String(), Rule: f.Rule, Summary: finding.MustLookup(f.Rule).Summary,
			Location: f.Location(), Message: f.Message})
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
