package health

import (
	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/exact"
)

// Factors holds the six factor values of a round (SPEC §8's `factors`).
type Factors struct {
	Trust        *exact.Number `json:"trust"`
	Respect      *exact.Number `json:"respect"`
	Transparency *exact.Number `json:"transparency"`
	Access       *exact.Number `json:"access"`
	Loyalty      *exact.Number `json:"loyalty"`
	Value        *exact.Number `json:"value"`
}

// FactorsOf collects a round's factor values.
func FactorsOf(r *Round) *Factors {
	if r == nil {
		return nil
	}
	v := func(name string) *exact.Number { return exact.NumberOf(r.Factor(name).Value) }
	return &Factors{
		Trust: v("trust"), Respect: v("respect"), Transparency: v("transparency"),
		Access: v("access"), Loyalty: v("loyalty"), Value: v("value"),
	}
}

// Row is one client's health as `health -o json` prints it (SPEC §8).
type Row struct {
	ID            string     `json:"id"`
	Name          string     `json:"name"`
	Status        string     `json:"status"`
	Tier          *string    `json:"tier"`
	Owner         *string    `json:"owner"`
	Score         *int       `json:"score"`
	Band          string     `json:"band"`
	Trend         *string    `json:"trend"`
	Delta         *int       `json:"delta"`
	PreviousScore *int       `json:"previous_score"`
	Stale         *bool      `json:"stale"`
	Incomplete    *bool      `json:"incomplete"`
	Assessed      *book.Date `json:"assessed"`
	Raters        []string   `json:"raters"`
	Factors       *Factors   `json:"factors"`
	Quadrant      *string    `json:"quadrant"`
	Stated        *string    `json:"stated"`
	Advisor       *int       `json:"advisor"`
	Breadth       int        `json:"breadth"`
	ClientView    *int       `json:"client_view"`
	Flags         []string   `json:"flags"`
	FlagMessages  []string   `json:"flag_messages"`
	// Recovery is the open recovery; nil (null) when none is open.
	Recovery *RecoveryRow `json:"recovery"`
}

// RecoveryRow is an open recovery as `health -o json` prints it (SPEC §8):
// exactly these six keys, each null when the file does not say.
type RecoveryRow struct {
	Opened                 *book.Date `json:"opened"`
	Salvageable            *bool      `json:"salvageable"`
	RootCause              *string    `json:"root_cause"`
	ResponsibilityAccepted *bool      `json:"responsibility_accepted"`
	PromisesKept           *int       `json:"promises_kept"` // 0–100; null while no promise has fallen due
	NextDeadline           *book.Date `json:"next_deadline"`
	// Kept of Fallen (promises fallen due) make PromisesKept; Promises
	// counts the actions with a due date. The text view shows them; the
	// JSON keeps to the six keys of the spec.
	Kept     int `json:"-"`
	Fallen   int `json:"-"`
	Promises int `json:"-"`
}

// RecoveryRowOf copies an open recovery into its row; nil gives nil.
func RecoveryRowOf(r *Recovery) *RecoveryRow {
	if r == nil {
		return nil
	}
	return &RecoveryRow{
		Opened: clone(r.Opened), Salvageable: clone(r.Salvageable), RootCause: clone(r.RootCause),
		ResponsibilityAccepted: clone(r.ResponsibilityAccepted), PromisesKept: clone(r.PromisesKept),
		NextDeadline: clone(r.NextDeadline),
		Kept:         r.Kept, Fallen: r.Fallen, Promises: len(r.Promises),
	}
}

func optString(f book.Field[string]) *string {
	if !f.Set {
		return nil
	}
	v := f.Value
	return &v
}

// RowOf turns a Result into its JSON row.
func RowOf(r Result) Row {
	cur := r.Current()
	raters := []string{}
	if cur != nil {
		for _, id := range cur.Raters() {
			raters = append(raters, string(id))
		}
	}
	var previous *int
	if prev := r.Previous(); prev != nil {
		previous = clone(prev.Score)
	}
	factors := FactorsOf(cur)
	// From here on, copies: a row keeps nothing of the rounds or the
	// client's documents, so a command can hold a row per client of a
	// large book.
	r = r.Summary()
	c := r.Client
	row := Row{
		ID:            string(c.ID.Value),
		Name:          c.Name.Value,
		Status:        c.Status.Value,
		Tier:          optString(c.Tier),
		Score:         r.Score,
		Band:          r.Band,
		Trend:         r.Trend,
		Delta:         r.Delta,
		PreviousScore: previous,
		Stale:         r.Stale,
		Incomplete:    r.Incomplete,
		Assessed:      r.Newest,
		Raters:        raters,
		Factors:       factors,
		Quadrant:      r.Matrix.Quadrant,
		Stated:        r.Stated,
		Advisor:       r.Matrix.Advisor,
		Breadth:       r.Matrix.Breadth,
		ClientView:    r.ClientView,
		Flags:         []string{},
		FlagMessages:  []string{},
		Recovery:      RecoveryRowOf(r.Recovery),
	}
	if c.Owner.Set {
		o := string(c.Owner.Value)
		row.Owner = &o
	}
	for _, f := range r.Flags {
		row.Flags = append(row.Flags, f.ID)
		row.FlagMessages = append(row.FlagMessages, f.Message)
	}
	return row
}

// MatrixRow is one client as `matrix -o json` prints it (SPEC §8).
type MatrixRow struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Status   string  `json:"status"`
	Advisor  *int    `json:"advisor"`
	Breadth  int     `json:"breadth"`
	Quadrant *string `json:"quadrant"`
	Stated   *string `json:"stated"`
	Differs  bool    `json:"differs"` // stated is given and is not the quadrant
	Services int     `json:"services"`
	Strong   int     `json:"strong_stakeholders"`
	Owners   int     `json:"stakeholder_owners"`
}

// MatrixRowOf turns a Result into its matrix row.
func MatrixRowOf(r Result) MatrixRow {
	m := r.Matrix
	row := MatrixRow{
		ID: string(r.Client.ID.Value), Name: r.Client.Name.Value, Status: r.Client.Status.Value,
		Advisor: m.Advisor, Breadth: m.Breadth, Quadrant: m.Quadrant, Stated: r.Stated,
		Services: len(m.Services), Strong: m.Stakeholders, Owners: m.Owners,
	}
	row.Differs = r.Stated != nil && (m.Quadrant == nil || *m.Quadrant != *r.Stated)
	return row
}
