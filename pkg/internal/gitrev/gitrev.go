package gitrev

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Repo is the git repository holding a book, and the book's place in it.
type Repo struct {
	// Top is the repository's top folder; Prefix the book root relative
	// to it, slash-separated, "" when the book is at the top.
	Top    string
	Prefix string
}

// Commit is a resolved revision: its hash and its committer date.
type Commit struct {
	Hash string
	Time time.Time // committer date, UTC
}

// Day is the commit's committer date as a calendar day in UTC.
func (c Commit) Day() time.Time {
	y, m, d := c.Time.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Open finds the repository that holds the book at root. The error says
// what to do when git is missing or root is not in a repository. what is
// the revision as the user gave it, with its flag ("--at HEAD~3"), named
// in every message; so it is in every method's errors.
func Open(root, what string) (*Repo, error) {
	// A book read from history may be gone from the working tree: git
	// is asked from the nearest folder that is there.
	base, missing := root, ""
	for {
		if _, err := os.Stat(base); err == nil {
			break
		}
		parent := filepath.Dir(base)
		if parent == base {
			break
		}
		missing = path.Join(filepath.Base(base), missing)
		base = parent
	}
	top, err := run(base, nil, "rev-parse", "--show-toplevel")
	switch {
	case errors.Is(err, exec.ErrNotFound):
		return nil, fmt.Errorf("%s needs git, and git is not installed or not on PATH", what)
	case err != nil && strings.Contains(err.Error(), "not a git repository"):
		return nil, fmt.Errorf("%s: the book at %s is not in a git repository: its history is only kept in git (git init, then commit the book)", what, root)
	case err != nil:
		return nil, fmt.Errorf("%s: cannot ask git about the book at %s: %v", what, root, err)
	}
	r := &Repo{Top: strings.TrimSpace(top)}
	r.Prefix, err = prefix(r.Top, base)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", what, err)
	}
	if missing != "" {
		r.Prefix = strings.TrimPrefix(path.Join(r.Prefix, missing), "/")
	}
	return r, nil
}

// prefix is root relative to top, slash-separated, "" at the top; both
// are resolved through symlinks first, as git resolves the top.
func prefix(top, root string) (string, error) {
	realTop, err := filepath.EvalSymlinks(filepath.FromSlash(top))
	if err != nil {
		return "", err
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(realTop, realRoot)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("the book at %s is outside the repository at %s", root, top)
	}
	if rel == "." {
		return "", nil
	}
	return filepath.ToSlash(rel), nil
}

var dateText = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// IsDate reports whether spec is written as a date, YYYY-MM-DD: such a
// spec is always read as a date, never as a branch of that name.
func IsDate(spec string) bool { return dateText.MatchString(spec) }

// Resolve turns a revision (anything git rev-parse accepts) into its
// commit.
func (r *Repo) Resolve(rev, what string) (Commit, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return Commit{}, fmt.Errorf("%s: want a revision (a commit, tag, branch, HEAD~3) or a date YYYY-MM-DD", what)
	}
	out, err := run(r.Top, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		if r.shallow() {
			return Commit{}, fmt.Errorf("%s: git does not know this revision, and the repository at %s is a shallow clone that may lack it: fetch the whole history with `git fetch --unshallow`, then try again", what, r.Top)
		}
		return Commit{}, fmt.Errorf("%s: git does not know this revision in the repository at %s: give a commit, tag or branch that exists (git log --oneline lists them) or a date YYYY-MM-DD", what, r.Top)
	}
	hash := strings.TrimSpace(out)
	// git log, not git show: show sets up its diff machinery, which takes
	// ten times as long on a large repository.
	ct, err := run(r.Top, nil, "log", "-1", "--format=%ct", hash, "--")
	if err != nil {
		return Commit{}, fmt.Errorf("%s: cannot read the commit %s: %v", what, hash, err)
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(ct), 10, 64)
	if err != nil {
		return Commit{}, fmt.Errorf("%s: cannot read the commit date of %s", what, hash)
	}
	return Commit{Hash: hash, Time: time.Unix(sec, 0).UTC()}, nil
}

// ResolveDate returns the last commit reachable from HEAD whose committer
// date, in UTC, is on or before day (up to 23:59:59 UTC): the newest such
// date, the first listed on a tie. what is the spec as the user gave it.
func (r *Repo) ResolveDate(day time.Time, what string) (Commit, error) {
	out, err := run(r.Top, nil, "log", "--format=%H %ct", "HEAD", "--")
	if err != nil {
		return Commit{}, fmt.Errorf("%s: the repository at %s has no commit yet (or HEAD cannot be read): commit the book first: %v", what, r.Top, err)
	}
	end := day.Unix() + 86400 // the first second after the day
	var best Commit
	var bestSec int64
	found := false
	for _, line := range strings.Split(out, "\n") {
		hash, sec, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		n, err := strconv.ParseInt(sec, 10, 64)
		if err != nil || n >= end {
			continue
		}
		if !found || n > bestSec {
			best, bestSec, found = Commit{Hash: hash, Time: time.Unix(n, 0).UTC()}, n, true
		}
	}
	if !found {
		if r.shallow() {
			return Commit{}, fmt.Errorf("%s: no commit on or before that day in the repository at %s, a shallow clone whose history may start later: fetch the whole history with `git fetch --unshallow`, or give a later date", what, r.Top)
		}
		return Commit{}, fmt.Errorf("%s: that day is before the first commit of the repository at %s: give a later date (git log --reverse --format=%%cs | head -1 shows the first)", what, r.Top)
	}
	return best, nil
}

func (r *Repo) shallow() bool {
	out, err := run(r.Top, nil, "rev-parse", "--is-shallow-repository")
	return err == nil && strings.TrimSpace(out) == "true"
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

// run runs git in dir and returns its standard output; the error carries
// git's own message.
func run(dir string, stdin io.Reader, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", errors.New(msg)
		}
		return "", err
	}
	return stdout.String(), nil
}
