package bookgen

import (
	"strconv"

	"github.com/clientbook/clientbook/pkg/book"
)

// engagementFile writes engagements/<id>.yaml for the k-th engagement.
func (c *client) engagementFile(dst []byte, k int) []byte {
	r := c.r
	e := c.engagements[k]
	b := buf(dst)
	if r.chance(0.5) {
		b.s("# yaml-language-server: $schema=../../../.clientbook/schema/engagement.json\n")
		b.s("apiVersion: clientbook/v1\n")
	}
	b.s("kind: Engagement\n")
	b.kv("", "id", e.id)
	b.kv("", "title", e.title)
	b.kv("", "service", e.service)
	b.kv("", "status", e.status)
	b.kvDate("", "start", e.start)
	b.kvDate("", "end", e.end)
	fee := money(r.between(8_000, 400_000), 500)
	b.kvInt("", "fee", fee)
	budget := max(10, fee/r.between(120, 220))
	b.s("hours: {budget: ")
	b.int(budget)
	if e.status != "proposed" {
		var actual int
		switch e.status {
		case "complete":
			actual = budget * r.between(75, 110) / 100
		default:
			elapsed := int(min(c.today, e.end) - e.start)
			actual = budget * elapsed / max(1, int(e.end-e.start)) * r.between(70, 110) / 100
		}
		b.s(", actual: ")
		b.int(actual)
	}
	b.s("}\n")
	if r.chance(0.3) {
		b.kv("", "owner", r.person())
	}

	span := int(e.end - e.start)
	if n := r.between(0, 6); n > 0 {
		b.s("milestones:\n")
		for m, name := range r.sample(milestoneNames, n) {
			due := e.start + book.Date(span*(m+1)/(n+1))
			b.s("  - {name: ", name, ", due: ")
			b.date(due)
			b.s(", done: ")
			c.doneDate(&b, e, due, e.status == "complete")
			b.s("}")
			if due < c.today && r.chance(0.05) {
				b.s("     # blocked on the client")
			}
			b.s("\n")
		}
	}
	if n := r.between(0, 3); n > 0 {
		b.s("client_dependencies:           # what the client owes us, and when\n")
		for m, what := range r.sample(dependencyNames, n) {
			due := e.start + book.Date(span*(m+1)/(n+2))
			b.s("  - {what: ", what, ", due: ")
			b.date(due)
			b.s(", received: ")
			c.doneDate(&b, e, due, false)
			b.s("}\n")
		}
	}
	if e.start <= c.today && r.chance(0.4) {
		b.s("scope_changes:\n")
		for range r.between(1, 2) {
			d := e.start + book.Date(r.between(0, int(min(e.end, c.today)-e.start)))
			b.s("  - {date: ")
			b.date(d)
			b.s(", change: ", r.pick(scopeChanges))
			switch p := r.Float64(); {
			case p < 0.6:
				b.s(", approved: true")
			case p < 0.85:
				b.s(", approved: false")
			}
			b.s("}\n")
		}
	}
	if r.chance(0.1) {
		b.s("notes: |\n  Kick-off went well. The sponsor wants a weekly call;\n  the team agreed to a fortnightly written update instead.\n")
	}
	return b
}

// doneDate writes the date something due was done or received, or null:
// never before the engagement started and never after today.
func (c *client) doneDate(b *buf, e engagement, due book.Date, always bool) {
	r := c.r
	if due > c.today || (!always && r.chance(0.08)) {
		b.s("null")
		return
	}
	done := min(max(e.start, due+book.Date(r.between(-5, 10))), c.today)
	b.date(done)
}

// planFile writes plan.yaml: this year's plan mostly, last year's sometimes.
func (c *client) planFile(dst []byte) []byte {
	r := c.r
	b := buf(dst)
	year := c.today.Year()
	if r.chance(0.2) {
		year--
	}
	start := yearStart(year)
	b.s("# yaml-language-server: $schema=../../.clientbook/schema/accountplan.json\n")
	b.s("apiVersion: clientbook/v1\nkind: AccountPlan\n")
	b.kvInt("", "year", year)
	b.s("owner: ", r.senior(), "                  # a senior team member\n")
	if r.chance(0.7) && len(c.stakeholders) > 0 {
		b.s("client_input: {date: ")
		b.date(start + book.Date(r.between(5, 40)))
		b.s(", with: ")
		b.flowList([]string{c.stakeholders[0].name})
		b.s(", notes: ", quoted("Their goals for "+strconv.Itoa(year)+": growth, then cost"), "}\n")
	}
	b.s("goals:\n")
	n := r.between(2, 5)
	if r.chance(0.05) {
		n = 8 // a plan that tries to do everything
	}
	for g := range n {
		b.s("  - ", goalTexts[g%len(goalTexts)], "\n")
	}
	if m := r.between(0, 3); m > 0 {
		b.s("meetings:                      # team planning sessions\n")
		for k := range m {
			d := start + book.Date(20+k*110+r.between(0, 20))
			b.s("  - {date: ")
			b.date(d)
			b.s(", held: ", strconv.FormatBool(d <= c.today && r.chance(0.9)), "}\n")
		}
	}
	if r.chance(0.8) {
		b.kv("", "updates", r.pick([]string{"weekly", "fortnightly", "monthly", "monthly"}))
	}
	if a := r.between(0, 6); a > 0 {
		b.s("actions:\n")
		for _, due := range sortedDates(r, a, start+30, start+360) {
			b.s("  - {action: ", r.pick(actionTexts))
			if r.chance(0.95) {
				b.s(", owner: ", r.person())
			}
			b.s(", due: ")
			b.date(due)
			b.s(", done: ")
			if due <= c.today && r.chance(0.75) {
				b.date(min(max(start, due-book.Date(r.between(0, 20))), c.today))
			} else {
				b.s("null")
			}
			b.s("}\n")
		}
	}
	return b
}

// reviewFile writes reviews/<year>.yaml for the k-th review.
func (c *client) reviewFile(dst []byte, k int) []byte {
	r := c.r
	rv := c.reviews[k]
	b := buf(dst)
	b.s("# yaml-language-server: $schema=../../../.clientbook/schema/review.json\n")
	b.s("apiVersion: clientbook/v1\nkind: Review\n")
	b.kvDate("", "date", rv.date)
	var with []string
	for _, s := range c.stakeholders[:min(len(c.stakeholders), r.between(1, 2))] {
		with = append(with, s.name)
	}
	b.s("with: ")
	b.flowList(with)
	b.s("\n")
	b.kv("", "by", c.owner)
	b.s("overall: ")
	b.int(min(max(c.level+r.between(-1, 1), 1), 5))
	b.s("                     # the client's own rating, 1-5\n")
	if r.chance(0.7) {
		b.kvInt("", "nps", min(max(2*c.level+r.between(-2, 1), 0), 10))
	}
	b.s("answers:\n")
	for _, q := range r.sample(questions, r.between(3, 9)) {
		b.kv("  ", q, answerTexts[q])
	}
	return b
}

// opportunityFile writes opportunity j: for an existing client among
// 20j..20j+19 half of the time, else for a described prospect.
func opportunityFile(dst []byte, j int, seed uint64, today book.Date) (id string, data []byte) {
	r := newRNG(seed, opportunityStream+uint64(j))
	b := buf(dst)
	service := r.pick(services)
	title := r.pick(engagementWords[service])
	id = slug(title) + "-" + strconv.Itoa(j)
	b.s("# yaml-language-server: $schema=../.clientbook/schema/opportunity.json\n")
	b.s("apiVersion: clientbook/v1\nkind: Opportunity\n")
	b.kv("", "id", id)
	if r.chance(0.5) {
		i := ClientsPerOpportunity*j + r.IntN(ClientsPerOpportunity)
		c := newClient(i, seed, today)
		b.s("client: ", c.id, "        # existing client: profile comes from its client file\n")
	} else {
		b.s("prospect: {name: ", r.pick(nameFirst), " ", r.pick(nameSecond), ", industry: ", r.pick(industries),
			", geography: ", r.pick(geographies), ", size: {employees: ")
		b.int(employees(r))
		b.s("}}\n")
	}
	b.kv("", "service", service)
	b.kv("", "summary", title)
	b.kvInt("", "value", money(r.between(10_000, 500_000), 5000))
	if r.chance(0.8) {
		b.s("issue: {defined: ", strconv.FormatBool(r.chance(0.7)), "}\n")
	}
	if r.chance(0.85) {
		b.s("sponsor: {name: ", r.pick(firstNames), " ", r.pick(lastNames), ", title: ", r.pick(titles),
			", senior: ", strconv.FormatBool(r.chance(0.7)), ", committed: ", strconv.FormatBool(r.chance(0.6)), "}\n")
	}
	b.kv("", "procurement_led", strconv.FormatBool(r.chance(0.2)))
	b.s("conflicts: []\n")
	b.s("ratings:                       # the team's own 1-5 answers\n")
	for _, k := range []string{"fit", "issue", "impact", "sponsor", "relational", "other"} {
		if r.chance(0.9) {
			b.kvInt("  ", k, r.between(1, 5))
		}
	}
	if r.chance(0.5) {
		b.s("notes:\n")
		b.kv("  ", "other", quoted("Marquee name: builds our "+service+" capability"))
	}
	return id, b
}
