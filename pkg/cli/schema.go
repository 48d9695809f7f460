package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/internal/edit"
	"github.com/clientbook/clientbook/pkg/internal/load"
	"github.com/clientbook/clientbook/pkg/internal/render"
)

type schemaOptions struct {
	kind  string
	write string
}

func newSchemaCmd(e *env) *cobra.Command {
	opts := &schemaOptions{}
	cmd := &cobra.Command{
		Use:   "schema [KIND]",
		Short: "Print the JSON Schema of a file kind, for editors and CI",
		Long: `schema prints the JSON Schema (draft 2020-12) of a file kind: firm, client,
accountplan, engagement, review or opportunity. The schemas are generated
from the same model the loader validates against, with a description of
every key (what it means, its unit, its range) for an editor to show on
hover. With no KIND it lists the kinds and where the book keeps each.

--write writes every schema into the book, .clientbook/schema/<kind>.json
(init does it too; run it again after upgrading clientbook); --write=DIR
writes them to DIR instead. Every template and example file starts with a
comment that yaml-language-server (VS Code's YAML extension, Neovim, Helix)
reads, pointing at the book's copy by a relative path:
  # yaml-language-server: $schema=../../.clientbook/schema/client.json`,
		Args: cobra.MaximumNArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			var names []string
			for _, k := range load.SchemaKinds {
				names = append(names, k.Name)
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.kind = args[0]
			}
			return runSchema(e, opts)
		},
	}
	cmd.Flags().StringVar(&opts.write, "write", "", "write every schema into the book's .clientbook/schema, or with --write=DIR into DIR")
	cmd.Flags().Lookup("write").NoOptDefVal = bookSchemas
	return cmd
}

func schemaJSON(name string) ([]byte, error) {
	s, err := load.Schema(name)
	if err != nil {
		return nil, usagef("%v", err)
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// bookSchemas is --write given without a folder: the book's own.
const bookSchemas = "\x00book"

// writeSchemas writes every kind's schema into dir, atomically, and says
// so; a schema already there with the same bytes is left alone.
func writeSchemas(e *env, dir, shown string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &failError{msg: fmt.Sprintf("cannot create %s: %v", shown, err)}
	}
	wrote := false
	for _, k := range load.SchemaKinds {
		data, err := schemaJSON(k.Name)
		if err != nil {
			return err
		}
		path := filepath.Join(dir, k.Name+".json")
		if old, err := os.ReadFile(path); err == nil && string(old) == string(data) {
			continue
		}
		wrote = true
		if err := edit.Replace(path, data); err != nil {
			return &failError{msg: err.Error()}
		}
		render.Fprintf(e.stdout, "wrote %s\n", filepath.Join(shown, k.Name+".json"))
	}
	if !wrote {
		render.Fprintf(e.stdout, "the schemas in %s are current\n", shown)
	}
	return nil
}

func runSchema(e *env, opts *schemaOptions) error {
	if opts.write == bookSchemas {
		root, err := e.root()
		if err != nil {
			return err
		}
		return writeSchemas(e, filepath.Join(root, filepath.FromSlash(load.SchemaDir)), filepath.FromSlash(load.SchemaDir))
	}
	if opts.write != "" {
		if err := writeSchemas(e, opts.write, opts.write); err != nil {
			return err
		}
		return nil
	}
	if opts.kind == "" && e.output == "json" {
		type kind struct {
			Name string `json:"name"`
			Kind string `json:"kind"`
			File string `json:"file"` // where the book keeps it, from its root
		}
		kinds := []kind{}
		for _, k := range load.SchemaKinds {
			kinds = append(kinds, kind{Name: k.Name, Kind: k.Kind, File: load.SchemaFile(k.Name)})
		}
		return e.print("json", kinds, nil)
	}
	if opts.kind == "" {
		for _, k := range load.SchemaKinds {
			fmt.Fprintf(e.stdout, "%-12s kind: %-12s %s\n", k.Name, k.Kind, load.SchemaFile(k.Name))
		}
		return nil
	}
	data, err := schemaJSON(opts.kind)
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(data)
	return err
}
