package accept

import (
	"fmt"

	"github.com/clientbook/clientbook/pkg/book"
)

// who is the would-be client of an opportunity: its profile, and the ids
// and names by which other files may name it.
type who struct {
	profile Profile
	ids     []string
	names   []string
}

// whoOf takes the profile from the existing client the opportunity names,
// else from its prospect. A prospect whose name is an existing client's
// name or id is that client for conflicts: it can be named by the client's
// id, and it is never in conflict with itself.
func whoOf(b *book.Book, o *book.Opportunity) who {
	var w who
	var own *book.Client
	if o.Client.Set {
		w.ids = append(w.ids, string(o.Client.Value))
		own = b.Client(o.Client.Value)
	}
	switch {
	case own != nil:
		w.profile = Profile{
			Name:      clean(own.Name.Value),
			Industry:  own.Industry.Value,
			Geography: own.Geography.Value,
		}
		if own.Size != nil && own.Size.Employees.Set {
			w.profile.Employees = intPtr(own.Size.Employees.Value)
		}
	case o.Prospect != nil:
		w.profile = Profile{
			Name:      clean(o.Prospect.Name.Value),
			Industry:  o.Prospect.Industry.Value,
			Geography: o.Prospect.Geography.Value,
		}
		if o.Prospect.Size != nil && o.Prospect.Size.Employees.Set {
			w.profile.Employees = intPtr(o.Prospect.Size.Employees.Value)
		}
	}
	if o.Service.Set && clean(o.Service.Value) != "" {
		w.profile.Services = []string{clean(o.Service.Value)}
	}
	if w.profile.Name != "" {
		w.names = append(w.names, w.profile.Name)
	}
	if o.Prospect != nil && clean(o.Prospect.Name.Value) != "" {
		name := clean(o.Prospect.Name.Value)
		if !containsFold(w.names, name) {
			w.names = append(w.names, name)
		}
		for _, c := range b.Clients {
			if equalFold(c.Name.Value, name) || equalFold(string(c.ID.Value), name) {
				w.ids = append(w.ids, string(c.ID.Value))
			}
		}
	}
	return w
}

// named reports whether s (a client id or name from a file) names the
// opportunity's would-be client.
func (w who) named(s string) bool {
	return containsFold(w.ids, s) || containsFold(w.names, s)
}

// is reports whether c is the opportunity's would-be client.
func (w who) is(c *book.Client) bool {
	return containsFold(w.ids, string(c.ID.Value))
}

// conflicts lists the hard conflicts of §5 with §9's readings: every entry
// of the opportunity's conflicts (except one naming the would-be client
// itself), and every active, exclusive client other than the would-be
// client that names it among its competitors.
func conflicts(b *book.Book, o *book.Opportunity, w who) []Conflict {
	out := []Conflict{}
	for _, f := range o.Conflicts {
		entry := clean(f.Value)
		if !f.Set || entry == "" || w.named(entry) {
			continue
		}
		c := Conflict{Client: entry, Source: "conflicts", Reason: "the opportunity lists " + entry + " among its conflicts"}
		if known := findClient(b, entry); known != nil {
			c.Client = string(known.ID.Value)
		}
		out = append(out, c)
	}
	for _, c := range b.Clients {
		// The cheap tests first: most clients are not exclusive.
		if c.Status.Value != "active" || !c.Exclusive.Value || w.is(c) {
			continue
		}
		for _, comp := range c.Competitors {
			if comp.Set && clean(comp.Value) != "" && w.named(comp.Value) {
				out = append(out, Conflict{
					Client: string(c.ID.Value),
					Source: "exclusive",
					Reason: fmt.Sprintf("%s is an active exclusive client and names %s among its competitors", label(c), clean(comp.Value)),
				})
				break
			}
		}
	}
	return out
}

// findClient finds the client that s names by id or name.
func findClient(b *book.Book, s string) *book.Client {
	for _, c := range b.Clients {
		if equalFold(string(c.ID.Value), s) || equalFold(c.Name.Value, s) {
			return c
		}
	}
	return nil
}

func label(c *book.Client) string {
	if n := clean(c.Name.Value); n != "" {
		return fmt.Sprintf("%s (%s)", c.ID.Value, n)
	}
	return string(c.ID.Value)
}

// score is 100 × Σ w·(v − 1)/4 ÷ Σ w over the answered criteria, computed
