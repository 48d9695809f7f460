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

// completeClients completes client ids for commands that take them.
func completeClients(e *env) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		root, err := e.root()
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return listIDs(root, "clients", prefix, true), cobra.ShellCompDirectiveNoFileComp
	}
}

// clientFilter is the --status/--owner/--tier filter shared by commands.
type clientFilter struct {
	status []string
	owner  []string
	tier   []string
}

func (f *clientFilter) register(cmd *cobra.Command, defaultStatus []string) {
	cmd.Flags().StringSliceVar(&f.status, "status", defaultStatus, "only clients with this status (prospect, active, paused, former); repeat or comma-separate")
	cmd.Flags().StringSliceVar(&f.owner, "owner", nil, "only clients owned by this team member")
	cmd.Flags().StringSliceVar(&f.tier, "tier", nil, "only clients of this tier (key, standard, small)")
}

func (f *clientFilter) keep(c *book.Client) bool {
	return f.keepValues(c.Status.Value, string(c.Owner.Value), c.Tier.Value)
}

// keepValues is keep for a client's status, owner and tier ("" when not
// set).
func (f *clientFilter) keepValues(status, owner, tier string) bool {
	return (len(f.status) == 0 || slices.Contains(f.status, status)) &&
		(len(f.owner) == 0 || slices.Contains(f.owner, owner)) &&
		(len(f.tier) == 0 || slices.Contains(f.tier, tier))
}
