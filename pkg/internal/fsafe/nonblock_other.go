//go:build !unix

package fsafe

// openNonBlock is zero where there are no named pipes to block on.
const openNonBlock = 0
