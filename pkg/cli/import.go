package cli

import (
	"github.com/spf13/cobra"
)

// newImportCmd is `import`, the parent of the commands that read what the
// firm records elsewhere into the book.
func newImportCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Fill the book from time-tracker and calendar exports",
		Long: `import reads what the firm already records elsewhere into the book, so that
management hours are measured, not typed:

  import time FILE...       management hours per client and year, from the
                            detailed time reports of Harvest, Toggl Track or Clockify
  import calendar FILE.ics  meetings with the client's stakeholders, from
                            iCalendar exports, as touchpoints

An import never creates a client, and writes nothing when anything fails.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(withFormats(newImportTimeCmd(e), tableFormats...), newImportCalendarCmd(e))
	return cmd
}
