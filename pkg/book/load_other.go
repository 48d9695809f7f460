//go:build !unix

package book

import "os"

// openNonBlock is zero where there are no named pipes to block on.
const openNonBlock = 0

// Without openat every open goes through the root (errFollow sends the
// caller there).

func openChildDir(folder, string) (*os.File, error)    { return nil, errFollow }
func readChild(folder, string, []byte) ([]byte, error) { return nil, errFollow }
func fdOf(*os.File) int                                { return -1 }
