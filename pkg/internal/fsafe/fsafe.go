package fsafe

import (
	"errors"
	"io"
	"os"
)

// Folder is a folder of the book held open while its files are read, so
// that each file is opened by its name alone instead of walking its path
// from the root again. The zero Folder is none: files are opened from the
// root by path.
type Folder struct {
	Rel  string // relative to the book's root, slash-separated
	FD   int
	Open bool // false for the zero Folder: no folder is open
}

// OpenFolder is the open folder f, at rel; the zero Folder for nil.
func OpenFolder(f *os.File, rel string) Folder {
	if f == nil {
		return Folder{}
	}
	fd := fdOf(f)
	return Folder{Rel: rel, FD: fd, Open: fd >= 0}
}

// ErrFollow says a file or folder cannot be opened by name from its open
// folder (it is a link, or there is no openat): open it from the root.
var ErrFollow = errors.New("open from the root")

// ErrNotRegular is the error for a file that is, or turned into, something
// else than a regular file (a pipe, a device) between listing and reading.
var ErrNotRegular = errors.New("not a regular file (a device, pipe or socket): replace it with a plain file")

// ReadRegular reads the file p (slash-separated) inside the root r: never
// through a link out of it, without blocking on a pipe, a regular file
// only, and at most limit bytes of it.
func ReadRegular(r *os.Root, p string, limit int) ([]byte, error) {
	// Opened without blocking, so that a pipe put in the file's place after
	// the folder was listed cannot hang the reader; a regular file reads
	// the same either way.
	f, err := r.OpenFile(p, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	return io.ReadAll(io.LimitReader(f, int64(limit)))
}

// Stamp is what identifies one state of a file.
type Stamp struct {
	Ino, Size       uint64
	Mtime, Ctime    int64 // nanoseconds
	RecentlyChanged bool  // changed at or after the time asked about
}
