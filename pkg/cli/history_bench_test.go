package cli

import (
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/bookgen"
)

// historyBook generates a book of n clients in a new git repository
// (bookgen.GenerateHistory: with changeEvery > 0, a second commit changes
// every changeEvery-th client) and returns its folder.
func historyBook(tb testing.TB, n int, seed uint64, changeEvery int) string {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git is not installed")
	}
	dir := filepath.Join(tb.TempDir(), "book")
	today, _ := book.ParseDate("2026-11-23")
	if err := bookgen.GenerateHistory(dir, n, seed, today, changeEvery); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// BenchmarkHistory compares, on a generated book of 2k clients, a cold
// `check` of the working tree with `check --at HEAD~1` (the book read from
// git into a private folder) and `diff HEAD~1 HEAD` (two such books, each
// evaluated in full). The cache is off: every run is cold.
func BenchmarkHistory(b *testing.B) {
	dir := historyBook(b, 2000, 1, 20) // 5% changed
	b.Setenv("CLIENTBOOK_CACHE", "off")
	b.Setenv("CLIENTBOOK_TODAY", "2026-11-23")
	for _, args := range [][]string{
		{"check", "-o", "json"},
		{"check", "-o", "json", "--at", "HEAD~1"},
		{"diff", "HEAD~1", "HEAD", "-o", "json"},
	} {
		b.Run(strings.Join(args, " "), func(b *testing.B) {
			for b.Loop() {
				code := Main(append(args, "--book", dir), strings.NewReader(""), io.Discard, io.Discard)
				if code > ExitFailed {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
