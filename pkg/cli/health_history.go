package cli

import (
	"strconv"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

// RoundRow is one round in `health --history -o json`.
type RoundRow struct {
	Newest  book.Date       `json:"newest"`
	Oldest  book.Date       `json:"oldest"`
	Raters  []string        `json:"raters"`
	Score   *int            `json:"score"`
	Band    string          `json:"band"`
	Delta   *int            `json:"delta"`
	Factors *health.Factors `json:"factors"`
}

// HistoryRow is one client's rounds.
type HistoryRow struct {
	ID     string     `json:"id"`
	Rounds []RoundRow `json:"rounds"`
}

func historyRows(results []health.Result) []HistoryRow {
	out := make([]HistoryRow, 0, len(results))
	for _, r := range results {
		h := HistoryRow{ID: string(r.Client.ID.Value), Rounds: []RoundRow{}}
		for i := range r.Rounds {
			rd := &r.Rounds[i]
			row := RoundRow{Newest: rd.Newest, Oldest: rd.Oldest, Raters: []string{}, Score: rd.Score, Band: rd.Band, Delta: rd.Delta, Factors: health.FactorsOf(rd)}
			for _, id := range rd.Raters() {
				row.Raters = append(row.Raters, string(id))
			}
			h.Rounds = append(h.Rounds, row)
		}
		out = append(out, h)
	}
	return out
}

// historyCSVRow is one round as -o csv writes it: the client's id, then
// the round's JSON fields.
type historyCSVRow struct {
	ID string `json:"id"`
	RoundRow
}

// historyCSV is the csv view of --history: a row per round, with the
// JSON fields of the client and its round.
func historyCSV(results []health.Result) *render.Grid {
	return render.Flat(func(yield func(historyCSVRow) bool) {
		for _, h := range historyRows(results) {
			for _, rd := range h.Rounds {
				if !yield(historyCSVRow{ID: h.ID, RoundRow: rd}) {
					return
				}
			}
		}
	})
}

func historyGrid(results []health.Result) *render.Grid {
	g := &render.Grid{Columns: []render.Column{
		{Name: "client"}, {Name: "round", Align: render.AlignRight}, {Name: "from", Priority: 3}, {Name: "to"},
		{Name: "raters", Priority: 2, Shorten: true},
		{Name: "score", Align: render.AlignRight}, {Name: "band"}, {Name: "delta", Align: render.AlignRight, Priority: 1},
		{Name: "trust", Align: render.AlignRight, Priority: 4}, {Name: "respect", Align: render.AlignRight, Priority: 4},
		{Name: "transp.", Align: render.AlignRight, Priority: 4}, {Name: "access", Align: render.AlignRight, Priority: 4},
		{Name: "loyalty", Align: render.AlignRight, Priority: 4}, {Name: "value", Align: render.AlignRight, Priority: 4},
	}, Empty: "no round to show"}
	for _, h := range historyRows(results) {
		for i, rd := range h.Rounds {
			f := rd.Factors
			row := render.Texts(
				h.ID, strconv.Itoa(i+1), rd.Oldest.String(), rd.Newest.String(), strings.Join(rd.Raters, ", "),
				intCell(rd.Score), rd.Band, signed(rd.Delta),
				numCell(f.Trust), numCell(f.Respect), numCell(f.Transparency), numCell(f.Access), numCell(f.Loyalty), numCell(f.Value),
			)
			row[6].Tone = bandTone(rd.Band)
			g.Rows = append(g.Rows, row)
		}
	}
	return g
}
