package finding

import "github.com/clientbook/clientbook/pkg/pack"

// Pack is fs as one record of bytes with no pointers (see pkg/pack): what
// `check` keeps of each client while it reads a large book, so that the
// findings of 100,000 clients are not marked again by every collection.
// SortPacked orders and unpacks them.
func Pack(fs []Finding) []byte {
	return pack.List(fs, func(w *pack.Writer, f Finding) {
		w.String(f.Rule)
		w.Int(int(f.Severity))
		w.String(f.Path)
		w.Int(f.Line)
		w.Int(f.Column)
		w.String(f.Message)
	})
}

// Unpack appends the findings of a record Pack wrote to dst, in the order
// they were packed.
func Unpack(dst []Finding, rec []byte) []Finding {
	if len(rec) == 0 {
		return dst
	}
	r := pack.NewReader(rec)
	for range r.Int() {
		dst = append(dst, unpackOne(r))
	}
	return dst
}

func internRule(id []byte) string {
	for _, r := range declared {
		if string(id) == r.ID {
			return r.ID
		}
	}
	return string(id)
}
