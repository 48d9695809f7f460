package portfolio

import (
	"reflect"
	"testing"

	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
)

// What a streaming caller keeps of each entry ranks, decides and prints
// exactly as the full entries do: same rows, same order, same summary.
func TestKeptRanksAsFull(t *testing.T) {
	bk, results := bookgentest.Assessed(t, 300)
	full := Rank(bk, results, bookgentest.Today)

	var kept []Entry
	for _, r := range results {
		if r.Client.Status.Value == "active" {
			kept = append(kept, Measure(r, bk.Settings).Kept())
		}
	}
	slim := RankMeasured(kept, bk.Settings, bookgentest.Today)

	actions := map[string]bool{}
	for _, e := range full.Entries {
		actions[e.Action] = true
	}
	if len(actions) < 4 {
		t.Fatalf("the generated book gives only the actions %v: too few to compare", actions)
	}
	want, got := ReportOf(full, full.Entries), ReportOf(slim, slim.Entries)
	if !reflect.DeepEqual(want, got) {
		for i := range min(len(want.Clients), len(got.Clients)) {
			if !reflect.DeepEqual(want.Clients[i], got.Clients[i]) {
				t.Fatalf("row %d differs:\nfull: %+v\nkept: %+v", i+1, want.Clients[i], got.Clients[i])
			}
		}
		t.Fatalf("reports differ:\nfull: %+v\nkept: %+v", want.Summary, got.Summary)
	}
	for i, e := range slim.Entries {
		if e.Health.Rounds != nil || e.Health.Flags != nil || e.Client.Engagements != nil {
			t.Fatalf("entry %d (%s) keeps more than it needs", i, e.ID())
		}
	}
}
