package load

import (
	"slices"
	"testing"
)

var clientKeys = []string{"apiVersion", "kind", "id", "name", "status", "tier", "industry", "geography", "size", "since", "owner", "aliases", "exclusive", "competitors", "potential", "cadence", "stakeholders", "priorities", "financials", "health", "touchpoints", "recovery", "notes"}

func TestClosestKeys(t *testing.T) {
	tests := []struct {
		name string
		want []string
	}{
		{"stakeholder", []string{"stakeholders"}},   // one letter short
		{"teir", []string{"tier"}},                  // two letters swapped
		{"Name", []string{"name"}},                  // case
		{"APIVERSION", []string{"apiVersion"}},      // case
		{"touch-points", []string{"touchpoints"}},   // a separator
		{"finacials", []string{"financials"}},       // a letter missing
		{"stakholdres", []string{"stakeholders"}},   // two edits in a long key
		{"competitor", []string{"competitors"}},     // singular
		{"geo", nil},                                // too short to be a prefix
		{"stake", []string{"stakeholders"}},         // cut short
		{"colour", nil},                             // nothing close
		{"by", nil},                                 // "id" is two edits away, too many for a short key
		{"ide", []string{"id"}},                     // one edit
		{"x", nil},                                  // one letter: only "id" at two edits
		{"", nil},                                   // nothing
		{"nme", []string{"name"}},                   // one edit
		{"sizes", []string{"size"}},                 // plural
		{"aliasses", []string{"aliases"}},           // doubled letter
		{"recovry", []string{"recovery"}},           // a letter missing
		{"statu", []string{"status"}},               // one letter short
		{"tiers", []string{"tier"}},                 // plural
		{"kinds", []string{"kind"}},                 // plural
		{"ower", []string{"owner"}},                 // one letter missing
		{"sinc", []string{"since"}},                 // one letter short
		{"name_", []string{"name"}},                 // trailing separator
		{"stakeholders_list", nil},                  // longer than a slip
		{"priorites", []string{"priorities"}},       // a letter missing
		{"industy", []string{"industry"}},           // a letter missing
		{"exclusiv", []string{"exclusive"}},         // a letter missing
		{"potental", []string{"potential"}},         // a letter missing
		{"cadance", []string{"cadence"}},            // a letter wrong
		{"healht", []string{"health"}},              // two letters swapped
		{"touchpiont", []string{"touchpoints"}},     // swapped and short
		{"geograhpy", []string{"geography"}},        // swapped
		{"ntoes", []string{"notes"}},                // swapped
		{"sizee", []string{"size"}},                 // a letter too many
		{"idd", []string{"id"}},                     // a letter too many
		{"kind ", []string{"kind"}},                 // trailing space
		{"Stake-Holders", []string{"stakeholders"}}, // case and separator
	}
	for _, tt := range tests {
		if got := closestKeys(tt.name, clientKeys); !slices.Equal(got, tt.want) {
			t.Errorf("closestKeys(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	// Equally close keys are all given, in the order they are known.
	if got, want := closestKeys("fit", []string{"fit", "fix", "fat"}), []string{"fit"}; !slices.Equal(got, want) {
		t.Errorf("exact key: got %q, want %q", got, want)
	}
	if got, want := closestKeys("fot", []string{"fit", "fix", "fat"}), []string{"fit", "fat"}; !slices.Equal(got, want) {
		t.Errorf("ties: got %q, want %q", got, want)
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"", "ab", 2}, {"tier", "teir", 1}, {"ca", "abc", 3},
		{"kitten", "sitting", 3}, {"stakeholder", "stakeholders", 1}, {"été", "ete", 2},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNumberAdvice(t *testing.T) {
	tests := []struct{ text, want string }{
		{"265,000", "write 265000, without separators"},
		{"1,265,000.50", "write 1265000.50, without separators"},
		{"-1,000", "write -1000, without separators"},
		{"265 000", "write 265000, without separators"},
		{"265\u00a0000", "write 265000, without separators"},
		{"265\u202f000", "write 265000, without separators"},
		{"£265,000", "write 265000, a plain number in the firm's currency"},
		{"$ 1,000", "write 1000, a plain number in the firm's currency"},
		{"€1200", "write 1200, a plain number in the firm's currency"},
		{"26,5000", ""}, // not groups of three
		{"2650,000", ""},
		{"265,00", ""},
		{"high", ""},
		{"1,5", ""}, // a decimal comma: which number is meant is not sure
		{"", ""},
	}
	for _, tt := range tests {
		if got := numberAdvice(tt.text); got != tt.want {
			t.Errorf("numberAdvice(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
