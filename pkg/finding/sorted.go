package finding

import (
	"bytes"
	"cmp"
	"iter"

	"github.com/clientbook/clientbook/pkg/pack"
)

// Sorted is findings packed by Pack, put in Sort's order without being
// unpacked (see pack.Sorted): what `check` prints of a large book. Findings
// are unpacked one at a time as they are printed.
type Sorted struct{ s *pack.Sorted }

// SortPacked orders the findings of recs (records Pack wrote) as Sort
// orders them (the same keys, read from the packed bytes), stably:
// findings that compare equal keep the order of recs and of each record.
func SortPacked(recs [][]byte) Sorted {
	skip := func(r *pack.Reader) { readFields(r) }
	return Sorted{pack.Sort(recs, skip, func(a, b *pack.Reader) int {
		fa, fb := readFields(a), readFields(b)
		return cmp.Or(
			bytes.Compare(fa.path, fb.path),
			cmp.Compare(fa.line, fb.line),
			cmp.Compare(fa.column, fb.column),
			bytes.Compare(fa.rule, fb.rule),
			bytes.Compare(fa.message, fb.message),
		)
	})}
}

// Len is the number of findings.
func (s Sorted) Len() int { return s.s.Len() }

// All ranges over the findings in order, unpacking each.
func (s Sorted) All() iter.Seq[Finding] { return pack.All(s.s, unpackOne) }

// packedFields are a packed finding's fields, sharing the record's bytes.
type packedFields struct {
	rule, path, message []byte
	line, column        int
}

// readFields reads one finding as Pack wrote it: rule, severity, path,
// line, column, message.
func readFields(r *pack.Reader) packedFields {
	var f packedFields
	f.rule = r.Bytes()
	r.Int()
	f.path = r.Bytes()
	f.line = r.Int()
	f.column = r.Int()
	f.message = r.Bytes()
	return f
}

// unpackOne reads one finding as Pack wrote it.
func unpackOne(r *pack.Reader) Finding {
	var f Finding
	f.Rule = internRule(r.Bytes())
	f.Severity = Severity(r.Int())
	f.Path = r.String()
	f.Line = r.Int()
	f.Column = r.Int()
	f.Message = r.String()
	return f
}
