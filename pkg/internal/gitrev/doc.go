// Package gitrev reads a book as it was in a git revision (SPEC §10).
//
// It asks the git command line, never a hand-written reader of git's
// objects: `git ls-tree -r -z` lists the files under the book's folder in
// the revision, and one long-lived `git cat-file --batch` process hands
// over their contents. Nothing is checked out (no worktree, no index): the
// files are written into a private temporary folder that mirrors the
// book's layout, and the book's loader reads that folder as it reads a
// working tree, so that every guarantee of the loader (limits, positions
// relative to the book root, findings) holds for these files too. A Tree
// (tree.go) is written in parts (write.go): the book's own files first,
// then the client folders something reads, keyed by their object ids
// (FolderKeys) so that a cache can spare writing and reading the others.
// Symlinks
// in the tree become symlinks with the same target, which the loader
// reports and never follows out of the book; submodules are skipped.
package gitrev
