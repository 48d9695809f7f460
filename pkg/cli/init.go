package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/internal/edit"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/render"
	"github.com/clientbook/clientbook/pkg/internal/template"
)

type initOptions struct {
	dir  string
	name string
}

func newInitCmd(e *env) *cobra.Command {
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create a book: clientbook.yaml and one example client",
		Long: `init writes clientbook.yaml and one example client (clients/example/client.yaml)
from commented templates into DIR (default: the working folder). It never
overwrites a file and refuses a folder that already holds a book.

The example client is a prospect with no made-up data (no ratings, figures
or people): edit it into your first client, or delete its folder.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.dir = "."
			if len(args) == 1 {
				opts.dir = args[0]
			}
			return runInit(e, opts)
		},
	}
	cmd.Flags().StringVar(&opts.name, "name", "", "the firm's name (default: the folder's name)")
	return cmd
}

func runInit(e *env, opts *initOptions) error {
	today, err := e.todayDate()
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(opts.dir)
	if err != nil {
		return usagef("cannot resolve %s", opts.dir)
	}
	for _, name := range load.FirmFiles {
		if _, err := os.Stat(filepath.Join(abs, name)); err == nil {
			return usagef("%s already holds a book (%s): nothing written", opts.dir, name)
		}
	}
	firmName := opts.name
	if firmName == "" {
		firmName = filepath.Base(abs)
	}
	data := template.Data{
		ID: "example", Name: "Example Client Ltd", Owner: "me", Firm: firmName,
		Today: today.String(), Year: today.Year(), Example: true,
		// The example is a prospect: an active client would be counted
		// (portfolio, due, check) as if the firm served it.
		Profile: template.Profile{Status: "prospect", Since: today.String()},
	}
	files := []struct{ kind, path string }{
		{"firm", "clientbook.yaml"},
		{"client", filepath.Join("clients", "example", "client.yaml")},
	}
	// Refuse before writing anything, so that init never leaves half a book,
	// nor a file outside it through a link (a clients/ that points away).
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(abs, f.path)); err == nil {
			return usagef("%s already exists: nothing written", filepath.Join(opts.dir, f.path))
		}
		// A folder that does not exist yet holds no link to check.
		if _, err := os.Stat(abs); err == nil {
			if err := edit.CheckInside(abs, filepath.Join(abs, f.path)); err != nil {
				return usagef("%v: nothing written", err)
			}
		}
	}
	for _, f := range files {
		content, err := template.Render(f.kind, data)
		if err != nil {
			return err
		}
		target := filepath.Join(abs, f.path)
		if err := edit.Create(target, content, 0o644); err != nil {
			if errors.Is(err, edit.ErrExists) {
				return usagef("%s already exists: nothing overwritten", filepath.Join(opts.dir, f.path))
			}
			return &failError{msg: err.Error()} // a failed write, as for every command that writes
		}
		render.Fprintf(e.stdout, "created %s\n", filepath.Join(opts.dir, f.path))
	}
	// The schemas an editor validates the files with (each template's
	// first line points at them).
	if err := writeSchemas(e, filepath.Join(abs, filepath.FromSlash(load.SchemaDir)), filepath.Join(opts.dir, filepath.FromSlash(load.SchemaDir))); err != nil {
		return err
	}
	// The lock file that serialises concurrent writers is not part of the
	// book; keep it out of git, without touching a .gitignore the user has.
	ignore := filepath.Join(abs, ".gitignore")
	if err := edit.Create(ignore, []byte("# clientbook's lock file for concurrent writes\n.clientbook.lock\n"), 0o644); err == nil {
		render.Fprintf(e.stdout, "created %s\n", filepath.Join(opts.dir, ".gitignore"))
	}
	fmt.Fprintf(e.stdout, "Next: edit clientbook.yaml (your team and strategy); edit clients/example/client.yaml into your first client or delete it (clientbook new client ID adds one); then run `clientbook check`.\n")
	return nil
}
