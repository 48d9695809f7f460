package book

import (
	"cmp"
	"slices"

	"github.com/clientbook/clientbook/pkg/finding"
)

// Book is everything read from a book's folder.
type Book struct {
	Root     string // absolute path of the folder holding clientbook.yaml
	Firm     *Firm  // nil when clientbook.yaml could not be read
	Settings *Settings
	// Clients holds every readable client.yaml, by id; load.Load fills it,
	// load.Stream leaves it empty and hands each client to its reducer.
	Clients []*Client
	// Unread holds, with load.Load, the stand-in of each client whose
	// client.yaml could not be read (Client.Unread): its other files, for
	// the rules to check. No command shows it as a client.
	Unread        []*Client
	Opportunities []*Opportunity // every readable opportunity, by id then path
	// LeftOut lists, by kind then path, the clients and opportunities that
	// could not be read, and the clients whose status is not known: what
	// the read commands leave out, and name.
	LeftOut []LeftOut
	// Findings holds the structural findings (CB001–CB008) that
	// load.Options.Keep kept (all of them with load.Load), sorted.
	Findings []finding.Finding
	Errors   int // structural findings of severity error, kept or not
	Files    int // YAML files read
}

// Client returns the client with the given id.
func (b *Book) Client(id ID) *Client {
	i, ok := slices.BinarySearchFunc(b.Clients, id, func(c *Client, id ID) int { return cmp.Compare(c.ID.Value, id) })
	if !ok {
		return nil
	}
	return b.Clients[i]
}
