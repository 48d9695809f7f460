package template

import (
	"strings"
	"testing"
)

// TestHeaders pins what every template starts with: the schema comment for
// editors, then apiVersion and kind before any other key.
func TestHeaders(t *testing.T) {
	d := Data{ID: "acme", Client: "acme", Name: "Acme", Owner: "piers", Today: "2026-11-23", Due: "2026-12-07", Year: 2026, Firm: "Firm"}
	for kind, schema := range map[string]string{
		"firm": "firm", "client": "client", "engagement": "engagement",
		"plan": "accountplan", "review": "review", "opportunity": "opportunity",
	} {
		out, err := Render(kind, d)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		lines := strings.Split(string(out), "\n")
		if want := "# yaml-language-server: $schema=https://clientbook.dev/schema/v1/" + schema + ".json"; lines[0] != want {
			t.Errorf("%s starts with %q, want %q", kind, lines[0], want)
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
