//go:build !unix

package gitrev

import (
	"io"
	"os"
)

// createExcl creates a new file for writing, failing if it exists.
func createExcl(path string) (io.WriteCloser, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
}
