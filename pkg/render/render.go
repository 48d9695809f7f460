package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	// Tone optionally colours a cell in table output, applied only when
	// Options.Color is set. It receives the raw cell value (before money
	// grouping) and is not called for absent cells.
	Tone func(cell string) Tone
}

// Grid is a table of strings rendered by the table, markdown and csv formats.
type Grid struct {
	Columns []Column
	// Rows holds one slice per row. "" means absent: shown as "-" in table
	// and markdown, empty in csv. A row shorter than Columns is padded with
	// absent cells; a longer one is an error.
	Rows [][]string
}

// Options tunes rendering.
type Options struct {
	// Color enables ANSI colour in table output (see ColorEnabled).
	Color bool
}

// absent is how table and markdown show an empty cell.
const absent = "-"

// Write renders data in format f: JSON and YAML encode data (any value that
// encoding/json can marshal); table, markdown and csv render g. Output is
// built in memory first, so nothing is written when rendering fails.
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
		switch f {
		case Table:
			out, err = renderTable(g, opts)
		case Markdown:
			out, err = renderMarkdown(g)
		default:
			out, err = renderCSV(g)
		}
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

// check validates the shape of g.
func (g *Grid) check() error {
	if g == nil {
		return errors.New("no grid to render")
	}
	if len(g.Columns) == 0 {
		return errors.New("grid has no columns")
	}
	for i, r := range g.Rows {
		if len(r) > len(g.Columns) {
			return fmt.Errorf("row %d has %d cells, want at most %d", i, len(r), len(g.Columns))
		}
	}
	return nil
}

// cell returns row r's value for column c, "" when the row is short.
func (g *Grid) cell(r, c int) string {
	if row := g.Rows[r]; c < len(row) {
		return row[c]
	}
	return ""
}

// display returns the text shown for raw in table and markdown output.
func (c Column) display(raw string) string {
	if raw == "" {
		return absent
	}
	if c.Money {
		return FormatMoney(raw)
	}
	return raw
}

// encodeJSON encodes v with a 2-space indent, a trailing newline and no HTML
// escaping.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
