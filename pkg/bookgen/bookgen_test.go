package bookgen_test

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/bookgen"
	"github.com/clientbook/clientbook/pkg/bookgen/bookgentest"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/health"
	"github.com/clientbook/clientbook/pkg/rules"
)

// tree returns the hash of every file under dir, keyed by its slash path.
func tree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func generate(t *testing.T, n int, seed uint64) map[string][32]byte {
	t.Helper()
	dir := t.TempDir()
	if err := bookgen.Generate(dir, n, seed, bookgentest.Today); err != nil {
		t.Fatal(err)
	}
	return tree(t, dir)
}

func TestDeterministic(t *testing.T) {
	a, b := generate(t, 60, 7), generate(t, 60, 7)
	if len(a) == 0 {
		t.Fatal("generated no files")
	}
	for p, h := range a {
		if hb, ok := b[p]; !ok {
			t.Errorf("%s: in the first run only", p)
		} else if hb != h {
			t.Errorf("%s: differs between two runs with the same seed", p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			t.Errorf("%s: in the second run only", p)
		}
	}
	if other := generate(t, 60, 8); len(other) == len(a) && equal(other, a) {
		t.Error("seeds 7 and 8 gave the same book")
	}
}

func equal(a, b map[string][32]byte) bool {
	for p, h := range a {
		if b[p] != h {
			return false
		}
	}
	return true
}

// Client i, and opportunity j, are the same files whatever N is: every
// file of the smaller book is in the larger one, byte for byte, and the
// larger one has exactly the clients and opportunities it should.
func TestItemsDoNotDependOnN(t *testing.T) {
	for _, sizes := range [][2]int{{10, 20}, {20, 45}} {
		small, large := generate(t, sizes[0], 3), generate(t, sizes[1], 3)
		for p, h := range small {
			if p == "clientbook.yaml" {
				continue
			}
			if hl, ok := large[p]; !ok {
				t.Errorf("N=%d has %s, N=%d does not", sizes[0], p, sizes[1])
			} else if hl != h {
				t.Errorf("%s differs between N=%d and N=%d", p, sizes[0], sizes[1])
			}
		}
		if got := count(large, "/client.yaml"); got != sizes[1] {
			t.Errorf("N=%d: %d client files", sizes[1], got)
		}
		if got, want := count(large, "opportunities/"), sizes[1]/bookgen.ClientsPerOpportunity; got != want {
			t.Errorf("N=%d: %d opportunities, want %d", sizes[1], got, want)
		}
	}
}

func count(files map[string][32]byte, part string) int {
	n := 0
	for p := range files {
		if strings.Contains(p, part) {
			n++
		}
	}
	return n
}

// A generated book loads with no error, and check's rules find no error
// either: what `clientbook check` would print has warnings at most.
func TestGeneratedBookIsValid(t *testing.T) {
	b := bookgentest.Book(t, 200)
	if len(b.Clients) != 200 {
		t.Fatalf("loaded %d clients, want 200", len(b.Clients))
	}
	if len(b.Opportunities) != 200/bookgen.ClientsPerOpportunity {
		t.Errorf("loaded %d opportunities, want %d", len(b.Opportunities), 200/bookgen.ClientsPerOpportunity)
	}
	results := make([]health.Result, len(b.Clients))
	for i, c := range b.Clients {
		results[i] = health.Assess(c, b.Settings, bookgentest.Today)
	}
	findings := append(slices.Clip(b.Findings), rules.Run(b, results, bookgentest.Today)...)
	for _, f := range findings {
		if f.Severity == finding.Error {
			t.Errorf("%s:%d:%d: %s %s", f.Path, f.Line, f.Column, f.Rule, f.Message)
		}
	}

	// The book has every kind of file, so nothing is benchmarked or
	// tested on an empty shape.
	var plans, engagements, reviews, recoveries, heavy int
	for _, c := range b.Clients {
		if c.Plan != nil {
			plans++
		}
		engagements += len(c.Engagements)
		reviews += len(c.Reviews)
		if c.Recovery != nil {
			recoveries++
		}
		if len(c.Touchpoints) >= 200 {
			heavy++
		}
	}
	for what, n := range map[string]int{"plans": plans, "engagements": engagements, "reviews": reviews, "recoveries": recoveries} {
		if n == 0 {
			t.Errorf("no %s in a book of 200 clients", what)
		}
	}
	t.Logf("200 clients: %d files, %d plans, %d engagements, %d reviews, %d recoveries, %d heavy clients, %d warnings",
		b.Files, plans, engagements, reviews, recoveries, heavy, len(findings))
}

func TestGenerateRefusesAFolderInUse(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := bookgen.Generate(dir, 1, 1, bookgentest.Today); err == nil {
		t.Fatal("generated into a folder that already held a file")
	}
}
