package cli

import "github.com/spf13/cobra"

// newImportCmd is `import`: data in from where the firm records it (SPEC
// §11).
func newImportCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Read calendar exports into the book",
		Long: `import reads what the firm records elsewhere into the book: meetings from
calendar exports as touchpoints (import calendar).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newImportCalendarCmd(e))
	return cmd
}
