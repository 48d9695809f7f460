package render

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/clientbook/clientbook/pkg/internal/inert"
)

// renderCSV writes the header row then one record per row, with plain
// values: absent cells are empty and money is not grouped. Every cell is
// escaped (inert.Text: a record is one line, the lines of a Lines cell are
// joined by a space) and then kept from being read as a formula
// (inert.CSVCell: "=1+1" is written '=1+1, "-12.50" stays a number).
func renderCSV(w io.Writer, g *Grid) error {
	cw := csv.NewWriter(w)
	rec := make([]string, len(g.Columns))
	for i, c := range g.Columns {
		rec[i] = csvCell(c.Name)
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	err := g.each(func(row []Cell) error {
		for c, col := range g.Columns {
			s := cellOf(row, c).Text
			if col.Lines {
				s = strings.ReplaceAll(col.text(s), "\n", " ")
			}
			rec[c] = csvCell(s)
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// csvCell is a cell as csv writes it: escaped, then neutralised.
func csvCell(s string) string { return inert.CSVCell(inert.Text(s)) }
