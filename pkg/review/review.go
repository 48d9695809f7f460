package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
)

// Entry is one of SPEC §4's questions: its id and its words.
type Entry struct {
	ID   string
	Text string
}

// Catalog is SPEC §4's questions in the spec's order. Its ids are the keys
// of a review's answers.
var Catalog = []Entry{
	{"assessment", "Your overall assessment of our relationship and the work we have done for you?"},
	{"valuable", "What have we done this past year that you found particularly valuable or useful?"},
	{"improve", "If you could change or improve one thing about our relationship, what would it be?"},
	{"people", "Are there people in your organisation with whom we should invest more time?"},
	{"communication", "How could we improve the amount, timing or format of our communications?"},
	{"plans", "What are your plans for ...?"},
	{"ahead", "Looking ahead 6–12 months, what challenges are coming that we might think about for you?"},
	{"priorities", "What are your most important priorities next year; how will you be evaluated?"},
	{"excited", "What are you personally most excited about, and most concerned about?"},
	{"easier", "What could we change that would make doing business with us easier?"},
	{"team", "Your assessment of our team: strengths, weaknesses, skills to add?"},
	{"manager", "Your assessment of our relationship manager?"},
	{"navigate", "If you need something from us, do you always know whom to go to?"},
}

// Text returns the question with the given id, or "" for an unknown id.
func Text(id string) string {
	for _, e := range Catalog {
		if e.ID == id {
			return e.Text
		}
	}
	return ""
}

// Agenda is the annual review's agenda for one client.
type Agenda struct {
	ID      string  `json:"id"`
	Name    string  `json:"name"`
	Manager *string `json:"manager"` // the relationship manager's team id
	// Recovery is the open recovery the review opens with, before the
	// annual questions (SPEC §4); null when none is open.
	Recovery  *Recovery  `json:"recovery"`
	Questions []Question `json:"questions"`
	Skipped   []Skipped  `json:"skipped"`
	Avoid     []Avoid    `json:"avoid"`
}

// Question is one question of the agenda, tailored to the client.
type Question struct {
	ID       string   `json:"id"`
	Question string   `json:"question"` // the spec's words
	Ask      []string `json:"ask"`      // what to ask, in order; the first is the question itself
	Notes    []string `json:"notes"`    // what to have in mind while asking
}

// Skipped is a question left out of this client's agenda, and why.
type Skipped struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Reason   string `json:"reason"`
}

// Avoid is a question not to ask, and why.
type Avoid struct {
	Question string `json:"question"`
	Why      string `json:"why"`
}

// DoNotAsk are the questions SPEC §4 says not to ask, with what to do instead.
var DoNotAsk = []Avoid{
	{"What keeps you up at night?", "a cliché that gets a stock answer; ask about the challenges of the next 6–12 months (ahead) instead"},
	{"What will success look like?", "too abstract to answer well; ask how they will be evaluated (priorities) instead"},
	{"What question haven't I asked?", "hands your preparation to the client; come with the questions that matter to them"},
	{"Leading questions such as \"Don't you think…?\" or \"Wouldn't you agree…?\"", "they put the answer in the client's mouth; ask open questions and listen"},
}

// weak is the stakeholder strength at or below which a relationship needs
// more time: 1 and 2 of 5.
const weak = 2

// AgendaFor builds the agenda of SPEC §4 for c. h is the client's health on
// the day, whose newest review and flags give the notes, and whose open
// recovery the agenda opens with.
func AgendaFor(c *book.Client, s *book.Settings, h health.Result) Agenda {
	a := Agenda{ID: string(c.ID.Value), Name: c.Name.Or(string(c.ID.Value)), Skipped: []Skipped{}, Avoid: DoNotAsk}
	if c.Owner.Set {
		owner := string(c.Owner.Value)
		a.Manager = &owner
	}
	a.Recovery = recoveryOf(c, h.Recovery)
	for _, e := range Catalog {
		q := Question{ID: e.ID, Question: e.Text, Ask: []string{e.Text}, Notes: []string{}}
		switch e.ID {
		case "assessment":
			q.Notes = append(q.Notes, healthNotes(h)...)
		case "people":
			q.Ask, q.Notes = people(c, h)
		case "plans":
			q.Ask, q.Notes = plans(c)
		case "team":
			team, why := hasTeam(c)
			if !team {
				a.Skipped = append(a.Skipped, Skipped{ID: e.ID, Question: e.Text, Reason: why})
				continue
			}
			q.Notes = append(q.Notes, why)
		case "manager":
			if a.Manager == nil {
				a.Skipped = append(a.Skipped, Skipped{ID: e.ID, Question: e.Text, Reason: "the client has no relationship manager (no owner in client.yaml)"})
				continue
			}
			q.Ask = []string{fmt.Sprintf("Your assessment of our relationship manager, %s?", personName(s, c.Owner.Value))}
		}
		if r := h.Review; r != nil {
			if ans, ok := r.Answers.Get(e.ID); ok && ans.Set && strings.TrimSpace(ans.Value) != "" {
				q.Notes = append(q.Notes, fmt.Sprintf("last review (%s): “%s”", r.Date.Value, oneLine(ans.Value)))
			}
		}
		a.Questions = append(a.Questions, q)
	}
	return a
}

// healthNotes says how we rate the relationship and how the client did,
// so that the assessment question is asked knowing where we stand.
func healthNotes(h health.Result) []string {
	var notes []string
	if h.Score != nil {
		n := fmt.Sprintf("we score the relationship %d (%s", *h.Score, h.Band)
		if h.Trend != nil {
			n += ", trend " + *h.Trend
		}
		notes = append(notes, n+")")
	}
	if r := h.Review; r != nil && r.Overall.Set {
		notes = append(notes, fmt.Sprintf("at the last review (%s) the client rated it %d of 5", r.Date.Value, r.Overall.Value))
	}
	for _, f := range h.Flags {
		if f.ID == health.FlagRatedHigher {
			notes = append(notes, f.Message+": listen for why")
		}
	}
	return notes
}

// people tailors the people question to the client's weak relationships
// (strength 2 or less) and the roles no stakeholder holds.
func people(c *book.Client, h health.Result) (ask, notes []string) {
	ask = []string{Text("people")}
	notes = []string{}
	if len(c.Stakeholders) == 0 {
		ask = append(ask, "Who in your organisation should we get to know?")
		notes = append(notes, "no stakeholders recorded: write down whom you meet under stakeholders")
	}
	for _, sh := range c.Stakeholders {
		if sh.Strength.Set && sh.Strength.Value <= weak {
			ask = append(ask, fmt.Sprintf("Should we be spending more time with %s?", nameTitle(sh)))
			notes = append(notes, fmt.Sprintf("our relationship with %s is weak (strength %d of 5)", sh.Name.Value, sh.Strength.Value))
		}
	}
	roles := map[string]bool{}
	for _, sh := range c.Stakeholders {
		roles[sh.Role.Value] = true
	}
	if !roles["sponsor"] {
		ask = append(ask, "Who is the executive sponsor of our work with you?")
		notes = append(notes, "no stakeholder is our sponsor")
	}
	if !roles["decision-maker"] {
		ask = append(ask, "Who makes the final decision on work like ours?")
		notes = append(notes, "we know no decision-maker")
	}
	if slices.ContainsFunc(h.Flags, func(f health.Flag) bool { return f.ID == health.FlagSingleThreaded }) {
		notes = append(notes, "single-threaded: only one of their people knows us well")
	}
	return ask, notes
}

func nameTitle(sh book.Stakeholder) string {
	if sh.Title.Value != "" {
		return fmt.Sprintf("%s (%s)", sh.Name.Value, sh.Title.Value)
	}
	return sh.Name.Value
}

// plans asks about each of the client's priorities, in their words.
func plans(c *book.Client) (ask, notes []string) {
	notes = []string{}
	for _, p := range c.Priorities {
		if t := oneLine(p.Value); t != "" {
			ask = append(ask, fmt.Sprintf("What are your plans for “%s”?", t))
		}
	}
	if len(ask) == 0 {
		ask = []string{"What are your plans for the year ahead?"}
		notes = append(notes, "no priorities recorded: write what you hear under priorities in client.yaml")
	}
	return ask, notes
}

// hasTeam decides whether the client has seen a team of ours worth
// assessing: we have delivered work for it (an engagement active or
// complete — delivery means a team the client has worked with), or two or
// more of our people work with it as its relationship manager, owners of
// its stakeholders or owners of its engagements. A client served by one
// person alone would be asked about that person twice (manager and team).
func hasTeam(c *book.Client) (bool, string) {
	for _, e := range c.Engagements {
		if st := e.Status.Value; st == "active" || st == "complete" {
			return true, fmt.Sprintf("we have worked for them (%s)", e.Title.Or(string(e.ID.Value)))
		}
	}
	var people []string
	add := func(id book.Field[book.ID]) {
		if id.Set && !slices.Contains(people, string(id.Value)) {
			people = append(people, string(id.Value))
		}
	}
	add(c.Owner)
	for _, sh := range c.Stakeholders {
		add(sh.Owner)
	}
	for _, e := range c.Engagements {
		add(e.Owner)
	}
	if len(people) >= 2 {
		return true, "our team with them: " + strings.Join(people, ", ")
	}
	return false, "no engagement active or complete, and fewer than two of our people work with the client: there is no team to assess"
}

func personName(s *book.Settings, id book.ID) string {
	if p, ok := s.Team[id]; ok && p.Name.Value != "" {
		return p.Name.Value
	}
	return string(id)
}

// oneLine folds an answer written over several lines into one.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
