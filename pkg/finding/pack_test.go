package finding

import (
	"reflect"
	"testing"
)

// Findings read back as packed, in order, after what dst held.
func TestPackRoundTrip(t *testing.T) {
	fs := []Finding{
		{Rule: "CB101", Severity: Warning, Path: "clients/a/client.yaml", Line: 7, Column: 1, Message: "no plan"},
		{Rule: "CB202", Severity: Error, Path: "clients/a/client.yaml", Line: 76, Column: 12, Message: "café\nline"},
		{Rule: "CB004", Severity: Info, Path: "clients/b", Message: ""},
		{Rule: "CB999", Severity: Off, Path: "", Line: -1, Column: 1 << 40, Message: "an id not in the catalog"},
	}
	before := Finding{Rule: "CB001", Path: "x"}
	rec := Pack(fs)
	if n := Packed(rec); n != len(fs) {
		t.Fatalf("Packed = %d, want %d", n, len(fs))
	}
	got := Unpack([]Finding{before}, rec)
	if !reflect.DeepEqual(got, append([]Finding{before}, fs...)) {
		t.Fatalf("unpacked %+v\nwant %+v", got, fs)
	}
	if Pack(nil) != nil || Packed(nil) != 0 || len(Unpack(nil, nil)) != 0 {
		t.Error("no findings should pack to nothing and unpack to nothing")
	}
}
