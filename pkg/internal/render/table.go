package render

import (
	"io"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/clientbook/clientbook/pkg/internal/inert"
)

// renderTable draws g as an ASCII-bordered table with tablewriter.
//
// tablewriter's defaults are overridden so output is byte-stable: ASCII
// borders instead of box-drawing glyphs, header text kept as given (no
// upper-casing), headers left-aligned unless the column is right-aligned
// (instead of centred), no wrapping, and East Asian ambiguous-width runes
// measured as narrow whatever the locale. Cells are escaped
// (Column.display) before anything else, so the only escape sequences in a
// table are its own colour codes; they are added to cells before they
// reach tablewriter, which measures display width with ANSI sequences
// stripped, so columns stay aligned.
//
// The rows are read twice: once to measure each column (the widest cell),
// then once more to hand them to tablewriter's streaming mode with those
// widths, which prints each row as it comes. Nothing holds every row's
// cells, whatever the table's size. Between the two, a table for a
// terminal (Options.Width) chooses its columns and shortens cells to fit
// (fit). tablewriter's batch mode draws a cell of several lines
// differently, so a table with one is drawn in batch mode from rows held in
// memory.
func renderTable(w io.Writer, g *Grid, opts Options) error {
	cols, err := g.columns()
	if err != nil {
		return err
	}
	tb := newTableOf(w, cols, opts)
	ncol := len(cols)
	cw := make([]int, ncol) // the widest cell of each column
	multiline, rows := false, 0
	err = g.each(func(row []Cell) error {
		rows++
		for c := range cols {
			s := tb.text(row, c)
			if strings.Contains(s, "\n") {
				multiline = true
				for _, line := range strings.Split(s, "\n") {
					cw[c] = max(cw[c], twwidth.Width(line))
				}
				continue
			}
			cw[c] = max(cw[c], twwidth.Width(s))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if rows == 0 && opts.Notes && g.Empty != "" {
		_, err := io.WriteString(w, shortenLine(inert.Text(g.Empty), opts.Width)+"\n")
		return err
	}
	// A table too wide for the terminal takes the columns' short headers.
	hw, nat := tb.measure(cw)
	if opts.Width > 0 && tableWidth(tb.all(), nat) > opts.Width {
		for c, col := range cols {
			if col.Short != "" {
				tb.names[c] = tableText(inert.Text(col.Short))
			}
		}
		hw, nat = tb.measure(cw)
	}
	tb.layout = fit(cols, hw, nat, opts.Width)
	if multiline {
		err = tb.batch(g)
	} else {
		err = tb.stream(g, nat)
	}
	if err == nil && opts.Notes && g.Legend != "" {
		_, err = io.WriteString(w, shortenLine(inert.Text(g.Legend), opts.Width)+"\n")
	}
	return err
}

// measure gives the width of each column's header and of the column in
// full, its header or its widest cell cw.
func (tb *table) measure(cw []int) (hw, nat []int) {
	hw, nat = make([]int, len(cw)), make([]int, len(cw))
	for c, h := range tb.names {
		hw[c] = twwidth.Width(h)
		nat[c] = max(hw[c], cw[c])
	}
	return hw, nat
}

// all is every column's index.
func (tb *table) all() []int {
	out := make([]int, len(tb.cols))
	for c := range out {
		out[c] = c
	}
	return out
}

// stream draws the table in tablewriter's streaming mode, each column as
// wide as its widest cell (nat) or its limit.
func (tb *table) stream(g *Grid, nat []int) error {
	// Widths as tablewriter's batch mode computes them: the widest line of
	// any cell, header included, plus one space of padding each side.
	const padding = 2
	widths := tw.NewMapper[int, int]()
	for i, c := range tb.layout.keep {
		width := nat[c]
		if l := tb.layout.limit[c]; l > 0 {
			width = l
		}
		widths.Set(i, width+padding)
	}
	t := tb.t
	t.Options(
		tablewriter.WithStreaming(tw.StreamConfig{Enable: true, StrictColumns: true}),
		tablewriter.WithColumnWidths(widths),
		tb.alignment(),
	)
	if err := t.Start(); err != nil {
		return err
	}
	t.Header(tb.header()...)
	if err := g.each(func(row []Cell) error { return t.Append(tb.display(row)) }); err != nil {
		return err
	}
	return t.Close()
}

// table is a tablewriter table set up for a grid.
type table struct {
	t      *tablewriter.Table
	cols   []Column
	names  []string // the columns' headers, escaped
	opts   Options
	layout layout
	cells  []string // display's row, reused
}

func newTableOf(w io.Writer, cols []Column, opts Options) *table {
	tb := &table{cols: cols, opts: opts, names: make([]string, len(cols))}
	for c, col := range cols {
		tb.names[c] = tableText(inert.Text(col.Name))
	}
	tb.t = tablewriter.NewTable(w,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Symbols: tw.NewSymbols(tw.StyleASCII),
		})),
		// Width measurement is process-global in tablewriter and by default
		// follows RUNEWIDTH_EASTASIAN and CJK locales, which would make
		// ambiguous-width runes such as "é" two columns wide; pin it
		// before anything is measured.
		tablewriter.WithEastAsian(tw.Off),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAlignment(tw.AlignLeft),
	)
	return tb
}

// text is the text of row's cell in column c as the table shows it in
// full: escaped, formatted, never empty, not yet shortened or coloured.
func (tb *table) text(row []Cell, c int) string {
	s := tableText(tb.cols[c].display(cellOf(row, c).Text))
	if s == "" {
		s = absent
	}
	return s
}

// header is the shown columns' headers, shortened to their limits.
func (tb *table) header() []any {
	out := make([]any, len(tb.layout.keep))
	for i, c := range tb.layout.keep {
		out[i] = shorten(tb.names[c], tb.layout.limit[c])
	}
	return out
}

// alignment is the shown columns' alignment option.
func (tb *table) alignment() tablewriter.Option {
	aligns := make(tw.Alignment, len(tb.layout.keep))
	for i, c := range tb.layout.keep {
		aligns[i] = tw.AlignLeft
		if tb.cols[c].Align == AlignRight {
			aligns[i] = tw.AlignRight
		}
	}
	return tablewriter.WithAlignment(aligns)
}

// display is a row's shown cells as the table prints them: shortened to
// their column's limit, then coloured. The slice is reused.
func (tb *table) display(row []Cell) []string {
	if tb.cells == nil {
		tb.cells = make([]string, len(tb.layout.keep))
	}
	for i, c := range tb.layout.keep {
		s := shorten(tb.text(row, c), tb.layout.limit[c])
		if tb.opts.Color && cellOf(row, c).Text != "" {
			s = paintLines(s, cellOf(row, c).Tone)
		}
		tb.cells[i] = s
	}
	return tb.cells
}

// batch draws the table in tablewriter's batch mode, from every row held
// in memory.
func (tb *table) batch(g *Grid) error {
	var rows [][]string
	if err := g.each(func(row []Cell) error {
		rows = append(rows, slices.Clone(tb.display(row)))
		return nil
	}); err != nil {
		return err
	}
	tb.t.Options(tb.alignment())
	tb.t.Header(tb.header()...)
	if err := tb.t.Bulk(rows); err != nil {
		return err
	}
	return tb.t.Render()
}

// tableText trims escaped text for a cell. Tabs, whose rendered width
// tablewriter takes from the environment, never reach it: inert.Text has
// written them as \t.
func tableText(s string) string {
	return strings.TrimSpace(s)
}

// paintLines colours each line of s separately so that a multi-line cell
// does not bleed colour into the borders between its lines.
func paintLines(s string, t Tone) string {
	if t.sgr() == "" {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = paint(l, t)
	}
	return strings.Join(lines, "\n")
}
