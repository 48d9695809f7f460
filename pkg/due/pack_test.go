package due

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/pack"
)

// Items read back as packed, in Sort's order across records, and stably.
func TestSortPacked(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	ann, bob, line := "ann", "bob", 12
	owners := []*string{nil, &ann, &bob}
	lines := []*int{nil, &line}
	for round := range 50 {
		var recs [][]byte
		var all []Item
		for range rng.IntN(6) {
			var items []Item
			for range rng.IntN(8) {
				days := rng.IntN(5) - 2
				items = append(items, Item{
					Date:    book.Date(20790 + days),
					Client:  []string{"acme", "acme-b", "zed"}[rng.IntN(3)],
					What:    []string{"", "send the deck", "café\nreview"}[rng.IntN(3)] + fmt.Sprint(rng.IntN(2)),
					Kind:    append(slices.Clone(kinds), "unknown-kind")[rng.IntN(len(kinds)+1)],
					Overdue: days < 0,
					Days:    days,
					Owner:   owners[rng.IntN(len(owners))],
					Path:    []string{"clients/acme/plan.yaml", ""}[rng.IntN(2)],
					Line:    lines[rng.IntN(len(lines))],
				})
			}
			recs = append(recs, Pack(items))
			all = append(all, items...)
		}
		Sort(all)
		s := SortPacked(recs)
		got := slices.Collect(s.All())
		if s.Len() != len(all) || len(all) > 0 && !reflect.DeepEqual(got, all) {
			t.Fatalf("round %d: got %+v\nwant %+v", round, got, all)
		}
	}
	if Pack(nil) != nil || pack.Count(nil) != 0 || SortPacked([][]byte{nil}).Len() != 0 {
		t.Error("no items should pack to nothing")
	}
}
