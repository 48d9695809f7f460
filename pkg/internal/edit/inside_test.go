package edit

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCheckInside(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "clients", "acme"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "clients", "away")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		ok   bool
	}{
		{"clients/acme/client.yaml", true},
		{"clients/new/client.yaml", true},
		{"clients/away/client.yaml", false},
		{"clients/../../x.yaml", false},
	} {
		err := CheckInside(root, filepath.Join(root, tc.path))
		if (err == nil) != tc.ok {
			t.Errorf("%s: got %v, want ok=%v", tc.path, err, tc.ok)
		}
	}
}
