package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/internal/parse"
)

// validFirm is a firm file with nothing wrong in it, for books built by tests.
const validFirm = `apiVersion: clientbook/v1
kind: Firm
name: Test Firm
team:
  - {id: ann, name: Ann Example, senior: true}
`

// writeBook writes files (relative path → content) into a new temporary
// folder and returns it.
func writeBook(t testing.TB, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// loadBook writes files into a temporary book and loads it.
func loadBook(t testing.TB, files map[string]string) *book.Book {
	t.Helper()
	b, err := Load(writeBook(t, files))
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return b
}

// decodeText parses and decodes text as a file of the given kind, the way
// the loader does, and returns the value and the file's findings.
func decodeText(t testing.TB, kind fileKind, text string) (any, []finding.Finding) {
	t.Helper()
	d := &decoder{path: "test.yaml"}
	root, problems := parse.Document([]byte(text))
	for _, p := range problems {
		d.reportAt(CB001, book.Pos(p.Pos), "%s", p.Msg)
	}
	if root == nil {
		return nil, d.findings
	}
	v := decodeKind(d, root, kind)
	finding.Sort(d.findings)
	return v, d.findings
}

// at is a finding reduced to what the position tests compare.
type at struct {
	Rule         string
	Line, Column int
}

func positions(fs []finding.Finding) []at {
	out := make([]at, 0, len(fs))
	for _, f := range fs {
		out = append(out, at{Rule: f.Rule, Line: f.Line, Column: f.Column})
	}
	return out
}

// wantFinding fails unless there is a finding of rule on p whose message
// holds msg.
func wantFinding(t *testing.T, b *book.Book, rule, p, msg string) {
	t.Helper()
	for _, f := range findingOn(b.Findings, p) {
		if f.Rule == rule && strings.Contains(f.Message, msg) {
			return
		}
	}
	t.Errorf("want %s on %q containing %q, got:\n%s", rule, p, msg, messages(b.Findings))
}

// wantNoFinding fails when there is a finding of rule on p.
func wantNoFinding(t *testing.T, b *book.Book, rule, p string) {
	t.Helper()
	for _, f := range findingOn(b.Findings, p) {
		if f.Rule == rule {
			t.Errorf("want no %s on %q, got: %s", rule, p, f.Message)
		}
	}
}

// findingOn returns the findings on path p.
func findingOn(fs []finding.Finding, p string) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.Path == p {
			out = append(out, f)
		}
	}
	return out
}
