//go:build unix

package edit

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const page = "<!DOCTYPE html>\n<title>report</title>\n"

// TestWriteFileRegular: a new file (and its folder) is created, an
// existing one replaced with its permissions kept, and a failed write
// leaves the old file as it was.
func TestWriteFileRegular(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out", "report.html")
	if err := WriteFile(path, []byte(page)); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, path); got != page {
		t.Fatalf("wrote %q", got)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte(page+"<p>2</p>\n")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 || readString(t, path) != page+"<p>2</p>\n" {
		t.Fatalf("after the replace: %v, %v", fi, err)
	}

	defer func(r func(string, string) error) { rename = r }(rename)
	rename = func(string, string) error { return syscall.EIO }
	err = WriteFile(path, []byte("never"))
	if !errors.Is(err, syscall.EIO) || !strings.Contains(err.Error(), path+" is unchanged") {
		t.Fatalf("a failed rename: got %v", err)
	}
	if got := readString(t, path); got != page+"<p>2</p>\n" {
		t.Fatalf("the failed write changed the file: %q", got)
	}
	if left := temps(t, filepath.Dir(path)); len(left) > 0 {
		t.Fatalf("left behind: %v", left)
	}
}

// TestWriteFileThroughLink: a link is written through to the file it leads
// to, which is replaced (or created), and the link stays a link.
func TestWriteFileThroughLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "site", "index.html")
	mustWrite(t, target, "old\n")
	link := filepath.Join(dir, "report.html")
	mustSymlink(t, "site/index.html", link)
	if err := WriteFile(link, []byte(page)); err != nil {
		t.Fatal(err)
	}
	isLink(t, link)
	if got := readString(t, target); got != page {
		t.Fatalf("the target holds %q", got)
	}

	dangling := filepath.Join(dir, "later.html")
	mustSymlink(t, "site/later.html", dangling)
	if err := WriteFile(dangling, []byte(page)); err != nil {
		t.Fatal(err)
	}
	isLink(t, dangling)
	if got := readString(t, filepath.Join(dir, "site", "later.html")); got != page {
		t.Fatalf("the dangling link's target holds %q", got)
	}
}

// TestWriteFileStraight: what is not a regular file is written into, never
// replaced: a link to /dev/null, a named pipe, a pipe's /dev/fd/N (a
// process substitution), and a descriptor's regular file.
func TestWriteFileStraight(t *testing.T) {
	dir := t.TempDir()

	null := filepath.Join(dir, "null.html")
	mustSymlink(t, os.DevNull, null)
	if err := WriteFile(null, []byte(page)); err != nil {
		t.Fatal(err)
	}
	isLink(t, null)
	if fi, err := os.Stat(null); err != nil || fi.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("the link no longer leads to a device: %v, %v", fi, err)
	}

	fifo := filepath.Join(dir, "fifo")
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
	if err := WriteFile(fifo, []byte(page)); err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != page {
		t.Fatalf("the pipe's reader got %q", s)
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe is no longer one: %v, %v", fi, err)
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		b, _ := io.ReadAll(r)
		got <- string(b)
	}()
	err = WriteFile(fmt.Sprintf("/dev/fd/%d", w.Fd()), []byte(page))
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if s := <-got; s != page {
		t.Fatalf("the process substitution's reader got %q", s)
	}

	// `report -o /dev/stdout > page.html`: the shell's file is filled, not
	// replaced by another.
	out := filepath.Join(dir, "stdout.html")
	mustWrite(t, out, "old content, longer than the page would be if it were kept at the end\n")
	f, err := os.OpenFile(out, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	before, _ := os.Stat(out)
	if err := WriteFile(fmt.Sprintf("/dev/fd/%d", f.Fd()), []byte(page)); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(out)
	if !os.SameFile(before, after) {
		t.Fatal("the descriptor's file was replaced by another")
	}
	if s := readString(t, out); s != page {
		t.Fatalf("the descriptor's file holds %q", s)
	}
}

// TestWriteFileFolder: a folder is refused, and stays a folder.
func TestWriteFileFolder(t *testing.T) {
	dir := t.TempDir()
	err := WriteFile(dir, []byte(page))
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "is a folder") {
		t.Fatalf("got %v, want ErrNotRegular", err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("the folder: %v, %v", fi, err)
	}
}

// TestReplaceRefusesNotRegular: Replace never renames a file over a named
// pipe, directly or through a link.
func TestReplaceRefusesNotRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	mustSymlink(t, "fifo", filepath.Join(dir, "link"))
	for _, p := range []string{fifo, filepath.Join(dir, "link")} {
		if err := Replace(p, []byte(page)); !errors.Is(err, ErrNotRegular) {
			t.Errorf("%s: got %v, want ErrNotRegular", p, err)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("the named pipe is no longer one: %v, %v", fi, err)
	}
	isLink(t, filepath.Join(dir, "link"))
}
