package cli

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/finding"
)

// sinceBook generates a book of n clients in a new git repository,
// committed, and returns its folder and its client folders' names.
func sinceBook(t testing.TB, n int) (string, []string) {
	t.Helper()
	dir := historyBook(t, n, 7, 0)
	entries, err := os.ReadDir(filepath.Join(dir, "clients"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return dir, names
}

// rewrite rewrites the file p of the book with the regular expression re
// replaced by with, which must match.
func rewrite(t *testing.T, p, re, with string) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	rx := regexp.MustCompile(re)
	if !rx.Match(data) {
		t.Fatalf("%s: no %q", p, re)
	}
	if err := os.WriteFile(p, rx.ReplaceAll(data, []byte(with)), 0o644); err != nil {
		t.Fatal(err)
	}
}

type checkJSON struct {
	Findings []map[string]any `json:"findings"`
}

func checkFindings(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	var out strings.Builder
	var errOut strings.Builder
	code := Main(append(args, "-o", "json", "--today", "2026-11-23"), strings.NewReader(""), &out, &errOut)
	if code > ExitFailed {
		t.Fatalf("check %v: exit %d: %s", args, code, errOut.String())
	}
	var got checkJSON
	if err := json.Unmarshal([]byte(out.String()), &got); err != nil {
		t.Fatal(err)
	}
	return got.Findings
}

// check --since reads only the changed clients' folders (and the
// opportunities), yet finds on the changed files exactly what a full
// check finds on them: a client made wrong in several ways, one whose id
// became another's (CB005, CB006), one that lost its client.yaml, one
// removed whole, and opportunities naming a missing client.
func TestCheckSinceEqualsFullCheckNarrowed(t *testing.T) {
	dir, names := sinceBook(t, 200)
	c := func(i int, file string) string { return filepath.Join(dir, "clients", names[i], file) }
	rewrite(t, c(5, "client.yaml"), `(?m)^potential: \d+`, "potential: 9")
	rewrite(t, c(5, "client.yaml"), `(?m)^owner: \S+`, "owner: ghost")
	rewrite(t, c(17, "client.yaml"), `(?m)^id: \S+`, "id: "+names[3])
	if err := os.Remove(c(40, "client.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "clients", names[60])); err != nil {
		t.Fatal(err)
	}
	opps, _ := filepath.Glob(filepath.Join(dir, "opportunities", "*.yaml"))
	for _, o := range opps {
		if data, _ := os.ReadFile(o); strings.Contains(string(data), "\nclient: ") {
			rewrite(t, o, `(?m)^client: \S+`, "client: "+names[60])
			break
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "opportunities", "stray.yaml"),
		[]byte("apiVersion: clientbook/v1\nkind: Opportunity\nid: stray\nclient: no-such-client\nservice: design\nsummary: Stray\nvalue: 1000\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	changed, err := changedSince(dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	var want []map[string]any
	for _, f := range checkFindings(t, "check", "--book", dir) {
		if changedFile(findingOf(f), changed) {
			want = append(want, f)
		}
	}
	got := checkFindings(t, "check", "--book", dir, "--since", "HEAD")
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("check --since found\n%v\na full check, narrowed, finds\n%v", got, want)
	}
	// The changes gave findings of each kind, or the test proves little.
	for _, rule := range []string{"CB003", "CB004", "CB005", "CB006", "CB007"} {
		if !strings.Contains(jsonText(t, want), `"`+rule+`"`) {
			t.Errorf("no %s among the changed files' findings: %v", rule, want)
		}
	}
}

func jsonText(t *testing.T, v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// BenchmarkCheckSince compares, on a generated book of 10k clients, a full
// `check` with `check --since HEAD` after 3 clients changed.
func BenchmarkCheckSince(b *testing.B) {
	dir, names := sinceBook(b, 10000)
	for _, i := range []int{10, 5000, 9990} {
		p := filepath.Join(dir, "clients", names[i], "client.yaml")
		data, _ := os.ReadFile(p)
		os.WriteFile(p, append([]byte("# changed\n"), data...), 0o644)
	}
	for _, args := range [][]string{{"check", "-o", "json"}, {"check", "-o", "json", "--since", "HEAD"}} {
		b.Run(strings.Join(args, " "), func(b *testing.B) {
			for b.Loop() {
				if code := Main(append(args, "--book", dir), strings.NewReader(""), io.Discard, io.Discard); code > ExitFailed {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

// findingOf is the path and place of a finding as check -o json gives it,
// enough for changedFile.
func findingOf(f map[string]any) finding.Finding {
	p, _ := f["path"].(string)
	return finding.Finding{Path: p}
}
