package finding

import "slices"

// Orderer puts findings that arrive in batches in Sort's order, passing
// each on as soon as no later batch can come before it: each batch comes
// with a bound, a path that no finding of it or of a later batch sorts
// before. A reader of the book that hands over client folders in path
// order (load.Each) so has `check` print as it reads, holding only the
// findings of the folders around the one being read.
type Orderer struct {
	pending []Finding
}

// Add takes a batch whose findings, and those of every later batch, have
// paths at or after bound, after passing on to emit, in order, every
// pending finding that sorts before bound.
func (o *Orderer) Add(bound string, batch []Finding, emit func(Finding)) {
	Sort(o.pending)
	n := 0
	for n < len(o.pending) && o.pending[n].Path < bound {
		emit(o.pending[n])
		n++
	}
	o.pending = append(slices.Delete(o.pending, 0, n), batch...)
}

// Flush passes on every pending finding, in order.
func (o *Orderer) Flush(emit func(Finding)) {
	Sort(o.pending)
	for _, f := range o.pending {
		emit(f)
	}
	o.pending = nil
}
