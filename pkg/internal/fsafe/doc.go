// Package fsafe owns how the book's files are opened and read safely: only
// inside the book's root, never through a link out of it, never blocking
// on a pipe, a regular file only, and at most a given number of bytes. A
// folder being read is held open so that each file in it is opened by name
// (openat with O_NOFOLLOW, then fstat on the open file), one system call per
// file; what cannot be opened so (a link, a system without openat) gives
// ErrFollow, and the caller opens it through the os.Root. It also stamps a
// file's identity (inode, size, modification and change times) for the
// cache. It knows nothing of YAML, clients or findings.
package fsafe
