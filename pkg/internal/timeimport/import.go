package timeimport

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

// Import matches entries to the book's senior team members and clients and
// sums the management hours per (client, year). Add entries, or Read whole
// exports, then take the Result.
type Import struct {
	clients  []*book.Client
	people   []book.Person
	byName   map[string][]int // a client's name, id or alias, lower case → clients
	byEmail  map[string]int   // a team member's email, lower case → people
	byPerson map[string]int   // a team member's name, lower case → people
	tasks    []string

	sums           map[key]*big.Rat
	entries        int
	management     int
	unmatched      int
	unknownClients map[string]*Unknown
	unknownPeople  map[string]*Unknown
}

type key struct {
	client int
	year   int
}

// New prepares an import into b. tasks are the --task texts: when there
// are any, only entries whose task, project or tags contain one of them
// (case-insensitively) are management time.
func New(b *book.Book, tasks []string) *Import {
	im := &Import{
		clients:        b.Clients,
		byName:         map[string][]int{},
		byEmail:        map[string]int{},
		byPerson:       map[string]int{},
		sums:           map[key]*big.Rat{},
		unknownClients: map[string]*Unknown{},
		unknownPeople:  map[string]*Unknown{},
	}
	for _, t := range tasks {
		if t = strings.TrimSpace(t); t != "" {
			im.tasks = append(im.tasks, strings.ToLower(t))
		}
	}
	for i, c := range b.Clients {
		names := []string{string(c.ID.Value), c.Name.Value}
		for _, a := range c.Aliases {
			names = append(names, a.Value)
		}
		for _, n := range names {
			k := fold(n)
			if k != "" && !slices.Contains(im.byName[k], i) {
				im.byName[k] = append(im.byName[k], i)
			}
		}
	}
	if b.Firm != nil {
		im.people = b.Firm.Team
	}
	for i, p := range im.people {
		if e := fold(p.Email.Value); e != "" {
			if _, dup := im.byEmail[e]; !dup {
				im.byEmail[e] = i
			}
		}
		if n := fold(p.Name.Value); n != "" {
			if _, dup := im.byPerson[n]; !dup {
				im.byPerson[n] = i
			}
		}
	}
	return im
}

// fold is a name as compared: trimmed, inner spaces single, lower case.
func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// Read reads every entry of the export r, named file in errors. A row
// that cannot be read stops it with a *RowError; the entries before it
// have been added, so a caller that must write nothing on a bad row
// should stop there.
func (im *Import) Read(r io.Reader, file string, order DateOrder) (Format, error) {
	rd, err := NewReader(r, file, order)
	if err != nil {
		return 0, err
	}
	for {
		e, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return rd.Format(), nil
		}
		if err != nil {
			return rd.Format(), err
		}
		im.Add(e)
	}
}

// Add counts one entry.
func (im *Import) Add(e Entry) {
	im.entries++
	if !im.wanted(e) {
		return
	}
	person, known := im.person(e)
	if known && !im.people[person].Senior.Value {
		return
	}
	clients := im.byName[fold(e.Client)]
	if !known {
		im.unmatched++
		u := note(im.unknownPeople, fold(e.Person)+"\x00"+fold(e.Email), e.Person, e)
		u.Email = e.Email
		if len(clients) != 1 {
			note(im.unknownClients, fold(e.Client), e.Client, e)
		}
		return
	}
	if len(clients) != 1 {
		im.unmatched++
		note(im.unknownClients, fold(e.Client), e.Client, e)
		return
	}
	im.management++
	k := key{client: clients[0], year: e.Year}
	if s, ok := im.sums[k]; ok {
		s.Add(s, e.Hours)
	} else {
		im.sums[k] = new(big.Rat).Set(e.Hours)
	}
}

// wanted applies --task: the entry's task, project or a tag contains one
// of the texts.
func (im *Import) wanted(e Entry) bool {
	if len(im.tasks) == 0 {
		return true
	}
	fields := append([]string{e.Task, e.Project}, e.Tags...)
	for _, f := range fields {
		f = strings.ToLower(f)
		for _, t := range im.tasks {
			if strings.Contains(f, t) {
				return true
			}
		}
	}
	return false
}

// person finds the entry's team member: by email when one of the team has
// it, else by name.
func (im *Import) person(e Entry) (int, bool) {
	if e.Email != "" {
		if i, ok := im.byEmail[fold(e.Email)]; ok {
			return i, true
		}
	}
	i, ok := im.byPerson[fold(e.Person)]
	return i, ok
}

// note counts e under the name that matched nothing, keyed by k.
func note(m map[string]*Unknown, k, name string, e Entry) *Unknown {
	u, ok := m[k]
	if !ok {
		u = &Unknown{Name: strings.Join(strings.Fields(name), " "), Hours: new(big.Rat), Nearest: []string{}}
		m[k] = u
	}
	u.Entries++
	u.Hours.Add(u.Hours, e.Hours)
	if !slices.Contains(u.Years, e.Year) {
		u.Years = append(u.Years, e.Year)
	}
	return u
}

// Unknown is a client or person named by entries that matched nothing.
type Unknown struct {
	Name    string   `json:"name"`
	Email   string   `json:"email,omitempty"`
	Entries int      `json:"entries"`
	Hours   *big.Rat `json:"-"`
	Years   []int    `json:"years"`
	// Nearest are the book's closest names: for a client "Name (id)", for
	// a person the team member's name.
	Nearest []string `json:"nearest"`
	// Matches are the clients the name matches when it matches more than
	// one: an alias or name two clients share.
	Matches []string `json:"matches,omitempty"`
	// Client is the nearest client's id, where the alias would go.
	Client book.ID `json:"client,omitempty"`
}

// Total is the management hours of one client in one year, rounded half
// up to two decimals.
type Total struct {
	Client *book.Client
	Year   int
	Hours  *big.Rat
}

// Result is what the files held.
type Result struct {
	Entries    int // every entry read
	Management int // entries that count as management time
	Unmatched  int // entries whose client or person matched nothing
	Totals     []Total
	Clients    []Unknown // client names that matched no client, by name
	People     []Unknown // people who matched no team member, by name
}

// Result returns the sums and what matched nothing, in a stable order.
func (im *Import) Result() Result {
	r := Result{Entries: im.entries, Management: im.management, Unmatched: im.unmatched}
	for k, s := range im.sums {
		r.Totals = append(r.Totals, Total{Client: im.clients[k.client], Year: k.year, Hours: Round2(s)})
	}
	slices.SortFunc(r.Totals, func(a, b Total) int {
		return cmp.Or(cmp.Compare(a.Client.ID.Value, b.Client.ID.Value), cmp.Compare(a.Year, b.Year))
	})
	var names []string
	var ids []book.ID
	for _, c := range im.clients {
		names = append(names, c.Name.Value)
		ids = append(ids, c.ID.Value)
		for _, a := range c.Aliases {
			names = append(names, a.Value)
			ids = append(ids, c.ID.Value)
		}
	}
	for k, u := range im.unknownClients {
		if matches := im.byName[k]; len(matches) > 1 {
			for _, i := range matches {
				u.Matches = append(u.Matches, string(im.clients[i].ID.Value))
			}
			slices.Sort(u.Matches)
		} else if k != "" {
			for _, i := range load.NearestNames(u.Name, names) {
				c := im.byName[fold(names[i])]
				if len(c) == 0 {
					continue
				}
				cl := im.clients[c[0]]
				label := fmt.Sprintf("%s (%s)", cl.Name.Value, cl.ID.Value)
				if !slices.Contains(u.Nearest, label) {
					u.Nearest = append(u.Nearest, label)
				}
				if u.Client == "" {
					u.Client = ids[i]
				}
			}
		}
		slices.Sort(u.Years)
		r.Clients = append(r.Clients, *u)
	}
	var team []string
	for _, p := range im.people {
		team = append(team, p.Name.Value)
	}
	for _, u := range im.unknownPeople {
		for _, i := range load.NearestNames(u.Name, team) {
			if !slices.Contains(u.Nearest, team[i]) {
				u.Nearest = append(u.Nearest, team[i])
			}
		}
		slices.Sort(u.Years)
		r.People = append(r.People, *u)
	}
	byName := func(a, b Unknown) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Email, b.Email))
	}
	slices.SortFunc(r.Clients, byName)
	slices.SortFunc(r.People, byName)
	return r
}

// Change is a (client, year) whose management hours the import changes.
type Change struct {
	Client *book.Client
	Year   int
	Before *big.Rat // nil when the year has no row or the row no hours
	After  *big.Rat
}

// Changes compares the totals with the clients' financials: a total equal
// to the hours already there is no change (so a second import of the same
// files changes nothing, whatever way the number was written). A client
// with two rows for a year cannot be changed: which row is meant is the
// user's call; problems says so, one line each.
func Changes(totals []Total) (changes []Change, problems []string) {
	for _, t := range totals {
		c := t.Client
		var row *book.Financial
		rows := 0
		for i := range c.Financials {
			if f := &c.Financials[i]; f.Year.Set && f.Year.Value == t.Year {
				row = f
				rows++
			}
		}
		if rows > 1 {
			problems = append(problems, fmt.Sprintf("%s: financials has more than one row for %d: merge them into one", c.Path, t.Year))
			continue
		}
		ch := Change{Client: c, Year: t.Year, After: t.Hours}
		if row != nil && row.ManagementHours.Set && row.ManagementHours.Value.Rat != nil {
			if row.ManagementHours.Value.Rat.Cmp(t.Hours) == 0 {
				continue
			}
			ch.Before = row.ManagementHours.Value.Rat
		}
		changes = append(changes, ch)
	}
	return changes, problems
}
