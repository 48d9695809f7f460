package review

import (
	"slices"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
)

func set[T any](v T) book.Field[T] { return book.Field[T]{Value: v, Set: true} }

func stakeholder(name, role string, strength int, owner book.ID) book.Stakeholder {
	sh := book.Stakeholder{Name: set(name), Role: set(role), Owner: set(owner)}
	if strength > 0 {
		sh.Strength = set(strength)
	}
	return sh
}

var settings = book.SettingsOf(&book.Firm{Team: []book.Person{
	{ID: set(book.ID("piers")), Name: set("Piers Bracher"), Senior: set(true)},
	{ID: set(book.ID("sam")), Name: set("Sam Okafor")},
}})

// agenda builds the agenda of c with no health results.
func agenda(c *book.Client) Agenda {
	return AgendaFor(c, settings, health.Result{Client: c})
}

func ids(a Agenda) []string {
	var out []string
	for _, q := range a.Questions {
		out = append(out, q.ID)
	}
	return out
}

func question(t *testing.T, a Agenda, id string) Question {
	t.Helper()
	for _, q := range a.Questions {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("no %s question in %v", id, ids(a))
	return Question{}
}

func TestCatalogIsTheSpecsThirteen(t *testing.T) {
	want := []string{"assessment", "valuable", "improve", "people", "communication", "plans", "ahead",
		"priorities", "excited", "easier", "team", "manager", "navigate"}
	var got []string
	for _, e := range Catalog {
		got = append(got, e.ID)
		if !strings.HasSuffix(e.Text, "?") {
			t.Errorf("%s: %q is not a question", e.ID, e.Text)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("catalog ids %v, want %v", got, want)
	}
}

func TestAgendaOrderAndSkips(t *testing.T) {
	for _, tc := range []struct {
		name   string
		client *book.Client
		skip   []string
	}{
		{
			name: "manager and an active engagement: all thirteen",
			client: &book.Client{Owner: set(book.ID("piers")), Engagements: []*book.Engagement{
				{Status: set("active"), Title: set("Brand refresh")},
			}},
		},
		{
			name: "a complete engagement is a team",
			client: &book.Client{Owner: set(book.ID("piers")), Engagements: []*book.Engagement{
				{Status: set("complete")},
			}},
		},
		{
			name:   "two of our people own stakeholders: a team",
			client: &book.Client{Stakeholders: []book.Stakeholder{stakeholder("A", "sponsor", 4, "piers"), stakeholder("B", "user", 3, "sam")}, Owner: set(book.ID("piers"))},
		},
		{
			name:   "owner and another stakeholder owner: a team",
			client: &book.Client{Stakeholders: []book.Stakeholder{stakeholder("A", "sponsor", 4, "sam")}, Owner: set(book.ID("piers"))},
		},
		{
			name: "one person, only a proposed engagement: no team",
			client: &book.Client{Owner: set(book.ID("piers")), Stakeholders: []book.Stakeholder{stakeholder("A", "sponsor", 4, "piers")},
				Engagements: []*book.Engagement{{Status: set("proposed"), Owner: set(book.ID("piers"))}}},
			skip: []string{"team"},
		},
		{
			name:   "no owner, no one: neither team nor manager",
			client: &book.Client{},
			skip:   []string{"team", "manager"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := agenda(tc.client)
			var want []string
			for _, e := range Catalog {
				if !slices.Contains(tc.skip, e.ID) {
					want = append(want, e.ID)
				}
			}
			if got := ids(a); !slices.Equal(got, want) {
				t.Fatalf("questions %v, want %v", got, want)
			}
			var skipped []string
			for _, s := range a.Skipped {
				skipped = append(skipped, s.ID)
				if s.Reason == "" {
					t.Errorf("%s skipped without a reason", s.ID)
				}
			}
			if !slices.Equal(skipped, tc.skip) {
				t.Fatalf("skipped %v, want %v", skipped, tc.skip)
			}
		})
	}
}

func TestPlansAskAboutEachPriority(t *testing.T) {
	c := &book.Client{Priorities: []book.Field[string]{set("Launch the loyalty app by Q3"), set("Cut returns\n  by 10%")}}
	got := question(t, agenda(c), "plans").Ask
	want := []string{"What are your plans for “Launch the loyalty app by Q3”?", "What are your plans for “Cut returns by 10%”?"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}

	q := question(t, agenda(&book.Client{}), "plans")
	if len(q.Ask) != 1 || !strings.Contains(q.Ask[0], "year ahead") || len(q.Notes) != 1 {
		t.Fatalf("no priorities: got %+v", q)
	}
}

func TestPeopleWeakAndMissing(t *testing.T) {
	c := &book.Client{Stakeholders: []book.Stakeholder{
		stakeholder("Jane Doe", "influencer", 4, "piers"),
		stakeholder("Strong Three", "user", 3, "piers"), // 3 is not weak
		stakeholder("Weak Two", "procurement", 2, "piers"),
		stakeholder("Weak One", "user", 1, "piers"),
		stakeholder("Unrated", "user", 0, "piers"), // no strength: not known to be weak
	}}
	c.Stakeholders[2].Title = set("Buyer")
	q := question(t, agenda(c), "people")
	want := []string{
		Text("people"),
		"Should we be spending more time with Weak Two (Buyer)?",
		"Should we be spending more time with Weak One?",
		"Who is the executive sponsor of our work with you?",
		"Who makes the final decision on work like ours?",
	}
	if !slices.Equal(q.Ask, want) {
		t.Fatalf("ask\n%q\nwant\n%q", q.Ask, want)
	}

	full := &book.Client{Stakeholders: []book.Stakeholder{
		stakeholder("A", "sponsor", 4, "piers"),
		stakeholder("B", "decision-maker", 3, "piers"),
	}}
	if q := question(t, agenda(full), "people"); len(q.Ask) != 1 || len(q.Notes) != 0 {
		t.Fatalf("nothing weak or missing: got %+v", q)
	}

	if q := question(t, agenda(&book.Client{}), "people"); !slices.Contains(q.Ask, "Who in your organisation should we get to know?") {
		t.Fatalf("no stakeholders: got %+v", q)
	}
}

func TestManagerByName(t *testing.T) {
	q := question(t, agenda(&book.Client{Owner: set(book.ID("piers"))}), "manager")
	if q.Ask[0] != "Your assessment of our relationship manager, Piers Bracher?" {
		t.Fatalf("got %q", q.Ask[0])
	}
	// A manager not in the team is named by id.
	q = question(t, agenda(&book.Client{Owner: set(book.ID("kim"))}), "manager")
	if q.Ask[0] != "Your assessment of our relationship manager, kim?" {
		t.Fatalf("got %q", q.Ask[0])
	}
}

func TestNotesFromTheLastReviewAndHealth(t *testing.T) {
	c := &book.Client{Owner: set(book.ID("piers"))}
	r := &book.Review{Date: set(book.Date(20000)), Overall: set(2), Answers: book.StringMap{
		{Key: "improve", Value: set("Fewer\nsurprises.")},
		{Key: "easier", Value: set("  ")},
	}}
	score, trend := 80, "down"
	h := health.Result{Client: c, Score: &score, Band: health.Healthy, Trend: &trend, Review: r,
		Flags: []health.Flag{{ID: health.FlagRatedHigher, Message: "we rate it higher than the client does (80 against the client's 25)"}}}
	a := AgendaFor(c, settings, h)
	date := book.Date(20000).String()
	if got, want := question(t, a, "improve").Notes, []string{"last review (" + date + "): “Fewer surprises.”"}; !slices.Equal(got, want) {
		t.Fatalf("improve notes %q, want %q", got, want)
	}
	if got := question(t, a, "easier").Notes; len(got) != 0 {
		t.Fatalf("a blank answer gave notes %q", got)
	}
	want := []string{
		"we score the relationship 80 (healthy, trend down)",
		"at the last review (" + date + ") the client rated it 2 of 5",
		"we rate it higher than the client does (80 against the client's 25): listen for why",
	}
	if got := question(t, a, "assessment").Notes; !slices.Equal(got, want) {
		t.Fatalf("assessment notes\n%q\nwant\n%q", got, want)
	}
}

func TestDoNotAsk(t *testing.T) {
	a := agenda(&book.Client{})
	var all strings.Builder
	for _, av := range a.Avoid {
		all.WriteString(av.Question + "\n")
		if av.Why == "" {
			t.Errorf("%q without a reason", av.Question)
		}
	}
	for _, q := range []string{"What keeps you up at night?", "What will success look like?", "What question haven't I asked?", "Don't you think"} {
		if !strings.Contains(all.String(), q) {
			t.Errorf("%q is not among the questions not to ask", q)
		}
	}
}

func date(t *testing.T, s string) book.Date {
	t.Helper()
	d, err := book.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRecoveryActionStates pins each action's state against health's
// reading of its promises, worked out by hand for today 2026-11-23.
func TestRecoveryActionStates(t *testing.T) {
	action := func(what, due, done string) book.Action {
		a := book.Action{Action: set(what), Owner: set(book.ID("piers"))}
		if due != "" {
			a.Due = set(date(t, due))
		}
		if done != "" {
			a.Done = set(date(t, done))
		}
		return a
	}
	c := &book.Client{ID: set(book.ID("acme")), Name: set("Acme"), Recovery: &book.Recovery{
		Opened: set(date(t, "2026-10-01")), Salvageable: set(true), RootCause: set("Brief misread"),
		ResponsibilityAccepted: set(true),
		Plan: []book.Action{
			action("early", "2026-10-10", "2026-10-08"),
			action("on the day", "2026-10-20", "2026-10-20"),
			action("late", "2026-10-30", "2026-11-02"),
			action("undone past due", "2026-11-22", ""),
			action("due today", "2026-11-23", ""),
			action("no due, done", "", "2026-11-01"),
			action("no due", "", ""),
		},
	}}
	today := date(t, "2026-11-23")
	a := AgendaFor(c, settings, health.Result{Client: c, Recovery: health.RecoveryOf(c, today)})
	if a.Recovery == nil {
		t.Fatal("no recovery on the agenda of a client with an open recovery")
	}
	want := map[string]string{
		"early": StateKept, "on the day": StateKept, "late": StateLate, "undone past due": StateOverdue,
		"due today": StatePending, "no due, done": StateDone, "no due": StateUndated,
	}
	if len(a.Recovery.Actions) != len(want) {
		t.Fatalf("got %d actions, want %d", len(a.Recovery.Actions), len(want))
	}
	for _, act := range a.Recovery.Actions {
		if act.State != want[act.Action] {
			t.Errorf("%s: state %s, want %s", act.Action, act.State, want[act.Action])
		}
	}
	// Fallen due: early, on the day, late, undone past due (4); kept 2: 50.
	if r := a.Recovery; r.PromisesKept == nil || *r.PromisesKept != 50 || r.Kept != 2 || r.FallenDue != 4 {
		t.Errorf("promises kept %v (%d of %d), want 50 (2 of 4)", r.PromisesKept, r.Kept, r.FallenDue)
	}
	if r := a.Recovery; r.NextDeadline == nil || r.NextDeadline.String() != "2026-11-22" {
		t.Errorf("next deadline %v, want 2026-11-22", r.NextDeadline)
	}
	lines := a.Recovery.Lines(settings)
	if got, want := lines[len(lines)-1], "Promises kept so far: 50% (2 of the 4 fallen due); next deadline 2026-11-22, overdue: undone past due."; got != want {
		t.Errorf("last line\n got %q\nwant %q", got, want)
	}
	if got, want := lines[0], "Root cause, in the client's words: “Brief misread”"; got != want {
		t.Errorf("first line %q, want %q", got, want)
	}

	// A closed recovery is not on the agenda.
	c.Recovery.Closed = set(date(t, "2026-11-20"))
	if a := AgendaFor(c, settings, health.Result{Client: c, Recovery: health.RecoveryOf(c, today)}); a.Recovery != nil {
		t.Errorf("a closed recovery is on the agenda: %+v", a.Recovery)
	}
}

// TestRecoveryLinesUnsettled: what is not settled yet is said, not left out.
func TestRecoveryLinesUnsettled(t *testing.T) {
	c := &book.Client{ID: set(book.ID("acme")), Recovery: &book.Recovery{Opened: set(date(t, "2026-10-01")), Salvageable: set(false)}}
	r := recoveryOf(c, health.RecoveryOf(c, date(t, "2026-11-23")))
	want := []string{
		"No root cause recorded: ask for it, and write it down in the client's words.",
		"Responsibility not stated: settle what we accept before the meeting, without assigning blame.",
		"Judged not salvageable: the client does not want to work things out; end the relationship cleanly.",
		"No plan yet: agree actions with owners and hard deadlines.",
		"No promise has fallen due yet; no deadline ahead.",
	}
	if got := r.Lines(settings); !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
