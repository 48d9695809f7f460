package cli_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/clientbook/clientbook/pkg/internal/load"
)

const concurrentFirm = `kind: Firm
name: Test Firm
team:
  - {id: piers, name: Piers Bracher, senior: true}
`

const concurrentClient = `kind: Client
id: acme
name: Acme   # a comment that must survive
status: active
owner: piers

touchpoints:
  - {date: 2026-10-01, kind: call, by: piers}
  # kind: call | meeting | email | review | social | workshop

notes: Keep this.
`

// TestLogConcurrent runs many `clientbook log` processes at once against
// one client: the lock must serialise them so that no entry is lost and
// the file stays whole. It runs the real program, registered on $PATH by
// testscript.Main in TestMain.
func TestLogConcurrent(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no flock: concurrent writers are not serialised on Windows")
	}
	bin, err := exec.LookPath("clientbook")
	if err != nil {
		t.Fatalf("clientbook is not on $PATH (TestMain sets it up): %v", err)
	}
	root := t.TempDir()
	write(t, filepath.Join(root, "clientbook.yaml"), concurrentFirm)
	path := filepath.Join(root, "clients", "acme", "client.yaml")
	write(t, path, concurrentClient)

	const writers = 20
	var wg sync.WaitGroup
	errs := make([]error, writers)
	outs := make([][]byte, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "--book", root, "log", "acme", fmt.Sprintf("entry %02d", i))
			cmd.Env = append(os.Environ(), "CLIENTBOOK_TODAY=2026-11-23", "NO_COLOR=1")
			outs[i], errs[i] = cmd.CombinedOutput()
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("writer %d: %v\n%s", i, err, outs[i])
		}
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	for i := range writers {
		if n := strings.Count(got, fmt.Sprintf("notes: entry %02d}", i)); n != 1 {
			t.Errorf("entry %02d is in the file %d times, want once", i, n)
		}
	}
	// Every original line is still there, in order, and the new lines all
	// sit together after the first entry.
	lines := strings.SplitAfter(got, "\n")
	orig := strings.SplitAfter(concurrentClient, "\n")
	if len(lines) != len(orig)+writers {
		t.Fatalf("the file has %d lines, want %d:\n%s", len(lines), len(orig)+writers, got)
	}
	const at = 8 // after "  - {date: 2026-10-01, ...}"
	if strings.Join(lines[:at], "") != strings.Join(orig[:at], "") || strings.Join(lines[at+writers:], "") != strings.Join(orig[at:], "") {
		t.Fatalf("lines around the new entries changed:\n%s", got)
	}
	b, err := load.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if c := b.Client("acme"); c == nil || len(c.Touchpoints) != 1+writers {
		t.Fatalf("the book does not read back %d touchpoints: %v", 1+writers, b.Findings)
	}
	// No temporary file is left behind.
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("left in the client's folder: %v", entries)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
