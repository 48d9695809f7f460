//go:build unix

package load

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/internal/fsafe"
	"github.com/clientbook/clientbook/pkg/internal/stream"
)

// Entries of the book that are not plain files and folders, or cannot be
// read, are findings on their path; the rest of the book is read as usual.
// None of them may block, crash or stop the load.

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
}

func symlink(t *testing.T, target, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

func TestPipesAreFindings(t *testing.T) {
	root := writeBook(t, map[string]string{
		"clientbook.yaml":       validFirm,
		"clients/y/client.yaml": strings.ReplaceAll(validClient, "id: x", "id: y"),
	})
	// Nothing ever writes to these pipes: opening one to read would wait
	// for ever.
	mkfifo(t, filepath.Join(root, "clients", "x", "client.yaml"))
	mkfifo(t, filepath.Join(root, "clients", "y", "engagements", "e.yaml"))
	mkfifo(t, filepath.Join(root, "clients", "y", "reviews", "2026.yaml"))
	mkfifo(t, filepath.Join(root, "opportunities", "o.yaml"))
	symlink(t, "../x/client.yaml", filepath.Join(root, "clients", "y", "plan.yaml"))
	b := loadWithin(t, root, 2*time.Second)
	for _, p := range []string{
		"clients/x/client.yaml", "clients/y/engagements/e.yaml", "clients/y/reviews/2026.yaml",
		"opportunities/o.yaml", "clients/y/plan.yaml",
	} {
		wantFinding(t, b, "CB001", p, "not a regular file")
	}
	// The pipe is reported as what it is, not also as a missing file.
	wantNoFinding(t, b, "CB004", "clients/x")
	if b.Client("y") == nil {
		t.Error("the readable client y was not loaded")
	}
}

// TestReadFileRefusesPipe covers a pipe put in a file's place after the
// folder was listed: the read must neither block nor return data.
func TestReadFileRefusesPipe(t *testing.T) {
	root := t.TempDir()
	mkfifo(t, filepath.Join(root, "client.yaml"))
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	l := &loader{root: r}
	done := make(chan error, 1)
	go func() {
		_, err := l.readFile("client.yaml")
		done <- err
	}()
	select {
	case err := <-done:
		if err != fsafe.ErrNotRegular {
			t.Fatalf("readFile on a pipe: got %v, want fsafe.ErrNotRegular", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("readFile blocked on a pipe")
	}
	res := l.decodeFile(job{path: "client.yaml", kind: kindClient}, new([]byte))
	if len(res.findings) != 1 || res.findings[0].Rule != "CB001" || !strings.Contains(res.findings[0].Message, "not a regular file") {
		t.Fatalf("decodeFile on a pipe: %v", res.findings)
	}
}

func TestLinksOutOfTheBook(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "client.yaml")
	if err := os.WriteFile(secret, []byte(strings.ReplaceAll(validClient, "X Ltd", "Outside Secret")), 0o644); err != nil {
		t.Fatal(err)
	}
	root := writeBook(t, map[string]string{
		"clientbook.yaml":        validFirm,
		"clients/in/client.yaml": strings.ReplaceAll(validClient, "id: x", "id: in"),
	})
	symlink(t, secret, filepath.Join(root, "clients", "x", "client.yaml"))
	symlink(t, outside, filepath.Join(root, "clients", "away"))
	symlink(t, "../../../"+filepath.Base(outside), filepath.Join(root, "clients", "rel", "client.yaml"))
	symlink(t, "/etc/passwd", filepath.Join(root, "clients", "pw", "client.yaml"))
	symlink(t, outside, filepath.Join(root, "opportunities"))
	// A link that stays inside the book is followed.
	symlink(t, "../in/client.yaml", filepath.Join(root, "clients", "alias", "client.yaml"))
	b := loadWithin(t, root, 2*time.Second)
	for _, p := range []string{"clients/x/client.yaml", "clients/away", "clients/rel/client.yaml", "clients/pw/client.yaml", "opportunities"} {
		wantFinding(t, b, "CB001", p, "points outside the book")
	}
	wantNoFinding(t, b, "CB004", "clients/x")
	if c := b.Client("x"); c != nil {
		t.Errorf("the file outside the book was read: %+v", c.Name)
	}
	for _, f := range b.Findings {
		if strings.Contains(f.Message, "Outside Secret") || strings.Contains(f.Message, "root:") {
			t.Errorf("a finding shows what is outside the book: %s", f.Message)
		}
	}
	if b.Client("in") == nil {
		t.Error("the client inside the book was not loaded")
	}
	if len(findingOn(b.Findings, "clients/alias/client.yaml")) != 1 {
		// Read through the link: its id "in" does not match the folder.
		t.Errorf("the link inside the book was not read: %s", messages(b.Findings))
	}
}

// TestUnreadable covers files and folders that cannot be read. Root reads
// anything whatever its permissions, so there the unreadable entries are
// simulated: a folder where a file must be, and a link that loops.
func TestUnreadable(t *testing.T) {
	root := writeBook(t, map[string]string{
		"clientbook.yaml":       validFirm,
		"clients/x/client.yaml": validClient,
		"clients/y/client.yaml": strings.ReplaceAll(validClient, "id: x", "id: y"),
	})
	for _, dir := range []string{"clients/x/plan.yaml", "clients/z/client.yaml", "clients/x/engagements/e.yaml", "opportunities/o.yaml"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	symlink(t, "loop", filepath.Join(root, "clients", "loop"))
	symlink(t, "plan.yaml", filepath.Join(root, "clients", "y", "plan.yaml"))
	b := loadWithin(t, root, 2*time.Second)
	for _, p := range []string{"clients/x/plan.yaml", "clients/z/client.yaml", "clients/x/engagements/e.yaml", "opportunities/o.yaml"} {
		wantFinding(t, b, "CB001", p, "is a folder, not a file")
	}
	wantNoFinding(t, b, "CB004", "clients/z")
	wantFinding(t, b, "CB001", "clients/loop", "cannot follow link")
	wantFinding(t, b, "CB001", "clients/y/plan.yaml", "cannot follow link")
	if b.Client("x") == nil || b.Client("y") == nil {
		t.Error("the readable clients were not loaded")
	}

	if os.Geteuid() == 0 {
		t.Log("running as root, which reads anything: permissions not tested")
		return
	}
	noAccess := func(p string) {
		full := filepath.Join(root, p)
		fi, err := os.Stat(full)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(full, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(full, fi.Mode().Perm()) })
	}
	noAccess("clients/x/client.yaml")
	noAccess("clients/y")
	b = loadWithin(t, root, 2*time.Second)
	wantFinding(t, b, "CB001", "clients/x/client.yaml", "permission denied")
	wantFinding(t, b, "CB001", "clients/y", "permission denied")
	wantNoFinding(t, b, "CB004", "clients/x")
	wantNoFinding(t, b, "CB004", "clients/y")
}

func TestNotFolders(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T, root string)
		rule  string
		path  string
		msg   string
	}{
		{"clients is a file", func(t *testing.T, root string) {
			os.WriteFile(filepath.Join(root, "clients"), []byte("x"), 0o644)
		}, "CB006", "clients", "clients must be a folder"},
		{"clients is a pipe", func(t *testing.T, root string) {
			mkfifo(t, filepath.Join(root, "clients"))
		}, "CB006", "clients", "clients must be a folder"},
		{"opportunities is a file", func(t *testing.T, root string) {
			os.WriteFile(filepath.Join(root, "opportunities"), []byte("x"), 0o644)
		}, "CB006", "opportunities", "opportunities must be a folder"},
		{"engagements is a file", func(t *testing.T, root string) {
			os.MkdirAll(filepath.Join(root, "clients", "x"), 0o755)
			os.WriteFile(filepath.Join(root, "clients", "x", "client.yaml"), []byte(validClient), 0o644)
			os.WriteFile(filepath.Join(root, "clients", "x", "engagements"), []byte("x"), 0o644)
		}, "", "", ""},
		{"a client file directly in clients", func(t *testing.T, root string) {
			os.MkdirAll(filepath.Join(root, "clients"), 0o755)
			os.WriteFile(filepath.Join(root, "clients", "x.yaml"), []byte(validClient), 0o644)
		}, "CB006", "clients/x.yaml", "belong in its own folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := writeBook(t, map[string]string{"clientbook.yaml": validFirm})
			tc.setup(t, root)
			b := loadWithin(t, root, 2*time.Second)
			if tc.rule == "" {
				if len(b.Findings) > 0 {
					t.Fatalf("want no findings, got:\n%s", messages(b.Findings))
				}
				return
			}
			wantFinding(t, b, tc.rule, tc.path, tc.msg)
		})
	}
}

// TestOddNames: folder and file names no id can be are CB006 findings on
// the name, with a slug to rename them to; none of them trouble the loader.
func TestOddNames(t *testing.T) {
	root := writeBook(t, map[string]string{"clientbook.yaml": validFirm})
	folders := map[string]string{
		"Odd Name":               "odd-name",
		"-dash":                  "dash",
		"ünï":                    "uni",
		"Müller & Søn":           "muller-son",
		"tab\there":              "tab-here",
		"line\nbreak":            "line-break",
		"a:b":                    "a-b",
		"..x":                    "", // hidden: skipped like every dot name
		strings.Repeat("A", 200): strings.Repeat("a", 63),
		"日本":                     "client",
	}
	var made []string
	for name := range folders {
		dir := filepath.Join(root, "clients", name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Logf("the file system refuses %q: %v", name, err)
			continue
		}
		// Each names itself with the slug it should be told to use, so
		// that no two clients share an id.
		data := strings.ReplaceAll(validClient, "id: x", "id: "+cmpOr(folders[name], "c"+string(rune('a'+len(made)))))
		if err := os.WriteFile(filepath.Join(dir, "client.yaml"), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		made = append(made, name)
	}
	engagements := filepath.Join(root, "clients", "odd-files", "engagements")
	os.MkdirAll(engagements, 0o755)
	os.WriteFile(filepath.Join(root, "clients", "odd-files", "client.yaml"), []byte(strings.ReplaceAll(validClient, "id: x", "id: odd-files")), 0o644)
	for _, name := range []string{"with space.yaml", "-lead.yaml", "nl\nname.yaml", "ä.yaml"} {
		data := "apiVersion: clientbook/v1\nkind: Engagement\ntitle: T\nservice: seo\nstatus: active\n"
		if err := os.WriteFile(filepath.Join(engagements, name), []byte(data), 0o644); err != nil {
			t.Logf("the file system refuses %q: %v", name, err)
		}
	}

	b := loadWithin(t, root, 2*time.Second)
	for _, name := range made {
		p := "clients/" + name
		if strings.HasPrefix(name, ".") {
			if len(findingOn(b.Findings, p)) > 0 || len(findingOn(b.Findings, p+"/client.yaml")) > 0 {
				t.Errorf("%q is hidden and must be skipped: %s", name, messages(b.Findings))
			}
			continue
		}
		wantFinding(t, b, "CB006", p, "is not a client id: rename it to a lower-case slug such as \""+folders[name]+"\"")
	}
	for _, f := range b.Findings {
		if f.Rule == "CB005" {
			t.Errorf("clients without a usable id must not collide: %s: %s", f.Path, f.Message)
		}
	}
	if !slices.ContainsFunc(b.Clients, func(c *book.Client) bool { return c.ID.Value == "odd-files" }) {
		t.Error("the client with oddly named engagements was not loaded")
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// TestWorkerPanicReachesCaller: a bug that panics while one file is decoded
// must reach Load's caller (where cli.Main turns it into exit code 3), not
// crash the process from a worker goroutine.
func TestWorkerPanicReachesCaller(t *testing.T) {
	l := &loader{} // no root: reading any file panics
	defer func() {
		r := recover()
		if r == nil {
			t.Fatal("stream.Run did not raise the worker's panic")
		}
		if msg, _ := r.(string); !strings.HasPrefix(msg, "reading clients/x/client.yaml: ") {
			t.Fatalf("panic value %v does not name the file", r)
		}
	}()
	jobs := []job{{path: "clients/x/client.yaml", kind: kindClient}}
	stream.Run(2, len(jobs), func(i int) string { return jobs[i].path }, func(i int, buf *[]byte) { l.decodeFile(jobs[i], buf) })
}
