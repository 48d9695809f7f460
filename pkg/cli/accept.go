package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/accept"
	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

type acceptOptions struct {
	opportunities []string // ids or paths; empty: every opportunity
	failOn        string   // "", "decline" or "review"
}

func newAcceptCmd(e *env) *cobra.Command {
	opts := &acceptOptions{}
	cmd := &cobra.Command{
		Use:   "accept [OPPORTUNITY...]",
		Short: "Decide whether to take new work: the six acceptance criteria",
		Long: `accept scores each opportunity against the six acceptance criteria (fit,
issue, impact, sponsor, relational, other), from the team's ratings and the
automatic rules the files allow, and decides accept, review or decline.
OPPORTUNITY is an opportunity id or the path of its file; with none, every
opportunity in the book is evaluated.

The table lists accepted work first, then work to review, then declined
work, each by score (high first). With a single opportunity the table is
followed by each criterion's rating, automatic value and reason, and the
conditions to resolve.

Exit code 0, or 1 with --fail-on decline when any opportunity is declined
(--fail-on review: declined or to review); 2 for an unknown opportunity.`,
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return completeOpportunities(e, args, toComplete), cobra.ShellCompDirectiveDefault
		},
		RunE: func(_ *cobra.Command, args []string) error {
			opts.opportunities = args
			return runAccept(e, opts)
		},
	}
	enumVar(cmd, &opts.failOn, "fail-on", "", []string{"decline", "review"}, "exit 1 when an opportunity is declined (decline), or declined or to review (review)")
	e.addStrict(cmd)
	return cmd
}

func runAccept(e *env, opts *acceptOptions) error {
	format, err := e.format()
	if err != nil {
		return err
	}
	var failAt accept.Decision
	switch opts.failOn {
	case "":
	case "decline":
		failAt = accept.Decline
	case "review":
		failAt = accept.Review
	}
	if _, err := e.todayDate(); err != nil {
		return err
	}
	b, err := e.load(false)
	if err != nil {
		return err
	}
	opps, unread, err := selectOpportunities(b, opts.opportunities)
	if err != nil {
		return err
	}
	// Every client left out is named: a decision looks at every active
	// client (a hard conflict) and may take the prospect's profile from
	// one. Opportunities are named when asked for, or all with no
	// argument.
	e.warnRead(b, func(o book.LeftOut) bool {
		if o.Kind == book.LeftOutOpportunity {
			return len(opts.opportunities) == 0 || slices.Contains(unread, o.Path)
		}
		return true
	})

	results := make([]accept.Result, 0, len(opps))
	for _, o := range opps {
		results = append(results, accept.Evaluate(b, o))
	}
	slices.SortStableFunc(results, accept.Compare)

	g := acceptGrid(results)
	if format == "csv" {
		g = acceptCSV(results)
	}
	if err := e.print(format, results, g); err != nil {
		return err
	}
	if format == "table" && len(results) == 1 {
		if err := printAcceptDetail(e, results[0]); err != nil {
			return err
		}
	}

	if failAt != "" {
		n := 0
		for _, r := range results {
			if r.Decision.Rank() >= failAt.Rank() {
				n++
			}
		}
		if n > 0 {
			what := "declined"
			if failAt == accept.Review {
				what = "declined or to review"
			}
			noun := "opportunities"
			if len(results) == 1 {
				noun = "opportunity"
			}
			return &failError{msg: fmt.Sprintf("%d of %d %s %s (--fail-on %s)", n, len(results), noun, what, opts.failOn)}
		}
	}
	return nil
}

// acceptGrid is the table: one row per opportunity.
func acceptGrid(results []accept.Result) *render.Grid {
	// On a narrow terminal the opportunity, score and decision stay, then
	// come the client and the conditions (shortened), the conflict, and
	// last the six criteria.
	g := &render.Grid{Columns: []render.Column{
		{Name: "opportunity"},
		{Name: "client", Priority: 1, Shorten: true},
		{Name: "score", Align: render.AlignRight},
		{Name: "decision"},
		{Name: "conflict", Priority: 2},
	}, Empty: "no opportunity to evaluate (create one with `clientbook new opportunity ID`)"}
	for _, name := range book.Criteria {
		g.Columns = append(g.Columns, render.Column{Name: name, Priority: 3})
	}
	g.Columns = append(g.Columns, render.Column{Name: "conditions", Priority: 1, Shorten: true}, render.Column{Name: "reason", Priority: 1, Shorten: true})
	for _, r := range results {
		conflict := "no"
		if r.HardConflict {
			conflict = "yes"
		}
		row := render.Texts(r.ID, clientOrProspect(r), scoreText(r.Score), string(r.Decision), conflict)
		row[3].Tone = decisionTone(r.Decision)
		for _, name := range book.Criteria {
			row = append(row, render.Cell{Text: r.Criteria.Get(name).String()})
		}
		row = append(row, render.Cell{Text: strings.Join(r.Open, ", ")}, render.Cell{Text: acceptReason(r)})
		g.Rows = append(g.Rows, row)
	}
	return g
}

// acceptCSV is the csv view for tools: the JSON fields, one value per
// cell. Each criterion gives five columns: its value by its name (fit),
// the team's rating (fit_team), the automatic value (fit_auto), the
// reason and the team's note; lists are joined by ";", a conflict named
// by its client.
func acceptCSV(results []accept.Result) *render.Grid {
	names := []string{"id", "path", "client", "prospect", "service", "summary", "score", "decision", "hard_conflict"}
	for _, c := range book.Criteria {
		names = append(names, c, c+"_team", c+"_auto", c+"_reason", c+"_note")
	}
	names = append(names, "conditions", "open", "reasons", "conflicts")
	g := &render.Grid{}
	for _, n := range names {
		g.Columns = append(g.Columns, render.Column{Name: n})
	}
	for _, r := range results {
		row := []string{r.ID, r.Path, strCell(r.Client), strCell(r.Prospect), strCell(r.Service), strCell(r.Summary),
			scoreText(r.Score), string(r.Decision), strconv.FormatBool(r.HardConflict)}
		for _, name := range book.Criteria {
			c := r.Criteria.Get(name)
			row = append(row, scoreText(c.Value), scoreText(c.Rating), scoreText(c.Auto), c.Reason, strCell(c.Note))
		}
		conflicts := make([]string, len(r.Conflicts))
		for i, c := range r.Conflicts {
			conflicts[i] = c.Client
		}
		row = append(row, strings.Join(r.Conditions, ";"), strings.Join(r.Open, ";"), strings.Join(r.Reasons, ";"), strings.Join(conflicts, ";"))
		g.Rows = append(g.Rows, render.Texts(row...))
	}
	return g
}

// reasonWidth is how many characters of a decline's or review's first
// reason the table shows; the single opportunity's detail has them whole.
const reasonWidth = 60

// acceptReason is the row's reason: why the work is declined, or the
// first condition of a review, shortened, with how many more there are.
func acceptReason(r accept.Result) string {
	reasons := r.Reasons
	if r.Decision == accept.Review {
		reasons = r.Conditions
	}
	if len(reasons) == 0 {
		return ""
	}
	s := shorten(reasons[0], reasonWidth)
	if n := len(reasons) - 1; n > 0 {
		s += fmt.Sprintf(" (+%d more)", n)
	}
	return s
}

// shorten cuts s to at most n characters, at a word where it can, and
// marks the cut with "…".
func shorten(s string, n int) string {
	runes := []rune(s)
	if len(runes) <= n {
		return s
	}
	cut := string(runes[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// decisionTone colours a decision: accept green, review yellow, decline
// red.
func decisionTone(d accept.Decision) render.Tone {
	switch d {
	case accept.Accept:
		return render.ToneGood
	case accept.Review:
		return render.ToneWarn
	}
	return render.ToneBad
}

func clientOrProspect(r accept.Result) string {
	switch {
	case r.Client != nil:
		return *r.Client
	case r.Prospect != nil:
		return *r.Prospect
	}
	return ""
}

func scoreText(s *int) string {
	if s == nil {
		return ""
	}
	return fmt.Sprint(*s)
}

// printAcceptDetail follows a single opportunity's table row with each
// criterion's rating, automatic value, value and reason, then the
// conditions to resolve or the reasons it is declined.
func printAcceptDetail(e *env, r accept.Result) error {
	g := &render.Grid{Columns: []render.Column{
		{Name: "criterion"},
		{Name: "rating", Align: render.AlignRight},
		{Name: "auto", Align: render.AlignRight},
		{Name: "value", Align: render.AlignRight},
		{Name: "reason", Lines: true, Shorten: true},
	}}
	for _, name := range book.Criteria {
		c := r.Criteria.Get(name)
		reason := render.Lines(c.Reason)
		if c.Note != nil {
			reason = render.Lines(c.Reason, "team note: "+*c.Note)
		}
		g.Rows = append(g.Rows, render.Texts(name, scoreText(c.Rating), scoreText(c.Auto), scoreText(c.Value), reason))
	}
	fmt.Fprintln(e.stdout)
	if err := render.Write(e.stdout, render.Table, nil, g, e.tableOptions()); err != nil {
		return err
	}
	width := e.tableOptions().Width
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(e.stdout, "\n%s:\n", title)
		for _, it := range items {
			// On a terminal a long item goes on, indented, on the next
			// lines rather than wrapping at the edge.
			for i, line := range wrapWords(render.Sprintf("%s", it), width-4) {
				lead := "    "
				if i == 0 {
					lead = "  - "
				}
				fmt.Fprintf(e.stdout, "%s%s\n", lead, line)
			}
		}
	}
	list("Declined because", r.Reasons)
	list("Conditions to resolve", r.Conditions)
	return nil
}

// wrapWords breaks text into lines of at most width display columns at
// spaces; a word longer than width has a line of its own. Width 0 or less
// keeps one line.
func wrapWords(text string, width int) []string {
	if width <= 0 || render.Width(text) <= width {
		return []string{text}
	}
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case render.Width(line)+1+render.Width(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}
