package history

import (
	"cmp"
	"math/big"
	"slices"

	"github.com/clientbook/clientbook/pkg/accept"
	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/portfolio"
	"github.com/clientbook/clientbook/pkg/rules"
)

// Client is what diff compares of one client on one side.
type Client struct {
	Score    *int
	Band     string
	Quadrant *string
	// Action and Revenue are those of the portfolio: nil for a client
	// that is not active.
	Action  *string
	Revenue *big.Rat
}

// State is one side of a diff: the book evaluated on its day.
type State struct {
	Day           book.Date
	Clients       map[string]Client
	Opportunities map[string]string // id → decision
	Findings      []finding.Finding // sorted as check prints them
}

// Evaluate computes the state of b on day today: every client's health
// and, for the active ones, portfolio action and revenue; every
// opportunity's decision; the findings `check` reports.
func Evaluate(b *book.Book, today book.Date) State {
	s := b.Settings
	if s == nil {
		s = book.SettingsOf(b.Firm)
	}
	st := State{Day: today, Clients: map[string]Client{}, Opportunities: map[string]string{}}
	results := make([]health.Result, 0, len(b.Clients))
	for _, c := range b.Clients {
		r := health.Assess(c, s, today)
		results = append(results, r)
		id := string(c.ID.Value)
		if _, dup := st.Clients[id]; dup {
			continue // a duplicate id (CB005): the first by path counts
		}
		st.Clients[id] = Client{Score: r.Score, Band: r.Band, Quadrant: r.Matrix.Quadrant}
	}
	p := portfolio.Rank(b, results, today)
	st.addActions(p)
	st.addDecisions(b)
	// As check and the report find them (rules.Run).
	fs := append(slices.Clone(b.Findings), rules.Run(b, results, today)...)
	finding.Sort(fs)
	st.Findings = fs
	return st
}

// addActions gives each active client its portfolio action and revenue;
// with a duplicate id, the first ranked.
func (st *State) addActions(p portfolio.Portfolio) {
	for _, en := range p.Entries {
		c, ok := st.Clients[en.ID]
		if !ok || c.Action != nil {
			continue
		}
		action := en.Action
		c.Action, c.Revenue = &action, en.Revenue
		st.Clients[en.ID] = c
	}
}

// addDecisions gives each opportunity its decision; with a duplicate id,
// the first.
func (st *State) addDecisions(b *book.Book) {
	for _, o := range b.Opportunities {
		id := string(o.ID.Value)
		if _, dup := st.Opportunities[id]; dup {
			continue
		}
		st.Opportunities[id] = string(accept.Evaluate(b, o).Decision)
	}
}

// Change kinds.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// ClientChange is one client that was added, removed or changed; From is
// nil for an added client, To for a removed one.
type ClientChange struct {
	ID       string
	Change   string
	From, To *Client
}

// OpportunityChange is one opportunity added, removed or whose decision
// changed; a side where it is absent has "".
type OpportunityChange struct {
	ID       string
	Change   string
	From, To string
}

// Changes is what moved from one state to another.
type Changes struct {
	Clients       []ClientChange      // by id
	Opportunities []OpportunityChange // by id
	Added         []finding.Finding   // findings of the later state, sorted
	Resolved      []finding.Finding   // findings of the earlier state, sorted
}

// Empty reports whether nothing moved.
func (c Changes) Empty() bool {
	return len(c.Clients) == 0 && len(c.Opportunities) == 0 && len(c.Added) == 0 && len(c.Resolved) == 0
}

// Compare lists what changed from one state to the other.
func Compare(from, to State) Changes {
	var ch Changes
	for _, id := range keys(from.Clients, to.Clients) {
		a, inA := from.Clients[id]
		b, inB := to.Clients[id]
		switch {
		case !inA:
			ch.Clients = append(ch.Clients, ClientChange{ID: id, Change: Added, To: &b})
		case !inB:
			ch.Clients = append(ch.Clients, ClientChange{ID: id, Change: Removed, From: &a})
		case !same(a, b):
			ch.Clients = append(ch.Clients, ClientChange{ID: id, Change: Changed, From: &a, To: &b})
		}
	}
	for _, id := range keys(from.Opportunities, to.Opportunities) {
		a, inA := from.Opportunities[id]
		b, inB := to.Opportunities[id]
		switch {
		case !inA:
			ch.Opportunities = append(ch.Opportunities, OpportunityChange{ID: id, Change: Added, To: b})
		case !inB:
			ch.Opportunities = append(ch.Opportunities, OpportunityChange{ID: id, Change: Removed, From: a})
		case a != b:
			ch.Opportunities = append(ch.Opportunities, OpportunityChange{ID: id, Change: Changed, From: a, To: b})
		}
	}
	// A subject takes a few regular expressions: each side's are worked
	// out once.
	fromKeys, toKeys := keysOf(from.Findings), keysOf(to.Findings)
	ch.Resolved = unmatched(from.Findings, fromKeys, toKeys)
	ch.Added = unmatched(to.Findings, toKeys, fromKeys)
	return ch
}

func same(a, b Client) bool {
	return eq(a.Score, b.Score) && a.Band == b.Band && eq(a.Quadrant, b.Quadrant) &&
		eq(a.Action, b.Action) && ratEq(a.Revenue, b.Revenue)
}

func eq[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func ratEq(a, b *big.Rat) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Cmp(b) == 0
}

// keys are the ids of both maps, sorted.
func keys[V any](a, b map[string]V) []string {
	var ids []string
	for id := range a {
		ids = append(ids, id)
	}
	for id := range b {
		if _, ok := a[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, cmp.Compare[string])
	return ids
}

// Key is what matches a finding on one side with one on the other: its
// rule, its path and its subject.
type Key struct{ Rule, Path, Subject string }

// KeyOf is f's key.
func KeyOf(f finding.Finding) Key { return Key{f.Rule, f.Path, Subject(f.Message)} }

// keysOf is the key of each finding of fs.
func keysOf(fs []finding.Finding) []Key {
	keys := make([]Key, len(fs))
	for i, f := range fs {
		keys[i] = KeyOf(f)
	}
	return keys
}

// unmatched returns the findings of fs (whose keys are keys) that have no
// match among the other side's keys. Keys are counted: with two findings
// of one key on this side and one on the other, the last of the two (in
// check's order) is unmatched.
func unmatched(fs []finding.Finding, keys, other []Key) []finding.Finding {
	n := make(map[Key]int, len(other))
	for _, k := range other {
		n[k]++
	}
	out := []finding.Finding{}
	for i, f := range fs {
		k := keys[i]
		if n[k] > 0 {
			n[k]--
			continue
		}
		out = append(out, f)
	}
	return out
}

var bandRank = map[string]int{health.AtRisk: 1, health.Watch: 2, health.Healthy: 3}

// Alarming reports whether c is what people must see first: a band that
// dropped (healthy to watch, watch to at-risk), or a client whose action
// became exit or recover.
func Alarming(c ClientChange) bool {
	if c.To == nil {
		return false
	}
	if c.From != nil {
		if a, b := bandRank[c.From.Band], bandRank[c.To.Band]; a > 0 && b > 0 && b < a {
			return true
		}
	}
	if c.To.Action == nil || (*c.To.Action != "exit" && *c.To.Action != "recover") {
		return false
	}
	return c.From == nil || c.From.Action == nil || *c.From.Action != *c.To.Action
}

// ByImportance orders client changes for people, most important first:
// the alarming ones, then clients removed, then added, then the other
// changes; by id within each.
func ByImportance(cs []ClientChange) []ClientChange {
	rank := func(c ClientChange) int {
		switch {
		case Alarming(c):
			return 0
		case c.Change == Removed:
			return 1
		case c.Change == Added:
			return 2
		}
		return 3
	}
	out := slices.Clone(cs)
	slices.SortStableFunc(out, func(a, b ClientChange) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.ID, b.ID))
	})
	return out
}
