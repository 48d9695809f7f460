// Package gitrev reads a book as it was in a git revision (SPEC §10).
//
// It asks the git command line, never a hand-written reader of git's
// objects: `git ls-tree -r -z -l` lists the files under the book's folder
// in the revision (a Tree, tree.go), and long-lived `git cat-file --batch`
// processes hand over their contents. Nothing is checked out (no
// worktree, no index). A client folder's files can be read into memory on
// demand (Blobs, blobs.go), for the loader to list and read as it would
// the folder on disk; and a Tree is written into a private temporary
// folder that mirrors the book's layout in parts (write.go): the book's
// own files first, then the client folders something reads from disk.
// Each client folder has a key made of its files' object ids
// (FolderKeys), so that a cache can spare reading it at all. Symlinks in
// the tree become symlinks with the same target, which the loader reports
// and never follows out of the book; submodules are skipped.
package gitrev
