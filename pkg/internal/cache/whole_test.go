package cache

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWhole(t *testing.T) {
	dir := t.TempDir()
	if _, ok := ReadWhole(dir, []byte("k")); ok {
		t.Fatal("a record in an empty folder")
	}
	WriteWhole(dir, []byte("k"), []byte("the state"))
	if rec, ok := ReadWhole(dir, []byte("k")); !ok || string(rec) != "the state" {
		t.Fatalf("got %q %t", rec, ok)
	}
	// Another key's file under this key's name, and a flipped byte: misses.
	data, _ := os.ReadFile(wholeFile(dir, []byte("k")))
	os.WriteFile(wholeFile(dir, []byte("other")), data, 0o600)
	if _, ok := ReadWhole(dir, []byte("other")); ok {
		t.Error("a record read under another key")
	}
	data[len(wholeMagic)] ^= 1
	os.WriteFile(wholeFile(dir, []byte("k")), data, 0o600)
	if _, ok := ReadWhole(dir, []byte("k")); ok {
		t.Error("a damaged record read")
	}
}

func TestWholeKeepsNewest(t *testing.T) {
	defer func(n int) { KeepWhole = n }(KeepWhole)
	KeepWhole = 3
	dir := t.TempDir()
	// File times may be coarser than these writes are apart: each
	// record is dated a second after the one before, the last one now.
	base := time.Now().Add(-time.Hour)
	for i := range 5 {
		key := fmt.Appendf(nil, "k%d", i)
		WriteWhole(dir, key, []byte("r"))
		if i < 4 {
			at := base.Add(time.Duration(i) * time.Second)
			os.Chtimes(wholeFile(dir, key), at, at)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.whole"))
	if len(files) != 3 {
		t.Fatalf("%d records kept, want 3", len(files))
	}
	for _, k := range []string{"k2", "k3", "k4"} {
		if _, ok := ReadWhole(dir, []byte(k)); !ok {
			t.Errorf("%s, among the newest, was removed", k)
		}
	}
}
