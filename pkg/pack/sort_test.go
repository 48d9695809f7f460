package pack

import (
	"cmp"
	"slices"
	"testing"
)

// Sort orders entries across records by compare, stably, and reads each
// from where it starts.
func TestSort(t *testing.T) {
	list := func(entries ...[2]int) []byte { // each entry: key, tag
		if len(entries) == 0 {
			return nil
		}
		var w Writer
		w.Int(len(entries))
		for _, e := range entries {
			w.Int(e[0])
			w.String(string(rune('a' + e[1])))
		}
		return w.Bytes()
	}
	recs := [][]byte{
		list([2]int{3, 0}, [2]int{1, 1}, [2]int{2, 2}),
		nil,
		list([2]int{1, 3}, [2]int{-5, 4}),
		list([2]int{3, 5}),
	}
	skip := func(r *Reader) { r.Int(); r.Bytes() }
	s := Sort(recs, skip, func(a, b *Reader) int { return cmp.Compare(a.Int(), b.Int()) })
	var got []string
	for e := range All(s, func(r *Reader) string {
		key := r.Int()
		return string(rune('0'+key+5)) + r.String()
	}) {
		got = append(got, e)
	}
	// keys -5, 1, 1, 2, 3, 3 shown shifted by 5; ties keep record order.
	want := []string{"0e", "6b", "6d", "7c", "8a", "8f"}
	if s.Len() != len(want) || !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if Count(nil) != 0 || Count(recs[0]) != 3 {
		t.Errorf("Count: %d, %d", Count(nil), Count(recs[0]))
	}
}
