package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/codec"
	"github.com/clientbook/clientbook/pkg/internal/gitrev"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

// --at REV|DATE (SPEC §10): the book as it was in a git revision. The
// revision's own files (the firm's, the opportunities) and its client
// folders' empty shells are written by pkg/internal/gitrev into a private
// temporary folder with the book's layout, and every command reads that
// folder as its book root: the loader, its limits, positions and findings
// are those of the working tree. A client folder's files are written only
// when something wants them on disk. The commands that read client by
// client (stream) take what the history cache has of a folder, keyed by
// its files' git object ids, and read the others straight from git's
// object store (readOptions); a folder that is a link, or holds one, is
// written to be read (revBook.fetch). The other commands have every file
// written first (revBook.whole), and a look at one folder writes it
// (atFetch). The folder is removed when the command is done (env.done).

// atCommands are the commands that read the book, and so take --at.
var atCommands = []string{"check", "health", "matrix", "accept", "portfolio", "due", "review", "report", "map", "schema"}

// atBook is the book as it was at --at, and the book root in the working
// tree.
type atBook struct {
	*revBook
	tree string
}

// revBook is the book as it was in one revision, written into dir in
// parts.
type revBook struct {
	dir    string
	commit gitrev.Commit
	files  *gitrev.Tree
	what   string

	mu       sync.Mutex
	written  map[string]bool // client folders whose files are in dir
	complete bool            // every file is in dir
}

// fetch writes the files of the client folders named, those not written
// yet, calling ready as each is; it is load.Options.Fetch.
func (rb *revBook) fetch(folders []string, ready func(string)) error {
	rb.mu.Lock()
	defer rb.mu.Unlock()
	if rb.complete {
		return nil
	}
	want := map[string]bool{}
	for _, f := range folders {
		if !rb.written[f] {
			want[f] = true
		}
	}
	if len(want) == 0 {
		return nil
	}
	done := func(client string) {
		rb.written[client] = true
		if ready != nil {
			ready(client)
		}
	}
	return rb.files.Write(rb.dir, func(client string) bool { return want[client] }, done, rb.what)
}

// whole writes every file not written yet.
func (rb *revBook) whole() error {
	rb.mu.Lock()
	defer rb.mu.Unlock()
	if rb.complete {
		return nil
	}
	err := rb.files.Write(rb.dir, func(client string) bool { return client != "" && !rb.written[client] }, nil, rb.what)
	if err != nil {
		return &usageError{msg: err.Error()}
	}
	rb.complete = true
	return nil
}

// readOptions sets opts to read rb client by client through the history
// cache, whose entries are keyed by content and serve every revision and
// command; without a cache, every file is written first.
func (e *env) readOptions(rb *revBook, tree string, opts *load.Options) error {
	keys := rb.files.FolderKeys()
	store := e.historyCache(tree, len(keys))
	if store == nil {
		return rb.whole()
	}
	opts.Cache, opts.Codec, opts.Keys, opts.Fetch = store, codec.Binary{}, keys, rb.fetch
	// A folder the cache lacks is read from git's object store, never
	// written; only folders without a key (links) are written to be read.
	blobs := rb.files.Blobs(load.MaxFileSize+1, rb.what)
	e.atDone(func() { _ = blobs.Close() })
	opts.Blobs = func(folder string) ([]load.Blob, error) {
		files, err := blobs.Folder(folder)
		if err != nil {
			return nil, err
		}
		out := make([]load.Blob, len(files))
		for i, f := range files {
			out[i] = load.Blob{Path: f.Path, Data: f.Data}
		}
		return out, nil
	}
	return nil
}

// checkAt refuses --at on the commands that write, or that take their
// revisions as arguments.
func (e *env) checkAt(cmd *cobra.Command) error {
	if e.at == "" {
		return nil
	}
	if cmd.Name() == "diff" {
		return usagef("diff takes its revisions as arguments: clientbook diff %s [TO], not --at", e.at)
	}
	if !slices.Contains(atCommands, cmd.Name()) || cmd.Parent() != cmd.Root() {
		return usagef("--at %s: %s does not read an earlier book; --at applies to %s", e.at, cmd.CommandPath(), strings.Join(atCommands[:len(atCommands)-1], ", "))
	}
	return nil
}

// atRoot reads the book whose working-tree root is tree as it was at --at,
// once per run, and returns the folder that holds it, with every file.
func (e *env) atRoot(tree string) (string, error) {
	rb, err := e.atRevBook(tree)
	if err != nil {
		return "", err
	}
	return rb.dir, rb.whole()
}

// atRevBook is the book at --at, its own files written and its client
// folders' files as yet only those something asked for.
func (e *env) atRevBook(tree string) (*revBook, error) {
	if e.atBook != nil {
		return e.atBook.revBook, nil
	}
	rb, err := e.revision(tree, e.at, "--at "+e.at)
	if err != nil {
		return nil, err
	}
	if err := e.writeOwn(rb); err != nil {
		return nil, err
	}
	e.atBook = &atBook{revBook: rb, tree: tree}
	return rb, nil
}

// revision lists the book at tree as it was at spec (a revision or a
// date), writing nothing yet (see written). what names spec in messages,
// with its flag or command.
func (e *env) revision(tree, spec, what string) (*revBook, error) {
	repo, err := gitrev.Open(tree, what)
	if err != nil {
		return nil, &usageError{msg: err.Error()}
	}
	var c gitrev.Commit
	if gitrev.IsDate(spec) {
		d, perr := book.ParseDate(spec)
		if perr != nil {
			return nil, usagef("%s: %v", what, perr)
		}
		c, err = repo.ResolveDate(d.Time(), what)
	} else {
		c, err = repo.Resolve(spec, what)
	}
	if err != nil {
		return nil, &usageError{msg: err.Error()}
	}
	files, err := repo.List(c, load.FirmFiles, what)
	if err != nil {
		return nil, &usageError{msg: err.Error()}
	}
	return &revBook{commit: c, files: files, what: what, written: map[string]bool{}}, nil
}

// writeOwn writes the book's own files (not its client folders') into a
// new temporary folder, removed by env.done, and makes it rb's.
func (e *env) writeOwn(rb *revBook) error {
	place := e.tempPlace(rb.files.Size())
	sweepTemp(place)
	// The process id in the name lets a later run remove what a run
	// that was killed outright left (sweepTemp).
	dir, err := os.MkdirTemp(place, fmt.Sprintf("%s%d-", tempPrefix, os.Getpid()))
	if err != nil {
		return usagef("%s: cannot make a temporary folder: %v", rb.what, err)
	}
	e.removeOnExit(dir)
	rb.dir = dir
	if err := rb.files.Write(dir, func(client string) bool { return client == "" }, nil, rb.what); err != nil {
		return &usageError{msg: err.Error()}
	}
	return nil
}

// tempPlace is where a revision of size bytes is written: a memory-backed
// folder when there is one with room to spare and $TMPDIR does not say
// otherwise (the book is written once and read once, and on a disk
// creating and removing its thousands of small files costs more than
// reading them), else the usual temporary folder.
func (e *env) tempPlace(size int64) string {
	if e.getenv("TMPDIR") == "" && runtime.GOOS == "linux" {
		if free, ok := freeBytes("/dev/shm"); ok && uint64(size) < free/2 {
			return "/dev/shm"
		}
	}
	return os.TempDir()
}

// atFetch makes sure the file or folder rel (slash-separated, relative to
// the book root) of the book read at --at is on disk: a client folder's
// files are not written when they come from the cache or git's object
// store, so one is written when a command wants to look at it (check's
// PATH arguments, a finding's source line). Without --at it does nothing.
func (e *env) atFetch(rel string) {
	if e.atBook == nil {
		return
	}
	if rest, ok := strings.CutPrefix(rel, "clients/"); ok {
		name, _, _ := strings.Cut(rest, "/")
		_ = e.atBook.fetch([]string{name}, nil)
	}
}

// treeRoot is the book's root in the working tree for root, the folder
// a command reads: with --at, root is a temporary folder, and what is
// shown relative to the working folder is the tree's.
func (e *env) treeRoot(root string) string {
	if e.atBook != nil && root == e.atBook.dir {
		return e.atBook.tree
	}
	return root
}

// atPath maps an absolute path in the working tree's book to the same
// place in the book read at --at; without --at, or outside the book, it
// is p.
func (e *env) atPath(p string) string {
	if e.atBook == nil {
		return p
	}
	rel, err := filepath.Rel(e.atBook.tree, p)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return p
	}
	return filepath.Join(e.atBook.dir, rel)
}
