package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/bookgen"
	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/cli"
	"github.com/clientbook/clientbook/pkg/internal/golden"
)

// generatedCommands is every read command, in every format, run on a
// generated book of a few hundred clients. The outputs are pinned in
// testdata/golden/generated so that a change of how results are computed,
// kept or ordered (one pipeline in place of two, say) is proven to change
// nothing a user sees.
var generatedCommands = []struct {
	name string
	args []string
}{
	{"portfolio.txt", []string{"portfolio"}},
	{"portfolio.json", []string{"portfolio", "-o", "json"}},
	{"portfolio.csv", []string{"portfolio", "-o", "csv"}},
	{"portfolio-markdown.md", []string{"portfolio", "-o", "markdown", "--sort", "revenue"}},
	{"check.txt", []string{"check"}},
	{"check.json", []string{"check", "-o", "json"}},
	{"check.sarif", []string{"check", "-o", "sarif"}},
	{"due.txt", []string{"due", "--within", "30d"}},
	{"due.json", []string{"due", "-o", "json"}},
	{"health.txt", []string{"health"}},
	{"health.json", []string{"health", "-o", "json"}},
	{"health-former.csv", []string{"health", "--status", "former", "-o", "csv"}},
	{"matrix.txt", []string{"matrix"}},
	{"matrix.json", []string{"matrix", "-o", "json"}},
	{"accept.txt", []string{"accept"}},
	{"accept.json", []string{"accept", "-o", "json"}},
	{"review.txt", []string{"review", "FIRST"}},
}

func TestOutputsOnGeneratedBook(t *testing.T) {
	root := bookgentest.Dir(t, 300)
	entries, err := os.ReadDir(filepath.Join(root, "clients"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("generated book has no clients: %v", err)
	}
	first := entries[0].Name()
	for _, c := range generatedCommands {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{}, c.args...)
			for i, a := range args {
				if a == "FIRST" {
					args[i] = first
				}
			}
			args = append(args, "--book", root, "--today", bookgen.DefaultToday)
			var stdout, stderr bytes.Buffer
			code := cli.Main(args, strings.NewReader(""), &stdout, &stderr)
			if code > 1 {
				t.Fatalf("clientbook %s: exit %d\n%s", strings.Join(c.args, " "), code, stderr.String())
			}
			out := strings.ReplaceAll(stdout.String(), root, "$BOOK")
			golden.Check(t, filepath.Join("testdata", "golden", "generated", c.name), []byte(out))
		})
	}
	t.Run("report.html", func(t *testing.T) {
		page := filepath.Join(t.TempDir(), "report.html")
		var stdout, stderr bytes.Buffer
		args := []string{"report", "-o", page, "--book", root, "--today", bookgen.DefaultToday}
		if code := cli.Main(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("clientbook report: exit %d\n%s", code, stderr.String())
		}
		got, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "golden", "generated", "report.html"), got)
	})
}
