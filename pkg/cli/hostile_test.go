//go:build unix

package cli_test

import (
	"bytes"
	"context"
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

// hostileBook writes a book holding every file of the hostile corpus, each
// in a place where it is read, plus entries that are not plain files, and
// returns its root and the books that each hold one of the firm files.
func hostileBook(t *testing.T) (root string, firmBooks []string) {
	t.Helper()
	entries, err := os.ReadDir(hostileDir)
	if err != nil {
		t.Fatal(err)
	}
	root = t.TempDir()
	write(t, filepath.Join(root, "clientbook.yaml"), concurrentFirm)
	write(t, filepath.Join(root, "clients", "host", "client.yaml"), "kind: Client\nid: host\nname: Host\nstatus: active\nowner: piers\n")
	for i, e := range entries {
		if !strings.HasSuffix(e.Name(), ".yaml") {
			continue // the corpus's expected outputs (name.out), not input
		}
		data, err := os.ReadFile(filepath.Join(hostileDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		id := fmt.Sprintf("h%02d", i)
		var p string
		switch name := e.Name(); {
		case strings.HasPrefix(name, "firm-"):
			b := t.TempDir()
			write(t, filepath.Join(b, "clientbook.yaml"), string(data))
			write(t, filepath.Join(b, "clients", "host", "client.yaml"), "kind: Client\nid: host\nname: Host\nstatus: active\nowner: piers\n")
			firmBooks = append(firmBooks, b)
			p = filepath.Join("clients", id, "client.yaml")
		case strings.HasPrefix(name, "opp-"):
			p = filepath.Join("opportunities", id+".yaml")
		case strings.HasPrefix(name, "eng-"):
			p = filepath.Join("clients", "host", "engagements", id+".yaml")
		case strings.HasPrefix(name, "plan-"):
			write(t, filepath.Join(root, "clients", id, "client.yaml"), "kind: Client\nid: "+id+"\nname: H\nstatus: active\nowner: piers\n")
			p = filepath.Join("clients", id, "plan.yaml")
		default:
			p = filepath.Join("clients", id, "client.yaml")
		}
		write(t, filepath.Join(root, p), string(data))
	}
	// Too large to keep in the repository.
	write(t, filepath.Join(root, "clients", "big", "client.yaml"), "kind: Client\nid: big\nnotes: "+strings.Repeat("x", 2<<20)+"\n")
	write(t, filepath.Join(root, "clients", "deep", "client.yaml"), "kind: Client\nid: deep\nnotes: "+strings.Repeat("[", 50_000)+strings.Repeat("]", 50_000)+"\n")
	// Entries that are not plain files, links out of the book, odd names.
	write(t, filepath.Join(root, "clients", "Odd Name", "client.yaml"), "kind: Client\nid: odd-name\nname: Odd\nstatus: active\n")
	write(t, filepath.Join(root, "clients", "-dash", "client.yaml"), "kind: Client\nid: dash\nname: Dash\nstatus: active\n")
	if err := os.MkdirAll(filepath.Join(root, "clients", "host", "plan.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "clients", "nl\nname", "client.yaml"), "kind: Client\nid: x\x1b[31m\n")
	if err := syscall.Mkfifo(filepath.Join(root, "clients", "host", "engagements", "pipe.yaml"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"clients/pw/client.yaml":     "/etc/passwd",
		"clients/loop":               "loop",
		"opportunities/outside.yaml": "../../../../../../../../etc/hostname",
	} {
		p := filepath.Join(root, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	return root, firmBooks
}

// run runs the real clientbook (registered on $PATH by TestMain) with a
// time limit and returns its exit code and output.
func run(t *testing.T, limit time.Duration, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	bin, err := exec.LookPath("clientbook")
	if err != nil {
		t.Fatalf("clientbook is not on $PATH (TestMain sets it up): %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "CLIENTBOOK_TODAY=2026-11-23", "NO_COLOR=1")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("clientbook %s did not finish within %s", strings.Join(args, " "), limit)
	}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return code, out.String(), errOut.String()
}

// noCrash fails when a run crashed or reported an internal error.
func noCrash(t *testing.T, code int, stderr string, args ...string) {
	t.Helper()
	if code == 3 || code < 0 {
		t.Errorf("clientbook %s exited %d:\n%s", strings.Join(args, " "), code, stderr)
	}
	for _, s := range []string{"panic", "goroutine", "internal error"} {
		if strings.Contains(stderr, s) {
			t.Errorf("clientbook %s printed %q on stderr:\n%s", strings.Join(args, " "), s, stderr)
		}
	}
}

// TestHostileBook runs check, and every command that reads the book, on a
// book holding the whole hostile corpus: check reports findings (exit 1)
// and nothing crashes, hangs or reports an internal error (exit 3).
func TestHostileBook(t *testing.T) {
	root, firmBooks := hostileBook(t)
	const limit = 20 * time.Second
	for _, format := range []string{"text", "json", "github", "sarif"} {
		args := []string{"--book", root, "check", "-o", format}
		code, stdout, stderr := run(t, limit, args...)
		noCrash(t, code, stderr, args...)
		if code != 1 {
			t.Errorf("check -o %s exited %d, want 1 (findings):\n%s", format, code, stderr)
		}
		if format == "text" {
			for _, want := range []string{"clients/h", "CB001", `clients/nl\nname`} {
				if !strings.Contains(stdout, want) {
					t.Errorf("check output lacks %q", want)
				}
			}
			if strings.ContainsAny(stdout, "\x1b") || strings.Contains(stdout, "root:x:0:0") {
				t.Errorf("check output holds an escape sequence or what a link out of the book points at")
			}
		}
	}
	report := filepath.Join(t.TempDir(), "report.html")
	for _, args := range [][]string{
		{"health"}, {"health", "-o", "json"}, {"health", "--history"}, {"matrix"}, {"portfolio", "-o", "json"},
		{"due"}, {"accept"}, {"review", "host"}, {"report", "-o", report},
		{"log", "host", "--dry-run", "called"}, {"new", "engagement", "host", "e1", "--dry-run"},
	} {
		args = append([]string{"--book", root}, args...)
		code, _, stderr := run(t, limit, args...)
		noCrash(t, code, stderr, args...)
	}
	for _, b := range firmBooks {
		for _, args := range [][]string{{"check"}, {"portfolio"}, {"health"}, {"accept"}} {
			args = append([]string{"--book", b}, args...)
			code, _, stderr := run(t, limit, args...)
			noCrash(t, code, stderr, args...)
			if args[2] == "check" && code != 1 {
				t.Errorf("%s exited %d, want 1:\n%s", strings.Join(args, " "), code, stderr)
			}
		}
	}
}
