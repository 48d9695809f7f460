//go:build unix

package edit

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The write path's fault tests: a writer killed at each stage of a write,
// a rename or link that fails. Whatever happens, the file is the old one
// or the new one, complete, and the next write succeeds.

const (
	oldContent = "kind: Client\nid: acme\nname: Acme   # the old file\n"
	newContent = "kind: Client\nid: acme\nname: Acme   # the new file\ntouchpoints:\n  - {date: 2026-11-23, kind: call, by: piers}\n"
)

// helperEnv switches the test binary into TestHelperProcess.
const helperEnv = "CLIENTBOOK_EDIT_HELPER"

// TestHelperProcess is not a test: it is the writer that TestKilledWriter
// runs as a child process. It takes the book's lock, writes newContent
// with Replace or Create, and kills itself with SIGKILL at the stage it is
// given, so that nothing of Go (no deferred call, no cleanup) runs after.
func TestHelperProcess(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		t.Skip("run by TestKilledWriter as its child process")
	}
	path, stage, mode := os.Getenv("HELPER_PATH"), os.Getenv("HELPER_STAGE"), os.Getenv("HELPER_MODE")
	crashPoint = func(s string) {
		if s == stage {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
	lock, err := AcquireLock(filepath.Dir(path), time.Second)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer lock.Close()
	if mode == "create" {
		err = Create(path, []byte(newContent), 0o644)
	} else {
		err = Replace(path, []byte(newContent))
	}
	fmt.Fprintf(os.Stderr, "the write finished without reaching stage %s: %v\n", stage, err)
	os.Exit(2)
}

func TestKilledWriter(t *testing.T) {
	for _, mode := range []string{"replace", "create"} {
		for _, stage := range []string{stageTempWritten, stageTempSynced, stageRenamed} {
			t.Run(mode+"/"+stage, func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "client.yaml")
				if mode == "replace" {
					if err := os.WriteFile(path, []byte(oldContent), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
				cmd.Env = append(os.Environ(), helperEnv+"=1", "HELPER_PATH="+path, "HELPER_STAGE="+stage, "HELPER_MODE="+mode)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				err := cmd.Run()
				var ee *exec.ExitError
				if !errors.As(err, &ee) {
					t.Fatalf("the writer was not killed: %v\n%s", err, stderr.String())
				}
				if ws, ok := ee.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
					t.Fatalf("the writer ended with %v, want killed by SIGKILL:\n%s", err, stderr.String())
				}

				// The file is the old one or the new one, whole.
				got, err := os.ReadFile(path)
				switch {
				case stage == stageRenamed:
					if err != nil || string(got) != newContent {
						t.Fatalf("killed after the rename: want the new file, got %q, %v", got, err)
					}
				case mode == "replace":
					if err != nil || string(got) != oldContent {
						t.Fatalf("killed before the rename: want the old file byte for byte, got %q, %v", got, err)
					}
				default:
					if !errors.Is(err, os.ErrNotExist) {
						t.Fatalf("killed before the file was created: want no file, got %q, %v", got, err)
					}
				}

				// The dead writer's lock is free, and what it left behind
				// does not trouble the next writer, which clears it out
				// once it is old enough to be surely abandoned.
				lock, err := AcquireLock(dir, time.Second)
				if err != nil {
					t.Fatalf("the killed writer's lock was not released: %v", err)
				}
				defer lock.Close()
				stale := temps(t, dir)
				if stage != stageRenamed && mode == "replace" && len(stale) != 1 {
					t.Errorf("want the killed writer's temporary file, found %v", stale)
				}
				for _, name := range stale {
					old := time.Now().Add(-2 * staleAfter)
					if err := os.Chtimes(filepath.Join(dir, name), old, old); err != nil {
						t.Fatal(err)
					}
				}
				next := newContent + "  - {date: 2026-11-24, kind: email, by: piers}\n"
				if err := Replace(path, []byte(next)); err != nil {
					t.Fatalf("the next write: %v", err)
				}
				if got, _ := os.ReadFile(path); string(got) != next {
					t.Fatalf("the next write gave %q", got)
				}
				if left := temps(t, dir); len(left) > 0 {
					t.Errorf("stale temporary files were not cleared: %v", left)
				}
			})
		}
	}
}

// temps lists the temporary files in dir.
func temps(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestStaleTemps: a write clears the temporary files that killed writers
// left anywhere in its folder, whichever file they were writing, and only
// those: a fresh one may be a concurrent writer's, a stale one that a live
// writer holds is still in use, and a file that only looks alike is not a
// temporary file of ours.
func TestStaleTemps(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "client.yaml")
	old := time.Now().Add(-2 * staleAfter)
	file := func(name string, stale bool) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
		if stale {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
		return p
	}
	staleOwn := file(tempPrefix(path)+"111", true)
	staleOther := file(".plan.yaml.tmp-222", true)
	staleReport := file(".report.html.tmp-333", true)
	fresh := file(".plan.yaml.tmp-444", false)
	held := file(".plan.yaml.tmp-555", true)
	lookalike := file(".notes.tmp-draft", true)
	visible := file("plan.yaml.tmp-666", true)
	// A link named like a temporary file is not followed, nor removed.
	victim := file("victim.yaml", true)
	linked := filepath.Join(dir, ".x.yaml.tmp-777")
	if err := os.Symlink(victim, linked); err != nil {
		t.Fatal(err)
	}
	// A live writer holds its temporary file (holdTemp), as one stopped
	// with ^Z for longer than staleAfter does.
	h := holdTemp(held)
	if h == nil {
		t.Fatal("holdTemp could not lock a temporary file")
	}
	defer h.Close()

	if err := Replace(path, []byte(newContent)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{staleOwn, staleOther, staleReport} {
		if _, err := os.Lstat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("stale %s was not removed: %v", filepath.Base(p), err)
		}
	}
	for _, p := range []string{fresh, held, lookalike, visible, linked, victim} {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
	// Once its writer lets go, the held one is stale like the others, and
	// Create cleans as Replace does.
	h.Close()
	if err := Create(filepath.Join(dir, "new.yaml"), []byte(newContent), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(held); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a stale temporary file no longer held was not removed: %v", err)
	}
	if _, err := os.Lstat(fresh); err != nil {
		t.Errorf("the fresh temporary file was removed: %v", err)
	}
}

// TestFailedCreate makes the link and the rename of Create fail: nothing is
// created and no temporary file is left. When only the link fails (a file
// system without hard links), the rename puts the file in place.
func TestFailedCreate(t *testing.T) {
	failure := errors.New("no links here")
	defer func(l, r func(string, string) error) { link, rename = l, r }(link, rename)
	link = func(string, string) error { return failure }

	dir := t.TempDir()
	path := filepath.Join(dir, "client.yaml")
	rename = func(string, string) error { return failure }
	if err := Create(path, []byte(newContent), 0o644); !errors.Is(err, failure) {
		t.Fatalf("Create returned %v, want the rename's error", err)
	}
	if _, err := os.Lstat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Create that failed left a file: %v", err)
	}
	if left := temps(t, dir); len(left) > 0 {
		t.Fatalf("left behind: %v", left)
	}

	rename = os.Rename
	if err := Create(path, []byte(newContent), 0o644); err != nil {
		t.Fatalf("Create without hard links: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != newContent {
		t.Fatalf("Create without hard links wrote %q", got)
	}
	if left := temps(t, dir); len(left) > 0 {
		t.Fatalf("left behind: %v", left)
	}
}
