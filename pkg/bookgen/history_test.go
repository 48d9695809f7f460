package bookgen

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
)

// GenerateHistory's second commit changes the client.yaml of every
// changeEvery-th client, and nothing else.
func TestGenerateHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := filepath.Join(t.TempDir(), "book")
	today, _ := book.ParseDate("2026-11-23")
	if err := GenerateHistory(dir, 40, 1, today, 20); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "diff", "--name-only", "HEAD~1", "HEAD")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Fields(string(out))
	if len(changed) != 2 {
		t.Fatalf("changed %q, want the client.yaml of 2 clients of 40", changed)
	}
	for _, p := range changed {
		if !strings.HasPrefix(p, "clients/") || !strings.HasSuffix(p, "/client.yaml") {
			t.Errorf("changed %s", p)
		}
	}
}
