package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/edit"
	"github.com/clientbook/clientbook/pkg/internal/load"
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
from the same model the loader validates against. With no KIND it lists the
kinds; --write DIR writes every schema to DIR/<kind>.json.

Editors that use yaml-language-server read the first-line comment every
template and example carries:
  # yaml-language-server: $schema=https://clientbook.dev/schema/v1/client.json
or map the files to schemas written with --write in the editor's settings.`,
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
	cmd.Flags().StringVar(&opts.write, "write", "", "write every schema as DIR/<kind>.json")
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

func runSchema(e *env, opts *schemaOptions) error {
	if opts.write != "" {
		for _, k := range load.SchemaKinds {
			data, err := schemaJSON(k.Name)
			if err != nil {
				return err
			}
			path := filepath.Join(opts.write, k.Name+".json")
			if err := os.MkdirAll(opts.write, 0o755); err != nil {
				return usagef("cannot create %s: %v", opts.write, err)
			}
			if err := edit.Replace(path, data); err != nil {
				return usagef("%v", err)
			}
			fmt.Fprintf(e.stdout, "wrote %s\n", path)
		}
		return nil
	}
	if opts.kind == "" && e.output == "json" {
		type kind struct {
			Name string `json:"name"`
			Kind string `json:"kind"`
			URL  string `json:"url"`
		}
		kinds := []kind{}
		for _, k := range load.SchemaKinds {
			kinds = append(kinds, kind{Name: k.Name, Kind: k.Kind, URL: load.SchemaURL(k.Name)})
		}
		return e.print("json", kinds, nil)
	}
	if opts.kind == "" {
		for _, k := range load.SchemaKinds {
			fmt.Fprintf(e.stdout, "%-12s kind: %-12s %s\n", k.Name, k.Kind, load.SchemaURL(k.Name))
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
