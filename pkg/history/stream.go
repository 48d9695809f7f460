package history

import (
	"cmp"
	"slices"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/portfolio"
	"github.com/clientbook/clientbook/pkg/rules"
)

// measured is what EvaluateDir keeps of one client: its values, its
// portfolio entry when active, its findings, and the few fields of the
// client that accept.Evaluate reads of other clients (conflicts, the
// profile of the opportunity's own client).
type measured struct {
	unread   bool
	id       string
	client   Client
	active   bool
	entry    portfolio.Entry
	findings []finding.Finding
	slim     *book.Client
}

// EvaluateDir is Evaluate for the book at root, read client by client as
// check and portfolio read it (load.Each), so that a large book is never
// whole in memory: the same State as Evaluate of the loaded book. opts
// says how to read it (a revision's through the history cache); its Keep
// and Unread are EvaluateDir's.
func EvaluateDir(root string, today book.Date, opts load.Options) (State, error) {
	opts.Keep, opts.Unread = nil, true
	var (
		kept    []measured
		fs      []finding.Finding
		entries []portfolio.Entry
	)
	b, err := load.Each(root, opts, func(c *book.Client, s *book.Settings) measured {
		r := health.Assess(c, s, today)
		m := measured{findings: rules.Check(c, s, r, today)}
		if c.Unread != nil {
			m.unread = true
			return m
		}
		m.id = string(c.ID.Value)
		m.client = Client{Score: r.Score, Band: r.Band, Quadrant: r.Matrix.Quadrant}
		if c.Status.Value == "active" {
			m.active, m.entry = true, portfolio.Measure(r, s)
		}
		m.slim = &book.Client{Path: c.Path, ID: c.ID, Name: c.Name, Status: c.Status, Industry: c.Industry,
			Geography: c.Geography, Size: c.Size, Exclusive: c.Exclusive, Competitors: c.Competitors}
		return m
	}, func(f load.Folder[measured]) {
		fs = append(fs, f.Findings...)
		if !f.Reduced {
			return
		}
		fs = append(fs, f.Value.findings...)
		f.Value.findings = nil
		if !f.Value.unread {
			kept = append(kept, f.Value)
		}
	})
	if err != nil {
		return State{}, err
	}
	s := b.Settings
	if s == nil {
		s = book.SettingsOf(b.Firm)
	}
	// As Load orders Book.Clients: by id, then path.
	slices.SortStableFunc(kept, func(x, y measured) int {
		return cmp.Or(cmp.Compare(x.id, y.id), cmp.Compare(x.slim.Path, y.slim.Path))
	})
	st := State{Day: today, Clients: map[string]Client{}, Opportunities: map[string]string{}}
	for _, m := range kept {
		b.Clients = append(b.Clients, m.slim)
		if m.active {
			entries = append(entries, m.entry)
		}
		if _, dup := st.Clients[m.id]; !dup {
			st.Clients[m.id] = m.client
		}
	}
	p := portfolio.RankMeasured(entries, s, today)
	st.addActions(p)
	st.addDecisions(b)
	finding.Sort(fs)
	st.Findings = fs
	return st, nil
}
