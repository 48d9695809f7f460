// Package testtree copies folders for tests: a book to change without
// touching the original.
package testtree

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Copy copies the folder src into a new temporary folder of t and returns
// it.
func Copy(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	Into(t, src, dst)
	return dst
}

// Into copies the folder src to dst, files and folders only.
func Into(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
