package finding_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/finding"
)

// TestREADMERuleTable keeps the README's rule table in step with the
// catalog, the one list of rules.
func TestREADMERuleTable(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range finding.Catalog {
		row := "| " + r.ID + " | " + r.Default.String() + " | " + r.Summary + " |"
		if !strings.Contains(string(data), row+"\n") {
			t.Errorf("README.md has no row %q", row)
		}
	}
}
