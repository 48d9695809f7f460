package cli

import (
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/inert"
	"github.com/clientbook/clientbook/pkg/internal/template"
	"github.com/clientbook/clientbook/pkg/review"
)

func newReviewCmd(e *env) *cobra.Command {
	opts := &newOptions{}
	cmd := &cobra.Command{
		Use:   "review CLIENT",
		Short: "Create clients/CLIENT/reviews/YEAR.yaml, the annual review",
		Long: `review writes the annual review for this year (or --date's year) as planned:
status: planned, dated --date (default: today), and every question of the
review, tailored to the client as clientbook review CLIENT prints it, as a
comment above an empty answer; with an open recovery, the recovery to open
with. A planned review counts for nothing (the annual review stays due)
until you set status: held and the date it was held.`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeFirstClient(e),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNewReview(e, args[0], opts)
		},
	}
	cmd.Flags().StringVar(&opts.owner, "by", "", "who leads the review, a team id (default: the client's relationship manager)")
	cmd.Flags().StringArrayVar(&opts.with, "with", nil, "a client's person at the review; repeat for each (default: the client's sponsors)")
	cmd.Flags().StringVar(&opts.date, "date", "", "the review's date, YYYY-MM-DD (default: today)")
	opts.write.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("by", completeTeam(e))
	return cmd
}

func runNewReview(e *env, client string, opts *newOptions) error {
	n, c, err := startNewFor(e, client)
	if err != nil {
		return err
	}
	date := n.today
	if opts.date != "" {
		if date, err = book.ParseDate(opts.date); err != nil {
			return usagef("--date %q: %v", opts.date, err)
		}
	}
	if err := n.teamMember("--by", opts.owner); err != nil {
		return err
	}
	with := opts.with
	if len(with) == 0 {
		with = []string{}
		for _, sh := range c.Stakeholders {
			if sh.Role.Value == "sponsor" && sh.Name.Value != "" {
				with = append(with, sh.Name.Value)
			}
		}
	}
	n.data.Client, n.data.Name = client, c.Name.Or(client)
	n.data.Owner = or(opts.owner, n.inTeam(c.Owner.Value))
	n.data.Today, n.data.Year, n.data.With = date.String(), date.Year(), with
	agenda := review.AgendaFor(c, n.book.Settings, health.Assess(c, n.book.Settings, n.today))
	n.data.Questions = reviewQuestions(agenda)
	if agenda.Recovery != nil {
		for _, l := range agenda.Recovery.Lines(n.book.Settings) {
			n.data.Opening = append(n.data.Opening, commentLine(l))
		}
	}
	return n.render(e, "review", "clients/"+client+"/reviews/"+strconv.Itoa(date.Year())+".yaml", opts.write)
}

// reviewQuestions lists every question of SPEC §4 for the review template:
// the agenda's tailored questions, and those left off this client's agenda
// with the reason, so that each answer key is there to fill.
func reviewQuestions(a review.Agenda) []template.Question {
	var out []template.Question
	for _, entry := range review.Catalog {
		q := template.Question{ID: entry.ID}
		for _, aq := range a.Questions {
			if aq.ID == entry.ID {
				q.Comments = slices.Clone(aq.Ask)
			}
		}
		for _, s := range a.Skipped {
			if s.ID == entry.ID {
				q.Comments = []string{entry.Text, "(not on this client's agenda: " + s.Reason + ")"}
			}
		}
		for i, c := range q.Comments {
			q.Comments[i] = commentLine(c)
		}
		out = append(out, q)
	}
	return out
}

// commentLine makes s one line of a YAML comment: book text folded onto
// one line, with its control characters escaped (raw, they would make the
// file unreadable). Leading spaces stay: a recovery's plan lists its
// actions indented, and the agenda's own spacing lines them up.
func commentLine(s string) string {
	body := strings.TrimLeft(s, " ")
	indent := s[:len(s)-len(body)]
	if strings.ContainsFunc(body, func(r rune) bool { return r == '\n' || r == '\r' }) {
		body = strings.Join(strings.Fields(body), " ")
	}
	return indent + inert.Text(body)
}
