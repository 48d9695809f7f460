package due

import (
	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/pack"
)

// kinds lists every Kind, for unpacking them as the same strings.
var kinds = []string{KindAction, KindRecovery, KindMilestone, KindDependency, KindTouchpoint, KindReview, KindMeeting}

// Pack is items as one record of bytes with no pointers (see pkg/pack):
// what `due` keeps of each client while it reads a large book.
func Pack(items []Item) []byte {
	if len(items) == 0 {
		return nil
	}
	var w pack.Writer
	w.Int(len(items))
	for _, it := range items {
		w.Int(int(it.Date))
		w.String(it.Client)
		w.String(it.What)
		w.String(it.Kind)
		w.Bool(it.Overdue)
		w.Int(it.Days)
		w.OptString(it.Owner)
		w.String(it.Path)
		w.OptInt(it.Line)
	}
	return w.Bytes()
}

// Packed is the number of items in a record Pack wrote.
func Packed(rec []byte) int {
	if len(rec) == 0 {
		return 0
	}
	return pack.NewReader(rec).Int()
}

// Unpack appends the items of a record Pack wrote to dst. A client, owner
// or path repeated from the item before comes back as the same string, and
// kinds as the package's own.
func Unpack(dst []Item, rec []byte) []Item {
	if len(rec) == 0 {
		return dst
	}
	r := pack.NewReader(rec)
	n := r.Int()
	var client, path string
	var owner *string
	for range n {
		var it Item
		it.Date = book.Date(r.Int())
		client = reuse(client, r.Bytes())
		it.Client = client
		it.What = r.String()
		it.Kind = internKind(r.Bytes())
		it.Overdue = r.Bool()
		it.Days = r.Int()
		if o := r.OptString(); o != nil {
			if owner == nil || *owner != *o {
				owner = o
			}
			it.Owner = owner
		}
		path = reuse(path, r.Bytes())
		it.Path = path
		it.Line = r.OptInt()
		dst = append(dst, it)
	}
	return dst
}

// reuse is b as a string: last itself when they are equal.
func reuse(last string, b []byte) string {
	if string(b) == last {
		return last
	}
	return string(b)
}

func internKind(b []byte) string {
	for _, k := range kinds {
		if string(b) == k {
			return k
		}
	}
	return string(b)
}
