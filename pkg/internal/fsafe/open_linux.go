//go:build linux

package fsafe

import (
	"io/fs"
	"os"
	"syscall"
)

// OpenChildDir opens the folder name directly inside the open folder
// parent: one openat of one path component, where walking the path from the
// book's root again would take one per component. O_NOFOLLOW keeps it
// inside the book: a link (listed as a folder after it was resolved, or put
// there since) gives ErrFollow, and the caller goes through the root, which
// resolves links without leaving the book.
func OpenChildDir(parent Folder, name string) (*os.File, error) {
	fd, err := openat(parent.FD, name, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), parent.Rel+"/"+name), nil
}

// ReadChild reads the regular file name directly inside the open folder
// parent into buf (grown as needed, reused by the caller), at most limit
// bytes. Like ReadRegular it never blocks on a pipe and reads nothing but
// a regular file; a link gives ErrFollow.
func ReadChild(parent Folder, name string, buf []byte, limit int) ([]byte, error) {
	fd, err := openat(parent.FD, name, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW|syscall.O_CLOEXEC)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := retry(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		return nil, &fs.PathError{Op: "fstat", Path: name, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, ErrNotRegular
	}
	// Sized from the file so that one read takes it all; one byte more
	// than the limit tells an oversized file without reading all of it.
	want := int(min(max(st.Size, 0), int64(limit)-1)) + 1
	if cap(buf) < want {
		buf = make([]byte, 0, max(want, 2*cap(buf)))
	}
	buf = buf[:0]
	for len(buf) < limit {
		if len(buf) == cap(buf) {
			// The file grew after fstat.
			buf = append(buf, 0)[:len(buf)]
		}
		var n int
		asked := min(cap(buf), limit) - len(buf)
		err := retry(func() (err error) {
			n, err = syscall.Read(fd, buf[len(buf):len(buf)+asked])
			return err
		})
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n <= 0 {
			break
		}
		buf = buf[:len(buf)+n]
		if n < asked {
			// A regular file reads short only at its end: the read
			// that would return 0 is one system call per file saved.
			break
		}
	}
	return buf, nil
}

func openat(dirfd int, name string, flags int) (int, error) {
	var fd int
	err := retry(func() (err error) {
		fd, err = syscall.Openat(dirfd, name, flags, 0)
		return err
	})
	switch {
	case err == syscall.ELOOP || err == syscall.EMLINK || err == syscall.ENOTDIR:
		// A link where the listing saw none (EMLINK is FreeBSD's ELOOP
		// for O_NOFOLLOW), or a file where it saw a folder: let the root
		// sort it out and report it.
		return -1, ErrFollow
	case err != nil:
		return -1, &fs.PathError{Op: "openat", Path: name, Err: err}
	}
	return fd, nil
}

// retry repeats a system call interrupted by a signal.
func retry(call func() error) error {
	for {
		if err := call(); err != syscall.EINTR {
			return err
		}
	}
}

// fdOf is the descriptor of an open folder, for openat.
func fdOf(f *os.File) int { return int(f.Fd()) }
