package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHook installs the repository's own hook
// (.pre-commit-hooks.yaml, at HEAD) with the real pre-commit, in a
// repository holding the agency book in a subfolder, configured as the
// README says: the hook is handed the staged files and reports only
// theirs, so a file with a finding fails the commit and one without
// passes, whatever the rest of the book holds.
func TestPreCommitHook(t *testing.T) {
	t.Parallel() // waits on another program
	if testing.Short() {
		t.Skip("builds clientbook inside pre-commit")
	}
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		t.Skip("pre-commit is not installed (apt-get install pre-commit): the hook is not checked")
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	head, err := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skip("the repository has no commit to install the hook from")
	}
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	env := append(os.Environ(), "PRE_COMMIT_HOME="+filepath.Join(dir, ".cache"), "GOMODCACHE="+strings.TrimSpace(string(modcache)), "GOFLAGS=-mod=mod",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = filepath.Join(dir, "work"), env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if err := os.CopyFS(filepath.Join(dir, "work", "books", "agency"), os.DirFS(filepath.Join(repo, "examples", "agency"))); err != nil {
		t.Fatal(err)
	}
	config := `repos:
  - repo: ` + repo + `
    rev: ` + strings.TrimSpace(string(head)) + `
    hooks:
      - id: clientbook-check
        args: [--book, books/agency, --today, "2026-11-23", --fail-on, warning]
        files: ^books/agency/.*\.ya?ml$
`
	if err := os.WriteFile(filepath.Join(dir, "work", ".pre-commit-config.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "-m", "book"}} {
		if out, err := run("git", args...); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	out, err := run(preCommit, "run", "--files", "books/agency/clients/pennant-home/client.yaml")
	if err == nil || !strings.Contains(out, "clients/pennant-home/client.yaml:") || !strings.Contains(out, "CB107") {
		t.Errorf("a staged file with a warning passed the hook (err %v):\n%s", err, out)
	}
	if strings.Contains(out, "harbour-hotels") {
		t.Errorf("the hook reported a file that was not staged:\n%s", out)
	}
	out, err = run(preCommit, "run", "--files", "books/agency/clients/kestrel-outdoor/client.yaml", ".pre-commit-config.yaml")
	if err != nil {
		t.Errorf("a staged file without findings failed the hook: %v\n%s", err, out)
	}
}
