package edit

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// maxLinks bounds a chain of symbolic links, as the system's own limit
// does (40 on Linux).
const maxLinks = 40

var errLinkLoop = errors.New("too many levels of symbolic links")

// linkChain follows path through symbolic links, as opening it would. It
// returns every path on the way, path first; the last is the file the
// links lead to, which need not exist (a link that leads nowhere ends with
// the name it gives), with its folder resolved through links, so that
// the folder filepath.Dir gives is the one the file is really in.
//
// A relative link is resolved from the folder the link is in as the
// system resolves it: a ".." after a linked folder goes up from where the
// link leads, not back along the text of the path.
func linkChain(path string) ([]string, error) {
	chain := []string{path}
	p := path
	for range maxLinks {
		fi, err := os.Lstat(p)
		// A path through a file (ENOTDIR) names nothing, like a missing one.
		missing := errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
		if err != nil && !missing {
			return nil, err
		}
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			chain[len(chain)-1] = realFolder(p)
			return chain, nil
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return nil, err
		}
		if !filepath.IsAbs(dest) {
			dir, _ := filepath.Split(p)
			dest = dir + dest
		}
		p = realFolder(dest)
		chain = append(chain, p)
	}
	return nil, errLinkLoop
}

// realFolder returns p with the folder part resolved through links, the
// last element kept as it is (it may be a link, or not exist). When the
// folder cannot be resolved (it does not exist), p is returned as it is.
func realFolder(p string) string {
	dir, file := filepath.Split(p)
	if dir == "" {
		dir = "."
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return p
	}
	return filepath.Join(real, file)
}
