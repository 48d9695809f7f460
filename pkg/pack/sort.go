package pack

import (
	"iter"
	"slices"
)

// A list record is a count, then that many entries of one shape: a
// client's findings, its due items.

// List packs items as a list record, each as write writes it; nil for no
// items.
func List[T any](items []T, write func(*Writer, T)) []byte {
	if len(items) == 0 {
		return nil
	}
	var w Writer
	w.Int(len(items))
	for _, it := range items {
		write(&w, it)
	}
	return w.Bytes()
}

// Count is the number of entries of a list record; 0 for an empty record.
func Count(rec []byte) int {
	if len(rec) == 0 {
		return 0
	}
	return NewReader(rec).Int()
}

// Sorted is the entries of many list records in one order, found by a
// reference (record, offset) each, without unpacking them: the records
// stay as they are, and an entry is read only when it is ranged over.
type Sorted struct {
	recs [][]byte
	refs []ref
}

type ref struct{ rec, off uint32 }

// Sort orders the entries of the list records recs by compare, stably:
// entries that compare equal keep the order of recs and of each record.
// skip reads past one entry; compare reads one entry from each reader.
func Sort(recs [][]byte, skip func(*Reader), compare func(a, b *Reader) int) *Sorted {
	n := 0
	for _, rec := range recs {
		n += Count(rec)
	}
	s := &Sorted{recs: recs, refs: make([]ref, 0, n)}
	for i, rec := range recs {
		if len(rec) == 0 {
			continue
		}
		r := NewReader(rec)
		for range r.Int() {
			s.refs = append(s.refs, ref{rec: uint32(i), off: uint32(r.Offset())})
			skip(r)
		}
	}
	slices.SortStableFunc(s.refs, func(a, b ref) int {
		return compare(s.at(a), s.at(b))
	})
	return s
}

func (s *Sorted) at(x ref) *Reader { return NewReaderAt(s.recs[x.rec], int(x.off)) }

// Len is the number of entries.
func (s *Sorted) Len() int { return len(s.refs) }

// All ranges over the entries of s in order, each unpacked by read.
func All[T any](s *Sorted, read func(*Reader) T) iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, x := range s.refs {
			if !yield(read(s.at(x))) {
				return
			}
		}
	}
}
