//go:build unix

package edit

import (
	"errors"
	"strings"
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
