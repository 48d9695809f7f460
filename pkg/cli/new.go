package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/render"
	"github.com/clientbook/clientbook/pkg/internal/template"
)

// newOptions are the flags of the `new` commands; each uses some of them.
type newOptions struct {
	write    writeOptions
	name     string
	owner    string
	service  string
	client   string
	prospect string
	with     []string
	date     string
	status   string // an engagement's
	start    string // an engagement's
	end      string // an engagement's
	updates  string // a plan's
}

func newNewCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Create a client, engagement, opportunity, plan or review from a commented template",
		Long: `new writes a file from a commented template, filled in from the book: ids,
owners and today's date. It never overwrites a file unless --force, and
--dry-run prints the file instead of writing it. Every file it writes passes
clientbook check; edit the values, then check again.`,
		// A runnable command, so that `new thing` is a usage error (exit 2)
		// rather than cobra's help with exit 0.
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newClientCmd(e), newEngagementCmd(e), newOpportunityCmd(e), newPlanCmd(e), newReviewCmd(e))
	return cmd
}

func newEngagementCmd(e *env) *cobra.Command {
	opts := &newOptions{}
	cmd := &cobra.Command{
		Use:               "engagement CLIENT ID",
		Short:             "Create clients/CLIENT/engagements/ID.yaml",
		Args:              cobra.ExactArgs(2),
		ValidArgsFunction: completeFirstClient(e),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNewEngagement(e, args[0], args[1], opts)
		},
	}
	cmd.Flags().StringVar(&opts.name, "name", "", "the engagement's title (default: from the id)")
	cmd.Flags().StringVar(&opts.service, "service", "", "the service sold, e.g. brand (default: none yet)")
	cmd.Flags().StringVar(&opts.owner, "owner", "", "who leads it, a team id (default: the client's relationship manager)")
	enumVar(cmd, &opts.status, "status", "proposed", []string{"proposed", "active", "complete", "cancelled"}, "the engagement's status")
	cmd.Flags().StringVar(&opts.start, "start", "", "when the work starts, YYYY-MM-DD (default: none yet)")
	cmd.Flags().StringVar(&opts.end, "end", "", "when the work ends, YYYY-MM-DD (default: none yet)")
	opts.write.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("owner", completeTeam(e))
	return cmd
}

func newOpportunityCmd(e *env) *cobra.Command {
	opts := &newOptions{}
	cmd := &cobra.Command{
		Use:   "opportunity ID",
		Short: "Create opportunities/ID.yaml",
		Long: `opportunity writes opportunities/ID.yaml for new work under consideration:
for an existing client with --client, else for a prospect (--prospect names
it). Rate the six criteria, then run clientbook accept ID.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNewOpportunity(e, args[0], opts)
		},
	}
	cmd.Flags().StringVar(&opts.client, "client", "", "the existing client the work is for")
	cmd.Flags().StringVar(&opts.prospect, "prospect", "", "the would-be client's name, when it is not a client yet (default: from the id)")
	cmd.Flags().StringVar(&opts.name, "name", "", "a one-line summary of the work (default: from the id)")
	cmd.Flags().StringVar(&opts.service, "service", "", "the service it would buy, e.g. digital")
	cmd.MarkFlagsMutuallyExclusive("client", "prospect")
	opts.write.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("client", completeClients(e))
	return cmd
}

func newPlanCmd(e *env) *cobra.Command {
	opts := &newOptions{}
	cmd := &cobra.Command{
		Use:               "plan CLIENT",
		Short:             "Create clients/CLIENT/plan.yaml, the account plan for this year",
		Args:              cobra.ExactArgs(1),
		ValidArgsFunction: completeFirstClient(e),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNewPlan(e, args[0], opts)
		},
	}
	cmd.Flags().StringVar(&opts.owner, "owner", "", "the plan's owner, a senior team member (default: the client's relationship manager when senior, else the first senior team member)")
	enumVar(cmd, &opts.updates, "updates", "monthly", []string{"weekly", "fortnightly", "monthly"}, "how often we update the client")
	opts.write.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("owner", completeTeam(e))
	return cmd
}

// newContext is what every `new` command starts from.
type newContext struct {
	book  *book.Book
	today book.Date
	data  template.Data
}

func startNew(e *env) (*newContext, error) {
	today, err := e.todayDate()
	if err != nil {
		return nil, err
	}
	b, err := e.load(true)
	if err != nil {
		return nil, err
	}
	return &newContext{book: b, today: today, data: template.Data{
		Today: today.String(),
		Due:   (today + 14).String(),
		Year:  today.Year(),
		Firm:  b.Settings.Name,
	}}, nil
}

// startNewFor starts a `new` command that writes into a client's folder:
// the client's id checked, the book read, the client found.
func startNewFor(e *env, client string) (*newContext, *book.Client, error) {
	if err := checkID("client", client); err != nil {
		return nil, nil, err
	}
	n, err := startNew(e)
	if err != nil {
		return nil, nil, err
	}
	c, err := clientToEdit(n.book, client)
	if err != nil {
		return nil, nil, err
	}
	return n, c, nil
}

// teamMember checks that id, when given, is in the firm's team.
func (n *newContext) teamMember(flag, id string) error {
	if id == "" {
		return nil
	}
	if _, ok := n.book.Settings.Team[book.ID(id)]; !ok {
		return notInTeam(flag, id, n.book)
	}
	return nil
}

// inTeam returns id when it names a team member, else "": a default taken
// from the book must not put an unknown person into a new file.
func (n *newContext) inTeam(id book.ID) string {
	if _, ok := n.book.Settings.Team[id]; ok {
		return string(id)
	}
	return ""
}

// senior is the first senior member of the team in the firm file's order,
// or "".
func (n *newContext) senior() string {
	if n.book.Firm == nil {
		return ""
	}
	for _, p := range n.book.Firm.Team {
		if p.ID.Set && p.Senior.Value {
			return string(p.ID.Value)
		}
	}
	return ""
}

func (n *newContext) render(e *env, kind, rel string, w writeOptions) error {
	content, err := template.Render(kind, n.data)
	if err != nil {
		return err
	}
	return writeNew(e, n.book.Root, rel, content, w)
}

func runNewEngagement(e *env, client, id string, opts *newOptions) error {
	if err := checkID("engagement", id); err != nil {
		return err
	}
	n, c, err := startNewFor(e, client)
	if err != nil {
		return err
	}
	for _, en := range c.Engagements {
		if string(en.ID.Value) == id && !opts.write.force {
			return usagef("engagement id %q is already used by %s: nothing written", id, en.Path)
		}
	}
	if err := n.teamMember("--owner", opts.owner); err != nil {
		return err
	}
	n.data.ID, n.data.Client = id, client
	n.data.Name = or(opts.name, nameFromID(id))
	n.data.Owner = or(opts.owner, n.inTeam(c.Owner.Value))
	// A service, a start and an end are written only when given: a guessed
	// service would count in the client's fit (SPEC §6).
	n.data.Service, n.data.Status = opts.service, opts.status
	for _, d := range []struct {
		flag, value string
		to          *string
	}{{"--start", opts.start, &n.data.Start}, {"--end", opts.end, &n.data.End}} {
		if d.value == "" {
			continue
		}
		date, err := book.ParseDate(d.value)
		if err != nil {
			return usagef("%s %q: %v", d.flag, d.value, err)
		}
		*d.to = date.String()
	}
	if n.data.Start != "" && n.data.End != "" && n.data.End < n.data.Start {
		return usagef("--end %s is before --start %s", n.data.End, n.data.Start)
	}
	return n.render(e, "engagement", "clients/"+client+"/engagements/"+id+".yaml", opts.write)
}

func runNewOpportunity(e *env, id string, opts *newOptions) error {
	if err := checkID("opportunity", id); err != nil {
		return err
	}
	if opts.client != "" {
		if err := checkID("client", opts.client); err != nil {
			return err
		}
	}
	n, err := startNew(e)
	if err != nil {
		return err
	}
	for _, o := range n.book.Opportunities {
		if string(o.ID.Value) == id && !opts.write.force {
			return usagef("opportunity id %q is already used by %s: nothing written", id, o.Path)
		}
	}
	n.data.ID = id
	n.data.Name = or(opts.name, nameFromID(id))
	if opts.client != "" {
		if _, err := clientToEdit(n.book, opts.client); err != nil {
			return err
		}
		n.data.Client = opts.client
	} else {
		n.data.Prospect = or(opts.prospect, nameFromID(id))
	}
	n.data.Service = opts.service
	return n.render(e, "opportunity", "opportunities/"+id+".yaml", opts.write)
}

func runNewPlan(e *env, client string, opts *newOptions) error {
	n, c, err := startNewFor(e, client)
	if err != nil {
		return err
	}
	if err := n.teamMember("--owner", opts.owner); err != nil {
		return err
	}
	// SPEC §7 CB102: a plan's owner must be senior. The relationship
	// manager is the natural owner when senior; else the first senior
	// person; else the manager anyway, and check will say so.
	owner := opts.owner
	if owner == "" && c.Owner.Set && n.book.Settings.IsSenior(c.Owner.Value) {
		owner = string(c.Owner.Value)
	}
	owner = or(owner, n.senior(), n.inTeam(c.Owner.Value))
	if owner != "" && !n.book.Settings.IsSenior(book.ID(owner)) {
		render.Fprintf(e.stderr, "clientbook: warning: %s is not a senior team member: a plan's owner should be (CB102)\n", owner)
	}
	n.data.Client, n.data.Owner, n.data.Updates = client, owner, opts.updates
	n.data.Name = c.Name.Or(client)
	return n.render(e, "plan", "clients/"+client+"/plan.yaml", opts.write)
}

// nameFromID makes a display name from an id: acme-retail is Acme Retail.
func nameFromID(id string) string {
	words := strings.Split(id, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// or returns the first of ss that is not empty.
func or(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
