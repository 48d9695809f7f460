package due

import (
	"slices"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
)

func set[T any](v T) book.Field[T] { return book.Field[T]{Value: v, Set: true} }

func day(t *testing.T, s string) book.Date {
	t.Helper()
	d, err := book.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestList(t *testing.T) {
	today := day(t, "2026-11-23")
	c := &book.Client{
		ID: set(book.ID("acme")), Status: set("active"), Owner: set(book.ID("piers")),
		Since:       set(day(t, "2020-01-01")),
		Touchpoints: []book.Touchpoint{{Date: set(day(t, "2026-10-24"))}}, // +30d = 2026-11-23: due today, not overdue
		Plan: &book.Plan{Path: "clients/acme/plan.yaml", Year: set(2026), Owner: set(book.ID("piers")),
			Actions: []book.Action{
				{Action: set("yesterday"), Owner: set(book.ID("sam")), Due: set(day(t, "2026-11-22"))},
				{Action: set("done already"), Due: set(day(t, "2026-11-01")), Done: set(day(t, "2026-11-02"))},
				{Action: set("in 14 days"), Due: set(day(t, "2026-12-07"))},
				{Action: set("in 15 days"), Due: set(day(t, "2026-12-08"))},
			},
			Meetings: []book.Meeting{{Date: set(day(t, "2026-12-01"))}, {Date: set(day(t, "2026-02-01")), Held: set(true)}},
		},
		Recovery: &book.Recovery{Opened: set(day(t, "2026-10-01")), Closed: set(day(t, "2026-10-20")),
			Plan: []book.Action{{Action: set("closed recovery"), Due: set(day(t, "2026-11-01"))}}},
		Engagements: []*book.Engagement{
			{Title: set("Brand"), Status: set("active"), Milestones: []book.Milestone{{Name: set("Concepts"), Due: set(day(t, "2026-11-20"))}},
				ClientDependencies: []book.Dependency{{What: set("Photos"), Due: set(day(t, "2026-11-10")), Received: set(day(t, "2026-11-09"))}}},
			{Title: set("Old"), Status: set("cancelled"), Milestones: []book.Milestone{{Name: set("Never"), Due: set(day(t, "2026-11-20"))}}},
		},
		Reviews: []*book.Review{{Path: "clients/acme/reviews/2025.yaml", Date: set(day(t, "2025-11-24"))}}, // +365 = 2026-11-24
	}
	former := &book.Client{ID: set(book.ID("gone")), Status: set("former"), Since: set(day(t, "2020-01-01"))}
	b := &book.Book{Clients: []*book.Client{c, former}, Settings: book.SettingsOf(nil)}
	results := []health.Result{health.Assess(c, b.Settings, today), health.Assess(former, b.Settings, today)}

	items := List(b, results, today, Options{Within: 14})
	var got []string
	for _, it := range items {
		mark := ""
		if it.Overdue {
			mark = "!"
		}
		got = append(got, it.Date.String()+" "+it.Kind+mark)
	}
	want := []string{
		"2026-11-20 milestone!",
		"2026-11-22 action!",
		"2026-11-23 touchpoint",
		"2026-11-24 review",
		"2026-12-01 planning-meeting",
		"2026-12-07 action",
	}
	if !slices.Equal(got, want) {
		t.Errorf("due list:\n got %q\nwant %q", got, want)
	}
	if o := items[1].Owner; o == nil || *o != "sam" {
		t.Errorf("action owner = %v, want sam", o)
	}
	if o := items[0].Owner; o == nil || *o != "piers" {
		t.Errorf("milestone owner falls back to the client's owner, got %v", o)
	}

	mine := List(b, results, today, Options{Within: 14, Owners: []string{"sam"}})
	if len(mine) != 1 || mine[0].What != "yesterday" {
		t.Errorf("--owner sam: %+v", mine)
	}
}

// TestNothingPastTheLastDate: `since: 9999-12-31` puts the first check-in
// and the first review in year 10000, which YYYY-MM-DD cannot write: however
// far --within reaches, the list ends on 9999-12-31.
func TestNothingPastTheLastDate(t *testing.T) {
	today := day(t, "2026-11-23")
	c := &book.Client{
		ID: set(book.ID("far")), Status: set("active"), Since: set(day(t, "9999-12-31")),
		Plan: &book.Plan{Year: set(9999), Actions: []book.Action{
			{Action: set("last day"), Due: set(day(t, "9999-12-31"))},
		}},
	}
	b := &book.Book{Clients: []*book.Client{c}, Settings: book.SettingsOf(nil)}
	results := []health.Result{health.Assess(c, b.Settings, today)}
	within, err := book.ParseDuration("99999y")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range List(b, results, today, Options{Within: within}) {
		got = append(got, it.Date.String()+" "+it.Kind)
	}
	if want := []string{"9999-12-31 action"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPlannedReview: a planned review is listed on its own date as kind
// review, owned by its `by` (else the client's owner), overdue once its
// date has passed without it being marked held; it does not move the
// annual review, which falls a cadence after the newest held review.
func TestPlannedReview(t *testing.T) {
	today := day(t, "2026-11-23")
	review := func(path, date, status, by string) *book.Review {
		rv := &book.Review{Path: path, Date: set(day(t, date))}
		if status != "" {
			rv.Status = set(status)
		}
		if by != "" {
			rv.By = set(book.ID(by))
		}
		return rv
	}
	tests := []struct {
		name    string
		reviews []*book.Review
		want    []string // date kind owner what, overdue marked !
	}{
		{
			name:    "planned in 10 days, last held 2025-11-30",
			reviews: []*book.Review{review("r/2025.yaml", "2025-11-30", "", ""), review("r/2026.yaml", "2026-12-03", "planned", "sam")},
			want: []string{
				"2026-11-30 review piers annual review (last 2025-11-30)",
				"2026-12-03 review sam annual review (planned; once held, set status: held)",
			},
		},
		{
			name:    "planned and passed without being marked held",
			reviews: []*book.Review{review("r/2026.yaml", "2026-11-20", "planned", "")},
			want: []string{
				"2026-11-20 review! piers annual review (planned; once held, set status: held)",
				"2026-11-23 review piers first annual review",
			},
		},
		{
			name:    "planned today is not overdue",
			reviews: []*book.Review{review("r/2026.yaml", "2026-11-23", "planned", "")},
			want: []string{
				"2026-11-23 review piers annual review (planned; once held, set status: held)",
				"2026-11-23 review piers first annual review",
			},
		},
		{
			name:    "planned beyond --within is not listed",
			reviews: []*book.Review{review("r/2025.yaml", "2025-11-30", "held", ""), review("r/2026.yaml", "2026-12-08", "planned", "")},
			want:    []string{"2026-11-30 review piers annual review (last 2025-11-30)"},
		},
		{
			name:    "held is not listed on its date",
			reviews: []*book.Review{review("r/2026.yaml", "2026-11-10", "held", "")},
			want:    nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &book.Client{
				ID: set(book.ID("acme")), Status: set("active"), Owner: set(book.ID("piers")),
				Since:       set(day(t, "2025-11-23")),
				Touchpoints: []book.Touchpoint{{Date: set(day(t, "2026-11-20"))}},
				Reviews:     tt.reviews,
			}
			s := book.SettingsOf(nil)
			var got []string
			items := ItemsOf(c, s, health.Assess(c, s, today), today, Options{Within: 14})
			Sort(items)
			for _, it := range items {
				if it.Kind != KindReview {
					continue
				}
				mark := ""
				if it.Overdue {
					mark = "!"
				}
				owner := ""
				if it.Owner != nil {
					owner = *it.Owner
				}
				got = append(got, it.Date.String()+" "+it.Kind+mark+" "+owner+" "+it.What)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("reviews due:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}
