//go:build !linux

package fsafe

import "time"

// StampChild gives ErrFollow: without a way to stamp a file by name from
// its open folder, nothing is stamped (and no client folder is cached).
func StampChild(Folder, string, time.Time) (Stamp, error) { return Stamp{}, ErrFollow }
