package edit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// smallDisk mounts a 64 KiB tmpfs on a new folder, or skips the test when
// that is not permitted (only root may mount, and not in every container).
func smallDisk(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small file system needs root")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("cannot mount a small file system here: %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// TestFullDisk writes more than the file system holds: the write fails with
// "no space left", the original is byte-identical and no temporary file is
// left to take up the little space there is.
func TestFullDisk(t *testing.T) {
	dir := smallDisk(t)
	path := filepath.Join(dir, "client.yaml")
	if err := os.WriteFile(path, []byte(oldContent), 0o644); err != nil {
		t.Fatal(err)
	}
	big := []byte(newContent + "notes: " + strings.Repeat("x", 256<<10) + "\n")

	err := Replace(path, big)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Replace on a full disk returned %v, want ENOSPC", err)
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != oldContent {
		t.Fatalf("the original changed: %q, %v", got, err)
	}

	created := filepath.Join(dir, "clients", "new", "client.yaml")
	if err := Create(created, big, 0o644); !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Create on a full disk returned %v, want ENOSPC", err)
	}
	if _, err := os.Lstat(created); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Create on a full disk left a file: %v", err)
	}

	for _, d := range []string{dir, filepath.Dir(created)} {
		if left := temps(t, d); len(left) > 0 {
			t.Fatalf("left behind in %s: %v", d, left)
		}
	}
	// With the space back, the same folder takes a write that fits.
	if err := Replace(path, []byte(newContent)); err != nil {
		t.Fatalf("a write that fits: %v", err)
	}
}
