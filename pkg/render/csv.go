package render

import (
	"encoding/csv"
	"io"
)

// renderCSV writes the header row then one record per row, with plain
// values: absent cells are empty and money is not grouped.
func renderCSV(w io.Writer, g *Grid) error {
	cw := csv.NewWriter(w)
	rec := make([]string, len(g.Columns))
	for i, c := range g.Columns {
		rec[i] = c.Name
	}
	if err := cw.Write(rec); err != nil {
		return err
	}
	err := g.each(func(row []string) error {
		for c := range g.Columns {
			rec[c] = cellOf(row, c)
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
