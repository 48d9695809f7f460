package load

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FirmFiles are the names that mark a book's root, in order of preference.
var FirmFiles = []string{"clientbook.yaml", "clientbook.yml"}

// ErrNoBook is returned by FindRoot when no book is found.
var ErrNoBook = errors.New("no clientbook.yaml found here or in any parent folder: create a book with `clientbook init`, or point at one with --book DIR or $CLIENTBOOK_DIR")

// FindRoot locates the book as git locates its repository: the explicit
// folder (from --book, else $CLIENTBOOK_DIR) when given, else the nearest
// folder at or above dir that holds clientbook.yaml. A clientbook.yaml
// that is there but is not a file (a folder, a pipe, a device, a link to
// nothing) stops the search with an error that says so: it marks the
// folder the user meant as a book, and "no book here" would send them to
// create one.
func FindRoot(explicit, dir string) (string, error) {
	if explicit != "" {
		abs, err := filepath.Abs(explicit)
		if err != nil {
			return "", fmt.Errorf("cannot resolve book folder %q", explicit)
		}
		name, err := firmFileIn(abs, explicit)
		if err != nil {
			return "", err
		}
		if name == "" {
			return "", fmt.Errorf("%s holds no clientbook.yaml: create a book there with `clientbook init %s`", explicit, explicit)
		}
		return abs, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", ErrNoBook
	}
	for {
		name, err := firmFileIn(abs, abs)
		if err != nil {
			return "", err
		}
		if name != "" {
			return abs, nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", ErrNoBook
		}
		abs = parent
	}
}

// firmFileIn returns the name of the firm file in dir, "" when there is
// none. A name that is there but is not a regular file (followed through
// a link) is an error naming what it is, unless the other name is a
// regular file. shown is dir as the user should read it. Nothing is
// opened: a pipe cannot make it wait.
func firmFileIn(dir, shown string) (string, error) {
	var notFile error
	for _, name := range FirmFiles {
		p := filepath.Join(dir, name)
		fi, err := os.Stat(p)
		if err == nil && fi.Mode().IsRegular() {
			return name, nil
		}
		if notFile != nil {
			continue
		}
		switch li, lerr := os.Lstat(p); {
		case lerr != nil:
			// Not there at all.
		case errors.Is(err, fs.ErrNotExist) && li.Mode()&fs.ModeSymlink != 0:
			notFile = fmt.Errorf("%s at %s is a symbolic link to a file that does not exist: point it at the firm's file, or replace it with the file", name, shown)
		case err != nil:
			notFile = fmt.Errorf("%s at %s cannot be read: %s", name, shown, reason(err))
		default:
			notFile = fmt.Errorf("%s at %s is %s, not a file: %s", name, shown, describeMode(fi.Mode()), replaceAdvice(fi.Mode(), name))
		}
	}
	return "", notFile
}

// describeMode names what a file that is not a regular file is.
func describeMode(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "a special file"
}

func replaceAdvice(m fs.FileMode, name string) string {
	if m.IsDir() {
		return fmt.Sprintf("the firm's settings go in a file named %s; move the folder away and write the file (clientbook init writes one)", name)
	}
	return fmt.Sprintf("the firm's settings go in a plain file named %s; replace it with one (clientbook init writes one)", name)
}
