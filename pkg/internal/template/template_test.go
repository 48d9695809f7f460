package template

import (
	"path"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/clientbook/clientbook/pkg/internal/load"
)

// TestHeaders pins what every template starts with: the schema comment for
// editors, then apiVersion and kind before any other key.
func TestHeaders(t *testing.T) {
	d := Data{ID: "acme", Client: "acme", Name: "Acme", Owner: "piers", Today: "2026-11-23", Due: "2026-12-07", Year: 2026, Firm: "Firm"}
	// Each file's place in a book, and its schema: the comment's relative
	// path must lead from the file's folder to the book's copy.
	places := map[string][2]string{
		"firm": {"clientbook.yaml", "firm"}, "client": {"clients/acme/client.yaml", "client"},
		"engagement": {"clients/acme/engagements/site.yaml", "engagement"}, "plan": {"clients/acme/plan.yaml", "accountplan"},
		"review": {"clients/acme/reviews/2026.yaml", "review"}, "opportunity": {"opportunities/x.yaml", "opportunity"},
	}
	for kind, place := range places {
		out, err := Render(kind, d)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		lines := strings.Split(string(out), "\n")
		rel, ok := strings.CutPrefix(lines[0], "# yaml-language-server: $schema=")
		if !ok {
			t.Errorf("%s starts with %q, not the schema comment", kind, lines[0])
		} else if got := path.Join(path.Dir(place[0]), rel); got != load.SchemaFile(place[1]) {
			t.Errorf("%s at %s: its schema comment leads to %s, want %s", kind, place[0], got, load.SchemaFile(place[1]))
		}
		var keys []string
		for _, l := range lines {
			if l != "" && !strings.HasPrefix(l, "#") && !strings.HasPrefix(l, " ") {
				keys = append(keys, strings.SplitN(l, ":", 2)[0])
			}
		}
		if len(keys) < 2 || keys[0] != "apiVersion" || keys[1] != "kind" {
			t.Errorf("%s: the first keys are %v, want apiVersion, kind", kind, keys)
		}
		if strings.Contains(string(out), "<no value>") {
			t.Errorf("%s has an unfilled value:\n%s", kind, out)
		}
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		"Acme Retail":  "Acme Retail",
		"Acme: Retail": `"Acme: Retail"`,
		"O'Neil, Pat":  `"O'Neil, Pat"`,
		"yes":          `"yes"`,
		"2026":         `"2026"`,
		"":             `""`,
		"- dash":       `"- dash"`,
		"Acme\x1b":     `"Acme\x1b"`,
		"Acme\u202e":   `"Acme\u202e"`,
		"Acme\u0085":   `"Acme\u0085"`,
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %s, want %s", in, got, want)
		}
	}
	if got := list([]string{"Jane Doe", "a, b"}); got != `[Jane Doe, "a, b"]` {
		t.Errorf("list: got %s", got)
	}
	if got := pad(10, "id: x"); got != "id: x     " {
		t.Errorf("pad: got %q", got)
	}
	if got := pad(3, "longer"); got != "longer " {
		t.Errorf("pad of a long value: got %q", got)
	}
}

// TestNothingMadeUp pins issue 21: a template filled with nothing but ids
// holds no value that would count (a rating, a figure, a person, a
// touchpoint, a goal, a promise): each is a commented shape, and the keys
// that hold lists are empty.
func TestNothingMadeUp(t *testing.T) {
	d := Data{ID: "acme", Client: "acme", Name: "Acme", Owner: "piers", Today: "2026-11-23", Due: "2026-12-07", Year: 2026, Firm: "Firm",
		Profile: Profile{Status: "active", Since: "2026-11-23"}, Status: "proposed", Updates: "monthly",
		Questions: []Question{{ID: "assessment", Comments: []string{"How are we doing?"}}}}
	for kind, want := range map[string]map[string]any{
		"client": {"id": "acme", "name": "Acme", "status": "active", "since": "2026-11-23", "owner": "piers",
			"stakeholders": nil, "priorities": nil, "financials": nil, "health": nil, "touchpoints": nil},
		"engagement": {"id": "acme", "title": "Acme", "status": "proposed", "owner": "piers",
			"milestones": nil, "client_dependencies": nil, "scope_changes": nil},
		"plan": {"year": 2026, "owner": "piers", "goals": nil, "meetings": nil, "updates": "monthly", "actions": nil},
		"review": {"status": "planned", "date": "2026-11-23", "with": []any{}, "by": "piers", "overall": nil, "nps": nil,
			"answers": map[string]any{"assessment": nil}},
		"opportunity": {"id": "acme", "client": "acme", "summary": "Acme", "issue": map[string]any{"defined": nil},
			"procurement_led": false, "conflicts": []any{},
			"ratings": map[string]any{"fit": nil, "issue": nil, "impact": nil, "sponsor": nil, "relational": nil, "other": nil},
			"notes":   map[string]any{"other": nil}},
	} {
		out, err := Render(kind, d)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		var got map[string]any
		if err := yaml.Unmarshal(out, &got); err != nil {
			t.Fatalf("%s does not parse: %v\n%s", kind, err, out)
		}
		delete(got, "apiVersion")
		delete(got, "kind")
		for k, v := range got {
			if tm, ok := v.(time.Time); ok {
				got[k] = tm.Format(time.DateOnly)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s holds\n%v\nwant only\n%v\n%s", kind, got, want, out)
		}
	}
}
