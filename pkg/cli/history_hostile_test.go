package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/testtree"
)

// A hostile or corrupted file gets the same findings read from git as the
// same bytes in the working tree: through a written revision (no cache),
// straight from the object store (a cold cache) and from the history
// cache (a warm one). Every file of testdata/hostile is a client's
// client.yaml, one a plan, and one is over the size limit.
func TestHostileBlobsAsInTree(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	book := filepath.Join(t.TempDir(), "book")
	testtree.Into(t, filepath.Join("..", "..", "examples", "agency"), book)
	hostile, err := filepath.Glob(filepath.Join("..", "..", "testdata", "hostile", "*.yaml"))
	if err != nil || len(hostile) < 20 {
		t.Fatalf("hostile files: %d, %v", len(hostile), err)
	}
	for i, p := range hostile {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("hostile-%03d", i)
		file := "client.yaml"
		if i%7 == 3 {
			file = "plan.yaml"
			os.MkdirAll(filepath.Join(book, "clients", name), 0o755)
			os.WriteFile(filepath.Join(book, "clients", name, "client.yaml"), []byte("kind: Client\nid: "+name+"\nname: H\nstatus: active\n"), 0o644)
		}
		os.MkdirAll(filepath.Join(book, "clients", name), 0o755)
		if err := os.WriteFile(filepath.Join(book, "clients", name, file), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	big := "kind: Client\nid: huge\n" + strings.Repeat("# padding line\n", load.MaxFileSize/15+10)
	os.MkdirAll(filepath.Join(book, "clients", "huge"), 0o755)
	os.WriteFile(filepath.Join(book, "clients", "huge", "client.yaml"), []byte(big), 0o644)
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "hostile"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = book
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CEILING_DIRECTORIES="+filepath.Dir(book))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run := func(cache string, args ...string) string {
		t.Helper()
		t.Setenv("CLIENTBOOK_CACHE", cache)
		var out, errOut strings.Builder
		code := Main(append(args, "--book", book, "--today", "2026-11-23", "-o", "json"), strings.NewReader(""), &out, &errOut)
		if code > ExitFailed {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		return out.String()
	}
	want := run("off", "check")
	if !strings.Contains(want, `"CB001"`) || !strings.Contains(want, "clients/huge/client.yaml") {
		t.Fatalf("the working tree's check has no parse errors or no finding on the huge file; the test proves little:\n%.2000s", want)
	}
	cache := t.TempDir()
	for _, c := range []struct{ name, cache string }{
		{"a written revision", "off"},
		{"the object store", cache},
		{"the history cache", cache},
	} {
		if got := run(c.cache, "check", "--at", "HEAD"); got != want {
			t.Errorf("check --at HEAD through %s differs from the working tree:\n%s", c.name, firstDiff(got, want))
		}
	}
	if got, want := run(cache, "health", "--at", "HEAD"), run("off", "health"); got != want {
		t.Errorf("health --at HEAD differs from the working tree:\n%s", firstDiff(got, want))
	}
}

// firstDiff shows where two outputs first differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(g), len(w))
}
