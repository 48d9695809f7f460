//go:build !unix

package render

import "os"

// fileWidth is 0: the terminal's size is only asked for on Unix, where
// $COLUMNS or 80 stands in for it.
func fileWidth(*os.File) int { return 0 }
