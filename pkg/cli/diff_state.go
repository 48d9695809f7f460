package cli

import (
	"bytes"
	"fmt"
	"path/filepath"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/history"
	"github.com/clientbook/clientbook/pkg/internal/cache"
	"github.com/clientbook/clientbook/pkg/internal/codec"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

// evaluateRevision is the state of the revision's book on day, as diff
// and report --since compare it. A state is kept whole in the cache,
// under the book's content (gitrev.Tree.ID, so any commit with the same
// book shares it), the day and the program: the second diff of the same
// revisions reads two small files. Otherwise the book is read client by
// client through the history cache.
func (e *env) evaluateRevision(tree string, rb *revBook, day book.Date) (history.State, error) {
	dir := e.cacheDir()
	var key []byte
	if dir != "" {
		dir = filepath.Join(dir, "states")
		id := rb.files.ID()
		var k bytes.Buffer
		fmt.Fprintf(&k, "state\x00%s\x00%x\x00%s\x00", tree, id, day)
		k.Write(programSalt().Bytes())
		key = k.Bytes()
		if rec, ok := cache.ReadWhole(dir, key); ok {
			var st history.State
			if codec.Decode(rec, &st) == nil {
				return st, nil
			}
		}
	}
	if err := e.writeOwn(rb); err != nil {
		return history.State{}, err
	}
	var opts load.Options
	if err := e.readOptions(rb, tree, &opts); err != nil {
		return history.State{}, err
	}
	st, err := history.EvaluateDir(rb.dir, day, opts)
	if err != nil {
		return history.State{}, &usageError{msg: err.Error()}
	}
	if key != nil {
		if rec, err := codec.Append(nil, st); err == nil {
			cache.WriteWhole(dir, key, rec)
		}
	}
	return st, nil
}
