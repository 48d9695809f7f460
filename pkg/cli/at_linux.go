package cli

import "syscall"

// freeBytes is the space left on the file system holding dir, for an
// unprivileged writer.
func freeBytes(dir string) (uint64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}
