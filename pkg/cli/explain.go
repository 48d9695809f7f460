package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/exact"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

// ExplainRow is one client's working in `health --explain -o json|yaml`:
// health.Explanation's values with snake_case names, exact numbers as
// JSON numbers, and null for what is absent.
type ExplainRow struct {
	ID                string           `json:"id"`
	Name              string           `json:"name"`
	Status            string           `json:"status"`
	Path              string           `json:"path"`
	Round             *ExplainRound    `json:"round"`
	Advisor           *int             `json:"advisor"`
	Breadth           int              `json:"breadth"`
	Quadrant          *string          `json:"quadrant"`
	Stated            *string          `json:"stated"`
	Services          []string         `json:"services"`
	Stakeholders      int              `json:"strong_stakeholders"`
	Owners            int              `json:"stakeholder_owners"`
	BroadServices     int              `json:"broad_services"`
	BroadStakeholders int              `json:"broad_stakeholders"`
	BroadTeam         int              `json:"broad_team"`
	ClientView        *ExplainView     `json:"client_view"`
	Flags             []ExplainFlag    `json:"flags"`
	Recovery          *ExplainRecovery `json:"recovery"` // the open recovery; null when none is open
}

// ExplainRound is the current round's working.
type ExplainRound struct {
	Oldest      book.Date           `json:"oldest"`
	Newest      book.Date           `json:"newest"`
	Window      int                 `json:"round_window"`
	Assessments []ExplainAssessment `json:"assessments"`
	Factors     []ExplainFactor     `json:"factors"`
	Exact       *exact.Number       `json:"exact_score"`
	Score       *int                `json:"score"`
	Band        string              `json:"band"`
	Healthy     int                 `json:"band_healthy"`
	Watch       int                 `json:"band_watch"`
	Previous    *ExplainPrevious    `json:"previous"`
	Age         int                 `json:"age_days"`
	StaleAfter  int                 `json:"stale_after"`
	Stale       bool                `json:"stale"`
}

// ExplainAssessment is an assessment the round kept; a factor it leaves
// unrated is null in ratings.
type ExplainAssessment struct {
	Date    book.Date       `json:"date"`
	By      string          `json:"by"`
	Ratings map[string]*int `json:"ratings"`
}

// ExplainFactor is a factor's value (the raters' mean), its weight and its
// term of the score; value and part are null when nobody rated it.
type ExplainFactor struct {
	Name   string        `json:"name"`
	Value  *exact.Number `json:"value"`
	Weight *exact.Number `json:"weight"`
	Part   *exact.Number `json:"part"`
}

// ExplainPrevious is the round the trend compares with.
type ExplainPrevious struct {
	Oldest book.Date `json:"oldest"`
	Newest book.Date `json:"newest"`
	Score  int       `json:"score"`
	Delta  int       `json:"delta"`
	Trend  string    `json:"trend"`
}

// ExplainView is the client's own view, from its newest review.
type ExplainView struct {
	Date    book.Date `json:"date"`
	Overall int       `json:"overall"`
	Score   int       `json:"score"`
}

// ExplainFlag is a red flag with its message.
type ExplainFlag struct {
	ID      string `json:"id"`
	Message string `json:"message"`
}

// explainRow copies an explanation into its JSON shape.
func explainRow(x health.Explanation) ExplainRow {
	m := x.Matrix
	row := ExplainRow{
		ID: string(x.ID), Name: x.Name, Path: x.Path,
		Advisor: m.Advisor, Breadth: m.Breadth, Quadrant: m.Quadrant, Stated: x.Stated,
		Services: append([]string{}, m.Services...), Stakeholders: m.Stakeholders, Owners: m.Owners,
		BroadServices: x.BroadServices, BroadStakeholders: x.BroadStakeholders, BroadTeam: x.BroadTeam,
		Flags:    []ExplainFlag{},
		Recovery: explainRecoveryRow(x.Recovery),
	}
	for _, f := range x.Flags {
		row.Flags = append(row.Flags, ExplainFlag{ID: f.ID, Message: f.Message})
	}
	if v := x.View; v != nil {
		row.ClientView = &ExplainView{Date: v.Date, Overall: v.Overall, Score: v.Score}
	}
	cur := x.Round
	if cur == nil {
		return row
	}
	r := &ExplainRound{
		Oldest: cur.Oldest, Newest: cur.Newest, Window: cur.Window,
		Assessments: []ExplainAssessment{}, Factors: []ExplainFactor{},
		Exact: exact.NumberOf(cur.Exact), Score: cur.Score, Band: cur.Band,
		Healthy: cur.Healthy, Watch: cur.Watch,
		Age: cur.Age, StaleAfter: cur.StaleAfter, Stale: cur.Stale,
	}
	for _, a := range cur.Assessments {
		as := ExplainAssessment{Date: a.Date, By: string(a.By), Ratings: map[string]*int{}}
		for _, rt := range a.Ratings {
			if rt.Rated {
				v := rt.Value
				as.Ratings[rt.Factor] = &v
			} else {
				as.Ratings[rt.Factor] = nil
			}
		}
		r.Assessments = append(r.Assessments, as)
	}
	for _, f := range cur.Factors {
		r.Factors = append(r.Factors, ExplainFactor{Name: f.Name, Value: exact.NumberOf(f.Value), Weight: exact.NumberOf(f.Weight), Part: exact.NumberOf(f.Part)})
	}
	if p := cur.Previous; p != nil {
		r.Previous = &ExplainPrevious{Oldest: p.Oldest, Newest: p.Newest, Score: p.Score, Delta: p.Delta, Trend: p.Trend}
	}
	row.Round = r
	return row
}

// explainMarkdown writes the working as a markdown section per client, to
// paste into a document. Book text is escaped (render.Fprintf) and its
// table cells through render's markdown.
func explainMarkdown(w io.Writer, x health.Explanation, status string) error {
	render.Fprintf(w, "## %s — %s%s\n\n", x.ID, x.Name, statusNote(status))
	cur := x.Round
	if cur == nil {
		render.Fprintf(w, "No health assessment: the score is unrated (add one under `health:` in %s).\n\n", x.Path)
	} else {
		render.Fprintf(w, "Current round: %s to %s (assessments within %d days of the newest, the newest per rater).\n\n", cur.Oldest, cur.Newest, cur.Window)
		g := &render.Grid{Columns: []render.Column{{Name: "date"}, {Name: "by"}}}
		for _, name := range book.Factors {
			g.Columns = append(g.Columns, render.Column{Name: name, Align: render.AlignRight})
		}
		for _, a := range cur.Assessments {
			row := render.Texts(a.Date.String(), string(a.By))
			for _, r := range a.Ratings {
				v := "-"
				if r.Rated {
					v = fmt.Sprint(r.Value)
				}
				row = append(row, render.Cell{Text: v})
			}
			g.Rows = append(g.Rows, row)
		}
		if err := render.Write(w, render.Markdown, nil, g, render.Options{}); err != nil {
			return err
		}
		f := &render.Grid{Columns: []render.Column{
			{Name: "factor"}, {Name: "value", Align: render.AlignRight}, {Name: "weight", Align: render.AlignRight},
			{Name: "weight × (value − 1)/4", Align: render.AlignRight},
		}}
		for _, fc := range cur.Factors {
			if fc.Value == nil {
				f.Rows = append(f.Rows, render.Texts(fc.Name, "-", exact.Plain(fc.Weight), "not rated: left out"))
				continue
			}
			f.Rows = append(f.Rows, render.Texts(fc.Name, exact.NumberOf(fc.Value).String(), exact.Plain(fc.Weight), exact.NumberOf(fc.Part).String()))
		}
		fmt.Fprintln(w)
		if err := render.Write(w, render.Markdown, nil, f, render.Options{}); err != nil {
			return err
		}
		fmt.Fprintln(w)
		if cur.Score == nil {
			fmt.Fprintln(w, "- Score: no weighted factor is rated, so there is no score.")
		} else {
			render.Fprintf(w, "- Score = 100 × Σ weight × (value − 1)/4 ÷ Σ weight = %s → **%d** (rounded half up), band **%s** (healthy ≥ %d, watch ≥ %d).\n",
				exact.NumberOf(cur.Exact), *cur.Score, cur.Band, cur.Healthy, cur.Watch)
		}
		if p := cur.Previous; p != nil {
			render.Fprintf(w, "- Previous round %s to %s scored %d: delta %+d, trend %s (up ≥ +5, down ≤ −5).\n", p.Oldest, p.Newest, p.Score, p.Delta, p.Trend)
		} else {
			fmt.Fprintln(w, "- No earlier round with a score: trend new.")
		}
		stale := "not stale"
		if cur.Stale {
			stale = "stale"
		}
		render.Fprintf(w, "- The newest assessment (%s) is %d days old; stale after %d: %s.\n", cur.Newest, cur.Age, cur.StaleAfter, stale)
	}
	m := x.Matrix
	if m.Advisor != nil {
		render.Fprintf(w, "- Advisor = mean of trust, access and transparency as (v − 1)/4 × 100 = %d.\n", *m.Advisor)
	} else {
		fmt.Fprintln(w, "- Advisor: trust, access and transparency are unrated, so there is no quadrant.")
	}
	render.Fprintf(w, "- Breadth = 100 × mean(min(%d/%d, 1), min(%d/%d, 1), min(%d/%d, 1)) = %d (services: %s; strong stakeholders; their owners).\n",
		len(m.Services), x.BroadServices, m.Stakeholders, x.BroadStakeholders, m.Owners, x.BroadTeam, m.Breadth, orNone(strings.Join(m.Services, ", ")))
	if m.Quadrant != nil {
		render.Fprintf(w, "- Quadrant: **%s**", *m.Quadrant)
		if x.Stated != nil {
			render.Fprintf(w, " (the team states %s)", *x.Stated)
		}
		fmt.Fprintln(w, ".")
	}
	if v := x.View; v != nil {
		render.Fprintf(w, "- Client's view: the review of %s rated %d/5 → %d.\n", v.Date, v.Overall, v.Score)
	}
	for _, f := range x.Flags {
		render.Fprintf(w, "- Flag **%s**: %s\n", f.ID, f.Message)
	}
	return explainRecoveryMarkdown(w, x)
}

// statusNote marks a client that is not active: " (paused)".
func statusNote(status string) string {
	if status == "active" {
		return ""
	}
	return " (" + status + ")"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// explain prints the working behind a client's score (health.Explain),
// so a partner can check it by hand; a client that is not active says
// its status. Values from the book are printed through render's Fprintf,
// escaped.
func explain(w io.Writer, x health.Explanation, status string) {
	render.Fprintf(w, "%s — %s%s\n", x.ID, x.Name, statusNote(status))
	if cur := x.Round; cur == nil {
		render.Fprintf(w, "  no health assessment: score unrated (add one under health: in %s)\n", x.Path)
	} else {
		render.Fprintf(w, "  current round: %s to %s (assessments within %d days of the newest, newest per rater)\n", cur.Oldest, cur.Newest, cur.Window)
		for _, a := range cur.Assessments {
			render.Fprintf(w, "    %s by %-10s", a.Date, a.By)
			for _, r := range a.Ratings {
				if r.Rated {
					render.Fprintf(w, " %s %d", r.Factor, r.Value)
				} else {
					render.Fprintf(w, " %s -", r.Factor)
				}
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, "  factor          value  weight  weight × (value − 1)/4")
		for _, f := range cur.Factors {
			if f.Value == nil {
				render.Fprintf(w, "    %-13s     -  %6s  not rated: left out (incomplete)\n", f.Name, exact.Plain(f.Weight))
				continue
			}
			render.Fprintf(w, "    %-13s %5s  %6s  %s\n", f.Name, exact.NumberOf(f.Value), exact.Plain(f.Weight), exact.NumberOf(f.Part))
		}
		if cur.Score == nil {
			fmt.Fprintln(w, "  score: no weighted factor is rated, so there is no score")
		} else {
			render.Fprintf(w, "  score = 100 × Σ weight × (value − 1)/4 ÷ Σ weight = %s → %d (rounded half up), band %s (healthy ≥ %d, watch ≥ %d)\n",
				exact.NumberOf(cur.Exact), *cur.Score, cur.Band, cur.Healthy, cur.Watch)
		}
		if prev := cur.Previous; prev != nil {
			render.Fprintf(w, "  previous round: %s to %s, score %d → delta %+d, trend %s (up ≥ +5, down ≤ −5)\n", prev.Oldest, prev.Newest, prev.Score, prev.Delta, prev.Trend)
		} else {
			fmt.Fprintln(w, "  previous round: none with a score → trend new")
		}
		render.Fprintf(w, "  newest assessment %s is %d days old (stale after %d): stale %v\n", cur.Newest, cur.Age, cur.StaleAfter, cur.Stale)
	}
	m := x.Matrix
	if m.Advisor != nil {
		render.Fprintf(w, "  advisor = mean of trust, access, transparency as (v − 1)/4 × 100 = %d\n", *m.Advisor)
	} else {
		fmt.Fprintln(w, "  advisor: trust, access and transparency unrated → no quadrant")
	}
	render.Fprintf(w, "  breadth = 100 × mean(min(%d/%d, 1), min(%d/%d, 1), min(%d/%d, 1)) = %d  (services %s; strong stakeholders; their owners)\n",
		len(m.Services), x.BroadServices, m.Stakeholders, x.BroadStakeholders, m.Owners, x.BroadTeam, m.Breadth, strings.Join(m.Services, ", "))
	if m.Quadrant != nil {
		render.Fprintf(w, "  quadrant: %s", *m.Quadrant)
		if x.Stated != nil {
			render.Fprintf(w, " (the team states %s)", *x.Stated)
		}
		fmt.Fprintln(w)
	}
	if v := x.View; v != nil {
		render.Fprintf(w, "  client's view: review of %s rated %d/5 → %d\n", v.Date, v.Overall, v.Score)
	}
	for _, f := range x.Flags {
		render.Fprintf(w, "  flag %s: %s\n", f.ID, f.Message)
	}
	explainRecovery(w, x)
}
