package finding

import (
	"slices"
	"testing"
)

// Batches handed over in the order of their bounds come out in Sort's
// order, including a folder's own finding ("clients/foo") that sorts
// before a later folder's ("clients/foo-bar/…") while its files' findings
// ("clients/foo/…") sort after them.
func TestOrdererSortsAcrossBatches(t *testing.T) {
	f := func(p string, line int) Finding { return Finding{Rule: "CB001", Path: p, Line: line} }
	batches := []struct {
		bound string
		fs    []Finding
	}{
		{"", []Finding{f("opportunities/x.yaml", 1), f("clientbook.yaml", 3), f("clients/foo.yaml", 0)}},
		{"clients/foo", []Finding{f("clients/foo/plan.yaml", 2), f("clients/foo", 0), f("clients/foo/client.yaml", 9)}},
		{"clients/foo-bar", []Finding{f("clients/foo-bar/client.yaml", 1)}},
		{"clients/zed", []Finding{f("clients/zed/client.yaml", 4)}},
		{"", []Finding{f("opportunities/a.yaml", 2)}},
	}
	var want, got []Finding
	var o Orderer
	emit := func(f Finding) { got = append(got, f) }
	for _, b := range batches {
		want = append(want, b.fs...)
		o.Add(b.bound, slices.Clone(b.fs), emit)
	}
	o.Flush(emit)
	Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
}

// A finding is passed on as soon as no later batch can come before it.
func TestOrdererEmitsEarly(t *testing.T) {
	var o Orderer
	n := 0
	emit := func(Finding) { n++ }
	o.Add("", []Finding{{Path: "clientbook.yaml"}}, emit)
	o.Add("clients/a", []Finding{{Path: "clients/a/client.yaml"}}, emit)
	if n != 1 {
		t.Fatalf("%d findings passed on after the first folder, want the firm file's", n)
	}
	o.Add("clients/b", nil, emit)
	if n != 2 {
		t.Fatalf("%d findings passed on after the second folder, want 2", n)
	}
}
