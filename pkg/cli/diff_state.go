package cli

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/history"
	"github.com/clientbook/clientbook/pkg/internal/cache"
	"github.com/clientbook/clientbook/pkg/internal/codec"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

// The states diff and report --since compare are kept whole in the cache
// (folder states), under the book's content (gitrev.Tree.ID, so any commit
// with the same book shares it), the day and the program: the second diff
// of the same revisions reads two small files.

// statesDir is the folder of the kept states; "" without a cache.
func (e *env) statesDir() string {
	if dir := e.cacheDir(); dir != "" {
		return filepath.Join(dir, "states")
	}
	return ""
}

// cachedState is the kept state of the revision's book on day, nil when
// there is none, and its key, nil without a cache.
func (e *env) cachedState(tree string, rb *revBook, day book.Date) (*history.State, []byte) {
	dir := e.statesDir()
	if dir == "" {
		return nil, nil
	}
	var k bytes.Buffer
	fmt.Fprintf(&k, "state\x00%s\x00%x\x00%s\x00", tree, rb.files.ID(), day)
	k.Write(programSalt().Bytes())
	key := k.Bytes()
	if rec, ok := cache.ReadWhole(dir, key); ok {
		var st history.State
		if codec.Decode(rec, &st) == nil {
			return &st, key
		}
	}
	return nil, key
}

// keepState keeps st under key (from cachedState), in the background:
// st is not changed after.
func (e *env) keepState(key []byte, st history.State) {
	if key == nil {
		return
	}
	dir := e.statesDir()
	e.inBackground(func() {
		if rec, err := codec.Append(nil, st); err == nil {
			cache.WriteWhole(dir, key, rec)
		}
	})
}

// evaluateRevision reads the revision's book client by client through the
// history cache and evaluates it on day.
func (e *env) evaluateRevision(tree string, rb *revBook, day book.Date) (history.State, error) {
	opts, err := e.revisionOptions(tree, rb)
	if err != nil {
		return history.State{}, err
	}
	st, err := history.EvaluateDir(rb.dir, day, opts)
	if err != nil {
		return history.State{}, &usageError{msg: err.Error()}
	}
	return st, nil
}

// revisionOptions writes the revision's own files and says how to read
// its client folders.
func (e *env) revisionOptions(tree string, rb *revBook) (load.Options, error) {
	var opts load.Options
	if err := e.writeOwn(rb); err != nil {
		return opts, err
	}
	return opts, e.readOptions(rb, tree, &opts)
}

// evaluatePair evaluates two revisions. With the same firm's file, and
// neither state kept, they are read together (history.EvaluatePair): a
// client folder with the same files on both sides is read once, from the
// first, and measured on both days; the second reads only the others.
func (e *env) evaluatePair(tree string, from, to *sideRevision) (diffState, diffState, error) {
	if from.state != nil || to.state != nil || !from.rb.files.SameFirm(to.rb.files, load.FirmFiles) {
		f, err := e.evaluateSide(tree, from)
		if err != nil {
			return f, diffState{}, err
		}
		t, err := e.evaluateSide(tree, to)
		return f, t, err
	}
	fromOpts, err := e.revisionOptions(tree, from.rb)
	if err != nil {
		return diffState{}, diffState{}, err
	}
	toBook := func() (string, load.Options, error) {
		e.removeSoon(from.rb.dir) // read: while the other side is
		opts, err := e.revisionOptions(tree, to.rb)
		return to.rb.dir, opts, err
	}
	fromKeys, toKeys := from.rb.files.FolderKeys(), to.rb.files.FolderKeys()
	shared := func(folder string) bool {
		name := folder[len("clients/"):]
		a, okA := fromKeys[name]
		b, okB := toKeys[name]
		return okA && okB && a == b
	}
	fst, tst, err := history.EvaluatePair(from.rb.dir, from.day, fromOpts, to.day, toBook, shared)
	if err != nil {
		var usage *usageError
		if errors.As(err, &usage) {
			return diffState{}, diffState{}, err
		}
		return diffState{}, diffState{}, &usageError{msg: err.Error()}
	}
	e.removeSoon(to.rb.dir)
	e.keepState(from.key, fst)
	e.keepState(to.key, tst)
	return from.diffStateOf(fst), to.diffStateOf(tst), nil
}
