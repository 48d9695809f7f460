package edit

import (
	"os"
	"path/filepath"
	"strings"
)

// WriteFile writes data to path, a file the user named outside the book's
// rules (report -o), where the shell's > would write it, and never leaves
// a half-written page in place of a whole one:
//
//   - a regular file, or a path where nothing is yet, is written
//     atomically by Replace (the old file stays until the new one is
//     complete; missing folders are created);
//   - a symbolic link is written through: the file it leads to is
//     replaced, or created when the link leads nowhere yet, and the link
//     stays a link;
//   - anything else that takes writes (a device such as /dev/null, a named
//     pipe, a terminal, /dev/stdout, a process substitution /dev/fd/N) is
//     opened and written straight: it cannot be replaced by a file, and
//     renaming one over it would destroy it. A named pipe waits for its
//     reader, as it does for any writer;
//   - a folder is refused with ErrNotRegular.
//
// A path that names an open descriptor (/dev/stdout, /dev/fd/N,
// /proc/self/fd/N) is written straight even when the descriptor is a
// regular file: `report -o /dev/stdout > page.html` must fill the file the
// shell opened, not put a new file in its place.
func WriteFile(path string, data []byte) error {
	if fi, err := os.Stat(path); err == nil {
		switch {
		case fi.IsDir():
			return refuse(ErrNotRegular, "%s is a folder: name a file to write, for example %s", path, filepath.Join(path, "report.html"))
		case !fi.Mode().IsRegular() || namesDescriptor(path):
			return writeStraight(path, data)
		}
	}
	return replace(path, path, data, true)
}

// namesDescriptor tells whether path, or a link on the way from it, is one
// of the names of an open file descriptor.
func namesDescriptor(path string) bool {
	chain, err := linkChain(path)
	if err != nil {
		return false
	}
	for _, p := range chain {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		abs = filepath.ToSlash(abs)
		if abs == "/dev/stdout" || abs == "/dev/stderr" || strings.HasPrefix(abs, "/dev/fd/") || strings.HasPrefix(abs, "/proc/") {
			return true
		}
	}
	return false
}

// writeStraight writes data into what path names, as the shell's > does.
// There is nothing to keep untouched: a device or a pipe has no old
// content, and a descriptor's file is the caller's to fill.
func writeStraight(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return &writeError{name: path, err: err}
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return &writeError{name: path, err: err}
	}
	if err := f.Close(); err != nil {
		return &writeError{name: path, err: err}
	}
	return nil
}
