// Package golden is how every test of clientbook compares output with a
// golden file and rewrites it on request: one environment variable for
// every package (as cue's CUE_UPDATE), so that
//
//	CLIENTBOOK_UPDATE=1 go test ./...
//
// rewrites every golden file and script section at once, where a -update
// flag would be unknown to the packages that do not define it.
package golden

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Env is the variable that asks tests to rewrite their goldens.
const Env = "CLIENTBOOK_UPDATE"

// Update reports whether this run rewrites goldens: Env is set to
// anything but "" or "0".
func Update() bool {
	v := os.Getenv(Env)
	return v != "" && v != "0"
}

// Check compares got with the file at path, rewriting the file first when
// Update says so; a missing file fails with how to create it.
func Check(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if Update() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read golden %s (%s=1 go test creates it): %v", path, Env, err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("output differs from %s (%s=1 go test rewrites it)\n--- got ---\n%s\n--- want ---\n%s", path, Env, got, want)
	}
}
