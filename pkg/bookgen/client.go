package bookgen

import (
	"slices"
	"strconv"

	"github.com/clientbook/clientbook/pkg/book"
)

// client is what is drawn up front for one client: everything another of
// its files refers to (ids, names, dates). The rest of each file is drawn
// while it is written, from the same stream and always in the same order
// (client.yaml, plan.yaml, engagements, reviews).
type client struct {
	r     rng
	today book.Date

	id, name     string
	status, tier string
	owner        string
	since        book.Date
	level        int // the relationship's underlying health, 1–5
	stakeholders []stakeholder
	heavy        bool // one of the 1% with hundreds of touchpoints

	plan        bool
	engagements []engagement
	reviews     []review
}

type stakeholder struct {
	name, title, role, owner string
	strength                 int
}

type engagement struct {
	id, title, service, status string
	start, end                 book.Date
}

type review struct{ date book.Date }

func newClient(i int, seed uint64, today book.Date) *client {
	r := newRNG(seed, uint64(i))
	first, second := r.pick(nameFirst), r.pick(nameSecond)
	c := &client{
		r:     r,
		today: today,
		id:    slug(first+" "+second) + "-" + strconv.Itoa(i),
		name:  first + " " + second + " " + r.pick(nameSuffix),
		owner: r.person(),
		since: today - book.Date(r.between(60, 15*365)),
		level: r.between(1, 5),
	}
	switch p := r.Float64(); {
	case p < 0.75:
		c.status = "active"
	case p < 0.83:
		c.status = "paused"
	case p < 0.93:
		c.status = "former"
	default:
		c.status = "prospect"
	}
	switch p := r.Float64(); {
	case p < 0.2:
		c.tier = "key"
	case p < 0.7:
		c.tier = "standard"
	default:
		c.tier = "small"
	}
	if c.level == 1 && r.chance(0.5) {
		c.level = 2 // at-risk relationships are the exception, not a fifth of the book
	}
	c.heavy = r.chance(0.01)

	for k := range r.between(1, 7) {
		s := stakeholder{
			name:     r.pick(firstNames) + " " + r.pick(lastNames),
			title:    r.pick(titles),
			role:     r.pick([]string{"decision-maker", "influencer", "influencer", "user", "procurement"}),
			strength: r.between(1, 5),
			owner:    r.person(),
		}
		if k == 0 {
			s.owner = c.owner
			if r.chance(0.85) {
				s.role = "sponsor"
			}
		}
		c.stakeholders = append(c.stakeholders, s)
	}

	c.plan = r.chance(0.3)
	if r.chance(0.6) {
		c.drawEngagements()
	}
	if r.chance(0.4) {
		c.drawReviews()
	}
	return c
}

func (c *client) drawEngagements() {
	r := c.r
	used := map[string]bool{}
	for range r.between(1, 6) {
		e := engagement{service: r.pick(services)}
		e.title = r.pick(engagementWords[e.service])
		back := min(int(c.today-c.since), 5*365)
		e.start = c.today - book.Date(r.between(-60, back))
		e.end = e.start + book.Date(r.between(30, 400))
		switch {
		case e.start > c.today:
			e.status = "proposed"
		case e.end < c.today && r.chance(0.9):
			e.status = "complete"
		case e.end < c.today:
			e.status = "cancelled"
		case r.chance(0.92):
			e.status = "active"
		default:
			e.status = "cancelled"
		}
		base := slug(e.title) + "-" + strconv.Itoa(e.start.Year())
		e.id = base
		for k := 2; used[e.id]; k++ {
			e.id = base + "-" + strconv.Itoa(k)
		}
		used[e.id] = true
		c.engagements = append(c.engagements, e)
	}
	slices.SortFunc(c.engagements, func(a, b engagement) int { return int(a.start - b.start) })
}

func (c *client) drawReviews() {
	r := c.r
	year := c.today.Year()
	var years []int
	for y := year - 2; y <= year; y++ {
		if y >= c.since.Year() {
			years = append(years, y)
		}
	}
	for _, y := range r.sample(intStrings(years), r.between(1, 3)) {
		yi, _ := strconv.Atoi(y)
		lo := max(yearStart(yi), c.since)
		hi := min(yearStart(yi+1)-1, c.today)
		if hi < lo {
			continue
		}
		c.reviews = append(c.reviews, review{date: lo + book.Date(r.between(0, int(hi-lo)))})
	}
}

func intStrings(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}

// clientFile writes client.yaml.
func (c *client) clientFile(dst []byte) []byte {
	r := c.r
	b := buf(dst)
	if r.chance(0.5) {
		b.s("# yaml-language-server: $schema=../../.clientbook/schema/client.json\n")
	}
	b.s("apiVersion: clientbook/v1\nkind: Client\n")
	b.kv("", "id", c.id)
	b.kv("", "name", c.name)
	b.kv("", "status", c.status)
	b.kv("", "tier", c.tier)
	b.kv("", "industry", r.pick(industries))
	b.kv("", "geography", r.pick(geographies))
	b.s("size: {employees: ")
	b.int(employees(r))
	b.s("}\n")
	b.kvDate("", "since", c.since)
	b.kv("", "owner", c.owner)
	exclusive := r.chance(0.1)
	b.kv("", "exclusive", strconv.FormatBool(exclusive))
	if exclusive {
		b.s("competitors: ")
		b.flowList([]string{r.pick(nameFirst) + " " + r.pick(nameSecond), r.pick(nameFirst) + " " + r.pick(nameSecond)})
		b.s("\n")
	} else if r.chance(0.5) {
		b.s("competitors: []\n")
	}
	if r.chance(0.9) {
		b.kvInt("", "potential", r.between(1, 5))
	}
	if r.chance(0.2) {
		b.s("cadence: {touchpoint: 14d}     # they expect to hear from us every fortnight\n")
	}

	b.s("stakeholders:                  # the client's people we know\n")
	for _, s := range c.stakeholders {
		b.s("  - {name: ", s.name, ", title: ", s.title, ", role: ", s.role, ", strength: ")
		b.int(s.strength)
		b.s(", owner: ", s.owner, "}\n")
	}
	b.s("priorities:\n")
	for _, p := range r.sample(priorityTexts, r.between(1, 4)) {
		b.s("  - ", p, "\n")
	}

	b.s("financials:\n")
	year := c.today.Year()
	for y := year - r.between(1, 2); y <= year; y++ {
		if y < c.since.Year() {
			continue
		}
		b.s("  - {year: ")
		b.int(y)
		b.s(", revenue: ")
		b.int(money(r.between(5_000, 900_000), 1000))
		b.s(", margin: ", fraction(r.between(-5, 45)), ", management_hours: ")
		b.int(r.between(10, 400))
		b.s("}\n")
	}

	c.healthRounds(&b)
	c.touchpoints(&b)
	if c.level <= 2 && r.chance(0.5) || r.chance(0.02) {
		c.recovery(&b)
	}
	if r.chance(0.1) {
		b.kv("", "notes", quoted("Handover notes: see the shared drive, then ask "+c.stakeholders[0].name))
	}
	return b
}

// healthRounds writes health: one to five rounds, newest last, each with one
// to three raters assessing within a fortnight of each other.
func (c *client) healthRounds(b *buf) {
	r := c.r
	if r.chance(0.1) {
		return // never assessed
	}
	rounds := r.between(1, 5)
	var dates []book.Date
	base := c.today - book.Date(r.between(5, 240))
	for range rounds {
		if base < c.since {
			break
		}
		dates = append(dates, base)
		base -= book.Date(r.between(150, 200))
	}
	if len(dates) == 0 {
		return
	}
	b.s("health:                        # one assessment per rater per round\n")
	for k := len(dates) - 1; k >= 0; k-- {
		raters := []string{c.owner}
		for _, p := range r.sample(teamIDs, r.between(0, 2)) {
			if p != c.owner {
				raters = append(raters, p)
			}
		}
		for j, by := range raters {
			d := max(dates[k]-book.Date(r.between(0, 14)), c.since)
			b.kvDate("  - ", "date", d)
			b.kv("    ", "by", by)
			for _, f := range []string{"trust", "respect", "transparency", "access", "loyalty", "value"} {
				v := min(max(c.level+r.between(-1, 1), 1), 5)
				if k == 0 && r.chance(0.01) {
					continue // a factor the rater left blank
				}
				b.kvInt("    ", f, v)
			}
			if k == 0 && j == 0 && r.chance(0.25) {
				b.kv("    ", "position", r.pick([]string{"expert-for-hire", "trusted-advisor", "vendor", "trusted-partner"}))
			}
			if r.chance(0.15) {
				b.kv("    ", "notes", r.pick(assessNotes))
			}
		}
	}
}

// employees draws a headcount spread over small, mid-sized and large firms.
func employees(r rng) int {
	switch p := r.Float64(); {
	case p < 0.3:
		return r.between(5, 200)
	case p < 0.8:
		return r.between(200, 5000)
	default:
		return r.between(5000, 60000)
	}
}

// sortedDates draws n dates in [from, to], oldest first, as people log them.
func sortedDates(r rng, n int, from, to book.Date) []book.Date {
	dates := make([]book.Date, n)
	for k := range dates {
		dates[k] = from + book.Date(r.between(0, int(to-from)))
	}
	slices.Sort(dates)
	return dates
}

var teamIDs = func() []string {
	ids := make([]string, len(Team))
	for i, p := range Team {
		ids[i] = p.ID
	}
	return ids
}()

// touchpoints writes the touchpoint log: most clients have 5–20, a few none,
// and one in a hundred has hundreds.
func (c *client) touchpoints(b *buf) {
	r := c.r
	var n int
	switch {
	case c.heavy:
		n = r.between(200, 600)
	case r.chance(0.1):
		n = r.between(0, 4)
	default:
		n = r.between(5, 20)
	}
	if n == 0 {
		return
	}
	from := max(c.since, c.today-730)
	// A fifth of the clients have gone quiet: their last touchpoint is old.
	to := c.today
	if r.chance(0.2) {
		to = max(from, c.today-book.Date(r.between(30, 120)))
	}
	dates := sortedDates(r, n, from, to)
	b.s("touchpoints:\n")
	for k, d := range dates {
		b.s("  - {date: ")
		b.date(d)
		b.s(", kind: ", r.pick([]string{"call", "call", "email", "email", "meeting", "review", "social", "workshop"}))
		b.s(", by: ")
		if r.chance(0.6) {
			b.s(c.owner)
		} else {
			b.s(r.person())
		}
		b.s(", with: ")
		first := r.IntN(len(c.stakeholders))
		with := []string{c.stakeholders[first].name}
		if len(c.stakeholders) > 1 && r.chance(0.3) {
			with = append(with, c.stakeholders[(first+1+r.IntN(len(c.stakeholders)-1))%len(c.stakeholders)].name)
		}
		b.flowList(with)
		switch {
		case r.chance(0.05):
			b.s(", notes: ", quoted(r.pick(quotedNotes)))
		case r.chance(0.8):
			b.s(", notes: ", r.pick(touchNotes))
		}
		b.s("}")
		if k == len(dates)-1 && r.chance(0.1) {
			b.s("   # latest")
		}
		b.s("\n")
	}
}

// recovery writes a turnaround plan, open or closed.
func (c *client) recovery(b *buf) {
	r := c.r
	opened := max(c.since, c.today-book.Date(r.between(10, 200)))
	b.s("recovery:                      # a relationship being turned around\n")
	b.kvDate("  ", "opened", opened)
	b.kv("  ", "salvageable", strconv.FormatBool(r.chance(0.85)))
	b.kv("  ", "root_cause", r.pick(rootCauses))
	b.kv("  ", "responsibility_accepted", strconv.FormatBool(r.chance(0.7)))
	b.s("  plan:\n")
	last := opened
	for _, due := range sortedDates(r, r.between(1, 4), opened+3, opened+90) {
		b.s("    - {action: ", r.pick(actionTexts), ", owner: ", r.person(), ", due: ")
		b.date(due)
		b.s(", done: ")
		if due <= c.today && r.chance(0.7) {
			done := min(max(opened, due-book.Date(r.between(-7, 3))), c.today)
			last = max(last, done)
			b.date(done)
		} else {
			b.s("null")
		}
		b.s("}\n")
	}
	if r.chance(0.3) {
		b.kvDate("  ", "closed", last+book.Date(r.between(0, int(c.today-last))))
	} else {
		b.s("  closed: null\n")
	}
}
