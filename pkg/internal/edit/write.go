package edit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

// ErrExists is returned by Create when the file is already there.
var ErrExists = errors.New("file already exists")

// Create writes data to path atomically, refusing to replace an existing
// file: the content appears complete or not at all. A symbolic link at
// path, even one that leads nowhere, is an existing file: Create never
// writes through a link.
func Create(path string, data []byte, perm fs.FileMode) error {
	return create(path, path, data, perm)
}

// create is Create with name, the file as messages call it.
func create(name, path string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return failed(name, false, err)
	}
	removeStale(dir)
	tmp, err := writeTemp(path, data, perm)
	if err != nil {
		return failed(name, false, err)
	}
	defer tmp.discard()
	crashPoint(stageTempSynced)
	// A hard link fails when the target exists, which makes "create, never
	// overwrite" atomic; rename would silently replace a file created by a
	// concurrent writer.
	if err := link(tmp.name, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", name, ErrExists)
		}
		if _, statErr := os.Lstat(path); statErr == nil {
			return fmt.Errorf("%s: %w", name, ErrExists)
		}
		// File systems without hard links: fall back to rename.
		if err := rename(tmp.name, path); err != nil {
			return failed(name, false, err)
		}
	}
	crashPoint(stageRenamed)
	syncDir(dir)
	return nil
}

// Replace writes data to path atomically, whether a file is there or not:
// a temporary file in the same folder, fsync, rename, fsync of the folder.
// On any failure the original is left untouched.
//
// A symbolic link at path is written through: the file it leads to is
// replaced (or created, when the link leads nowhere yet) and the link
// stays a link, as an editor saving the file would leave it. Anything else
// that is not a regular file (a folder, a pipe, a device) is refused with
// ErrNotRegular: renaming a file over it would destroy it.
func Replace(path string, data []byte) error {
	return replace(path, path, data, false)
}

// replace is Replace with name, the file as messages call it; mkdir
// creates the target's folder when it is missing.
func replace(name, path string, data []byte, mkdir bool) error {
	chain, err := linkChain(path)
	if err != nil {
		return failed(name, true, err)
	}
	target := chain[len(chain)-1]
	perm := fs.FileMode(0o644)
	existed := false
	if fi, err := os.Stat(target); err == nil {
		if !fi.Mode().IsRegular() {
			return refuse(ErrNotRegular, "%s is %s, not a regular file: nothing written", nameVia(name, chain), describe(fi.Mode()))
		}
		perm, existed = fi.Mode().Perm(), true
	}
	dir := filepath.Dir(target)
	if mkdir && !existed {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return failed(name, false, err)
		}
	}
	removeStale(dir)
	tmp, err := writeTemp(target, data, perm)
	if err != nil {
		return failed(name, existed, err)
	}
	defer tmp.release()
	crashPoint(stageTempSynced)
	if err := rename(tmp.name, target); err != nil {
		tmp.discard()
		return failed(name, existed, err)
	}
	crashPoint(stageRenamed)
	syncDir(dir)
	return nil
}

// nameVia names a file reached through links, for messages: the name the
// caller gave and, when it is a link, where it leads.
func nameVia(name string, chain []string) string {
	if len(chain) < 2 {
		return name
	}
	return name + " (a link to " + chain[len(chain)-1] + ")"
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

// tempPrefix begins the name of path's temporary files: hidden (so the
// loader skips it) and next to its target (so the rename stays on one file
// system). os.CreateTemp ends the name with decimal digits.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp-" }

// tempName matches the names tempPrefix and os.CreateTemp give, of any
// file: the only names removeStale ever removes.
var tempName = regexp.MustCompile(`^\..+\.tmp-[0-9]+$`)

// staleAfter is the age at which a temporary file is taken to be left by a
// writer that died: writes take milliseconds, under a lock held seconds at
// most.
const staleAfter = time.Minute

// removeStale deletes the temporary files that killed writers left in dir,
// whichever file they were writing. They are hidden and harmless, but
// would pile up. A temporary file is removed only when it is both old
// (last written more than staleAfter ago) and not held: a live writer
// holds a lock on its temporary file until the rename (holdTemp), so one
// that was stopped (^Z) for longer than staleAfter keeps it; where there
// are no such locks, the age alone decides. A writer's own temporary file
// does not exist yet when it cleans: removeStale runs before writeTemp.
func removeStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !tempName.MatchString(e.Name()) {
			continue
		}
		fi, err := e.Info()
		if err != nil || time.Since(fi.ModTime()) <= staleAfter {
			continue
		}
		removeAbandoned(filepath.Join(dir, e.Name()))
	}
}

// removeAbandoned removes the temporary file p unless a live writer holds
// it. It is opened without following a link, so that nothing but the
// temporary file itself is ever locked or removed.
func removeAbandoned(p string) {
	f, err := os.OpenFile(p, os.O_RDONLY|openNoFollow, 0)
	if err != nil {
		return
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		return
	}
	if free, err := tryLock(f); err != nil || !free {
		return
	}
	os.Remove(p)
}

// temp is a complete, synced temporary file, held until the rename.
type temp struct {
	name string
	hold *os.File // the lock that tells removeStale the file is in use; nil if none
}

// release lets go of the temporary file's lock once it is renamed.
func (t *temp) release() {
	if t.hold != nil {
		t.hold.Close()
		t.hold = nil
	}
}

// discard removes the temporary file (after a failure, or after Create's
// link, which leaves it next to the new file) and lets go of its lock.
func (t *temp) discard() {
	os.Remove(t.name)
	t.release()
}

func writeTemp(path string, data []byte, perm fs.FileMode) (*temp, error) {
	f, err := os.CreateTemp(filepath.Dir(path), tempPrefix(path)+"*")
	if err != nil {
		return nil, err
	}
	t := &temp{name: f.Name(), hold: holdTemp(f.Name())}
	fail := func(err error) (*temp, error) {
		f.Close()
		t.discard()
		return nil, err
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
		t.discard()
		return nil, err
	}
	return t, nil
}

// syncDir makes a rename in dir durable. The data is written either way: a
// folder that cannot be opened cannot be synced, and not every file system
// supports syncing a folder.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	_ = d.Sync()
}
