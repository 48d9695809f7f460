//go:build unix

package render

import (
	"os"

	"golang.org/x/sys/unix"
)

// fileWidth is the number of columns of the terminal f is, 0 when f is no
// terminal or its size is unknown.
func fileWidth(f *os.File) int {
	ws, err := unix.IoctlGetWinsize(int(f.Fd()), unix.TIOCGWINSZ)
	if err != nil {
		return 0
	}
	return int(ws.Col)
}
