package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/book"
	"github.com/clientbook/clientbook/pkg/history"
	"github.com/clientbook/clientbook/pkg/internal/edit"
	"github.com/clientbook/clientbook/pkg/report"
)

type reportOptions struct {
	file   string
	within string
	since  string
}

func newReportCmd(e *env) *cobra.Command {
	opts := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report [-o FILE]",
		Short: "Write a self-contained HTML page: portfolio, matrix, health trends, relationship maps, opportunities, due list and checks",
		Long: `report writes one self-contained HTML page of the book: the open recoveries,
the portfolio table, the Client Growth Matrix as a chart (each active client
a dot sized by revenue, coloured and shaped by health band; clients at the
same place share a dot), each active client's health score over time by
month, the relationship map of every key client, every opportunity with its
decision and conditions, the due list (overdue first) and the check summary.
The page needs no network: no scripts, fonts or images are fetched, so it
opens from a file, an e-mail or a CI artifact, reads on a phone, and prints
to PDF with each heading kept with its section and table headers repeated.

For this command -o (--output) names the FILE to write, as in go build -o,
not an output format: HTML is the only format. FILE is written atomically
and replaced if it exists; a symbolic link is written through to the file
it leads to and stays a link; a device, a named pipe or /dev/stdout is
written into, never replaced. Without -o, or with -o -, the page goes to
standard output. The same book and --today give a byte-identical file.`,
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error { return runReport(e, opts) },
	}
	// A local --output shadows the global output-format flag, so that
	// `report --help` documents what -o means here.
	cmd.Flags().StringVarP(&opts.file, "output", "o", "", `write the page to FILE ("-" or absent: standard output)`)
	cmd.Flags().StringVar(&opts.since, "since", "", "add a section of what changed since then, as diff shows it: a duration back from today (30d), a date or a git revision")
	cmd.Flags().StringVar(&opts.within, "within", "14d", "how far ahead the due list looks: Nd, Nw, Nm (30 days) or Ny")
	e.addStrict(cmd)
	_ = cmd.RegisterFlagCompletionFunc("within", completeWithin)
	return cmd
}

func runReport(e *env, opts *reportOptions) error {
	if slices.Contains(tableFormats, opts.file) || slices.Contains([]string{"text", "html", "sarif", "github"}, opts.file) {
		return usagef("-o %q: report writes HTML, and -o names the file to write it to (for example -o report.html)", opts.file)
	}
	within, err := book.ParseDuration(opts.within)
	if err != nil {
		return usagef("--within %q: %v", opts.within, err)
	}
	today, err := e.todayDate()
	if err != nil {
		return err
	}
	b, err := e.load(false)
	if err != nil {
		return err
	}
	e.warnRead(b, nil)
	m := report.FromBook(b, today, within)
	if opts.since != "" {
		if m.Since, err = e.reportSince(opts.since, b, today); err != nil {
			return err
		}
	}
	var page bytes.Buffer
	if err := report.Write(&page, m); err != nil {
		return err
	}
	if opts.file == "" || opts.file == "-" {
		_, err := e.stdout.Write(page.Bytes())
		return err
	}
	return writeReport(opts.file, page.Bytes())
}

// writeReport writes the page to path as edit.WriteFile does: a regular
// file atomically (a new one created, an existing one replaced), through a
// symbolic link to the file it leads to, straight into a device, a pipe or
// /dev/stdout. A failed write is exit 1, as for every command that
// writes, and leaves what was there.
func writeReport(path string, data []byte) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return usagef("-o %s is a folder: name the file to write, for example %s", path, filepath.Join(path, "report.html"))
	}
	if err := edit.WriteFile(path, data); err != nil {
		if errors.Is(err, edit.ErrNotRegular) {
			return usagef("-o %v", err)
		}
		return &failError{msg: err.Error()}
	}
	return nil
}

// reportSince is the report's "since" section: the diff from spec (a
// duration, a date or a revision) to the book the report shows, b, which
// is the working tree's or --at's, evaluated on today.
func (e *env) reportSince(spec string, b *book.Book, today book.Date) (*report.Since, error) {
	tree := b.Root
	if e.atBook != nil {
		tree = e.atBook.tree
	}
	from, err := e.diffSideAs(tree, spec, today, "report --since "+spec)
	if err != nil {
		return nil, err
	}
	to := history.Evaluate(b, today)
	label := fmt.Sprintf("today (%s)", today)
	if e.at != "" {
		label = fmt.Sprintf("%s (%s)", e.at, today)
	}
	return report.SinceOf(from.label, label, history.Compare(from.state, to)), nil
}
