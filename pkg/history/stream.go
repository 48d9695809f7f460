package history

import (
	"cmp"
	"slices"
	"strings"

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

// measure is what a state keeps of client c on day today.
func measure(c *book.Client, s *book.Settings, today book.Date) measured {
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
}

// collector puts a State together from the clients and findings of a
// read, in any order.
type collector struct {
	kept []measured
	fs   []finding.Finding
}

// add keeps one client folder's measure and its structural findings.
func (col *collector) add(m measured, structural []finding.Finding) {
	col.fs = append(col.fs, structural...)
	col.fs = append(col.fs, m.findings...)
	m.findings = nil
	if !m.unread {
		col.kept = append(col.kept, m)
	}
}

// state is the State of the book b on day today, from what was added.
func (col *collector) state(b *book.Book, today book.Date) State {
	s := b.Settings
	if s == nil {
		s = book.SettingsOf(b.Firm)
	}
	// As Load orders Book.Clients: by id, then path.
	slices.SortStableFunc(col.kept, func(x, y measured) int {
		return cmp.Or(cmp.Compare(x.id, y.id), cmp.Compare(x.slim.Path, y.slim.Path))
	})
	st := State{Day: today, Clients: map[string]Client{}, Opportunities: map[string]string{}}
	var entries []portfolio.Entry
	for _, m := range col.kept {
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
	finding.Sort(col.fs)
	st.Findings = col.fs
	return st
}

// EvaluateDir is Evaluate for the book at root, read client by client as
// check and portfolio read it (load.Each), so that a large book is never
// whole in memory: the same State as Evaluate of the loaded book. opts
// says how to read it (a revision's through the history cache); its Keep
// and Unread are EvaluateDir's.
func EvaluateDir(root string, today book.Date, opts load.Options) (State, error) {
	return evaluate(root, today, opts, nil)
}

// evaluate is EvaluateDir, with the client folders already measured
// elsewhere (Options.Only leaves them out) added from pre.
func evaluate(root string, today book.Date, opts load.Options, pre *collector) (State, error) {
	opts.Keep, opts.Unread = nil, true
	col := &collector{}
	if pre != nil {
		col = pre
	}
	b, err := load.Each(root, opts, func(c *book.Client, s *book.Settings) measured {
		return measure(c, s, today)
	}, func(f load.Folder[measured]) {
		if !f.Reduced {
			col.fs = append(col.fs, f.Findings...)
			return
		}
		col.add(f.Value, f.Findings)
	})
	if err != nil {
		return State{}, err
	}
	return col.state(b, today), nil
}

// pairMeasure is a client measured on both sides' days.
type pairMeasure struct {
	from, to measured
	shared   bool // to is measured: the folder is the same on both sides
}

// EvaluatePair evaluates two states of a book that share its firm's file
// and most client folders, reading each shared folder once: from is read
// whole, and each of its folders for which shared is true (the same files,
// by content, in to) is measured on to's day too; to is then read without
// those folders, which are known from the first read (load.Options.Known),
// so that its findings, ids clashing included, are exactly those of a
// full read. The firm's file must be the same on both sides: the firm
// decides what a folder's findings are. shared is called from many
// goroutines at once. The second book, its root and how to read it, is
// asked for after the first read (which may have filled the cache the
// second one opens).
func EvaluatePair(fromRoot string, fromDay book.Date, fromOpts load.Options, toDay book.Date, toBook func() (string, load.Options, error), shared func(folder string) bool) (State, State, error) {
	fromOpts.Keep, fromOpts.Unread = nil, true
	from, to := &collector{}, &collector{}
	known := map[string]load.Known{}
	fb, err := load.Each(fromRoot, fromOpts, func(c *book.Client, s *book.Settings) pairMeasure {
		pm := pairMeasure{from: measure(c, s, fromDay)}
		if shared(folderOf(c.Path)) {
			pm.to, pm.shared = measure(c, s, toDay), true
			// The same files: the same fields, kept once.
			pm.to.slim = pm.from.slim
		}
		return pm
	}, func(f load.Folder[pairMeasure]) {
		if !f.Reduced {
			from.fs = append(from.fs, f.Findings...)
			return
		}
		from.add(f.Value.from, f.Findings)
		if f.Value.shared {
			name := strings.TrimPrefix(f.Path, "clients/")
			known[name] = f.Known
			// The clash of ids is the one finding that depends on the
			// other folders: the second read finds its own.
			to.add(f.Value.to, without(f.Findings, f.Clash))
		}
	})
	if err != nil {
		return State{}, State{}, err
	}
	fromState := from.state(fb, fromDay)
	toRoot, opts, err := toBook()
	if err != nil {
		return State{}, State{}, err
	}
	opts.Only = func(folder string) bool { _, ok := known[strings.TrimPrefix(folder, "clients/")]; return !ok }
	opts.Known = known
	toState, err := evaluate(toRoot, toDay, opts, to)
	if err != nil {
		return State{}, State{}, err
	}
	return fromState, toState, nil
}

// folderOf is the client folder, clients/NAME, of a path in it.
func folderOf(p string) string {
	rest, ok := strings.CutPrefix(p, "clients/")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "/")
	return "clients/" + name
}

// without is fs without the findings of drop.
func without(fs, drop []finding.Finding) []finding.Finding {
	if len(drop) == 0 {
		return fs
	}
	out := make([]finding.Finding, 0, len(fs))
	for _, f := range fs {
		if i := slices.Index(drop, f); i >= 0 {
			drop = slices.Delete(slices.Clone(drop), i, i+1)
			continue
		}
		out = append(out, f)
	}
	return out
}
