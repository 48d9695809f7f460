//go:build unix

package cli_test

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/clientbook/clientbook/pkg/cli"
	"github.com/clientbook/clientbook/pkg/internal/load"
)

// runMain runs clientbook in-process and returns its exit code and streams.
func runMain(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = cli.Main(append([]string{"--today", "2026-11-23"}, args...), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestLogOverSizeLimit: a touchpoint that would take client.yaml over the
// loader's 1 MiB is refused, exit 1 as for every failed write, with the
// numbers and what to do; the file is as it was and the book still reads.
func TestLogOverSizeLimit(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "clientbook.yaml"), concurrentFirm)
	path := filepath.Join(root, "clients", "acme", "client.yaml")
	head := "kind: Client\nid: acme\nname: Acme\nstatus: active\nowner: piers\nnotes: "
	big := head + strings.Repeat("x", load.MaxFileSize-len(head)-40) + "\n"
	write(t, path, big)

	code, stdout, stderr := runMain(t, "--book", root, "log", "acme", "Called about the renewal")
	if code != cli.ExitFailed {
		t.Fatalf("exit %d, want %d; stderr: %s", code, cli.ExitFailed, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout: %q", stdout)
	}
	want := "clientbook: clients/acme/client.yaml would be 1048629 bytes, more than the 1 MiB (1048576 bytes) that clientbook reads: nothing written; make the file smaller first (long notes, or entries that no longer belong in it)\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if got, _ := os.ReadFile(path); string(got) != big {
		t.Fatal("the file changed")
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Fatalf("left in the client's folder: %v", entries)
	}
	b, err := load.Load(root)
	if err != nil {
		t.Fatal(err)
	}
	if b.Client("acme") == nil {
		t.Fatalf("the book no longer reads the client: %v", b.Findings)
	}
}

// TestReportIntoPipe: report -o into a named pipe writes the page to the
// pipe's reader and leaves the pipe a pipe.
func TestReportIntoPipe(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "clientbook.yaml"), concurrentFirm)
	write(t, filepath.Join(root, "clients", "acme", "client.yaml"), concurrentClient)
	code, want, stderr := runMain(t, "--book", root, "report")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}

	fifo := filepath.Join(t.TempDir(), "page.html")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	if code, _, stderr := runMain(t, "--book", root, "report", "-o", fifo); code != 0 {
		t.Fatalf("report -o FIFO: exit %d: %s", code, stderr)
	}
	if s := <-got; s != want {
		t.Fatalf("the pipe's reader got %d bytes, want the page's %d", len(s), len(want))
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe is no longer one: %v, %v", fi, err)
	}
}

// TestReportWriteFails: a report that cannot be written into a folder is
// exit 1, names the file, and leaves the old page as it was. Root writes
// into a read-only folder all the same, so the test needs another user.
func TestReportWriteFails(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write into a read-only folder")
	}
	root := t.TempDir()
	write(t, filepath.Join(root, "clientbook.yaml"), concurrentFirm)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	write(t, page, "<p>the old page</p>\n")
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(dir, 0o755)

	code, stdout, stderr := runMain(t, "--book", root, "report", "-o", page)
	if code != cli.ExitFailed || stdout != "" {
		t.Fatalf("exit %d, stdout %q: want exit %d and nothing", code, stdout, cli.ExitFailed)
	}
	want := "clientbook: cannot write " + page + ": permission denied (check the permissions of the file and its folder); " + page + " is unchanged\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if got, _ := os.ReadFile(page); string(got) != "<p>the old page</p>\n" {
		t.Fatalf("the old page changed: %q", got)
	}
}

// TestReportWriteFailsAnyUser: a report whose folder is a file cannot be
// written by any user, root included (CI runs as root, where the
// read-only folder above is no obstacle): exit 1 like every failed write,
// a message naming the path, and the file in the way left as it was.
func TestReportWriteFailsAnyUser(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "clientbook.yaml"), concurrentFirm)
	blocker := filepath.Join(t.TempDir(), "notes.txt")
	write(t, blocker, "keep me\n")
	page := filepath.Join(blocker, "report.html")

	code, stdout, stderr := runMain(t, "--book", root, "report", "-o", page)
	if code != cli.ExitFailed || stdout != "" {
		t.Fatalf("exit %d, stdout %q: want exit %d and nothing", code, stdout, cli.ExitFailed)
	}
	want := "clientbook: cannot write " + page + ": a part of its path is a file, not a folder; nothing written\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if got, _ := os.ReadFile(blocker); string(got) != "keep me\n" {
		t.Fatalf("the file in the way changed: %q", got)
	}
}
