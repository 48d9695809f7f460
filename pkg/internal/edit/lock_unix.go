//go:build unix

package edit

import (
	"errors"
	"os"
	"syscall"
)

// openNoFollow opens a file only if it is not a symbolic link, and
// without waiting for a writer when it is a pipe.
const openNoFollow = syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// openLock opens the lock file, creating it when it is missing. A
// symbolic link is not followed, even one that leads nowhere (O_CREAT
// alone would create its target): the lock is truncated and written, so a
// link committed in its place would make every writer overwrite the file
// it points at. The caller checks that what it opened is a regular file.
func openLock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE|openNoFollow, 0o644)
}

// tryLock takes an exclusive flock without blocking, so that AcquireLock
// can give up after its timeout with a message instead of hanging.
func tryLock(f *os.File) (bool, error) {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, syscall.EINTR):
			continue
		default:
			return false, err
		}
	}
}

func unlock(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// holdTemp locks the temporary file name for as long as the returned file
// is open, so that removeStale knows a live writer still needs it; the
// system releases the lock when the writer dies. It returns nil when the
// file cannot be locked: the age of the file then protects it alone.
func holdTemp(name string) *os.File {
	f, err := os.OpenFile(name, os.O_RDONLY|openNoFollow, 0)
	if err != nil {
		return nil
	}
	if ok, err := tryLock(f); err != nil || !ok {
		f.Close()
		return nil
	}
	return f
}
