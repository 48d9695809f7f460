//go:build !unix

package book

// openNonBlock is zero where there are no named pipes to block on.
const openNonBlock = 0
