package gitrev

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

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
