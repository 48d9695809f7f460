package render

import (
	"bytes"
	"encoding/csv"
)

// renderCSV writes the header row then one record per row, with plain
// values: absent cells are empty and money is not grouped.
func renderCSV(g *Grid) ([]byte, error) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	rec := make([]string, len(g.Columns))
	for i, c := range g.Columns {
		rec[i] = c.Name
	}
	if err := cw.Write(rec); err != nil {
		return nil, err
	}
	for r := range g.Rows {
		for c := range g.Columns {
			rec[c] = g.cell(r, c)
		}
		if err := cw.Write(rec); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
