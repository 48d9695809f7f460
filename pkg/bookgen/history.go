package bookgen

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
)

// GenerateHistory writes a book of n clients (Generate) into dir and makes
// it a git repository of two commits: the book, then the same book with
// the client.yaml of every changeEvery-th client (in folder order) given a
// comment line at its top, so that the two commits differ in 1/changeEvery
// of the clients; with changeEvery 0, one commit only. It needs git.
func GenerateHistory(dir string, n int, seed uint64, today book.Date, changeEvery int) error {
	if err := Generate(dir, n, seed, today); err != nil {
		return err
	}
	git := func(args ...string) error {
		cmd := exec.Command("git", append([]string{"-c", "user.name=Bookgen", "-c", "user.email=bookgen@example.com"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CEILING_DIRECTORIES="+filepath.Dir(dir))
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "-m", "the book"}} {
		if err := git(args...); err != nil {
			return err
		}
	}
	if changeEvery <= 0 {
		return nil
	}
	clients, err := os.ReadDir(filepath.Join(dir, "clients"))
	if err != nil {
		return err
	}
	for i, c := range clients {
		if i%changeEvery != 0 {
			continue
		}
		p := filepath.Join(dir, "clients", c.Name(), "client.yaml")
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(p, append([]byte("# changed\n"), data...), 0o644); err != nil {
			return err
		}
	}
	return git("commit", "-q", "-a", "-m", fmt.Sprintf("every %dth client changed", changeEvery))
}
