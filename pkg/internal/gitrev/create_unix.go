//go:build unix

package gitrev

import (
	"io"
	"io/fs"
	"syscall"
)

// createExcl creates a new file for writing, failing if it exists. It is a
// bare descriptor rather than an *os.File: a book's revision is tens of
// thousands of small files, and os.File's setup of each (non-blocking
// mode, the poller) cost as much as writing it.
func createExcl(path string) (io.WriteCloser, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o600)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return rawFile(fd), nil
	}
}

type rawFile int

func (f rawFile) Write(p []byte) (int, error) {
	written := 0
	for written < len(p) {
		n, err := syscall.Write(int(f), p[written:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return written, err
		}
		if n == 0 {
			return written, io.ErrShortWrite
		}
		written += n
	}
	return written, nil
}

func (f rawFile) Close() error { return syscall.Close(int(f)) }
