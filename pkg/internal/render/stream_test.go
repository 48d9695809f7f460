package render

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// randomGrid is a grid of n rows whose cells mix what tables meet: empty
// (absent) cells, money, wide and combining Unicode, East Asian ambiguous
// runes, pipes, tabs, long words and short rows.
func randomGrid(rng *rand.Rand, n int) *Grid {
	words := []string{"", "a", "Acme & Sons", "Café Ünïcode", "漢字", "±½", "x|y", "tab\there", "  padded  ",
		"at-risk health (29) and an open recovery since 2026-10-15", "-", "0", "e\u0301"}
	money := []string{"", "0", "-1000", "1234567.50", "999.99", "-0.05"}
	g := &Grid{Columns: []Column{
		{Name: "rank", Align: AlignRight},
		{Name: "client"},
		{Name: "amount (GBP)", Align: AlignRight, Money: true},
		{Name: "status"},
		{Name: "x"},
	}}
	for range n {
		row := sampleRow(
			[]string{"1", "10", "100000", ""}[rng.IntN(4)],
			words[rng.IntN(len(words))],
			money[rng.IntN(len(money))],
			[]string{"active", "overdue", "closed", ""}[rng.IntN(4)],
			words[rng.IntN(len(words))],
		)
		g.Rows = append(g.Rows, row[:1+rng.IntN(len(row))])
	}
	return g
}

// streamed is g with its rows given by a Stream that reuses one slice, as
// a large command's rows are.
func streamed(g *Grid) *Grid {
	return &Grid{Columns: g.Columns, Stream: func(yield func([]Cell) bool) {
		var buf []Cell
		for _, r := range g.Rows {
			buf = append(buf[:0], r...)
			if !yield(buf) {
				return
			}
		}
	}}
}

// A streamed table is byte for byte what tablewriter's batch mode draws
// from the same rows, with colour and without, and a Stream gives what
// Rows give in every grid format.
func TestStreamedTableIsBatchTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 200 {
		g := randomGrid(rng, rng.IntN(12))
		for _, color := range []bool{false, true} {
			opts := Options{Color: color}
			var batch, stream bytes.Buffer
			tb := newTableOf(&batch, g.Columns, opts)
			tb.layout = fit(g.Columns, nil, nil, 0)
			if err := tb.batch(g); err != nil {
				t.Fatal(err)
			}
			if err := renderTable(&stream, g, opts); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(batch.Bytes(), stream.Bytes()) {
				t.Fatalf("grid %d (colour %v): streamed table differs from batch\n--- batch ---\n%s\n--- streamed ---\n%s", i, color, batch.Bytes(), stream.Bytes())
			}
		}
		for _, f := range []Format{Table, Markdown, CSV} {
			var rows, stream bytes.Buffer
			if err := Write(&rows, f, nil, g, Options{}); err != nil {
				t.Fatal(err)
			}
			if err := Write(&stream, f, nil, streamed(g), Options{}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(rows.Bytes(), stream.Bytes()) {
				t.Fatalf("grid %d, %s: Stream differs from Rows\n--- rows ---\n%s\n--- stream ---\n%s", i, f, rows.Bytes(), stream.Bytes())
			}
		}
	}
}

// A cell of several lines is drawn as batch mode draws it.
func TestMultilineCellTable(t *testing.T) {
	g := &Grid{Columns: []Column{{Name: "a"}, {Name: "b", Align: AlignRight}}, Rows: plain([][]string{
		{"one\ntwo lines", "1"}, {"x", "22\n3"},
	})}
	var batch, got bytes.Buffer
	tb := newTableOf(&batch, g.Columns, Options{})
	tb.layout = fit(g.Columns, nil, nil, 0)
	if err := tb.batch(g); err != nil {
		t.Fatal(err)
	}
	if err := Write(&got, Table, nil, streamed(g), Options{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(batch.Bytes(), got.Bytes()) {
		t.Fatalf("got\n%s\nwant\n%s", got.Bytes(), batch.Bytes())
	}
	if !bytes.Contains(got.Bytes(), []byte("two lines")) {
		t.Fatalf("the second line of a cell is missing:\n%s", got.Bytes())
	}
}

// A streamed row longer than the columns is an error, as it is in Rows.
func TestStreamedRowTooLong(t *testing.T) {
	g := &Grid{Columns: []Column{{Name: "a"}}, Rows: plain([][]string{{"1"}, {"1", "2"}})}
	for _, f := range []Format{Table, Markdown, CSV} {
		if err := Write(&bytes.Buffer{}, f, nil, streamed(g), Options{}); err == nil {
			t.Errorf("%s: no error for a row of 2 cells under 1 column", f)
		}
	}
}
