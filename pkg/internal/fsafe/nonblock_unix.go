//go:build unix

package fsafe

import "syscall"

// openNonBlock opens a file without waiting for a writer when it is a pipe.
const openNonBlock = syscall.O_NONBLOCK
