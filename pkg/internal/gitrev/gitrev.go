package gitrev

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
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

// entry is one file of git ls-tree -r.
type entry struct {
	mode, kind, object, path string
	// client is NAME for an entry in a client folder clients/NAME (or
	// that folder itself, when it is a link); "" for the book's others.
	client string
}

// Tree is the book's files in one commit, as git lists them, ready to be
// written (Write) in parts.
type Tree struct {
	Commit  Commit
	top     string
	entries []entry
	size    int64
}

// Size is about how many bytes the book's files take once written.
func (t *Tree) Size() int64 { return t.size }

// SameFirm reports whether t and other have the same firm's files (by
// name and content): the files of firmFiles they hold.
func (t *Tree) SameFirm(other *Tree, firmFiles []string) bool {
	firm := func(tr *Tree) []entry {
		var out []entry
		for _, e := range tr.entries {
			if slices.Contains(firmFiles, e.path) {
				out = append(out, e)
			}
		}
		return out
	}
	return slices.Equal(firm(t), firm(other))
}

// ID is a hash of every file's path, mode and object id: the same book, in
// any commit, has the same ID.
func (t *Tree) ID() [sha256.Size]byte {
	h := sha256.New()
	for _, e := range t.entries {
		hashEntry(h, e)
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// List lists the book's files in commit c. firmFiles are the names that
// mark a book's root; when none is there the book did not exist in that
// revision, and the error says so. what is the revision as the user gave
// it.
func (r *Repo) List(c Commit, firmFiles []string, what string) (*Tree, error) {
	// The prefix is a folder's name, never a pattern: `[`, `*` or `:` in
	// it are literal.
	args := []string{"--literal-pathspecs", "ls-tree", "-r", "-z", "-l", "--full-tree", c.Hash}
	if r.Prefix != "" {
		args = append(args, "--", r.Prefix+"/")
	}
	out, err := run(r.Top, nil, args...)
	if err != nil {
		if r.shallow() {
			return nil, fmt.Errorf("%s: git cannot list commit %s, which the shallow clone at %s lacks: fetch the whole history with `git fetch --unshallow`", what, short(c.Hash), r.Top)
		}
		return nil, fmt.Errorf("%s: cannot list commit %s: %v", what, short(c.Hash), err)
	}
	t := &Tree{Commit: c, top: r.Top}
	hasFirm := false
	for _, rec := range strings.Split(out, "\x00") {
		if rec == "" {
			continue
		}
		meta, path, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 4 {
			return nil, fmt.Errorf("%s: unexpected output from git ls-tree: %q", what, rec)
		}
		if r.Prefix != "" {
			path = strings.TrimPrefix(path, r.Prefix+"/")
		}
		if f[1] != "blob" {
			continue // a submodule
		}
		if !filepath.IsLocal(filepath.FromSlash(path)) {
			return nil, fmt.Errorf("%s: git lists a path that is not inside the book: %q", what, path)
		}
		hasFirm = hasFirm || slices.Contains(firmFiles, path)
		if size, err := strconv.ParseInt(f[3], 10, 64); err == nil {
			// A file takes a page at least, in memory as on most disks.
			t.size += max(size, 4096)
		}
		t.entries = append(t.entries, entry{mode: f[0], kind: f[1], object: f[2], path: path, client: clientOf(path, f[0])})
	}
	if !hasFirm {
		where := "the top of the repository"
		if r.Prefix != "" {
			where = r.Prefix + "/"
		}
		return nil, fmt.Errorf("%s: the book (%s in %s) did not exist in that revision (commit %s of %s): give a later revision or date", what, firmFiles[0], where, short(c.Hash), c.Time.Format("2006-01-02"))
	}
	return t, nil
}

// clientOf is the client folder an entry is in: NAME for clients/NAME/...,
// and for clients/NAME itself when it is a link (mode 120000) to a folder.
func clientOf(path, mode string) string {
	rest, ok := strings.CutPrefix(path, "clients/")
	if !ok {
		return ""
	}
	name, _, inside := strings.Cut(rest, "/")
	if inside || mode == linkMode {
		return name
	}
	return ""
}

// hashEntry adds an entry's mode, object id and path to h.
func hashEntry(h hash.Hash, e entry) {
	io.WriteString(h, e.mode)
	h.Write([]byte{' '})
	io.WriteString(h, e.object)
	h.Write([]byte{' '})
	io.WriteString(h, e.path)
	h.Write([]byte{0})
}

// linkMode is git's mode of a symbolic link.
const linkMode = "120000"

// FolderKeys gives each client folder whose content git alone decides a
// key: a hash of the path, mode and object id of each of its files, which
// are content hashes, so the same folder in any commit (of any repository)
// has the same key, and a folder that differs in a byte has another. A
// folder that is a link, or holds one, has none: what it reads depends on
// files elsewhere.
func (t *Tree) FolderKeys() map[string][sha256.Size]byte {
	hashes := map[string]hash.Hash{}
	linked := map[string]bool{}
	for _, e := range t.entries {
		if e.client == "" || linked[e.client] {
			continue
		}
		if e.mode == linkMode {
			linked[e.client] = true
			delete(hashes, e.client)
			continue
		}
		h := hashes[e.client]
		if h == nil {
			h = sha256.New()
			hashes[e.client] = h
		}
		hashEntry(h, e)
	}
	keys := make(map[string][sha256.Size]byte, len(hashes))
	for name, h := range hashes {
		keys[name] = [sha256.Size]byte(h.Sum(nil))
	}
	return keys
}

// Write writes into dir (the book's root), with the book's layout, the
// files pick chooses by their client folder's name ("" for the book's own
// files, outside any client folder), and makes every client folder, so
// that a client whose files are left out is there, empty. It can be called
// again on the same dir to write what an earlier call left out. done, when
// not nil, is called with each client folder's name once its files are
// written, as they are.
func (t *Tree) Write(dir string, pick func(client string) bool, done func(client string), what string) error {
	var todo []entry
	made := map[string]bool{}
	for _, e := range t.entries {
		if e.client != "" && !made[e.client] && e.path != "clients/"+e.client {
			if len(made) == 0 {
				if err := os.MkdirAll(filepath.Join(dir, "clients"), 0o700); err != nil {
					return fmt.Errorf("%s: %v", what, err)
				}
			}
			made[e.client] = true
			if err := os.Mkdir(filepath.Join(dir, "clients", e.client), 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s: %v", what, err)
			}
		}
		if pick(e.client) {
			todo = append(todo, e)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	return writeAll(t.top, todo, dir, done, what)
}

// Materialize writes the book's files in commit c into dir (which must
// exist and be empty), with the book's layout: dir is the book's root.
// See List for firmFiles and what.
func (r *Repo) Materialize(c Commit, dir string, firmFiles []string, what string) error {
	t, err := r.List(c, firmFiles, what)
	if err != nil {
		return err
	}
	return t.Write(dir, func(string) bool { return true }, nil, what)
}

// writeAll feeds the entries' object ids to one git cat-file --batch and
// writes each content where its path says under dir, calling done (when
// not nil) as each client folder's entries are written: a folder's are
// one run of git's sorted listing.
func writeAll(top string, entries []entry, dir string, done func(client string), what string) error {
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = top
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("%s: cannot start git cat-file: %v", what, err)
	}
	go func() {
		w := bufio.NewWriter(stdin)
		for _, e := range entries {
			fmt.Fprintf(w, "%s\n", e.object)
		}
		w.Flush()
		stdin.Close()
	}()
	w := &writer{rd: bufio.NewReaderSize(stdout, 64<<10), dir: dir, buf: make([]byte, 256<<10), made: map[string]bool{}}
	var firstErr error
	for i, e := range entries {
		if err := w.writeOne(e); err != nil {
			firstErr = fmt.Errorf("%s: reading %s from git: %w", what, e.path, err)
			break
		}
		if done != nil && e.client != "" && (i+1 == len(entries) || entries[i+1].client != e.client) {
			done(e.client)
		}
	}
	if firstErr != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return firstErr
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("%s: git cat-file: %v %s", what, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// writer writes blobs as git cat-file hands them over: one buffer for
// every file's content, and each folder made once.
type writer struct {
	rd   *bufio.Reader
	dir  string
	buf  []byte
	made map[string]bool
}

func (w *writer) writeOne(e entry) error {
	header, err := w.rd.ReadString('\n')
	if err != nil {
		return err
	}
	f := strings.Fields(header)
	if len(f) != 3 || f[1] != "blob" {
		return fmt.Errorf("object %s is missing (%s)", e.object, strings.TrimSpace(header))
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return fmt.Errorf("object %s: bad size %q", e.object, f[2])
	}
	target := filepath.Join(w.dir, filepath.FromSlash(e.path))
	if parent := filepath.Dir(target); !w.made[parent] {
		if err := os.MkdirAll(parent, 0o700); err != nil {
			return err
		}
		w.made[parent] = true
	}
	// A file larger than the loader reads is written all the same (the
	// loader reports it): in pieces, through the one buffer.
	out, link := io.Writer(nil), bytes.Buffer{}
	var file io.WriteCloser
	if e.mode == linkMode {
		out = &link
	} else {
		file, err = createExcl(target)
		if err != nil {
			return err
		}
		out = file
	}
	for left := size; left > 0 && err == nil; {
		n := int(min(left, int64(cap(w.buf))))
		if _, err = io.ReadFull(w.rd, w.buf[:n]); err == nil {
			_, err = out.Write(w.buf[:n])
		}
		left -= int64(n)
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return err
	}
	if e.mode == linkMode {
		if err := os.Symlink(link.String(), target); err != nil {
			return err
		}
	}
	_, err = w.rd.Discard(1) // the newline after the content
	return err
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
