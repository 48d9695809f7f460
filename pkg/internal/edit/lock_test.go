//go:build unix

package edit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestLockExcludes(t *testing.T) {
	root := t.TempDir()
	first, err := AcquireLock(root, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = AcquireLock(root, 50*time.Millisecond)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: got %v, want ErrLocked", err)
	}
	if time.Since(start) < 50*time.Millisecond {
		t.Fatal("the second lock gave up before its timeout")
	}
	if !strings.Contains(err.Error(), "(process ") || !strings.Contains(err.Error(), LockFile) {
		t.Fatalf("the message should name the holder and the lock file: %v", err)
	}
	// A writer waiting when the lock is released gets it.
	go func() {
		time.Sleep(30 * time.Millisecond)
		first.Close()
	}()
	second, err := AcquireLock(root, 5*time.Second)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}
	if err := second.Close(); err != nil {
		t.Fatalf("closing twice: %v", err)
	}
}

// TestLockNotRegular: a lock file that is not a regular file is refused
// with what to do, and nothing it points at is created, truncated or
// written: a lock committed as a link would otherwise have every writer
// overwrite a file outside the book with its pid.
func TestLockNotRegular(t *testing.T) {
	const secret = "do not touch\n"
	for _, tc := range []struct {
		name string
		make func(t *testing.T, lock, outside string)
		what string
	}{
		{"link to a file", func(t *testing.T, lock, outside string) {
			mustWrite(t, filepath.Join(outside, "victim"), secret)
			mustSymlink(t, filepath.Join(outside, "victim"), lock)
		}, "a symbolic link"},
		{"relative link", func(t *testing.T, lock, outside string) {
			mustWrite(t, filepath.Join(outside, "victim"), secret)
			rel, err := filepath.Rel(filepath.Dir(lock), filepath.Join(outside, "victim"))
			if err != nil {
				t.Fatal(err)
			}
			mustSymlink(t, rel, lock)
		}, "a symbolic link"},
		{"dangling link", func(t *testing.T, lock, outside string) {
			mustSymlink(t, filepath.Join(outside, "created"), lock)
		}, "a symbolic link"},
		{"link to a folder", func(t *testing.T, lock, outside string) {
			mustSymlink(t, outside, lock)
		}, "a symbolic link"},
		{"folder", func(t *testing.T, lock, _ string) {
			if err := os.Mkdir(lock, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "a folder"},
		{"named pipe", func(t *testing.T, lock, _ string) {
			if err := syscall.Mkfifo(lock, 0o644); err != nil {
				t.Fatal(err)
			}
		}, "a named pipe (FIFO)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, outside := t.TempDir(), t.TempDir()
			lockPath := filepath.Join(root, LockFile)
			tc.make(t, lockPath, outside)
			l, err := AcquireLock(root, 100*time.Millisecond)
			if err == nil {
				l.Close()
				t.Fatal("the lock was taken")
			}
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("got %v, want ErrNotRegular", err)
			}
			for _, want := range []string{lockPath, "is " + tc.what, "must be a regular file", "delete it"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the message %q does not say %q", err, want)
				}
			}
			if got, err := os.ReadFile(filepath.Join(outside, "victim")); err == nil && string(got) != secret {
				t.Errorf("the file the lock links to was written: %q", got)
			}
			if _, err := os.Lstat(filepath.Join(outside, "created")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the dangling link's target was created: %v", err)
			}
			if entries, _ := os.ReadDir(outside); tc.name == "link to a folder" && len(entries) > 0 {
				t.Errorf("something was written in the folder the lock links to: %v", entries)
			}
		})
	}
}

// TestLockCreated: a book without a lock file gets a regular one.
func TestLockCreated(t *testing.T) {
	root := t.TempDir()
	l, err := AcquireLock(root, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	fi, err := os.Lstat(filepath.Join(root, LockFile))
	if err != nil || !fi.Mode().IsRegular() {
		t.Fatalf("the lock file: %v, %v", fi, err)
	}
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustSymlink(t *testing.T, dest, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dest, link); err != nil {
		t.Fatal(err)
	}
}
