package edit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
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
	crashPoint(stageTempSynced)
	// A hard link fails when the target exists, which makes "create, never
	// overwrite" atomic; rename would silently replace a file created by a
	// concurrent writer.
	if err := link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		if _, statErr := os.Lstat(path); statErr == nil {
			return fmt.Errorf("%s: %w", path, ErrExists)
		}
		// File systems without hard links: fall back to rename.
		if err := rename(tmp, path); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	crashPoint(stageRenamed)
	err = syncDir(filepath.Dir(path))
	removeStale(path)
	return err
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
	crashPoint(stageTempSynced)
	if err := rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot replace %s: %w", path, err)
	}
	crashPoint(stageRenamed)
	err = syncDir(filepath.Dir(path))
	removeStale(path)
	return err
}

// rename and link are variables so that tests can make them fail.
var (
	rename = os.Rename
	link   = os.Link
)

// The stages of a write at which a test can stop the process, to prove
// that a writer killed at any point leaves the old file or the new one,
// never a mix.
const (
	stageTempWritten = "temp-written" // the data is in the temporary file, not yet synced
	stageTempSynced  = "temp-synced"  // the temporary file is complete and synced
	stageRenamed     = "renamed"      // the new file is in place, the folder not yet synced
)

// crashPoint is called at each stage of a write. It does nothing except in
// tests, which set it to kill the process there.
var crashPoint = func(stage string) {}

// tempPrefix begins the name of path's temporary files: hidden (so the loader skips it) and
// next to its target (so the rename stays on one file system).
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp-" }

// staleAfter is the age at which a temporary file is taken to be left by a
// writer that died: writes take milliseconds, under a lock held seconds at
// most.
const staleAfter = time.Minute

// removeStale deletes temporary files of path that a killed writer left
// behind. They are hidden and harmless, but would pile up; a fresh one may
// be a concurrent writer's and is left alone.
func removeStale(path string) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := tempPrefix(path)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) || !e.Type().IsRegular() {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) > staleAfter {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

func writeTemp(path string, data []byte, perm fs.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix(path)+"*")
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
	crashPoint(stageTempWritten)
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
