//go:build unix

package edit

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/clientbook/clientbook/pkg/internal/load"
)

// bookWithLink makes a book whose clients/acme/client.yaml is a link to
// dest (relative to the link's folder), and returns the root.
func bookWithLink(t *testing.T, dest string) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "book")
	mustWrite(t, filepath.Join(root, "clientbook.yaml"), "kind: Firm\nname: Test\n")
	mustSymlink(t, dest, filepath.Join(root, "clients", "acme", "client.yaml"))
	return root
}

// isLink fails the test unless path is still a symbolic link.
func isLink(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("%s is no longer a symbolic link: %v, %v", path, fi, err)
	}
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReplaceBookFileThroughLink: a file of the book that is a link to a
// file inside the book is written through, and stays a link.
func TestReplaceBookFileThroughLink(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T) string // returns the root
		want  string                    // the file written, relative to the root
	}{
		{"relative link", func(t *testing.T) string {
			root := bookWithLink(t, "../../shared/acme.yaml")
			mustWrite(t, filepath.Join(root, "shared", "acme.yaml"), oldContent)
			return root
		}, "shared/acme.yaml"},
		{"absolute link", func(t *testing.T) string {
			root := filepath.Join(t.TempDir(), "book")
			mustWrite(t, filepath.Join(root, "shared", "acme.yaml"), oldContent)
			mustSymlink(t, filepath.Join(root, "shared", "acme.yaml"), filepath.Join(root, "clients", "acme", "client.yaml"))
			return root
		}, "shared/acme.yaml"},
		{"chain of links", func(t *testing.T) string {
			root := bookWithLink(t, "../../shared/current.yaml")
			mustSymlink(t, "v2/acme.yaml", filepath.Join(root, "shared", "current.yaml"))
			mustWrite(t, filepath.Join(root, "shared", "v2", "acme.yaml"), oldContent)
			return root
		}, "shared/v2/acme.yaml"},
		{"relative link from a linked folder", func(t *testing.T) string {
			// clients/acme is a link to archive/2025/acme, so the client
			// file's "../shared.yaml" is archive/2025/shared.yaml, not
			// clients/shared.yaml as the text of the path would say.
			root := filepath.Join(t.TempDir(), "book")
			mustSymlink(t, "../archive/2025/acme", filepath.Join(root, "clients", "acme"))
			mustSymlink(t, "../shared.yaml", filepath.Join(root, "archive", "2025", "acme", "client.yaml"))
			mustWrite(t, filepath.Join(root, "archive", "2025", "shared.yaml"), oldContent)
			mustWrite(t, filepath.Join(root, "clients", "shared.yaml"), "decoy\n")
			return root
		}, "archive/2025/shared.yaml"},
		{"dangling link inside the book", func(t *testing.T) string {
			root := bookWithLink(t, "../../shared/acme.yaml")
			if err := os.MkdirAll(filepath.Join(root, "shared"), 0o755); err != nil {
				t.Fatal(err)
			}
			return root
		}, "shared/acme.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := tc.setup(t)
			link := filepath.Join(root, "clients", "acme", "client.yaml")
			written, err := ReplaceBookFile(root, "clients/acme/client.yaml", []byte(newContent))
			if err != nil {
				t.Fatal(err)
			}
			if written != tc.want {
				t.Errorf("wrote %q, want %q", written, tc.want)
			}
			isLink(t, link)
			if got := readString(t, filepath.Join(root, filepath.FromSlash(tc.want))); got != newContent {
				t.Errorf("the link's target holds %q", got)
			}
			if got := readString(t, link); got != newContent {
				t.Errorf("the file read through the link holds %q", got)
			}
			if d := filepath.Join(root, "clients", "shared.yaml"); tc.name == "relative link from a linked folder" && readString(t, d) != "decoy\n" {
				t.Error("the path's text was followed instead of the link")
			}
			if left := temps(t, filepath.Dir(filepath.Join(root, filepath.FromSlash(tc.want)))); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

// TestReplaceBookFileLinkOut: a link with any step out of the book is
// refused, and neither the link nor anything outside is touched.
func TestReplaceBookFileLinkOut(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, outside string) string // returns the root
	}{
		{"to a file outside", func(t *testing.T, outside string) string {
			mustWrite(t, filepath.Join(outside, "x.yaml"), oldContent)
			return bookWithLink(t, filepath.Join(outside, "x.yaml"))
		}},
		{"relative, to a file outside", func(t *testing.T, outside string) string {
			root := bookWithLink(t, "../../../outside/x.yaml")
			mustWrite(t, filepath.Join(filepath.Dir(root), "outside", "x.yaml"), oldContent)
			return root
		}},
		{"dangling, outside", func(t *testing.T, outside string) string {
			return bookWithLink(t, filepath.Join(outside, "x.yaml"))
		}},
		{"out and back in", func(t *testing.T, outside string) string {
			root := bookWithLink(t, filepath.Join(outside, "hop.yaml"))
			mustWrite(t, filepath.Join(root, "shared", "acme.yaml"), oldContent)
			mustSymlink(t, filepath.Join(root, "shared", "acme.yaml"), filepath.Join(outside, "hop.yaml"))
			return root
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			outside := t.TempDir()
			root := tc.setup(t, outside)
			before := snapshot(t, filepath.Dir(root))
			_, err := ReplaceBookFile(root, "clients/acme/client.yaml", []byte(newContent))
			if !errors.Is(err, ErrOutside) {
				t.Fatalf("got %v, want ErrOutside", err)
			}
			for _, want := range []string{"clients/acme/client.yaml is a symbolic link", "outside the book", "nothing written"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("the message %q does not say %q", err, want)
				}
			}
			isLink(t, filepath.Join(root, "clients", "acme", "client.yaml"))
			if after := snapshot(t, filepath.Dir(root)); after != before {
				t.Errorf("files changed:\n%s\nwas\n%s", after, before)
			}
			if after := snapshot(t, outside); strings.Contains(after, "tmp-") || strings.Contains(after, "acme   # the new") {
				t.Errorf("written outside: %s", after)
			}
			if _, err := os.Lstat(filepath.Join(outside, "x.yaml")); tc.name == "dangling, outside" && !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the dangling link's target was created: %v", err)
			}
		})
	}
}

// TestReplaceBookFileNotRegular: a link to a pipe is refused, and the
// pipe stays a pipe (a rename would have put a file in its place).
func TestReplaceBookFileNotRegular(t *testing.T) {
	root := bookWithLink(t, "../../shared/pipe")
	pipe := filepath.Join(root, "shared", "pipe")
	if err := os.MkdirAll(filepath.Dir(pipe), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReplaceBookFile(root, "clients/acme/client.yaml", []byte(newContent))
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "shared/pipe, which is a named pipe") {
		t.Fatalf("got %v, want ErrNotRegular naming the pipe", err)
	}
	if fi, err := os.Lstat(pipe); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Fatalf("the pipe is no longer a pipe: %v, %v", fi, err)
	}
}

// TestBookFileLimits: what the loader would refuse is not written, by
// Replace or Create; one byte less than the limit is.
func TestBookFileLimits(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "clients", "acme", "client.yaml")
	mustWrite(t, path, oldContent)

	fits := []byte(newContent + "notes: ")
	fits = append(fits, strings.Repeat("x", load.MaxFileSize-len(fits)-1)...)
	fits = append(fits, '\n')
	if len(fits) != load.MaxFileSize {
		t.Fatalf("the test's file is %d bytes", len(fits))
	}
	tooBig := append([]byte(nil), fits...)
	tooBig = append(tooBig[:len(tooBig)-1], 'x', '\n')
	deep := newContent + "notes: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n"

	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"one byte over 1 MiB", tooBig, "would be 1048577 bytes, more than the 1 MiB (1048576 bytes) that clientbook reads"},
		{"nested too deep", []byte(deep), "nesting is deeper than 64 levels"},
		{"not UTF-8", []byte(newContent + "notes: \xff\n"), "not valid UTF-8"},
		{"two documents", []byte(newContent + "---\n" + newContent), "more than one YAML document"},
		{"an alias", []byte(newContent + "a: &x 1\nb: *x\n"), "anchors"},
		{"not YAML", []byte(newContent + "notes: [unclosed\n"), "would not be readable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReplaceBookFile(root, "clients/acme/client.yaml", tc.data)
			if !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "nothing written") {
				t.Fatalf("Replace: got %v, want ErrLimit saying %q", err, tc.want)
			}
			if got := readString(t, path); got != oldContent {
				t.Fatalf("the file changed: %q", got)
			}
			err = CreateBookFile(root, "clients/new/client.yaml", tc.data)
			if !errors.Is(err, ErrLimit) {
				t.Fatalf("Create: got %v, want ErrLimit", err)
			}
			if _, err := os.Lstat(filepath.Join(root, "clients", "new")); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("Create made something: %v", err)
			}
			if left := temps(t, filepath.Dir(path)); len(left) > 0 {
				t.Fatalf("left behind: %v", left)
			}
		})
	}

	if _, err := ReplaceBookFile(root, "clients/acme/client.yaml", fits); err != nil {
		t.Fatalf("a file of exactly 1 MiB: %v", err)
	}
	if got, _ := os.ReadFile(path); len(got) != load.MaxFileSize {
		t.Fatalf("wrote %d bytes", len(got))
	}
}

// TestCreateBookFile: a new file is created; a link in its place, even one
// that leads nowhere, is an existing file; a folder out of the book is
// refused.
func TestCreateBookFile(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	if err := CreateBookFile(root, "clients/acme/client.yaml", []byte(newContent)); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, filepath.Join(root, "clients", "acme", "client.yaml")); got != newContent {
		t.Fatalf("created %q", got)
	}
	mustSymlink(t, filepath.Join(outside, "plan.yaml"), filepath.Join(root, "clients", "acme", "plan.yaml"))
	if err := CreateBookFile(root, "clients/acme/plan.yaml", []byte(newContent)); !errors.Is(err, ErrExists) {
		t.Fatalf("a dangling link: got %v, want ErrExists", err)
	}
	mustSymlink(t, outside, filepath.Join(root, "clients", "away"))
	if err := CreateBookFile(root, "clients/away/client.yaml", []byte(newContent)); !errors.Is(err, ErrOutside) {
		t.Fatalf("a folder linked out of the book: got %v, want ErrOutside", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) > 0 {
		t.Fatalf("written outside: %v", entries)
	}
}

// snapshot lists every file under dir with its kind and content, to
// compare before and after.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + " " + d.Type().String())
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			dest, _ := os.Readlink(p)
			b.WriteString(" -> " + dest)
		case d.Type().IsRegular():
			c, _ := os.ReadFile(p)
			b.WriteString(" " + string(c))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
