package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/cli"
)

// A second run on an unchanged book, which takes every client from the
// cache the first run wrote, prints what a run without a cache prints; so
// does a run after a file changed.
func TestCachedRunsPrintTheSame(t *testing.T) {
	root := bookgentest.Dir(t, 40)
	// Files changed in the last two seconds are not cached (racily clean).
	time.Sleep(2100 * time.Millisecond)
	cache := t.TempDir()
	run := func(cacheDir string, args ...string) (int, string, string) {
		t.Helper()
		t.Setenv("CLIENTBOOK_CACHE", cacheDir)
		var stdout, stderr bytes.Buffer
		argv := append([]string{"--book", root, "--today", bookgentest.Today.String()}, args...)
		code := cli.Main(argv, strings.NewReader(""), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	commands := [][]string{
		{"portfolio"}, {"portfolio", "-o", "json"}, {"portfolio", "--sort", "net", "-o", "csv"},
		{"check"}, {"check", "-o", "sarif"},
		{"due"}, {"due", "--within", "60d", "-o", "json"},
	}
	compare := func(stage string) {
		t.Helper()
		for _, args := range commands {
			code, out, errOut := run("off", args...)
			for i := range 2 { // the first fills the cache, the second reads it
				c, o, e := run(cache, args...)
				if c != code || o != out || e != errOut {
					t.Fatalf("%s, %s, cached run %d: exit %d, %d bytes; without the cache exit %d, %d bytes:\n%s",
						stage, strings.Join(args, " "), i+1, c, len(o), code, len(out), firstDifference(out, o))
				}
			}
		}
	}
	compare("unchanged book")
	entries, _ := filepath.Glob(filepath.Join(cache, "*.cache"))
	if len(entries) != 3 { // portfolio, check, due
		t.Fatalf("cache files %v, want one per command", entries)
	}

	// Change one client's name and health; the cache must not hide it.
	clients, _ := filepath.Glob(filepath.Join(root, "clients", "*", "client.yaml"))
	data, err := os.ReadFile(clients[0])
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(data), "name: ", "name: Renamed ", 1)
	if err := os.WriteFile(clients[0], []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	compare("one client changed")
}
