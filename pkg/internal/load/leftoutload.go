package load

import (
	"cmp"
	"path"
	"slices"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
)

func compareLeftOut(a, b book.LeftOut) int {
	return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Path, b.Path), cmp.Compare(a.Name, b.Name))
}

// unreadBecause is the LeftOut of a file that could not be read, from the
// findings about it: the first one on the file itself, by position, else
// the first on its folder (dir; "" for none), which says, for instance,
// that the file is missing. Only structural findings (CB001–CB006) can
// keep a file from being read.
func unreadBecause(kind, name, file, dir string, findings ...[]finding.Finding) book.LeftOut {
	var onFile, onDir *finding.Finding
	for _, fs := range findings {
		for i := range fs {
			f := &fs[i]
			switch {
			case f.Rule > CB006.ID:
			case f.Path == file && (onFile == nil || before(f, onFile)):
				onFile = f
			case dir != "" && f.Path == dir && (onDir == nil || before(f, onDir)):
				onDir = f
			}
		}
	}
	out := book.LeftOut{Kind: kind, Name: name, Path: file, Reason: "cannot be read"}
	switch {
	case onFile != nil:
		out.Pos = book.Pos{Line: onFile.Line, Column: onFile.Column}
		out.Reason = "cannot be read (" + onFile.Message + ")"
		if onFile.Rule == CB006.ID {
			out.Reason = "is not a" + an(kind) + " " + kind + " (" + onFile.Message + ")"
		}
	case onDir != nil:
		out.Path = dir
		out.Pos = book.Pos{Line: onDir.Line, Column: onDir.Column}
		out.Reason = onDir.Message
	}
	return out
}

func an(word string) string {
	if word != "" && slices.Contains([]byte("aeiou"), word[0]) {
		return "n"
	}
	return ""
}

func before(a, b *finding.Finding) bool {
	return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column)) < 0
}

// statusUnknown is the LeftOut of a client that was read but whose status
// is not known; nil when it is known.
func statusUnknown(c *book.Client) *book.LeftOut {
	if c.Unread != nil || c.Status.Set {
		return nil
	}
	name := string(c.ID.Value)
	if name == "" {
		name = path.Base(path.Dir(c.Path))
	}
	out := &book.LeftOut{Kind: book.LeftOutClient, Name: name, Path: c.Path, StatusUnknown: true}
	switch {
	case c.Status.Invalid:
		out.Pos = c.Status.Pos
		out.Reason = "its status is not valid, so whether it is active is not known"
	case hasKey(c.Keys, "status"):
		out.Pos = c.Keys["status"]
		out.Reason = "its status is empty, so whether it is active is not known"
	default:
		out.Pos = c.Pos
		out.Reason = "it has no status, so whether it is active is not known"
	}
	return out
}
