package edit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned by Create when the file is already there.
var ErrExists = errors.New("file already exists")

// Create writes data to path atomically, refusing to replace an existing
// file: the content appears complete or not at all.
func Create(path string, data []byte, perm fs.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("cannot create folder %s: %w", filepath.Dir(path), err)
	}
	tmp, err := writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	// A hard link fails when the target exists, which makes "create, never
	// overwrite" atomic; rename would silently replace a file created by a
	// concurrent writer.
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		if _, statErr := os.Lstat(path); statErr == nil {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		// File systems without hard links: fall back to rename.
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	return syncDir(filepath.Dir(path))
}

// Replace writes data over path atomically: a temporary file in the same
// folder, fsync, rename, fsync of the folder. On any failure the original
// is left untouched.
func Replace(path string, data []byte) error {
	perm := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		perm = fi.Mode().Perm()
	}
	tmp, err := writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	if err := rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot replace %s: %w", path, err)
	}
	return syncDir(filepath.Dir(path))
}

// rename is a variable so that tests can make it fail.
var rename = os.Rename

func writeTemp(path string, data []byte, perm fs.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("cannot write in %s: %w", filepath.Dir(path), err)
	}
	name := f.Name()
	fail := func(err error) (string, error) {
		f.Close()
		os.Remove(name)
		return "", fmt.Errorf("cannot write %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Chmod(perm); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", fmt.Errorf("cannot write %s: %w", path, err)
	}
	return name, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // the data is written; a folder we cannot open cannot be synced
	}
	defer d.Close()
	_ = d.Sync() // not every file system supports syncing a folder
	return nil
}
