package edit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CheckInside refuses a path that leads out of the book rooted at root,
// whether by "..", an absolute path or a symbolic link on the way (SPEC §1:
// symlinks are not followed out of the root). The path need not exist yet:
// the nearest folder of it that exists is resolved. The error of a path
// out of the book is ErrOutside.
func CheckInside(root, path string) error {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return fmt.Errorf("cannot resolve the book folder %s: %w", root, err)
	}
	p := filepath.Clean(path)
	var rest []string
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			p = filepath.Join(append([]string{real}, rest...)...)
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot resolve %s: %w", path, err)
		}
		parent := filepath.Dir(p)
		if parent == p {
			break
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
	rel, err := filepath.Rel(realRoot, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(os.PathSeparator)) || filepath.IsAbs(rel) {
		return refuse(ErrOutside, "%s is outside the book %s (symbolic links are not followed out of the book)", path, root)
	}
	return nil
}
