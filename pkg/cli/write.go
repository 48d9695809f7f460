package cli

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/finding"
	"github.com/clientbook/clientbook/pkg/internal/edit"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

// lockTimeout is how long a writer waits for another to finish. Writers
// hold the lock for milliseconds; ten seconds means something is stuck.
const lockTimeout = 10 * time.Second

// checkID refuses a user-given id that is not a slug, saying which rule it
// breaks. Ids become file and folder names, so one that could name a path
// (../x, a/b, /etc) must never reach the file system.
func checkID(what, id string) error {
	if book.ValidID(id) {
		return nil
	}
	slug := "a lower-case slug: a letter or digit, then up to 62 letters, digits or hyphens ([a-z0-9][a-z0-9-]{0,62})"
	if strings.ContainsAny(id, `/\`) || strings.Contains(id, "..") || filepath.IsAbs(id) {
		return usagef("%s id %q is not valid: an id is a name, never a path (no /, .. or absolute paths), and is %s", what, id, slug)
	}
	return usagef("%s id %q is not valid: an id is %s", what, id, slug)
}

// completeFirstClient completes client ids for a command whose first
// argument is a client.
func completeFirstClient(e *env) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	clients := completeClients(e)
	return func(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return clients(cmd, args, prefix)
	}
}

// completeTeam completes team ids for --owner and --by.
func completeTeam(e *env) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		b, err := e.load(false)
		if err != nil || b.Firm == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var ids []string
		for _, p := range b.Firm.Team {
			if id := string(p.ID.Value); p.ID.Set && strings.HasPrefix(id, prefix) {
				if name := p.Name.Value; name != "" {
					id += "\t" + finding.Printable(name) // the shell shows the name beside the id
				}
				ids = append(ids, id)
			}
		}
		return ids, cobra.ShellCompDirectiveNoFileComp
	}
}

// writeOptions are the flags every `new` command shares.
type writeOptions struct {
	force  bool
	dryRun bool
}

func (w *writeOptions) register(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&w.force, "force", false, "replace the file if it exists")
	cmd.Flags().BoolVar(&w.dryRun, "dry-run", false, "print the file instead of writing it")
}

// writeNew writes content to rel (slash-separated, relative to the book's
// root) under the book's lock. An existing file, or the same file with the
// other YAML extension, is refused unless --force, and then replaced
// atomically (through a link inside the book: the link stays). With
// --dry-run the content is printed instead.
func writeNew(e *env, root, rel string, content []byte, w writeOptions) error {
	if w.dryRun {
		_, err := e.stdout.Write(content)
		return err
	}
	target := filepath.Join(root, filepath.FromSlash(rel))
	if err := edit.CheckInside(root, target); err != nil {
		return usagef("%v", err)
	}
	lock, err := edit.AcquireLock(root, lockTimeout)
	if err != nil {
		return &failError{msg: err.Error()}
	}
	defer lock.Close()
	existing := ""
	for _, ext := range []string{".yaml", ".yml"} {
		p := strings.TrimSuffix(rel, path.Ext(rel)) + ext
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(p))); err == nil {
			existing = p
			break
		}
	}
	switch {
	case existing != "" && !w.force:
		return usagef("%s already exists: nothing written (--force replaces it)", existing)
	case existing != "":
		written, err := edit.ReplaceBookFile(root, existing, content)
		if err != nil {
			return writeFailed(err)
		}
		render.Fprintf(e.stdout, "replaced %s%s\n", existing, through(existing, written))
		return nil
	}
	if err := edit.CreateBookFile(root, rel, content); err != nil {
		if errors.Is(err, edit.ErrExists) {
			return usagef("%s already exists: nothing written (--force replaces it)", rel)
		}
		return writeFailed(err)
	}
	render.Fprintf(e.stdout, "created %s\n", rel)
	return nil
}

// writeFailed is the error of a write of the book that edit refused or
// that failed; its message names the file and what became of it. A path
// out of the book is a usage error (exit 2), as it is for every command;
// anything else is a failed write (exit 1).
func writeFailed(err error) error {
	if errors.Is(err, edit.ErrOutside) {
		return usagef("%v", err)
	}
	return &failError{msg: err.Error()}
}

// through says which file a write of rel went to when rel is a link, so
// that the user knows which other names of the file changed with it.
func through(rel, written string) string {
	if written == "" || written == rel {
		return ""
	}
	return " (a link: wrote " + written + ")"
}
