package history

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

// TestEvaluateDirEqualsEvaluate: reading client by client gives the
// state of the loaded book, on the example books.
func TestEvaluateDirEqualsEvaluate(t *testing.T) {
	today, _ := book.ParseDate("2026-11-23")
	roots := []string{"../../examples/agency", "../../examples/consulting"}
	if extra := os.Getenv("CLIENTBOOK_EQUIV_BOOK"); extra != "" {
		roots = append(roots, extra)
	}
	for _, root := range roots {
		b, err := load.Load(root)
		if err != nil {
			t.Fatal(err)
		}
		want := ReportOf(Side{}, Side{}, Compare(State{}, Evaluate(b, today)))
		st, err := EvaluateDir(root, today, load.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := ReportOf(Side{}, Side{}, Compare(State{}, st))
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(got)
		if string(w) != string(g) {
			t.Errorf("%s: EvaluateDir differs from Evaluate:\n got %s\nwant %s", root, g, w)
		}
		if len(want.Clients) == 0 || len(want.Findings.Added) == 0 {
			t.Errorf("%s: nothing compared", root)
		}
	}
}
