//go:build unix

package book

import "syscall"

// openNonBlock opens a file without waiting for a writer when it is a pipe.
const openNonBlock = syscall.O_NONBLOCK
