package cli

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestCompletion asks the shell-completion command what it offers, as a
// shell does (clientbook __complete ARGS... PREFIX), and compares the
// values (descriptions dropped) and the directive.
func TestCompletion(t *testing.T) {
	agency := filepath.Join("..", "..", "examples", "agency")
	team := []string{"piers", "amara", "lena", "priya", "sam", "tom"}
	tests := []struct {
		name      string
		args      []string
		want      []string
		directive string
	}{
		{"health's formats", []string{"health", "-o", ""}, tableFormats, ":4"},
		{"check's formats", []string{"check", "-o", ""}, []string{"text", "json", "github", "sarif"}, ":4"},
		{"review's formats", []string{"review", "acme", "-o", ""}, []string{"table", "markdown", "json", "yaml"}, ":4"},
		{"check --fail-on", []string{"check", "--fail-on", ""}, []string{"error", "warning", "info"}, ":4"},
		{"accept --fail-on", []string{"accept", "--fail-on", ""}, []string{"decline", "review"}, ":4"},
		{"--band", []string{"health", "--band", ""}, healthBands, ":4"},
		{"--band after a comma", []string{"health", "--band", "healthy,"}, []string{"healthy,watch", "healthy,at-risk", "healthy,unrated"}, ":4"},
		{"--tier", []string{"portfolio", "--tier", ""}, clientTiers, ":4"},
		{"--status", []string{"matrix", "--status", ""}, []string{"prospect", "active", "paused", "former", "all"}, ":4"},
		{"--action", []string{"portfolio", "--action", ""}, []string{"exit", "recover", "renegotiate", "de-prioritize", "invest", "maintain"}, ":4"},
		{"--kind", []string{"log", "harbour-hotels", "--kind", ""}, touchpointKinds, ":4"},
		{"--owner from the team", []string{"health", "--owner", ""}, team, ":4"},
		{"due --owner from the team", []string{"due", "--owner", ""}, team, ":4"},
		{"--by from the team", []string{"log", "harbour-hotels", "--by", ""}, team, ":4"},
		{"new review --by from the team", []string{"new", "review", "harbour-hotels", "--by", ""}, team, ":4"},
		{"--within examples", []string{"due", "--within", ""}, []string{"7d", "14d", "30d", "4w", "3m", "1y"}, ":4"},
		{"--book folders only", []string{"health", "--book", ""}, nil, ":16"},
		{"a client given is not offered again", []string{"health", "harbour-hotels", "fenwick-foods", ""},
			[]string{"ashdown-distillery", "copperleaf-coffee", "kestrel-outdoor", "nimbus-software", "pennant-home"}, ":4"},
		{"client ids by prefix", []string{"due", "k"}, []string{"kestrel-outdoor"}, ":4"},
		{"help topics", []string{"help", "p"}, []string{"portfolio"}, ":4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"__complete", "--book", agency}, tt.args...)
			var stdout, stderr bytes.Buffer
			if code := Main(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
			directive := lines[len(lines)-1]
			var got []string
			for _, l := range lines[:len(lines)-1] {
				got = append(got, strings.SplitN(l, "\t", 2)[0])
			}
			if !slices.Equal(got, tt.want) || directive != tt.directive {
				t.Errorf("got %q %s, want %q %s", got, directive, tt.want, tt.directive)
			}
		})
	}
}
