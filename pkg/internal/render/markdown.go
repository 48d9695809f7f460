package render

import (
	"bufio"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/clientbook/clientbook/pkg/internal/inert"
)

// renderMarkdown writes a GitHub-flavoured markdown table: a header row, an
// alignment row ("---" left, "---:" right) and one row per Grid row. Cells
// are padded to the column width so the source lines up; pipes are escaped
// as `\|`, control characters are escaped (inert.Text), the lines of a
// Lines cell are joined by a space, absent cells show "-" and money is
// grouped. Markdown output never carries colour.
func renderMarkdown(w io.Writer, g *Grid) error {
	cols, err := g.columns()
	if err != nil {
		return err
	}
	ncol := len(cols)
	header := make([]string, ncol)
	for c, col := range cols {
		header[c] = mdEscape(inert.Text(col.Name))
	}
	cells := make([]string, ncol)
	body := func(row []Cell) []string {
		for c, col := range cols {
			cells[c] = mdEscape(col.display(cellOf(row, c).Text))
		}
		return cells
	}

	// The first pass measures, the second writes: a streamed grid is never
	// held whole.
	widths := make([]int, ncol)
	for c := range widths {
		widths[c] = max(3, mdWidth(header[c]))
	}
	err = g.each(func(row []Cell) error {
		for c, s := range body(row) {
			widths[c] = max(widths[c], mdWidth(s))
		}
		return nil
	})
	if err != nil {
		return err
	}

	buf := bufio.NewWriter(w)
	writeMDRow(buf, cols, widths, header)
	buf.WriteByte('|')
	for c, col := range cols {
		buf.WriteByte(' ')
		if col.Align == AlignRight {
			buf.WriteString(strings.Repeat("-", widths[c]-1))
			buf.WriteByte(':')
		} else {
			buf.WriteString(strings.Repeat("-", widths[c]))
		}
		buf.WriteString(" |")
	}
	buf.WriteByte('\n')
	err = g.each(func(row []Cell) error {
		writeMDRow(buf, cols, widths, body(row))
		return nil
	})
	if err != nil {
		return err
	}
	return buf.Flush()
}

func writeMDRow(buf *bufio.Writer, cols []Column, widths []int, cells []string) {
	buf.WriteByte('|')
	for c, s := range cells {
		pad := strings.Repeat(" ", widths[c]-mdWidth(s))
		buf.WriteByte(' ')
		if cols[c].Align == AlignRight {
			buf.WriteString(pad)
			buf.WriteString(s)
		} else {
			buf.WriteString(s)
			buf.WriteString(pad)
		}
		buf.WriteString(" |")
	}
	buf.WriteByte('\n')
}

// mdReplacer escapes pipes and joins the lines of a Lines cell: nothing
// else in an escaped cell is a control character.
var mdReplacer = strings.NewReplacer("|", `\|`, "\n", " ")

// mdEscape makes escaped text safe inside a markdown table cell.
func mdEscape(s string) string { return mdReplacer.Replace(s) }

// mdWidth is the display width of s, independent of the locale so output is
// byte-stable.
func mdWidth(s string) int {
	return twwidth.WidthWithOptions(s, twwidth.Options{})
}
