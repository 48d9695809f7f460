package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"github.com/clientbook/clientbook/pkg/internal/inert"
)

// Align is the horizontal alignment of a column in table and markdown output.
type Align int

// Column alignments. The zero value is AlignLeft.
const (
	AlignLeft Align = iota
	AlignRight
)

// Column describes one column of a Grid.
type Column struct {
	Name  string
	Align Align
	// Money marks cells holding a plain decimal like "-1234567.50": table and
	// markdown show "-1,234,567.50"; csv shows it plain.
	Money bool
	// Lines marks a column whose cells are lines joined by "\n" (built
	// with Lines): a table draws each line under the other in the cell;
	// markdown and csv, whose cells are one line, join them with a space.
	// In every other column a line break is data and is escaped.
	Lines bool
	// Percent marks cells holding a plain decimal fraction like "0.305":
	// table and markdown show a percentage with one decimal ("30.5%");
	// csv shows the fraction, as JSON does.
	Percent bool
	// Decimals marks cells holding plain decimals like "12.5" that table
	// and markdown show with the same number of decimals down the column,
	// the most any cell has ("8" beside "12.5" is shown "8.0"); csv shows
	// them as they are.
	Decimals bool
	// Priority ranks the column on a terminal too narrow for the whole
	// table (Options.Width): 0, the default, is always shown; of the
	// others, the column with the largest Priority is left out first (the
	// rightmost on a tie). 1 is the first to add back as the terminal
	// widens.
	Priority int
	// Shorten lets a table on a narrow terminal (Options.Width) cut the
	// column's cells short with "…": long free text such as a reason.
	Shorten bool
	// Short, when set, is a shorter header for a table too wide for the
	// terminal (Options.Width): "net (£)" for "net contribution (£)".
	Short string

	places int // Decimals: the decimals every cell is shown with
}

// Cell is one cell of a Grid: its text, "" when absent, and its colour in
// table output (Options.Color; an absent cell is never coloured). Whoever
// builds the row chooses the tone from the value the cell shows, so that
// nothing reads it back from the text.
type Cell struct {
	Text string
	Tone Tone
}

// Texts makes a row of cells without colour.
func Texts(texts ...string) []Cell {
	row := make([]Cell, len(texts))
	for i, s := range texts {
		row[i] = Cell{Text: s}
	}
	return row
}

// Grid is a table of cells rendered by the table, markdown and csv
// formats. Cells and column names are text from the book: every format
// writes them through inert.Text, so a control character in one (an escape
// sequence, a line break, a bidirectional override) is printed as a
// visible escape such as \x1b or \n and never acts on the terminal or
// starts a line; csv also keeps a spreadsheet from reading a cell as a
// formula (inert.CSVCell).
type Grid struct {
	Columns []Column
	// Rows holds one slice per row. A cell whose text is "" is absent:
	// shown as "-" in table and markdown, empty in csv. A row shorter than
	// Columns is padded with absent cells; a longer one is an error.
	Rows [][]Cell
	// Stream, when set, gives the rows in place of Rows, one at a time, for
	// a table too large to hold as strings (the portfolio of 100,000
	// clients). It is ranged over once per pass (a table or markdown
	// measures every row before it prints one), must give the same rows
	// each time, and may reuse the slice it yields. A streamed grid is
	// written as it is rendered, not built in memory first.
	Stream iter.Seq[[]Cell]
	// Legend is one line printed under a table for people
	// (Options.Notes) that says what its symbols mean.
	Legend string
	// Empty is printed in place of a table with no rows for people
	// (Options.Notes): "nothing due within 14 days".
	Empty string
}

// each calls fn with every row, checking its length.
func (g *Grid) each(fn func(row []Cell) error) error {
	rows := g.Stream
	if rows == nil {
		rows = slices.Values(g.Rows)
	}
	i := 0
	for row := range rows {
		if len(row) > len(g.Columns) {
			return fmt.Errorf("row %d has %d cells, want at most %d", i, len(row), len(g.Columns))
		}
		if err := fn(row); err != nil {
			return err
		}
		i++
	}
	return nil
}

// cellOf returns row's cell for column c, an absent one when the row is
// short.
func cellOf(row []Cell, c int) Cell {
	if c < len(row) {
		return row[c]
	}
	return Cell{}
}

// Options tunes rendering.
type Options struct {
	// Color enables ANSI colour in table output (see ColorEnabled).
	Color bool
	// Width, when above 0, is the width of the terminal a table is
	// printed on: it leaves out columns (Column.Priority) and shortens
	// cells (Column.Shorten) to be no wider. 0 shows every column in full,
	// as a pipe and -o wide do.
	Width int
	// Notes adds what only people read to a table: the grid's Legend under
	// it, and its Empty message in place of a table with no rows.
	Notes bool
}

// absent is how table and markdown show an empty cell.
const absent = "-"

// Write renders data in format f: JSON and YAML encode data (any value that
// encoding/json can marshal); table, markdown and csv render g. Output is
// built in memory first, so nothing is written when rendering fails; but a
// grid with a Stream is written as it is rendered, in one pass over its
// rows after any passes that measure them.
func Write(w io.Writer, f Format, data any, g *Grid, opts Options) error {
	if w == nil {
		return errors.New("render: nil writer")
	}
	var (
		out []byte
		err error
	)
	switch f {
	case JSON:
		out, err = encodeJSON(data)
	case YAML:
		out, err = encodeYAML(data)
	case Table, Markdown, CSV:
		if err = g.check(); err != nil {
			return fmt.Errorf("render %s: %w", f, err)
		}
		if g.Stream != nil {
			bw := bufio.NewWriterSize(w, 64<<10)
			if err := renderGrid(bw, f, g, opts); err != nil {
				return fmt.Errorf("render %s: %w", f, err)
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("render %s: write: %w", f, err)
			}
			return nil
		}
		var buf bytes.Buffer
		err = renderGrid(&buf, f, g, opts)
		out = buf.Bytes()
	default:
		return unknownFormat(string(f), allFormats)
	}
	if err != nil {
		return fmt.Errorf("render %s: %w", f, err)
	}
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("render %s: write: %w", f, err)
	}
	return nil
}

// renderGrid writes g in one of the grid formats.
func renderGrid(w io.Writer, f Format, g *Grid, opts Options) error {
	switch f {
	case Table:
		return renderTable(w, g, opts)
	case Markdown:
		return renderMarkdown(w, g)
	default:
		return renderCSV(w, g)
	}
}

// check validates the columns of g; each checks the rows.
func (g *Grid) check() error {
	if g == nil {
		return errors.New("no grid to render")
	}
	if len(g.Columns) == 0 {
		return errors.New("grid has no columns")
	}
	return nil
}

// display returns the text shown for raw in table and markdown output,
// escaped; a Lines cell keeps its line breaks.
func (c Column) display(raw string) string {
	if raw == "" {
		return absent
	}
	switch {
	case c.Money:
		raw = FormatMoney(raw)
	case c.Percent:
		raw = percent(raw)
	case c.Decimals:
		raw = withPlaces(raw, c.places)
	}
	return c.text(raw)
}

// columns returns g's columns ready to display its rows: a Decimals
// column knows the most decimals any of its cells has, which takes a pass
// over the rows.
func (g *Grid) columns() ([]Column, error) {
	cols := slices.Clone(g.Columns)
	if !slices.ContainsFunc(cols, func(c Column) bool { return c.Decimals }) {
		return cols, nil
	}
	err := g.each(func(row []Cell) error {
		for c := range cols {
			if cols[c].Decimals {
				cols[c].places = max(cols[c].places, places(cellOf(row, c).Text))
			}
		}
		return nil
	})
	return cols, err
}

// text escapes a cell's text (inert.Text); in a Lines column, line by
// line, keeping the breaks between them.
func (c Column) text(s string) string {
	if !c.Lines {
		return inert.Text(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = inert.Text(l)
	}
	return strings.Join(lines, "\n")
}

// Lines builds a cell of several lines for a Lines column: each line is
// escaped on its own (a line break inside one is data, shown as \n), then
// the lines are joined by "\n".
func Lines(lines ...string) string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = inert.Text(l)
	}
	return strings.Join(out, "\n")
}

// encodeJSON encodes v with a 2-space indent, a trailing newline and no HTML
// escaping. Strings are exact; the control characters encoding/json leaves
// raw in them (DEL, C1, bidirectional controls) are written as \uXXXX
// (inert.Encoded).
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return inert.Encoded(buf.Bytes()), nil
}
