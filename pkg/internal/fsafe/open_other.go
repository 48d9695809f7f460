//go:build !unix

package fsafe

import "os"

// openNonBlock is zero where there are no named pipes to block on.
const openNonBlock = 0

// Without openat every open goes through the root (ErrFollow sends the
// caller there).

// OpenChildDir gives ErrFollow: open the folder from the root.
func OpenChildDir(Folder, string) (*os.File, error) { return nil, ErrFollow }

// ReadChild gives ErrFollow: read the file from the root.
func ReadChild(Folder, string, []byte, int) ([]byte, error) { return nil, ErrFollow }

func fdOf(*os.File) int { return -1 }
