package edit

import (
	"os"
	"path/filepath"

	"github.com/clientbook/clientbook/pkg/internal/load"
)

// CreateBookFile creates the file rel (slash-separated, relative to the
// book's root) with data, atomically, and refuses what the book's rules
// forbid before anything is written: a path out of the book (ErrOutside),
// data the loader would not read (ErrLimit), an existing file or link
// (ErrExists). Errors name the file as rel.
func CreateBookFile(root, rel string, data []byte) error {
	if err := checkLimits(rel, data); err != nil {
		return err
	}
	path := filepath.Join(root, filepath.FromSlash(rel))
	if err := CheckInside(root, path); err != nil {
		return err
	}
	return create(rel, path, data, 0o644)
}

// ReplaceBookFile writes data over the file rel (slash-separated, relative
// to the book's root), atomically, and returns the file it wrote, relative
// to the root: rel itself, or, when rel is a symbolic link, the file the
// link leads to.
//
// A link is never replaced by a file: a link inside the book is written
// through, so that every name of the file sees the change, as an editor
// saving it would do. A link with any step out of the book is refused
// (ErrOutside, SPEC §1), as is a link to what is not a regular file
// (ErrNotRegular) and data the loader would not read (ErrLimit); nothing
// is written then. Errors name the file as rel.
func ReplaceBookFile(root, rel string, data []byte) (written string, err error) {
	if err := checkLimits(rel, data); err != nil {
		return "", err
	}
	path := filepath.Join(root, filepath.FromSlash(rel))
	if err := CheckInside(root, filepath.Dir(path)); err != nil {
		return "", err
	}
	chain, err := linkChain(path)
	if err != nil {
		return "", failed(rel, true, err)
	}
	target := chain[len(chain)-1]
	// Each step's folder is resolved already (linkChain), so the folder
	// says where the step is, whatever the step itself leads to.
	for _, step := range chain[1:] {
		if err := CheckInside(root, filepath.Dir(step)); err != nil {
			return "", refuse(ErrOutside, "%s is a symbolic link to %s, which is outside the book: clientbook does not write outside the book (symbolic links are not followed out of it); nothing written. Replace the link with a copy of the file to keep the file in the book", rel, target)
		}
	}
	written = rel
	if len(chain) > 1 {
		written = relTo(root, target)
	}
	if fi, err := os.Stat(target); err == nil && !fi.Mode().IsRegular() {
		return "", refuse(ErrNotRegular, "%s leads to %s, which is %s, not a regular file: nothing written", rel, written, describe(fi.Mode()))
	}
	return written, replace(rel, target, data, false)
}

// relTo names path relative to the book's root, slash-separated, for
// messages; path is inside the book.
func relTo(root, path string) string {
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	if rel, err := filepath.Rel(root, path); err == nil {
		return filepath.ToSlash(rel)
	}
	return path
}

// checkLimits refuses data that the loader would refuse to read (SPEC §9
// "Files"), so that a write never leaves a file that the next run
// rejects: the size here, with the numbers, and everything else through
// the loader's own check.
func checkLimits(name string, data []byte) error {
	if len(data) > load.MaxFileSize {
		return refuse(ErrLimit, "%s would be %d bytes, more than the 1 MiB (%d bytes) that clientbook reads: nothing written; make the file smaller first (long notes, or entries that no longer belong in it)", name, len(data), load.MaxFileSize)
	}
	if err := load.CheckFile(data); err != nil {
		return refuse(ErrLimit, "%s would not be readable as written (%v): nothing written", name, err)
	}
	return nil
}
