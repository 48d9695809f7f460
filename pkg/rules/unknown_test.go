package rules_test

import (
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/rules"
)

// A client whose status is not known — the stand-in of a client.yaml that
// could not be read, or one whose status is missing or not valid — has its
// plan and engagements checked as an active client's, while the rules on
// what client.yaml holds leave it alone. A paused client has neither.
func TestUnknownStatus(t *testing.T) {
	standIn := func(c *book.Client) {
		*c = book.Client{Path: c.Path, ID: c.ID, Unread: &book.LeftOut{Kind: book.LeftOutClient, Name: "acme", Path: c.Path}}
	}
	invalidStatus := func(c *book.Client) { c.Status = invalid[string]() }
	noStatus := func(c *book.Client) { c.Status = book.Field[string]{} }
	key := func(c *book.Client) { c.Tier = set("key") }
	// A plan with a junior owner and an overdue action, an engagement with
	// an overdue milestone, a review long ago, and nothing of client.yaml's
	// own: every rule has something to say about an active client.
	files := func(c *book.Client) {
		c.Plan = &book.Plan{Path: "clients/acme/plan.yaml", Year: set(2025), Owner: set(book.ID("bo")),
			Actions: []book.Action{{Action: set("Call"), Owner: set(book.ID("bo")), Due: ago(5)}}}
		c.Engagements = []*book.Engagement{{Path: "clients/acme/engagements/e.yaml", Status: set("active"),
			Milestones: []book.Milestone{{Name: set("Concepts"), Due: ago(3)}}}}
	}
	otherFiles := []string{"CB102", "CB104", "CB105", "CB107", "CB301"}
	clientFile := []string{"CB101", "CB201", "CB202", "CB205"}
	s := book.SettingsOf(nil)
	for _, tt := range []struct {
		name         string
		client       *book.Client
		others, owns bool
	}{
		{"active", client(key, files), true, true},
		{"client.yaml not read", client(standIn, files), true, false},
		{"status not valid", client(key, files, invalidStatus), true, false},
		{"no status", client(key, files, noStatus), true, false},
		{"paused", client(key, files, paused), false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fired := map[string]bool{}
			for _, f := range rules.Check(tt.client, s, health.Assess(tt.client, s, today), today) {
				fired[f.Rule] = true
			}
			for _, rule := range otherFiles {
				if fired[rule] != tt.others {
					t.Errorf("%s fired: %v, want %v", rule, fired[rule], tt.others)
				}
			}
			for _, rule := range clientFile {
				if fired[rule] != tt.owns {
					t.Errorf("%s fired: %v, want %v", rule, fired[rule], tt.owns)
				}
			}
		})
	}
}
