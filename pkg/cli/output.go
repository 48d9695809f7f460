package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/clientbook/clientbook/pkg/internal/render"
)

// formatsKey is the annotation that lists a command's -o formats.
const formatsKey = "clientbook:formats"

// withFormats declares the -o formats of cmd, the first its default: they
// are what -o is checked against, what the shell completes, and whether
// the command takes --jq (when json is one).
func withFormats(cmd *cobra.Command, formats ...string) *cobra.Command {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[formatsKey] = strings.Join(formats, ",")
	return cmd
}

// formatsOf lists the -o formats of cmd; none for a command without.
func formatsOf(cmd *cobra.Command) []string {
	if f := cmd.Annotations[formatsKey]; f != "" {
		return strings.Split(f, ",")
	}
	return nil
}

// format resolves -o against the formats the command declared
// (withFormats); the first is the default. allowed stands in for them in
// a command that declares none. -o wide is a table with every column
// (env.wide), given as "table".
func (e *env) format(allowed ...string) (string, error) {
	if len(e.formats) > 0 {
		allowed = e.formats
	}
	if len(allowed) == 0 {
		return "", usagef("this command has no output formats: leave out -o")
	}
	if e.output == "" {
		return allowed[0], nil
	}
	if err := oneOf(e.output, allowed); err != nil {
		return "", usagef("-o %q: %v", e.output, err)
	}
	if e.output == "wide" {
		e.wide = true
		return "table", nil
	}
	return e.output, nil
}

// tableFormats are the -o values of every command that prints a table.
var tableFormats = []string{"table", "wide", "json", "yaml", "csv", "markdown"}

// print renders a command's result: data for json and yaml, the grid for
// table, csv and markdown.
func (e *env) print(format string, data any, grid *render.Grid) error {
	return render.Write(e.stdout, render.Format(format), data, grid, e.tableOptions())
}

// forceTTY is the variable that makes clientbook lay tables out for a
// terminal when stdout is not one (as gh's GH_FORCE_TTY does): the tests'
// hook into the terminal path, with $COLUMNS for the width.
const forceTTY = "CLIENTBOOK_FORCE_TTY"

// terminal reports whether stdout is read by people: a terminal, or
// $CLIENTBOOK_FORCE_TTY set.
func (e *env) terminal() bool {
	return render.IsTerminal(e.stdout) || e.getenv(forceTTY) != ""
}

// width is the terminal's width for tables: $COLUMNS, else the
// terminal's size, else 80.
func (e *env) width() int {
	if n, err := strconv.Atoi(strings.TrimSpace(e.getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if n := render.TerminalWidth(e.stdout); n > 0 {
		return n
	}
	return 80
}

// tableOptions is how tables are drawn on stdout. On a terminal a table
// fits its width (unless -o wide) and has its legend and its message when
// empty; a pipe gets every column in full and nothing else, so scripts see
// the same output whatever the terminal. Colour only on a real terminal,
// never with NO_COLOR.
func (e *env) tableOptions() render.Options {
	opts := render.Options{Color: render.ColorEnabled(e.stdout, e.getenv)}
	if e.terminal() {
		opts.Notes = true
		if !e.wide {
			opts.Width = e.width()
		}
	}
	return opts
}
