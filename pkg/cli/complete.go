package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

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

// completeWithin offers examples of --within's durations.
func completeWithin(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return []string{"7d\ta week", "14d\ttwo weeks (the default)", "30d\ta month", "4w\tfour weeks", "3m\tthree months (90 days)", "1y\ta year"}, cobra.ShellCompDirectiveNoFileComp
}
