package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
)

// selectOpportunities resolves the arguments, each an opportunity id or the
// path of an opportunity file (relative to the working folder, else to the
// book root). No argument selects every opportunity. A repeated opportunity
// is evaluated once. unread holds the paths of those args name that could not be read,
// by their file's name or path: they are left out, and named.
func selectOpportunities(b *book.Book, args []string) (out []*book.Opportunity, unread []string, err error) {
	if len(args) == 0 {
		return b.Opportunities, nil, nil
	}
	seen := map[*book.Opportunity]bool{}
	for _, arg := range args {
		o := opportunityByID(b, arg)
		if o == nil {
			o = opportunityByPath(b, arg)
		}
		if o == nil {
			if p := leftOutOpportunity(b, arg); p != "" {
				unread = append(unread, p)
				continue
			}
			return nil, nil, usagef("%s is not an opportunity id or file of the book: %s", arg, knownOpportunities(b))
		}
		if !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	return out, unread, nil
}

// leftOutOpportunity is the path of the opportunity file arg names (by its
// name or path) that could not be read; "" when there is none.
func leftOutOpportunity(b *book.Book, arg string) string {
	paths := bookPaths(b, arg)
	for _, o := range b.LeftOut {
		if o.Kind == book.LeftOutOpportunity && (o.Name == arg || slices.Contains(paths, o.Path)) {
			return o.Path
		}
	}
	return ""
}

func opportunityByID(b *book.Book, id string) *book.Opportunity {
	for _, o := range b.Opportunities {
		if o.ID.Value != "" && string(o.ID.Value) == id {
			return o
		}
	}
	return nil
}

// opportunityByPath finds the opportunity read from the file at p, tried
// relative to the working folder first and then to the book root.
func opportunityByPath(b *book.Book, p string) *book.Opportunity {
	for _, rel := range bookPaths(b, p) {
		for _, o := range b.Opportunities {
			if o.Path == rel {
				return o
			}
		}
	}
	return nil
}

// bookPaths are the paths (relative to the book root, slash-separated) of
// the existing files p may name: relative to the working folder first, and
// then to the book root.
func bookPaths(b *book.Book, p string) []string {
	var candidates, out []string
	if filepath.IsAbs(p) {
		candidates = append(candidates, p)
	} else {
		if cwd, err := os.Getwd(); err == nil {
			candidates = append(candidates, filepath.Join(cwd, p))
		}
		candidates = append(candidates, filepath.Join(b.Root, p))
	}
	for _, c := range candidates {
		if _, err := os.Lstat(c); err != nil {
			continue
		}
		if rel, ok := inside(b.Root, c); ok {
			out = append(out, rel)
		}
	}
	return out
}

// inside returns p relative to root, slash-separated, when p is inside it;
// symbolic links (such as a temporary folder's) are resolved when the plain
// paths do not agree.
func inside(root, p string) (string, bool) {
	if rel, ok := relInside(root, p); ok {
		return rel, true
	}
	r, err1 := filepath.EvalSymlinks(root)
	q, err2 := filepath.EvalSymlinks(p)
	if err1 != nil || err2 != nil {
		return "", false
	}
	return relInside(r, q)
}

func relInside(root, p string) (string, bool) {
	rel, err := filepath.Rel(root, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func knownOpportunities(b *book.Book) string {
	var ids []string
	for _, o := range b.Opportunities {
		if o.ID.Value != "" {
			ids = append(ids, string(o.ID.Value))
		}
	}
	if len(ids) == 0 {
		return "the book has no opportunities (create one with `clientbook new opportunity ID`)"
	}
	return "known opportunities are " + strings.Join(ids, ", ")
}

// completeOpportunities offers the ids of the book's opportunities not yet
// on the command line.
func completeOpportunities(e *env, args []string, toComplete string) []string {
	root, err := e.root()
	if err != nil {
		return nil
	}
	var out []string
	for _, id := range listIDs(root, "opportunities", toComplete, false) {
		if !slices.Contains(args, id) {
			out = append(out, id)
		}
	}
	return out
}
