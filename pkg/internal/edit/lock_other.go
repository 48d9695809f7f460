//go:build !unix

package edit

import (
	"io/fs"
	"os"
)

// openNoFollow has no equivalent here: callers check what they opened.
const openNoFollow = 0

// openLock opens the lock file, creating it when it is missing, after
// making sure that it is not a link: without O_NOFOLLOW the check and the
// open are two steps, which is as close as this platform allows.
func openLock(path string) (*os.File, error) {
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: path, Err: ErrNotRegular}
	}
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
}

// tryLock has no flock to call on this platform: writes stay atomic (temp
// file and rename) but concurrent writers are not serialised.
func tryLock(*os.File) (bool, error) { return true, nil }

func unlock(*os.File) {}

// holdTemp has no lock to take on this platform: the age of a temporary
// file alone protects it from removeStale.
func holdTemp(string) *os.File { return nil }
