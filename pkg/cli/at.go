package cli

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/gitrev"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

// --at REV|DATE (SPEC §10): the book as it was in a git revision. The
// revision's files are written by pkg/internal/gitrev into a private
// temporary folder with the book's layout, and every command reads that
// folder as its book root: the loader, its limits, positions and findings
// are those of the working tree. The folder is removed when the command is
// done (env.done).

// atCommands are the commands that read the book, and so take --at.
var atCommands = []string{"check", "health", "matrix", "accept", "portfolio", "due", "review", "report", "map", "schema"}

// atBook is the book as it was at --at: the folder it was written to,
// the commit, and the book root in the working tree.
type atBook struct {
	dir    string
	commit gitrev.Commit
	tree   string
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
// once per run, and returns the folder that holds it.
func (e *env) atRoot(tree string) (string, error) {
	if e.atBook != nil {
		return e.atBook.dir, nil
	}
	dir, c, err := e.materialize(tree, e.at, "--at "+e.at)
	if err != nil {
		return "", err
	}
	e.atBook = &atBook{dir: dir, commit: c, tree: tree}
	return dir, nil
}

// materialize writes the book at tree as it was at spec (a revision or a
// date) into a new temporary folder, removed by env.done. what names spec
// in messages, with its flag or command.
func (e *env) materialize(tree, spec, what string) (string, gitrev.Commit, error) {
	repo, err := gitrev.Open(tree, what)
	if err != nil {
		return "", gitrev.Commit{}, &usageError{msg: err.Error()}
	}
	var c gitrev.Commit
	if gitrev.IsDate(spec) {
		d, perr := book.ParseDate(spec)
		if perr != nil {
			return "", c, usagef("%s: %v", what, perr)
		}
		c, err = repo.ResolveDate(d.Time(), what)
	} else {
		c, err = repo.Resolve(spec, what)
	}
	if err != nil {
		return "", c, &usageError{msg: err.Error()}
	}
	// A memory-backed folder when there is one and $TMPDIR does not say
	// otherwise: the book is written once and read once, and on a disk
	// creating and removing its thousands of small files costs more than
	// reading them. A book that does not fit there goes to the usual
	// temporary folder.
	var places []string
	if e.getenv("TMPDIR") == "" && runtime.GOOS == "linux" {
		if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
			places = append(places, "/dev/shm")
		}
	}
	places = append(places, os.TempDir())
	var dir string
	for i, place := range places {
		dir, err = os.MkdirTemp(place, "clientbook-at-")
		if err != nil {
			if i < len(places)-1 {
				continue
			}
			return "", c, usagef("%s: cannot make a temporary folder: %v", what, err)
		}
		made := dir
		e.cleanup = append(e.cleanup, func() { _ = os.RemoveAll(made) })
		err = repo.Materialize(c, dir, load.FirmFiles, what)
		if err == nil {
			break
		}
		if i < len(places)-1 && errors.Is(err, syscall.ENOSPC) {
			_ = os.RemoveAll(dir)
			continue
		}
		return "", c, &usageError{msg: err.Error()}
	}
	return dir, c, nil
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

// done removes what the run left in temporary folders.
func (e *env) done() {
	for _, f := range e.cleanup {
		f()
	}
	e.cleanup = nil
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
