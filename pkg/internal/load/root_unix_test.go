//go:build unix

package load

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A clientbook.yaml that is not a file stops FindRoot with an error naming
// what it is, at once (nothing is opened, so a pipe cannot block), where
// the old search said there was no book.
func TestFindRootFirmFileNotAFile(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, p string)
		want string // "" for a book found
	}{
		{"a folder", func(t *testing.T, p string) { mkdirAll(t, p) }, "clientbook.yaml at %s is a folder, not a file: "},
		{"a named pipe", func(t *testing.T, p string) { mkfifo(t, p) }, "clientbook.yaml at %s is a named pipe (FIFO), not a file: "},
		{"a link to a device", func(t *testing.T, p string) { symlink(t, "/dev/null", p) }, "clientbook.yaml at %s is a device, not a file: "},
		{"a link to nothing", func(t *testing.T, p string) { symlink(t, "gone.yaml", p) }, "clientbook.yaml at %s is a symbolic link to a file that does not exist: "},
		{"a folder beside clientbook.yml", func(t *testing.T, p string) {
			mkdirAll(t, p)
			if err := os.WriteFile(filepath.Join(filepath.Dir(p), "clientbook.yml"), []byte(validFirm), 0o644); err != nil {
				t.Fatal(err)
			}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			outer := t.TempDir()
			if err := os.WriteFile(filepath.Join(outer, "clientbook.yaml"), []byte(validFirm), 0o644); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(outer, "inner")
			tt.make(t, filepath.Join(dir, "clientbook.yaml"))
			sub := filepath.Join(dir, "clients", "acme")
			mkdirAll(t, sub)
			for _, explicit := range []string{dir, ""} {
				root, err := FindRoot(explicit, sub)
				switch {
				case tt.want == "" && (err != nil || root != dir):
					t.Errorf("FindRoot(%q): %q, %v; want %q", explicit, root, err, dir)
				case tt.want == "":
				case err == nil:
					// The outer book must not be taken for this one.
					t.Errorf("FindRoot(%q) found %q, want an error", explicit, root)
				case !strings.HasPrefix(err.Error(), strings.Replace(tt.want, "%s", dir, 1)):
					t.Errorf("FindRoot(%q): %v, want it to start %q", explicit, err, strings.Replace(tt.want, "%s", dir, 1))
				}
			}
		})
	}
}

func mkdirAll(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}
