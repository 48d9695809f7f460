package render

import (
	"bytes"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// sgrCodes matches the colour codes a terminal does not show.
var sgrCodes = regexp.MustCompile("\x1b\\[[0-9;]*m")

// widest is the display width of the widest line of out, colour left out.
func widest(out string) int {
	w := 0
	for _, line := range strings.Split(out, "\n") {
		w = max(w, Width(sgrCodes.ReplaceAllString(line, "")))
	}
	return w
}

// fitGrid is a table with a column of each kind fitting cares about.
func fitGrid() *Grid {
	return &Grid{
		Columns: []Column{
			{Name: "rank", Align: AlignRight},
			{Name: "client"},
			{Name: "revenue", Align: AlignRight, Money: true, Priority: 1},
			{Name: "quadrant", Priority: 2},
			{Name: "reason", Shorten: true},
		},
		Rows: [][]Cell{
			Texts("1", "kestrel-outdoor", "575000.00", "trusted-partner", "attractive (98): a trusted partner with potential 5 of 5"),
			Texts("2", "café-ünïcode", "21500.00", "vendor", "漢字 management time costs £3,280.00 more than the client contributes"),
		},
		Legend: "trend: ↑ up ≥ +5, → flat, ↓ down ≤ −5",
		Empty:  "nothing to show",
	}
}

// header is the first row of a drawn table: its column names.
func header(out string) []string {
	lines := strings.Split(out, "\n")
	var names []string
	for _, f := range strings.Split(lines[1], "|") {
		if f = strings.TrimSpace(f); f != "" {
			names = append(names, f)
		}
	}
	return names
}

func TestFitChoosesColumnsByPriority(t *testing.T) {
	tests := []struct {
		name  string
		width int
		want  []string
	}{
		{"no width: every column in full", 0, []string{"rank", "client", "revenue", "quadrant", "reason"}},
		{"wide enough for all", 200, []string{"rank", "client", "revenue", "quadrant", "reason"}},
		{"the reason shortened before any column goes", 80, []string{"rank", "client", "revenue", "quadrant", "reason"}},
		{"the largest priority goes first", 70, []string{"rank", "client", "revenue", "reason"}},
		{"then the next", 50, []string{"rank", "client", "reason"}},
		{"never a column of priority 0: text gives way", 20, []string{"rank", "cli…", "rea…"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := Write(&out, Table, nil, fitGrid(), Options{Width: tt.width}); err != nil {
				t.Fatal(err)
			}
			if got := header(out.String()); !slices.Equal(got, tt.want) {
				t.Errorf("columns %q, want %q\n%s", got, tt.want, out.String())
			}
			if tt.width >= 40 && widest(out.String()) > tt.width {
				t.Errorf("a line is %d wide, more than %d:\n%s", widest(out.String()), tt.width, out.String())
			}
			if tt.width > 0 && tt.width < 200 && !strings.Contains(out.String(), "…") {
				t.Errorf("no shortened cell at width %d:\n%s", tt.width, out.String())
			}
		})
	}
}

// At any width a table of text columns can fit, no line is wider, with
// colour or without, whatever runes its cells hold.
func TestTableNeverWiderThanWidth(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		g := randomGrid(rng, 1+rng.IntN(8))
		for c := range g.Columns {
			g.Columns[c].Align = AlignLeft
			g.Columns[c].Money = false
			g.Columns[c].Priority = rng.IntN(3)
			g.Columns[c].Shorten = rng.IntN(2) == 0
		}
		width := 1 + len(g.Columns)*(squeezeTo+3) + rng.IntN(60)
		for _, color := range []bool{false, true} {
			var out bytes.Buffer
			if err := Write(&out, Table, nil, g, Options{Width: width, Color: color}); err != nil {
				t.Fatal(err)
			}
			if w := widest(out.String()); w > width {
				t.Fatalf("grid %d (colour %v): a line is %d wide, more than %d:\n%s", i, color, w, width, out.String())
			}
		}
	}
}

func TestShortenCountsDisplayWidth(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"attractive (98)", 0, "attractive (98)"},
		{"attractive (98)", 15, "attractive (98)"},
		{"attractive (98)", 11, "attractive…"},
		{"café ünïcode", 6, "café…"},
		{"漢字漢字漢字", 7, "漢字漢…"},
		{"↑ up ≥ +5", 4, "↑ u…"},
		{"one line\nand a longer line", 8, "one line\nand a l…"},
	}
	for _, tt := range tests {
		if got := shorten(tt.in, tt.width); got != tt.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		if tt.width > 0 && Width(strings.Split(shorten(tt.in, tt.width), "\n")[0]) > tt.width {
			t.Errorf("shorten(%q, %d) is wider than %d", tt.in, tt.width, tt.width)
		}
	}
}

// The legend and the empty message are for people: a table on a terminal
// has them, a pipe's does not.
func TestNotes(t *testing.T) {
	var people, pipe bytes.Buffer
	if err := Write(&people, Table, nil, fitGrid(), Options{Notes: true}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&pipe, Table, nil, fitGrid(), Options{}); err != nil {
		t.Fatal(err)
	}
	if want := pipe.String() + "trend: ↑ up ≥ +5, → flat, ↓ down ≤ −5\n"; people.String() != want {
		t.Errorf("with notes:\n%s\nwant the table and its legend:\n%s", people.String(), want)
	}
	empty := fitGrid()
	empty.Rows = nil
	people.Reset()
	if err := Write(&people, Table, nil, empty, Options{Notes: true}); err != nil {
		t.Fatal(err)
	}
	if people.String() != "nothing to show\n" {
		t.Errorf("empty table with notes = %q, want its message", people.String())
	}
	pipe.Reset()
	if err := Write(&pipe, Table, nil, empty, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pipe.String(), "| rank |") {
		t.Errorf("empty table in a pipe = %q, want its header", pipe.String())
	}
}

func TestPercentAndDecimals(t *testing.T) {
	g := &Grid{
		Columns: []Column{{Name: "margin", Percent: true}, {Name: "hours", Decimals: true}},
		Rows:    [][]Cell{Texts("0.305", "12.5"), Texts("0.3", "8"), Texts("", "310.25"), Texts("-0.0005", "x")},
	}
	var md, csv bytes.Buffer
	if err := Write(&md, Markdown, nil, g, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| 30.5%  | 12.50  |", "| 30.0%  | 8.00   |", "| -      | 310.25 |", "| -0.1%  | x      |"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown has no row %q:\n%s", want, md.String())
		}
	}
	if err := Write(&csv, CSV, nil, g, Options{}); err != nil {
		t.Fatal(err)
	}
	if want := "margin,hours\n0.305,12.5\n0.3,8\n,310.25\n-0.0005,x\n"; csv.String() != want {
		t.Errorf("csv = %q, want the values as they are: %q", csv.String(), want)
	}
}

// Flat names its columns as JSON names the fields, flattens objects and
// joins lists.
func TestFlat(t *testing.T) {
	type inner struct {
		Trust *int `json:"trust"`
		Value *int `json:"value"`
	}
	type row struct {
		ID      string   `json:"id"`
		Delta   *int     `json:"delta"`
		Factors *inner   `json:"factors"`
		Flags   []string `json:"flags"`
		Overdue bool     `json:"overdue"`
		Skip    string   `json:"-"`
	}
	four, minus := 4, -3
	g := Flat(slices.Values([]row{
		{ID: "acme", Delta: &minus, Factors: &inner{Trust: &four}, Flags: []string{"stale", "low-margin"}, Overdue: true},
		{ID: "beta"},
	}))
	var out bytes.Buffer
	if err := Write(&out, CSV, nil, g, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "id,delta,trust,value,flags,overdue\nacme,-3,4,,stale;low-margin,true\nbeta,,,,,false\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}
