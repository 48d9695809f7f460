package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/cli"
)

// TestErrorsAreEscaped: an error message names what it was given (an id,
// a folder, an opportunity), which may hold anything; on stderr it is one
// line with every control character escaped. Cobra's own messages keep
// their lines.
func TestErrorsAreEscaped(t *testing.T) {
	t.Setenv("CLIENTBOOK_TODAY", "2026-11-23")
	agency, err := filepath.Abs(filepath.Join("..", "..", "examples", "agency"))
	if err != nil {
		t.Fatal(err)
	}
	hostile := "x\x1b[2J\a\r\n::error file=x::pwned\u009b\u202e"
	shown := `x\x1b[2J\x07\r\n::error file=x::pwned\u009b\u202e`
	missing := filepath.Join(t.TempDir(), hostile)
	if err := os.Mkdir(missing, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // stderr
	}{
		{"unknown client", []string{"health", "--book", agency, hostile}, 2,
			"clientbook: unknown client " + shown + ": the book's clients are ashdown-distillery, copperleaf-coffee, fenwick-foods, harbour-hotels, kestrel-outdoor, nimbus-software, pennant-home\n"},
		{"unknown opportunity", []string{"accept", "--book", agency, hostile}, 2,
			"clientbook: " + shown + " is not an opportunity id or file of the book: known opportunities are nimbus-seo-programme, tallis-robotics-brand, trailhead-winter-launch\n"},
		{"unknown command", []string{"chek" + hostile}, 2,
			`clientbook: unknown command "chekx\x1b[2J\x07\r\n::error file=x::pwned\u009b\u202e": use one of accept, check, completion, diff, due, health, import, init, log, map, matrix, new, portfolio, report, review, schema, version (see clientbook --help)` + "\n"},
		{"unknown command with a suggestion", []string{"chek"}, 2,
			"clientbook: unknown command \"chek\": did you mean check? Use one of accept, check, completion, diff, due, health, import, init, log, map, matrix, new, portfolio, report, review, schema, version (see clientbook --help)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := cli.Main(tc.args, strings.NewReader(""), &stdout, &stderr); code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tc.code, stderr.String())
			}
			if got := stderr.String(); got != tc.want {
				t.Errorf("stderr\n got %q\nwant %q", got, tc.want)
			}
		})
	}
	// A folder given with --book that is not a book: its name is escaped
	// wherever the message names it.
	var stdout, stderr bytes.Buffer
	if code := cli.Main([]string{"health", "--book", missing}, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if got := stderr.String(); strings.ContainsAny(got, "\x1b\a\r\u009b\u202e") || strings.Count(got, "\n") != 1 || !strings.Contains(got, shown) {
		t.Errorf("stderr %q: want one line naming the folder escaped", got)
	}
}
