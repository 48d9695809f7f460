package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// hostile values: what a pull request can put in a client's name or notes.
const (
	clearScreen = "\x1b[2JAcme"
	osc8Link    = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
	bellCR      = "ring\a\rgone"
	ciCommand   = "Acme\n::error file=x::pwned"
	c1CSI       = "\u009b31mred"
	bidi        = "invoice\u202egpj.exe"
)

type hostileRow struct {
	Client string `json:"client"`
	Notes  string `json:"notes"`
	Amount string `json:"amount"`
}

func hostileRows() []hostileRow {
	return []hostileRow{
		{Client: clearScreen, Notes: osc8Link, Amount: "-12.50"},
		{Client: ciCommand, Notes: bellCR, Amount: "=1+1"},
		{Client: c1CSI, Notes: bidi, Amount: "@SUM(A1:A2)"},
	}
}

// hostileGrid shows hostileRows, with a header built from book text (a
// currency) and a Lines column.
func hostileGrid() *Grid {
	g := &Grid{Columns: []Column{
		{Name: "client"},
		{Name: "notes", Lines: true},
		{Name: "amount (\x1b[5mGBP)", Align: AlignRight},
	}}
	for _, r := range hostileRows() {
		g.Rows = append(g.Rows, Texts(r.Client, Lines(r.Notes, "team note: "+r.Client), r.Amount))
	}
	return g
}

// TestHostileTextPerFormat: in the text formats every control character
// of a cell or a column name is a visible escape, a CSV cell cannot start
// a formula, and JSON and YAML give the data back exactly, each value on
// its line, with every control character written as an escape of their
// own syntax.
func TestHostileTextPerFormat(t *testing.T) {
	for _, tc := range []struct {
		format Format
		want   string
	}{
		{Table, `+-----------------------------+-----------------------------------------------------+---------------------+
| client                      | notes                                               | amount (\x1b[5mGBP) |
+-----------------------------+-----------------------------------------------------+---------------------+
| \x1b[2JAcme                 | \x1b]8;;https://evil.example\x1b\click\x1b]8;;\x1b\ |              -12.50 |
|                             | team note: \x1b[2JAcme                              |                     |
| Acme\n::error file=x::pwned | ring\x07\rgone                                      |                =1+1 |
|                             | team note: Acme\n::error file=x::pwned              |                     |
| \u009b31mred                | invoice\u202egpj.exe                                |         @SUM(A1:A2) |
|                             | team note: \u009b31mred                             |                     |
+-----------------------------+-----------------------------------------------------+---------------------+
`},
		{Markdown, `| client                      | notes                                                                      | amount (\x1b[5mGBP) |
| --------------------------- | -------------------------------------------------------------------------- | ------------------: |
| \x1b[2JAcme                 | \x1b]8;;https://evil.example\x1b\click\x1b]8;;\x1b\ team note: \x1b[2JAcme |              -12.50 |
| Acme\n::error file=x::pwned | ring\x07\rgone team note: Acme\n::error file=x::pwned                      |                =1+1 |
| \u009b31mred                | invoice\u202egpj.exe team note: \u009b31mred                               |         @SUM(A1:A2) |
`},
		{CSV, `client,notes,amount (\x1b[5mGBP)
\x1b[2JAcme,\x1b]8;;https://evil.example\x1b\click\x1b]8;;\x1b\ team note: \x1b[2JAcme,-12.50
Acme\n::error file=x::pwned,ring\x07\rgone team note: Acme\n::error file=x::pwned,'=1+1
\u009b31mred,invoice\u202egpj.exe team note: \u009b31mred,'@SUM(A1:A2)
`},
		{JSON, "[\n" +
			"  {\n" +
			`    "client": "\u001b[2JAcme",` + "\n" +
			`    "notes": "\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\",` + "\n" +
			`    "amount": "-12.50"` + "\n" +
			"  },\n" +
			"  {\n" +
			`    "client": "Acme\n::error file=x::pwned",` + "\n" +
			`    "notes": "ring\u0007\rgone",` + "\n" +
			`    "amount": "=1+1"` + "\n" +
			"  },\n" +
			"  {\n" +
			`    "client": "\u009b31mred",` + "\n" +
			`    "notes": "invoice\u202egpj.exe",` + "\n" +
			`    "amount": "@SUM(A1:A2)"` + "\n" +
			"  }\n" +
			"]\n"},
		{YAML, `- client: "\e[2JAcme"` + "\n" +
			`  notes: "\e]8;;https://evil.example\e\\click\e]8;;\e\\"` + "\n" +
			`  amount: "-12.50"` + "\n" +
			`- client: "Acme\n::error file=x::pwned"` + "\n" +
			`  notes: "ring\a\rgone"` + "\n" +
			`  amount: =1+1` + "\n" +
			`- client: "\x9B31mred"` + "\n" +
			`  notes: "invoice\u202egpj.exe"` + "\n" +
			`  amount: '@SUM(A1:A2)'` + "\n"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			var out bytes.Buffer
			if err := Write(&out, tc.format, hostileRows(), hostileGrid(), Options{}); err != nil {
				t.Fatal(err)
			}
			if got := out.String(); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s\ngot (quoted) %q", got, tc.want, got)
			}
			if strings.ContainsAny(out.String(), "\x1b\a\r\u009b\u202e") {
				t.Errorf("control characters reached the output: %q", out.String())
			}
			var back []hostileRow
			switch tc.format {
			case JSON:
				if err := json.Unmarshal(out.Bytes(), &back); err != nil {
					t.Fatal(err)
				}
			case YAML:
				if err := yaml.Unmarshal(out.Bytes(), &back); err != nil {
					t.Fatal(err)
				}
			default:
				return
			}
			if !slices.Equal(back, hostileRows()) {
				t.Errorf("%s is not exact: read back %q", tc.format, back)
			}
		})
	}
}

// TestEscapingLeavesTextAlone: ordinary text, accents, symbols and emoji
// included, is printed as it is in every text format.
func TestEscapingLeavesTextAlone(t *testing.T) {
	text := "Café Ünïcode — 29 at-risk ↓, a, b, … 🚀 東京"
	g := &Grid{Columns: []Column{{Name: "naïve ≥ 50"}}, Rows: plain([][]string{{text}})}
	for _, f := range []Format{Table, Markdown, CSV} {
		var out bytes.Buffer
		if err := Write(&out, f, nil, g, Options{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), text) || !strings.Contains(out.String(), "naïve ≥ 50") {
			t.Errorf("%s changed ordinary text:\n%s", f, out.String())
		}
	}
}

// TestToneAroundTheEscapedCell: a cell's text is escaped before the
// colour codes of its tone are added around it.
func TestToneAroundTheEscapedCell(t *testing.T) {
	g := &Grid{
		Columns: []Column{{Name: "x"}},
		Rows:    [][]Cell{{{Text: "a\x1b[0mb", Tone: ToneBad}}},
	}
	var out bytes.Buffer
	if err := Write(&out, Table, nil, g, Options{Color: true}); err != nil {
		t.Fatal(err)
	}
	if want := "| " + sgrRed + `a\x1b[0mb` + sgrReset + " |"; !strings.Contains(out.String(), want) {
		t.Errorf("want the escaped cell painted, %q, in\n%q", want, out.String())
	}
}

func TestCSVFormulas(t *testing.T) {
	g := &Grid{
		Columns: []Column{{Name: "=HEADER()"}, {Name: "n"}},
		Rows: plain([][]string{
			{"=1+1", "-12.50"},
			{"+1", "-3"},
			{"-x", "@SUM(A1)"},
			{"\tx", "\rx"},
			{"1e5", "-1e5"},
		}),
	}
	var out bytes.Buffer
	if err := Write(&out, CSV, nil, g, Options{}); err != nil {
		t.Fatal(err)
	}
	// A tab or a carriage return is escaped before the cell is looked at,
	// so neither can lead a cell; the escaped text starts with \.
	want := `'=HEADER(),n
'=1+1,-12.50
+1,-3
'-x,'@SUM(A1)
\tx,\rx
1e5,'-1e5
`
	if got := out.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestFprintf(t *testing.T) {
	var out bytes.Buffer
	n := 3
	Fprintf(&out, "%2d. %-8s|%s|%q|%v\n", n, "a\x1bb", ciCommand, "q\x1b", []string{"x\ny"})
	Fprintln(&out, "name:", bidi, 42, true)
	out.WriteString(Sprintf("%-*s|%5s|%s\n", 6, "\a", "é", errors.New("e\rr")))
	want := ` 3. a\x1bb  |Acme\n::error file=x::pwned|"q\x1b"|[x\ny]
name: invoice\u202egpj.exe 42 true
\x07  |    é|e\rr
`
	if got := out.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Ordinary text formats exactly as fmt formats it.
	args := []any{"Café", 7, 3.5, "x", book{"Ünï"}}
	if got, want := Sprintf("%-6s|%03d|%.2f|%5q|%v", args...), fmt.Sprintf("%-6s|%03d|%.2f|%5q|%v", args...); got != want {
		t.Errorf("Sprintf = %q, fmt.Sprintf = %q", got, want)
	}
}

// book is a Stringer holding text.
type book struct{ name string }

func (b book) String() string { return b.name }

// TestMoneyCellsAreEscaped: a money cell that is not a plain decimal is
// shown as it is, and escaped as any other text.
func TestMoneyCellsAreEscaped(t *testing.T) {
	g := &Grid{Columns: []Column{{Name: "fee", Money: true}}, Rows: plain([][]string{{"1234.50"}, {"12\x1b[2J"}})}
	var out bytes.Buffer
	if err := Write(&out, Markdown, nil, g, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "| fee       |\n| --------- |\n| 1,234.50  |\n| 12\\x1b[2J |\n"
	if got := out.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
