package due

import (
	"bytes"
	"cmp"
	"iter"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/pack"
)

// kinds lists every Kind, for unpacking them as the same strings.
var kinds = []string{KindAction, KindRecovery, KindMilestone, KindDependency, KindTouchpoint, KindReview, KindMeeting}

// Pack is items as one record of bytes with no pointers (see pkg/pack):
// what `due` keeps of each client while it reads a large book. SortPacked
// orders and unpacks them.
func Pack(items []Item) []byte {
	return pack.List(items, func(w *pack.Writer, it Item) {
		w.Int(int(it.Date))
		w.String(it.Client)
		w.String(it.What)
		w.String(it.Kind)
		w.Bool(it.Overdue)
		w.Int(it.Days)
		w.OptString(it.Owner)
		w.String(it.Path)
		w.OptInt(it.Line)
	})
}

// Sorted is items packed by Pack, put in Sort's order without being
// unpacked (see pack.Sorted): what `due` prints of a large book. Items are
// unpacked one at a time as they are printed.
type Sorted struct{ s *pack.Sorted }

// SortPacked orders the items of recs (records Pack wrote) as Sort orders
// them, stably.
func SortPacked(recs [][]byte) Sorted {
	skip := func(r *pack.Reader) { readKey(r) }
	return Sorted{pack.Sort(recs, skip, func(a, b *pack.Reader) int {
		ka, kb := readKey(a), readKey(b)
		return cmp.Or(cmp.Compare(ka.date, kb.date), bytes.Compare(ka.client, kb.client),
			bytes.Compare(ka.kind, kb.kind), bytes.Compare(ka.what, kb.what))
	})}
}

// Len is the number of items.
func (s Sorted) Len() int { return s.s.Len() }

// All ranges over the items in order, unpacking each.
func (s Sorted) All() iter.Seq[Item] { return pack.All(s.s, unpackOne) }

// packedKey is what Sort compares of a packed item, sharing the record's
// bytes; readKey reads past the whole item.
type packedKey struct {
	date               int
	client, kind, what []byte
}

func readKey(r *pack.Reader) packedKey {
	var k packedKey
	k.date = r.Int()
	k.client = r.Bytes()
	k.what = r.Bytes()
	k.kind = r.Bytes()
	r.Bool()      // overdue
	r.Int()       // days
	if r.Bool() { // owner
		r.Bytes()
	}
	r.Bytes()     // path
	if r.Bool() { // line
		r.Int()
	}
	return k
}

// unpackOne reads one item as Pack wrote it.
func unpackOne(r *pack.Reader) Item {
	var it Item
	it.Date = book.Date(r.Int())
	it.Client = r.String()
	it.What = r.String()
	it.Kind = internKind(r.Bytes())
	it.Overdue = r.Bool()
	it.Days = r.Int()
	it.Owner = r.OptString()
	it.Path = r.String()
	it.Line = r.OptInt()
	return it
}

func internKind(b []byte) string {
	for _, k := range kinds {
		if string(b) == k {
			return k
		}
	}
	return string(b)
}
