package edit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// LockFile is the name of the lock file at the book's root. It is hidden,
// so the loader skips it, and it is left in place after use: removing it
// would let a second writer lock a fresh file while a third still holds
// the old one.
const LockFile = ".clientbook.lock"

// ErrLocked is returned by Lock when another process holds the lock for
// longer than the timeout.
var ErrLocked = errors.New("the book is locked by another clientbook")

// Lock is the book's advisory write lock, held from Lock until Close.
type Lock struct {
	f *os.File
}

// pollInterval is how often Lock retries a held lock. Writers hold the
// lock for milliseconds, so a short interval keeps queued writers quick.
const pollInterval = 10 * time.Millisecond

// AcquireLock takes the advisory lock of the book rooted at root, waiting
// up to timeout for another writer to finish. Every read-modify-write of
// the book (log, new) holds it, so that concurrent writers serialise
// instead of losing each other's changes. The lock is released by Close,
// and by the operating system if the process dies, so a crashed writer
// never leaves the book locked.
func AcquireLock(root string, timeout time.Duration) (*Lock, error) {
	path := filepath.Join(root, LockFile)
	f, err := openLock(path)
	if err != nil {
		if fi, lerr := os.Lstat(path); lerr == nil && !fi.Mode().IsRegular() {
			return nil, notRegularLock(path, fi.Mode())
		}
		return nil, fmt.Errorf("cannot open the lock file %s: %s", path, reason(err))
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		mode := fs.ModeIrregular
		if err == nil {
			mode = fi.Mode()
		}
		return nil, notRegularLock(path, mode)
	}
	deadline := time.Now().Add(timeout)
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("cannot lock %s: %s", path, reason(err))
		}
		if ok {
			break
		}
		if time.Now().After(deadline) {
			holder := lockHolder(f)
			f.Close()
			return nil, fmt.Errorf("%w%s: waited %s for %s; try again when it has finished", ErrLocked, holder, timeout, path)
		}
		time.Sleep(pollInterval)
	}
	// The holder's pid is for the timeout message of the next writer only;
	// the lock itself is the flock, not the file's content.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f}, nil
}

// notRegularLock refuses a lock file that is not a regular file. A
// symbolic link would have the lock's pid written over the file it points
// at; a folder, pipe or device cannot hold a lock. Nothing of value is in
// a lock file, so deleting it is always safe.
func notRegularLock(path string, mode fs.FileMode) error {
	return refuse(ErrNotRegular, "the lock file %s is %s, and it must be a regular file: delete it (clientbook creates it again) and keep it out of git (clientbook init lists it in .gitignore); nothing written", path, describe(mode))
}

// lockHolder names the process that holds the lock, as far as the lock
// file tells.
func lockHolder(f *os.File) string {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid := strings.TrimSpace(string(buf[:n]))
	if _, err := strconv.Atoi(pid); err != nil {
		return ""
	}
	return " (process " + pid + ")"
}

// Close releases the lock. Closing a nil or closed Lock does nothing.
func (l *Lock) Close() error {
	if l == nil || l.f == nil {
		return nil
	}
	unlock(l.f)
	err := l.f.Close()
	l.f = nil
	return err
}
