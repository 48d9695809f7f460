package cli

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/render"
	"github.com/clientbook/clientbook/pkg/review"
)

type reviewOptions struct {
	client string
}

func newReviewAgendaCmd(e *env) *cobra.Command {
	opts := &reviewOptions{}
	cmd := &cobra.Command{
		Use:   "review CLIENT",
		Short: "The annual review's agenda, tailored to the client",
		Long: `review prints the annual client review's agenda: the questions in
order with their ids (the keys of a review's answers), tailored to the
client — its priorities in plans, its weak or missing stakeholder
relationships in people, team only when we have a team, manager only when
it has a relationship manager — with notes from the last review and the
relationship's health, and the questions not to ask.

With an open recovery the agenda opens with it, before the annual
questions: the root cause in the client's words, what we accepted, each
action of the plan with its owner, deadline and state (kept, late,
overdue, pending), and the promises kept so far with the next deadline.

clientbook new review CLIENT writes the review file to fill in.`,
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeFirstClient(e),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.client = args[0]
			return runReview(e, opts)
		},
	}
	e.addStrict(cmd)
	return cmd
}

func runReview(e *env, opts *reviewOptions) error {
	format, err := e.format()
	if err != nil {
		return err
	}
	if err := checkID("client", opts.client); err != nil {
		return err
	}
	today, err := e.todayDate()
	if err != nil {
		return err
	}
	b, err := e.load(false)
	if err != nil {
		return err
	}
	for _, o := range b.LeftOut {
		if o.Kind == book.LeftOutClient && !o.StatusUnknown && o.Name == opts.client {
			return usagef("client %s cannot be reviewed: %s: %s; run `clientbook check`", opts.client, o.Location(), o.Reason)
		}
	}
	// The agenda is the client's alone: no other client is left out of it.
	e.warnRead(b, func(book.LeftOut) bool { return false })
	c, err := clientToEdit(b, opts.client)
	if err != nil {
		return err
	}
	agenda := review.AgendaFor(c, b.Settings, health.Assess(c, b.Settings, today))
	switch format {
	case "table":
		return writeAgenda(e.stdout, agenda, b.Settings)
	case "markdown":
		return writeAgendaMarkdown(e.stdout, agenda, b.Settings)
	}
	return e.print(format, agenda, nil)
}

// managerName is the relationship manager as the agenda names them: the
// team member's name and id, else the id.
func managerName(a review.Agenda, s *book.Settings) string {
	name := *a.Manager
	if p, ok := s.Team[book.ID(name)]; ok && p.Name.Value != "" {
		name = p.Name.Value + " (" + name + ")"
	}
	return name
}

// writeAgendaMarkdown prints the agenda as markdown, to paste into the
// meeting's document: the questions as a numbered list with their notes,
// then what is left out and what not to ask. Book text is escaped.
func writeAgendaMarkdown(w io.Writer, a review.Agenda, s *book.Settings) error {
	var out strings.Builder
	render.Fprintf(&out, "# Annual review: %s (%s)\n\n", a.Name, a.ID)
	if a.Manager != nil {
		render.Fprintf(&out, "Relationship manager: %s\n\n", managerName(a, s))
	}
	if a.Recovery != nil {
		out.WriteString("## Open with the recovery\n\n")
		if a.Recovery.Opened != nil {
			render.Fprintf(&out, "Opened %s; before the annual questions:\n\n", *a.Recovery.Opened)
		}
		for _, l := range a.Recovery.Lines(s) {
			if rest, ok := strings.CutPrefix(l, "  "); ok {
				render.Fprintf(&out, "   - %s\n", rest)
			} else {
				render.Fprintf(&out, "- %s\n", l)
			}
		}
		out.WriteString("\n")
	}
	out.WriteString("## Ask, in this order\n\n")
	for i, q := range a.Questions {
		render.Fprintf(&out, "%d. **%s** — %s\n", i+1, q.ID, q.Ask[0])
		for _, ask := range q.Ask[1:] {
			render.Fprintf(&out, "   %s\n", ask)
		}
		for _, n := range q.Notes {
			render.Fprintf(&out, "   - %s\n", n)
		}
	}
	if len(a.Skipped) > 0 {
		out.WriteString("\n## Left out\n\n")
		for _, sk := range a.Skipped {
			render.Fprintf(&out, "- **%s**: %s\n", sk.ID, sk.Reason)
		}
	}
	out.WriteString("\n## Do not ask\n\n")
	for _, av := range a.Avoid {
		render.Fprintf(&out, "- %s — %s\n", av.Question, av.Why)
	}
	_, err := io.WriteString(w, out.String())
	return err
}

// writeAgenda prints the agenda for a person to take into the room. Its
// values (names, priorities, notes) are book text, printed through
// render's Fprintf, escaped.
func writeAgenda(w io.Writer, a review.Agenda, s *book.Settings) error {
	var out strings.Builder
	render.Fprintf(&out, "Annual review: %s (%s)\n", a.Name, a.ID)
	if a.Manager != nil {
		render.Fprintf(&out, "Relationship manager: %s\n", managerName(a, s))
	}
	const width = len("communication")
	if a.Recovery != nil {
		out.WriteString("\nOpen with the recovery")
		if a.Recovery.Opened != nil {
			render.Fprintf(&out, " (opened %s)", *a.Recovery.Opened)
		}
		out.WriteString(", before the annual questions:\n")
		for _, l := range a.Recovery.Lines(s) {
			render.Fprintf(&out, "    %s\n", l)
		}
	}
	out.WriteString("\nAsk, in this order:\n")
	indent := strings.Repeat(" ", 4+width+2)
	for i, q := range a.Questions {
		render.Fprintf(&out, "%2d. %-*s  %s\n", i+1, width, q.ID, q.Ask[0])
		for _, ask := range q.Ask[1:] {
			render.Fprintf(&out, "%s%s\n", indent, ask)
		}
		for _, n := range q.Notes {
			render.Fprintf(&out, "%s- %s\n", indent, n)
		}
	}
	if len(a.Skipped) > 0 {
		out.WriteString("\nLeft out:\n")
		for _, sk := range a.Skipped {
			render.Fprintf(&out, "    %-*s  %s\n", width, sk.ID, sk.Reason)
		}
	}
	out.WriteString("\nDo not ask:\n")
	for _, av := range a.Avoid {
		render.Fprintf(&out, "    %s\n%s- %s\n", av.Question, indent, av.Why)
	}
	_, err := io.WriteString(w, out.String())
	return err
}
