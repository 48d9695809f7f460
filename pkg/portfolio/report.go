package portfolio

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strconv"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// MoneyNumber is an exact amount that prints as a JSON number with the
// currency's usual two decimals (105600 → 105600.00). A nil *MoneyNumber
// prints as null.
type MoneyNumber struct{ *big.Rat }

// MoneyOf wraps r; nil gives nil.
func MoneyOf(r *big.Rat) *MoneyNumber {
	if r == nil {
		return nil
	}
	return &MoneyNumber{r}
}

// MarshalJSON writes the amount unquoted.
func (m MoneyNumber) MarshalJSON() ([]byte, error) {
	if m.Rat == nil {
		return []byte("null"), nil
	}
	return []byte(exact.Fixed(m.Rat, 2)), nil
}

// DecimalNumber is an exact value the user wrote as a decimal (a margin,
// hours), printed back as the same exact decimal (0.215, 310.5).
type DecimalNumber struct{ *big.Rat }

// DecimalOf wraps r; nil gives nil.
func DecimalOf(r *big.Rat) *DecimalNumber {
	if r == nil {
		return nil
	}
	return &DecimalNumber{r}
}

// MarshalJSON writes the decimal unquoted.
func (d DecimalNumber) MarshalJSON() ([]byte, error) {
	if d.Rat == nil {
		return []byte("null"), nil
	}
	return []byte(exact.Plain(d.Rat)), nil
}

// ShareNumber is a fraction printed with at most four decimals, rounded
// half up, without trailing zeros (1/3 → 0.3333, 1/10 → 0.1).
type ShareNumber struct{ *big.Rat }

// ShareOf wraps r; nil gives nil.
func ShareOf(r *big.Rat) *ShareNumber {
	if r == nil {
		return nil
	}
	return &ShareNumber{r}
}

// String formats the share as MarshalJSON does.
func (s ShareNumber) String() string {
	t := exact.Fixed(s.Rat, 4)
	t = strings.TrimRight(t, "0")
	return strings.TrimSuffix(t, ".")
}

// MarshalJSON writes the share unquoted.
func (s ShareNumber) MarshalJSON() ([]byte, error) {
	if s.Rat == nil {
		return []byte("null"), nil
	}
	return []byte(s.String()), nil
}

// MarshalJSON writes the counts as an object whose keys keep their fixed
// order (a Go map would sort them).
func (cs Counts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(c.Key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(c.N))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Row is one client as `portfolio -o json` prints it (SPEC §8).
type Row struct {
	Rank            int            `json:"rank"`
	ID              string         `json:"id"`
	Name            string         `json:"name"`
	Revenue         *MoneyNumber   `json:"revenue"`
	Margin          *DecimalNumber `json:"margin"`
	ManagementHours *DecimalNumber `json:"management_hours"`
	NetContribution *MoneyNumber   `json:"net_contribution"`
	Health          *int           `json:"health"`
	Band            string         `json:"band"`
	Trend           *string        `json:"trend"`
	Quadrant        *string        `json:"quadrant"`
	Attractiveness  int            `json:"attractiveness"`
	Action          string         `json:"action"`
	Reason          string         `json:"reason"`

	Owner           *string      `json:"owner"`
	Tier            *string      `json:"tier"`
	Year            *int         `json:"year"` // of the financials row used
	RevenueShare    *ShareNumber `json:"revenue_share"`
	OpportunityCost *MoneyNumber `json:"opportunity_cost"`
	HealthScore     int          `json:"health_score"` // h as weighted: 50 when unrated
	MarginScore     int          `json:"margin_score"`
	Fit             int          `json:"fit"`
	FitRating       *int         `json:"fit_rating"` // the automatic fit v, 1–5
	FitReason       string       `json:"fit_reason"`
	Potential       int          `json:"potential"`
	PotentialRating *int         `json:"potential_rating"` // the client's own 1–5
}

func fieldText[T ~string](f book.Field[T]) *string {
	if !f.Set {
		return nil
	}
	v := string(f.Value)
	return &v
}

// RowOf turns an entry, with its figures, into its JSON row.
func RowOf(e Entry, f Figures) Row {
	return Row{
		Rank:            e.Rank,
		ID:              e.ID,
		Name:            e.Name,
		Owner:           e.Owner,
		Tier:            e.Tier,
		Year:            e.Year,
		Revenue:         MoneyOf(e.Revenue),
		RevenueShare:    ShareOf(f.Share),
		Margin:          DecimalOf(e.Margin),
		ManagementHours: DecimalOf(e.Hours),
		OpportunityCost: MoneyOf(f.OpportunityCost),
		NetContribution: MoneyOf(f.NetContribution),
		Health:          e.Score,
		Band:            e.Band,
		Trend:           e.Trend,
		Quadrant:        e.Quadrant,
		HealthScore:     e.Components.Health,
		MarginScore:     e.Components.Margin,
		Fit:             e.Components.Fit,
		FitRating:       e.FitValue,
		FitReason:       e.FitReason,
		Potential:       e.Components.Potential,
		Attractiveness:  e.Attractiveness,
		Action:          e.Action,
		Reason:          e.Reason,
		PotentialRating: e.Potential,
	}
}

// SummaryRow is the summary as `portfolio -o json` prints it.
type SummaryRow struct {
	Date            book.Date      `json:"date"`
	Currency        string         `json:"currency"`
	Clients         int            `json:"clients"`
	Revenue         *MoneyNumber   `json:"revenue"`
	NetContribution *MoneyNumber   `json:"net_contribution"`
	KnownMargin     int            `json:"net_contribution_clients"` // clients whose margin is known
	ManagementHours *DecimalNumber `json:"management_hours"`
	OpportunityCost *MoneyNumber   `json:"opportunity_cost"`
	LargestClient   *string        `json:"largest_client"`
	LargestShare    *ShareNumber   `json:"largest_share"`
	Actions         Counts         `json:"actions"`
	Bands           Counts         `json:"bands"`
	Quadrants       Counts         `json:"quadrants"`
}

// Report is the whole of `portfolio -o json`: {clients, summary}.
type Report struct {
	Clients []Row      `json:"clients"`
	Summary SummaryRow `json:"summary"`
}

// ReportOf builds the JSON report of the given entries (the portfolio's,
// or a filtered selection of them, in the order given) and the portfolio's
// summary.
func ReportOf(p Portfolio, entries []Entry) Report {
	r := Report{Clients: make([]Row, 0, len(entries))}
	for _, e := range entries {
		r.Clients = append(r.Clients, RowOf(e, p.Figures(e)))
	}
	s := p.Summary
	r.Summary = SummaryRow{
		Date:            p.Today,
		Currency:        p.Currency,
		Clients:         s.Clients,
		Revenue:         MoneyOf(s.Revenue),
		NetContribution: MoneyOf(s.NetContribution),
		KnownMargin:     s.KnownMargin,
		ManagementHours: DecimalOf(s.Hours),
		OpportunityCost: MoneyOf(s.OpportunityCost),
		LargestShare:    ShareOf(s.LargestShare),
		Actions:         s.Actions,
		Bands:           s.Bands,
		Quadrants:       s.Quadrants,
	}
	if s.Largest != nil {
		id := s.Largest.ID
		r.Summary.LargestClient = &id
	}
	return r
}
