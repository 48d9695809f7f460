package cli

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestHelpTeaches checks every command's --help: examples on the example
// books, and the rules in words, never a section of a spec users do not
// have.
func TestHelpTeaches(t *testing.T) {
	root := newRootCmd(&env{getenv: func(string) string { return "" }})
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.IsAvailableCommand() && c != root {
			return
		}
		path := c.CommandPath()
		var out bytes.Buffer
		c.SetOut(&out)
		if err := c.Help(); err != nil {
			t.Fatalf("%s --help: %v", path, err)
		}
		help := out.String()
		if strings.Contains(help, "SPEC") || strings.Contains(help, "§") {
			t.Errorf("%s --help cites the spec:\n%s", path, help)
		}
		// cobra's own completion scripts explain themselves; the
		// others need examples.
		parent := c.Parent()
		if c != root && (parent == nil || parent.Name() != "completion") {
			n := strings.Count(c.Example, "clientbook ")
			if want := 2; n < want && c.Name() != "version" || n < 1 {
				t.Errorf("%s --help has %d example(s), want two or three", path, n)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// TestExamplesRun runs every example that only reads (or writes with
// --dry-run) from the repository's root, so that the help shows what works.
func TestExamplesRun(t *testing.T) {
	t.Chdir("../..")
	t.Setenv("CLIENTBOOK_TODAY", "2026-11-23")
	t.Setenv("CLIENTBOOK_CACHE", "off")
	for path, ex := range examples {
		for _, line := range strings.Split(ex, "\n") {
			line = strings.TrimSpace(line)
			args := shellWords(line)
			writes := strings.ContainsAny(quoted.ReplaceAllString(line, ""), "<>&|;") || strings.HasPrefix(path, "init") || path == "completion" ||
				(strings.HasPrefix(path, "new") || strings.HasPrefix(path, "import") || path == "log") && !strings.Contains(line, "--dry-run") ||
				strings.Contains(line, "--write") || strings.Contains(line, " -o report.html")
			if len(args) == 0 || args[0] != "clientbook" || writes {
				continue
			}
			t.Run(line, func(t *testing.T) {
				var stdout, stderr bytes.Buffer
				if code := Main(args[1:], strings.NewReader(""), &stdout, &stderr); code > ExitFailed {
					t.Errorf("exit %d: %s", code, stderr.String())
				}
				if stdout.Len() == 0 {
					t.Errorf("printed nothing; stderr %s", stderr.String())
				}
			})
		}
	}
}

// quoted matches a quoted part of a command line.
var quoted = regexp.MustCompile(`'[^']*'|"[^"]*"`)

// shellWords splits a command line as a shell would, for the examples:
// single and double quotes, no escapes or expansions.
func shellWords(line string) []string {
	var words []string
	var w strings.Builder
	in, quote := false, rune(0)
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}
