package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/clientbook/clientbook/pkg/book"
)

// listIDs lists the ids under root/dir for shell completion without
// loading the book: folder names for clients, file stems for opportunities.
func listIDs(root, dir, prefix string, folders bool) []string {
	entries, err := os.ReadDir(filepath.Join(root, dir))
	if err != nil {
		return nil
	}
	var ids []string
	for _, en := range entries {
		name := en.Name()
		if !folders {
			if en.IsDir() || !(strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")) {
				continue
			}
			name = strings.TrimSuffix(strings.TrimSuffix(name, ".yaml"), ".yml")
		} else if !en.IsDir() {
			continue
		}
		if book.ValidID(name) && strings.HasPrefix(name, prefix) {
			ids = append(ids, name)
		}
	}
	sort.Strings(ids)
	return ids
}
