package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/template"
)

// clientOptions are the flags of `new client`: the client's simple fields.
// Only what is given is written as data; the template shows every other
// field as a commented example, so that nothing made up counts (issue 21).
type clientOptions struct {
	newOptions
	status      string
	tier        string
	industry    string
	geography   string
	employees   int
	since       string
	potential   int
	exclusive   bool
	competitors []string
	priorities  []string
}

func newClientCmd(e *env) *cobra.Command {
	opts := &clientOptions{}
	cmd := &cobra.Command{
		Use:   "client ID",
		Short: "Create clients/ID/client.yaml",
		Long: `client writes clients/ID/client.yaml. What the flags give is written as the
client's data; every other field (ratings, stakeholders, financials,
touchpoints, a recovery) is a commented example of its shape, to uncomment
once you know it. A new client is unrated, with an unknown margin, and for
an active client check says what to record next: a health assessment
(CB201), a touchpoint (CB202) and an executive sponsor (CB205).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			if !f.Changed("employees") {
				opts.employees = -1
			}
			if f.Changed("potential") && (opts.potential < 1 || opts.potential > 5) {
				return usagef("--potential %d: use a rating from 1 to 5", opts.potential)
			}
			if f.Changed("employees") && opts.employees < 0 {
				return usagef("--employees %d: use a headcount of 0 or more", opts.employees)
			}
			return runNewClient(e, args[0], opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.name, "name", "", "the client's name (default: from the id)")
	f.StringVar(&opts.owner, "owner", "", "the relationship manager, a team id (default: the first senior team member)")
	enumVar(cmd, &opts.status, "status", "active", []string{"prospect", "active", "paused", "former"}, "the client's status")
	enumVar(cmd, &opts.tier, "tier", "", []string{"key", "standard", "small"}, "the client's tier (default: none)")
	f.StringVar(&opts.industry, "industry", "", "the client's industry, e.g. retail")
	f.StringVar(&opts.geography, "geography", "", "where the client is, e.g. UK")
	f.IntVar(&opts.employees, "employees", 0, "the client's headcount (size.employees)")
	f.StringVar(&opts.since, "since", "", "when the relationship began, YYYY-MM-DD (default: today)")
	f.IntVar(&opts.potential, "potential", 0, "1-5: how much more we could do together")
	f.BoolVar(&opts.exclusive, "exclusive", false, "we may not serve the client's competitors")
	f.StringArrayVar(&opts.competitors, "competitor", nil, "a competitor, a client id or name; repeat for each")
	f.StringArrayVar(&opts.priorities, "priority", nil, "one of the client's priorities, in their words; repeat for each")
	opts.write.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("owner", completeTeam(e))
	return cmd
}

func runNewClient(e *env, id string, opts *clientOptions) error {
	if err := checkID("client", id); err != nil {
		return err
	}
	n, err := startNew(e)
	if err != nil {
		return err
	}
	owner := opts.owner
	if owner == "" {
		owner = n.senior()
	}
	if owner == "" && n.book.Firm != nil && len(n.book.Firm.Team) > 0 {
		owner = string(n.book.Firm.Team[0].ID.Value)
	}
	if owner == "" {
		return usagef("the firm's team is empty: add yourself under team in clientbook.yaml, then try again")
	}
	if err := n.teamMember("--owner", owner); err != nil {
		return err
	}
	since := n.today
	if opts.since != "" {
		if since, err = book.ParseDate(opts.since); err != nil {
			return usagef("--since %q: %v", opts.since, err)
		}
	}
	p := template.Profile{
		Status: opts.status, Tier: opts.tier, Since: since.String(), Exclusive: opts.exclusive,
		Industry: strings.TrimSpace(opts.industry), Geography: strings.TrimSpace(opts.geography),
		Competitors: nonEmpty(opts.competitors), Priorities: nonEmpty(opts.priorities),
	}
	if opts.employees >= 0 {
		p.Employees = strconv.Itoa(opts.employees)
	}
	if opts.potential > 0 {
		p.Potential = strconv.Itoa(opts.potential)
	}
	n.data.ID, n.data.Owner, n.data.Profile = id, owner, p
	n.data.Name = or(opts.name, nameFromID(id))
	return n.render(e, "client", "clients/"+id+"/client.yaml", opts.write)
}

// nonEmpty drops the values that are only blanks: an empty --priority is
// no priority.
func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
