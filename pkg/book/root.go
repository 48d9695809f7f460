package book

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// FirmFiles are the names that mark a book's root, in order of preference.
var FirmFiles = []string{"clientbook.yaml", "clientbook.yml"}

// ErrNoBook is returned by FindRoot when no book is found.
var ErrNoBook = errors.New("no clientbook.yaml found here or in any parent folder: create a book with `clientbook init`, or point at one with --book DIR or $CLIENTBOOK_DIR")

// FindRoot locates the book as git locates its repository: the explicit
// folder (from --book, else $CLIENTBOOK_DIR) when given, else the nearest
// folder at or above dir that holds clientbook.yaml.
func FindRoot(explicit, dir string) (string, error) {
	if explicit != "" {
		abs, err := filepath.Abs(explicit)
		if err != nil {
			return "", fmt.Errorf("cannot resolve book folder %q", explicit)
		}
		if firmFileIn(abs) == "" {
			return "", fmt.Errorf("%s holds no clientbook.yaml: create a book there with `clientbook init %s`", explicit, explicit)
		}
		return abs, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", ErrNoBook
	}
	for {
		if firmFileIn(abs) != "" {
			return abs, nil
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return "", ErrNoBook
		}
		abs = parent
	}
}

func firmFileIn(dir string) string {
	for _, name := range FirmFiles {
		if fi, err := os.Stat(filepath.Join(dir, name)); err == nil && fi.Mode().IsRegular() {
			return name
		}
	}
	return ""
}
