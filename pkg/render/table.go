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
// (instead of centred), no wrapping or truncation, and East Asian
// ambiguous-width runes measured as narrow whatever the locale. Cells are
// escaped (Column.display) before anything else, so the only escape
// sequences in a table are its own colour codes; they are added to cells
// before they reach tablewriter, which measures display width with ANSI
// sequences stripped, so columns stay aligned.
//
// The rows are read twice: once to measure each column as tablewriter
// would (the widest cell plus its padding), then once more to hand them to
// tablewriter's streaming mode with those widths, which prints each row as
// it comes. Nothing holds every row's cells, whatever the table's size.
// tablewriter's batch mode draws a cell of several lines differently, so a
// table with one is drawn in batch mode from rows held in memory.
func renderTable(w io.Writer, g *Grid, opts Options) error {
	tb := newTableOf(w, g, opts)
	// Widths as tablewriter's batch mode computes them: the widest line of
	// any cell, header included, plus one space of padding each side.
	const padding = 2
	widths := tw.NewMapper[int, int]()
	for c, h := range tb.header {
		widths.Set(c, twwidth.Width(h.(string))+padding)
	}
	multiline := false
	err := g.each(func(row []Cell) error {
		for c, s := range tb.display(row) {
			if strings.Contains(s, "\n") {
				multiline = true
			}
			widths.Set(c, max(widths.Get(c), twwidth.Width(s)+padding))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if multiline {
		return tb.batch(g)
	}

	t := tb.t
	t.Options(
		tablewriter.WithStreaming(tw.StreamConfig{Enable: true, StrictColumns: true}),
		tablewriter.WithColumnWidths(widths),
	)
	if err := t.Start(); err != nil {
		return err
	}
	t.Header(tb.header...)
	if err := g.each(func(row []Cell) error { return t.Append(tb.display(row)) }); err != nil {
		return err
	}
	return t.Close()
}

// table is a tablewriter table set up for a grid.
type table struct {
	t       *tablewriter.Table
	header  []any
	display func(row []Cell) []string // a row's cells as shown; the slice is reused
}

func newTableOf(w io.Writer, g *Grid, opts Options) *table {
	ncol := len(g.Columns)
	tb := &table{header: make([]any, ncol)}
	aligns := make(tw.Alignment, ncol)
	for c, col := range g.Columns {
		tb.header[c] = tableText(inert.Text(col.Name))
		aligns[c] = tw.AlignLeft
		if col.Align == AlignRight {
			aligns[c] = tw.AlignRight
		}
	}
	cells := make([]string, ncol)
	tb.display = func(row []Cell) []string {
		for c, col := range g.Columns {
			cell := cellOf(row, c)
			s := tableText(col.display(cell.Text))
			if s == "" {
				s = absent
			}
			if opts.Color && cell.Text != "" {
				s = paintLines(s, cell.Tone)
			}
			cells[c] = s
		}
		return cells
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
		tablewriter.WithAlignment(aligns),
	)
	return tb
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
	tb.t.Header(tb.header...)
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
