package edit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// Kinds of refused writes, for errors.Is: the write was refused before
// anything was written, for the reason the error's message gives.
var (
	// ErrOutside refuses a path that leads out of the book (SPEC §1).
	ErrOutside = errors.New("outside the book")
	// ErrLimit refuses content the loader would not read (SPEC §9 "Files").
	ErrLimit = errors.New("over a limit of the book's files")
	// ErrNotRegular refuses to replace what is not a regular file: a
	// folder, or, in the book, a pipe or a device.
	ErrNotRegular = errors.New("not a regular file")
)

// refusal is a write refused before anything was written. kind is the
// sentinel that errors.Is finds in it.
type refusal struct {
	kind error
	msg  string
}

func (r *refusal) Error() string        { return r.msg }
func (r *refusal) Is(target error) bool { return target == r.kind }

func refuse(kind error, format string, args ...any) error {
	return &refusal{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// writeError is a write that failed. Its message names the file as the
// caller named it, says why in words rather than in the system call's
// text, and says what became of the file; the cause stays in the chain
// for errors.Is.
type writeError struct {
	name    string // the file, as the caller named it
	err     error
	outcome string // "nothing written", "<name> is unchanged", or ""
}

func (e *writeError) Error() string {
	msg := fmt.Sprintf("cannot write %s: %s", e.name, reason(e.err))
	if e.outcome != "" {
		msg += "; " + e.outcome
	}
	return msg
}

func (e *writeError) Unwrap() error { return e.err }

// failed returns the error of a failed atomic write of name, which existed
// (and is then unchanged) or did not (and then nothing was written).
func failed(name string, existed bool, err error) error {
	outcome := "nothing written"
	if existed {
		outcome = name + " is unchanged"
	}
	return &writeError{name: name, err: err, outcome: outcome}
}

// reason says why a file operation failed, without the operation and the
// paths that the system call's error repeats.
func reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied (check the permissions of the file and its folder)"
	case errors.Is(err, syscall.ENOSPC):
		return "no space left on the device"
	case errors.Is(err, syscall.EDQUOT):
		return "the disk quota is used up"
	case errors.Is(err, syscall.EROFS):
		return "the file system is read-only"
	case errors.Is(err, syscall.ENOTDIR):
		return "a part of its path is a file, not a folder"
	case errors.Is(err, fs.ErrNotExist):
		return "its folder does not exist"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// describe names what a file that is not a regular file is, for messages.
func describe(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsRegular():
		return "a regular file"
	}
	return "not a regular file"
}
