package finding

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/clientbook/clientbook/pkg/pack"
)

// Findings read back as packed, in Sort's order across records, and
// stably: equal findings keep the order of the records and within them.
func TestSortPacked(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	paths := []string{"clients/a/client.yaml", "clients/a-b/client.yaml", "clients/a", "clientbook.yaml", "clients/é/plan.yaml", ""}
	rules := []string{"CB101", "CB202", "CB004", "CB999"}
	for round := range 50 {
		var recs [][]byte
		var all []Finding
		for range rng.IntN(6) {
			var fs []Finding
			for range rng.IntN(8) {
				fs = append(fs, Finding{
					Rule:     rules[rng.IntN(len(rules))],
					Severity: Severity(rng.IntN(4)),
					Path:     paths[rng.IntN(len(paths))],
					Line:     rng.IntN(3),
					Column:   rng.IntN(3) - 1,
					Message:  []string{"", "m", "café\nline", "m"}[rng.IntN(4)] + fmt.Sprint(rng.IntN(2)),
				})
			}
			recs = append(recs, Pack(fs))
			all = append(all, fs...)
		}
		Sort(all)
		s := SortPacked(recs)
		got := slices.Collect(s.All())
		if s.Len() != len(all) || !reflect.DeepEqual(got, all) && len(all) > 0 {
			t.Fatalf("round %d: got %+v\nwant %+v", round, got, all)
		}
	}
}

// pack.Count counts a record's findings; no findings pack to nothing.
func TestPacked(t *testing.T) {
	fs := []Finding{{Rule: "CB101", Path: "p", Line: 1 << 40, Column: -1}, {Rule: "CB102"}}
	if n := pack.Count(Pack(fs)); n != 2 {
		t.Errorf("pack.Count = %d, want 2", n)
	}
	if Pack(nil) != nil || pack.Count(nil) != 0 || SortPacked([][]byte{nil, nil}).Len() != 0 {
		t.Error("no findings should pack to nothing")
	}
	got := slices.Collect(SortPacked([][]byte{Pack(fs)}).All())
	if !reflect.DeepEqual(got, []Finding{fs[1], fs[0]}) {
		t.Errorf("got %+v", got)
	}
}
