package finding

import "github.com/clientbook/clientbook/pkg/pack"

// Pack is fs as one record of bytes with no pointers (see pkg/pack): what
// `check` keeps of each client while it reads a large book, so that the
// findings of 100,000 clients are not marked again by every collection.
func Pack(fs []Finding) []byte {
	if len(fs) == 0 {
		return nil
	}
	var w pack.Writer
	w.Int(len(fs))
	for _, f := range fs {
		w.String(f.Rule)
		w.Int(int(f.Severity))
		w.String(f.Path)
		w.Int(f.Line)
		w.Int(f.Column)
		w.String(f.Message)
	}
	return w.Bytes()
}

// Packed is the number of findings in a record Pack wrote.
func Packed(rec []byte) int {
	if len(rec) == 0 {
		return 0
	}
	return pack.NewReader(rec).Int()
}

// Unpack appends the findings of a record Pack wrote to dst. Rule ids come
// back as the catalog's own strings and a path repeated from the finding
// before as the same string, so unpacking allocates little beyond the
// messages.
func Unpack(dst []Finding, rec []byte) []Finding {
	if len(rec) == 0 {
		return dst
	}
	r := pack.NewReader(rec)
	n := r.Int()
	path := ""
	for range n {
		var f Finding
		f.Rule = internRule(r.Bytes())
		f.Severity = Severity(r.Int())
		if p := r.Bytes(); string(p) != path {
			path = string(p)
		}
		f.Path = path
		f.Line = r.Int()
		f.Column = r.Int()
		f.Message = r.String()
		dst = append(dst, f)
	}
	return dst
}

func internRule(id []byte) string {
	for _, r := range Catalog {
		if string(id) == r.ID {
			return r.ID
		}
	}
	return string(id)
}
