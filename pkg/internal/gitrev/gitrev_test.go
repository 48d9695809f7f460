package gitrev

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// repo makes a repository in a new folder with a book under book/: a
// client, a symlink and a submodule entry, committed at 2026-05-11 01:30
// in UTC+2 (2026-05-10 in UTC).
func repo(t *testing.T) (*Repo, string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	top := t.TempDir()
	write := func(p, s string) {
		p = filepath.Join(top, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("book/clientbook.yaml", "kind: Firm\nname: F\n")
	write("book/clients/a b/client.yaml", "kind: Client\nid: a\n")
	write("notes.md", "outside the book\n")
	if err := os.Symlink("../notes.md", filepath.Join(top, "book", "link.yaml")); err != nil {
		t.Skip("no symlinks here")
	}
	git := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = top
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com",
			"GIT_COMMITTER_DATE=2026-05-11T01:30:00+02:00", "GIT_AUTHOR_DATE=2026-05-11T01:30:00+02:00")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-q", "-m", "one")
	head := git("rev-parse", "HEAD")
	git("update-index", "--add", "--cacheinfo", "160000,"+head+",book/sub")
	git("commit", "-q", "-m", "a submodule")
	r, err := Open(filepath.Join(top, "book"), "--at test")
	if err != nil {
		t.Fatal(err)
	}
	return r, top
}

func TestWrite(t *testing.T) {
	r, _ := repo(t)
	if r.Prefix != "book" {
		t.Errorf("prefix %q, want book", r.Prefix)
	}
	c, err := r.Resolve("HEAD", "--at HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Day().Format(time.DateOnly); got != "2026-05-10" {
		t.Errorf("commit day %s, want 2026-05-10 (UTC)", got)
	}
	tree, err := r.List(c, []string{"clientbook.yaml"}, "--at HEAD")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := tree.Write(dir, func(string) bool { return true }, nil, "--at HEAD"); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(dir, "clients", "a b", "client.yaml")); err != nil || string(data) != "kind: Client\nid: a\n" {
		t.Errorf("client.yaml: %q, %v", data, err)
	}
	if target, err := os.Readlink(filepath.Join(dir, "link.yaml")); err != nil || target != "../notes.md" {
		t.Errorf("link.yaml: %q, %v; want a link to ../notes.md", target, err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "sub")); !os.IsNotExist(err) {
		t.Errorf("the submodule was written: %v", err)
	}
}

func TestResolveDate(t *testing.T) {
	r, _ := repo(t)
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	if _, err := r.ResolveDate(day("2026-05-10"), "--at 2026-05-10"); err != nil {
		t.Errorf("2026-05-10 (the commits' UTC day): %v", err)
	}
	_, err := r.ResolveDate(day("2026-05-09"), "--at 2026-05-09")
	if err == nil || !strings.Contains(err.Error(), "--at 2026-05-09: that day is before the first commit") {
		t.Errorf("2026-05-09: %v, want before the first commit", err)
	}
	_, err = r.Resolve("no-such", "--at no-such")
	if err == nil || !strings.Contains(err.Error(), "--at no-such: git does not know this revision") {
		t.Errorf("no-such: %v", err)
	}
}

// Blobs reads a client folder's files from the object store, each cut at
// the limit, and nothing for a folder the tree does not have; FolderKeys
// keys the folder by its files' object ids.
func TestBlobs(t *testing.T) {
	r, _ := repo(t)
	c, err := r.Resolve("HEAD", "--at HEAD")
	if err != nil {
		t.Fatal(err)
	}
	tree, err := r.List(c, []string{"clientbook.yaml"}, "--at HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tree.FolderKeys()["a b"]; !ok {
		t.Errorf("no key for clients/a b: %v", tree.FolderKeys())
	}
	b := tree.Blobs(5, "--at HEAD")
	defer b.Close()
	files, err := b.Folder("a b")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Path != "clients/a b/client.yaml" || string(files[0].Data) != "kind:" {
		t.Errorf("files %q, want clients/a b/client.yaml cut at 5 bytes", files)
	}
	// Again, from the same process: the rest of the first answer was read.
	if again, err := b.Folder("a b"); err != nil || len(again) != 1 || string(again[0].Data) != "kind:" {
		t.Errorf("again: %q, %v", again, err)
	}
	if none, err := b.Folder("nope"); err != nil || len(none) != 0 {
		t.Errorf("nope: %q, %v", none, err)
	}
}
