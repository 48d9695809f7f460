package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
)

// clientIDs lists the ids of the book's clients, in its order.
func clientIDs(b *book.Book) []book.ID {
	ids := make([]book.ID, len(b.Clients))
	for i, c := range b.Clients {
		ids[i] = c.ID.Value
	}
	return ids
}

// withLeftOut adds to ids (in the book's order) the clients the book left
// out, which a command may be asked for by name: it names them as left
// out, rather than as unknown.
func withLeftOut(ids []book.ID, b *book.Book) []book.ID {
	out := slices.Clone(ids)
	for _, o := range b.LeftOut {
		if o.Kind == book.LeftOutClient && o.ID() != "" {
			out = append(out, o.ID())
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// knownClients checks that every id of wanted is among the book's client
// ids all (in the book's order), else returns a usage error naming the
// unknown ones.
func knownClients(all []book.ID, wanted []string) error {
	var unknown []string
	for _, id := range wanted {
		if _, ok := slices.BinarySearch(all, book.ID(id)); !ok {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		return usagef("unknown client %s: the book's clients are %s", strings.Join(unknown, ", "), clientList(all))
	}
	return nil
}

func clientList(all []book.ID) string {
	var ids []string
	for _, id := range all {
		ids = append(ids, string(id))
	}
	if len(ids) == 0 {
		return "(none)"
	}
	if len(ids) > 20 {
		return strings.Join(ids[:20], ", ") + ", …"
	}
	return strings.Join(ids, ", ")
}

// completeClients completes client ids for commands that take them,
// leaving out those already on the command line.
func completeClients(e *env) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		root, err := e.root()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ids := slices.DeleteFunc(listIDs(root, "clients", prefix, true), func(id string) bool { return slices.Contains(args, id) })
		return ids, cobra.ShellCompDirectiveNoFileComp
	}
}

// Client statuses and tiers of the client file, the values of --status
// and --tier; --status all lists every status.
var (
	clientStatuses = []string{"prospect", "active", "paused", "former"}
	clientTiers    = []string{"key", "standard", "small"}
)

// allStatuses is the --status value that lists clients of every status.
const allStatuses = "all"

// clientFilter is the --status/--owner/--tier filter shared by commands.
type clientFilter struct {
	status []string
	owner  []string
	tier   []string
}

// register adds --status (with defaultStatus), --owner and --tier to cmd.
func (f *clientFilter) register(e *env, cmd *cobra.Command, defaultStatus []string) {
	enumSliceVar(cmd, &f.status, "status", defaultStatus, append(slices.Clone(clientStatuses), allStatuses),
		"only clients with this status ("+strings.Join(clientStatuses, ", ")+", or all); repeat or comma-separate")
	f.registerOwnerTier(e, cmd)
}

// registerOwnerTier adds --owner and --tier to cmd.
func (f *clientFilter) registerOwnerTier(e *env, cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&f.owner, "owner", nil, "only clients whose relationship manager is this team member (a team id); repeat or comma-separate")
	enumSliceVar(cmd, &f.tier, "tier", nil, clientTiers, "only clients of this tier ("+strings.Join(clientTiers, ", ")+"); repeat or comma-separate")
	_ = cmd.RegisterFlagCompletionFunc("owner", completeTeam(e))
}

// checkOwners checks --owner against the firm's team, once it is read.
func (f *clientFilter) checkOwners(s *book.Settings) error {
	return checkValues("--owner", f.owner, teamIDs(s))
}

// notInTeam is the error for a flag naming someone not in the firm's team,
// with the nearest team member's id.
func notInTeam(flag, id string, b *book.Book) error {
	if near := suggest(id, teamIDs(b.Settings)); len(near) > 0 {
		return usagef("%s %q is not in the firm's team: did you mean %s? Use one of %s", flag, id, quote(near), teamList(b))
	}
	return usagef("%s %q is not in the firm's team: use one of %s", flag, id, teamList(b))
}

// teamIDs lists the ids of the firm's team, sorted.
func teamIDs(s *book.Settings) []string {
	ids := make([]string, 0, len(s.Team))
	for id := range s.Team {
		ids = append(ids, string(id))
	}
	slices.Sort(ids)
	return ids
}

// allStatus reports whether the filter lets every status through.
func (f *clientFilter) allStatus() bool {
	return len(f.status) == 0 || slices.Contains(f.status, allStatuses)
}

// onlyActive reports whether the filter lists the active clients only,
// the default of the commands that list clients.
func (f *clientFilter) onlyActive() bool {
	return len(f.status) > 0 && !f.allStatus() && !slices.ContainsFunc(f.status, func(s string) bool { return s != "active" })
}

func (f *clientFilter) keep(c *book.Client) bool {
	return f.keepValues(c.Status.Value, string(c.Owner.Value), c.Tier.Value)
}

// keepValues is keep for a client's status, owner and tier ("" when not
// set).
func (f *clientFilter) keepValues(status, owner, tier string) bool {
	return (f.allStatus() || slices.Contains(f.status, status)) &&
		(len(f.owner) == 0 || slices.Contains(f.owner, owner)) &&
		(len(f.tier) == 0 || slices.Contains(f.tier, tier))
}
