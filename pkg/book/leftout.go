package book

import "github.com/clientbook/clientbook/pkg/finding"

// What a LeftOut is.
const (
	LeftOutClient      = "client"
	LeftOutOpportunity = "opportunity"
)

// LeftOut is a client or an opportunity that the commands which answer
// from the book cannot use as the others, with the place to fix and why.
// A broken file hides nothing else: `check` still checks the client's
// other files, and the read commands name what they left out instead of
// dropping it with a generic warning.
type LeftOut struct {
	Kind string // LeftOutClient or LeftOutOpportunity
	// Name is the client's id, else its folder's name; or the
	// opportunity file's name without its extension.
	Name string
	// Path and Pos are the file (or folder) to fix and the place in it;
	// Pos is zero when the whole file or folder is wrong.
	Path string
	Pos  Pos
	// Reason says what is wrong: the finding that kept the file from
	// being read, or why the client's status is not known.
	Reason string
	// StatusUnknown marks a client that was read but whose status is
	// missing or not valid: only a command that chooses clients by their
	// status (the active ones, or --status) leaves it out. Every other
	// LeftOut could not be read at all, and is left out of every command.
	StatusUnknown bool
}

// Location is the LeftOut's path:line:col, as a finding prints it.
func (o LeftOut) Location() string {
	return finding.Finding{Path: o.Path, Line: o.Pos.Line, Column: o.Pos.Column}.Location()
}

// ID is the LeftOut's name as an id ("" when the name is not one).
func (o LeftOut) ID() ID {
	if ValidID(o.Name) {
		return ID(o.Name)
	}
	return ""
}
