package due

import (
	"reflect"
	"testing"
)

// Items read back as packed, in order, after what dst held.
func TestPackRoundTrip(t *testing.T) {
	ann, line := "ann", 12
	items := []Item{
		{Date: 20790, Client: "acme", What: "send the deck", Kind: KindAction, Overdue: true, Days: -3, Owner: &ann, Path: "clients/acme/plan.yaml", Line: &line},
		{Date: 20800, Client: "acme", What: "café\nreview", Kind: KindReview, Days: 7, Path: "clients/acme/client.yaml"},
		{Date: -1, Client: "b", What: "", Kind: "unknown-kind", Owner: &ann, Path: ""},
	}
	before := Item{Client: "x"}
	rec := Pack(items)
	if n := Packed(rec); n != len(items) {
		t.Fatalf("Packed = %d, want %d", n, len(items))
	}
	got := Unpack([]Item{before}, rec)
	if !reflect.DeepEqual(got, append([]Item{before}, items...)) {
		t.Fatalf("unpacked %+v\nwant %+v", got, items)
	}
	if Pack(nil) != nil || Packed(nil) != 0 || len(Unpack(nil, nil)) != 0 {
		t.Error("no items should pack to nothing and unpack to nothing")
	}
}
